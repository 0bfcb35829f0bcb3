//! The layers depend one way: the ui draws the app's state, the app never reaches into the
//! ui (it learns the layout from the `Geometry` each frame reports). A scan of the source,
//! so a stray `use crate::ui` fails here rather than in review.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, recursively.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read the source directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

#[test]
fn nothing_under_src_app_imports_the_ui() {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    let files = sources(&app);
    assert!(files.len() >= 3, "found only {files:?}");
    // Every way a module under src/app could name src/ui.
    let ways = [
        "crate::ui",
        "super::ui",
        "super::super::ui",
        "pidns_tutor::ui",
    ];
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read a source file");
        for (number, line) in text.lines().enumerate() {
            if let Some(way) = ways.iter().find(|way| line.contains(*way)) {
                found.push(format!("{}:{}: {way}", file.display(), number + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "src/app must not import src/ui:\n{}",
        found.join("\n")
    );
}
