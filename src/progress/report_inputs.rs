//! What `report` reads: files, directories (searched for progress files, as a teacher
//! collects them: `class/ana.json`, `class/bo/pidns-tutor/progress.json`) and `-` (stdin,
//! which may hold several progress files one after another). Each input keeps its name, so
//! a file that cannot be counted is named.

use super::Progress;
use super::store::{Bad, parse, parse_value};
use crate::safe_file::{self, INPUT_MAX, read_bounded};
use std::io::Read;
use std::path::{Path, PathBuf};

/// One input: its name and what it held.
pub type ReportInput = (String, Result<Progress, Bad>);

/// How deep a directory is searched: a collected class is a few levels at most, and a
/// bound keeps a mistaken `report /` short.
const DEPTH: usize = 6;

/// Reads the named files and directories; `-` is stdin.
pub fn read_inputs(files: &[impl AsRef<Path>], stdin: &mut dyn Read) -> Vec<ReportInput> {
    let mut inputs = vec![];
    for file in files {
        let file = file.as_ref();
        if file == Path::new("-") {
            inputs.extend(read_stream(stdin));
        } else if file.is_dir() {
            let mut found = vec![];
            if let Err(e) = progress_files(file, DEPTH, &mut found) {
                inputs.push((
                    file.display().to_string(),
                    Err(Bad::Unreadable(e.to_string())),
                ));
            }
            if found.is_empty() {
                let none = Bad::Unreadable("a directory with no .json files in it".into());
                inputs.push((file.display().to_string(), Err(none)));
            }
            inputs.extend(found.iter().map(|path| read_file(path)));
        } else {
            inputs.push(read_file(file));
        }
    }
    inputs
}

fn read_file(file: &Path) -> ReportInput {
    // Bounded, and never a FIFO or a device: a student's file is hostile input.
    let read = read_bounded(file, INPUT_MAX).map_err(|e| Bad::Unreadable(e.to_string()));
    (
        file.display().to_string(),
        read.and_then(|bytes| parse(&bytes)),
    )
}

/// The `.json` files under `dir`, in name order. Symbolic links, hidden names (a save's
/// temporary file), a talk's progress, FIFOs and devices are passed over: only regular
/// files are read.
fn progress_files(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        // A save's temporary file; a speaker's talk, which is no learner's work.
        if name.starts_with('.') || name == super::store::TALK_FILE {
            continue;
        }
        if kind.is_dir() && depth > 0 {
            // A subdirectory that cannot be read is passed over; the rest still counts.
            let _ = progress_files(&entry.path(), depth - 1, found);
        } else if kind.is_file() && name.ends_with(".json") {
            found.push(entry.path());
        }
    }
    Ok(())
}

fn read_stream(stdin: &mut dyn Read) -> Vec<ReportInput> {
    let mut bytes = vec![];
    if let Err(e) = safe_file::read_stream(stdin, INPUT_MAX, &mut bytes) {
        return vec![("stdin".into(), Err(Bad::Unreadable(e.to_string())))];
    }
    let name = |n: usize| {
        if n == 1 {
            "stdin".to_string()
        } else {
            format!("stdin (document {n})")
        }
    };
    let mut inputs = vec![];
    let stream = serde_json::Deserializer::from_slice(&bytes).into_iter::<serde_json::Value>();
    for (index, value) in stream.enumerate() {
        match value {
            Ok(value) => inputs.push((name(index + 1), parse_value(value))),
            // After a syntax error the stream cannot find the next document: stop there.
            Err(e) => {
                inputs.push((name(index + 1), Err(Bad::NotJson(e.to_string()))));
                break;
            }
        }
    }
    if inputs.is_empty() {
        inputs.push((name(1), Err(Bad::NotJson("empty input".into()))));
    }
    inputs
}
