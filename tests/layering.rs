//! The layers depend one way. A scan of the source (every `crate::x` a file names, outside
//! comments) checks two rules, so a stray import fails here rather than in review:
//! - the layer table: a top-level module may use only modules on floors below its own
//!   (not beside it, not above it), and every module has a floor;
//! - no circles between files: inside any folder, no file reaches itself again through
//!   its siblings (`super::x`, `crate::path::x`).
//!
//! And one rule of names: no two public types share one.
//!
//! The unit tests at the end feed the checkers a broken graph, so both failures are
//! proven to be caught, not just claimed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The floors, ground first. A module may use the modules of the floors below its own.
const LAYERS: &[&[&str]] = &[
    // The ground floor: the language, the clock, widths, files opened safely, text
    // escaped, the glyphs; nothing of the lesson.
    &["lang", "time", "width", "safe_file", "sanitize", "symbols"],
    // Words in both languages, and the one way to fill them in.
    &["i18n"],
    // What /proc shows; the lesson's text and its steps as a type.
    &["procs", "lesson"],
    // What the kernel does.
    &["lab"],
    // The lab's lifecycle; the question machinery; the hands-on tasks.
    &["session", "quiz", "tasks"],
    // One file per step, one table; the TUI's words.
    &["steps", "words"],
    // What was observed and answered, kept.
    &["record", "progress"],
    // Live or recorded.
    &["source"],
    // The front ends' cores: the doctor, the plain walk, the tree tool, the app state.
    &["check", "walk", "tree", "app"],
    // Drawing the app; the speaker's notes.
    &["ui", "notes"],
    // The terminal runtime.
    &["tui"],
    // Casts replay the TUI's frames.
    &["cast"],
    // What the command line gives packagers and shells: the manual, completion scripts,
    // its help in Korean.
    &["manual", "completions", "help_ko"],
];

type Graph = BTreeMap<String, BTreeSet<String>>;

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
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The code of a file without its comments (line comments and doc comments; the code
/// here has no block comments).
fn code(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string ("https://...") is rare in paths; a comment is not.
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a file names after `prefix` (`crate::`, `super::`), each as its segments:
/// `crate::lab::Lab` gives `["lab", "Lab"]`; `crate::{lab, procs::X}` gives both.
fn paths(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().last();
        rest = &rest[at + prefix.len()..];
        // `pidns_tutor::crate::` does not exist, but `foo_super::` might.
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        out.extend(expand(rest));
    }
    out
}

/// The paths at the start of `text`, `{...}` groups expanded (one level deep is enough).
fn expand(text: &str) -> Vec<Vec<String>> {
    let mut head = Vec::new();
    let mut rest = text;
    loop {
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            return group[..end]
                .split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(|item| {
                    let mut path = head.clone();
                    path.extend(item.split("::").map(|s| word(s).to_string()));
                    path
                })
                .collect();
        }
        let name = word(rest);
        if name.is_empty() {
            return vec![head];
        }
        head.push(name.to_string());
        rest = &rest[name.len()..];
        match rest.strip_prefix("::") {
            Some(more) => rest = more,
            None => return vec![head],
        }
    }
}

/// The identifier at the start of `text`.
fn word(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The top-level module a file under `src` belongs to (`None` for lib.rs and main.rs).
fn module_of(file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src()).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    match first.strip_suffix(".rs") {
        Some("lib" | "main") => None,
        Some(name) => Some(name.to_string()),
        None => Some(first.to_string()),
    }
}

/// Which top-level modules each module uses.
fn module_graph() -> Graph {
    let mut graph = Graph::new();
    for file in sources(&src()) {
        let Some(module) = module_of(&file) else {
            continue;
        };
        let text = code(&std::fs::read_to_string(&file).expect("read a source file"));
        let used = graph.entry(module.clone()).or_default();
        for path in paths(&text, "crate::") {
            if let Some(first) = path.first().filter(|first| **first != module) {
                used.insert(first.clone());
            }
        }
    }
    graph
}

/// Which sibling files each file uses, by module path (`session::host`), for every
/// folder. A folder's `mod.rs` is its face (it declares and re-exports its children), so
/// it is left out: a child using what the folder defines is no circle.
fn file_graph() -> Graph {
    let mut graph = Graph::new();
    for file in sources(&src()) {
        let Ok(relative) = file.strip_prefix(src()) else {
            continue;
        };
        let mut path: Vec<String> = relative
            .with_extension("")
            .components()
            .filter_map(|c| c.as_os_str().to_str().map(String::from))
            .collect();
        if path.last().is_some_and(|l| l == "mod") || path.len() < 2 {
            continue;
        }
        let name = path.join("::");
        let me = path.pop().unwrap_or_default();
        let folder = path;
        let text = code(&std::fs::read_to_string(&file).expect("read a source file"));
        let mut siblings = BTreeSet::new();
        for used in paths(&text, "super::") {
            if let Some(first) = used.first().filter(|f| **f != "super" && **f != me) {
                siblings.insert(first.clone());
            }
        }
        for used in paths(&text, "crate::") {
            if used.len() > folder.len() && used[..folder.len()] == folder[..] {
                let sibling = &used[folder.len()];
                if *sibling != me {
                    siblings.insert(sibling.clone());
                }
            }
        }
        let prefix = folder.join("::");
        let is_file = |s: &String| {
            let base = src().join(folder.join("/")).join(s);
            base.with_extension("rs").is_file() || base.join("mod.rs").is_file()
        };
        let edges = graph.entry(name).or_default();
        edges.extend(
            siblings
                .into_iter()
                .filter(is_file)
                .map(|s| format!("{prefix}::{s}")),
        );
    }
    graph
}

/// The imports that break the layer table: a module using one on its own floor or above,
/// or a module without a floor.
fn layer_breaks(layers: &[&[&str]], graph: &Graph) -> Vec<String> {
    let floor = |m: &str| layers.iter().position(|floor| floor.contains(&m));
    let mut breaks = Vec::new();
    for (module, used) in graph {
        let Some(mine) = floor(module) else {
            breaks.push(format!("{module} has no floor in the layer table"));
            continue;
        };
        for other in used {
            match floor(other) {
                Some(theirs) if theirs < mine => {}
                Some(theirs) => breaks.push(format!(
                    "{module} (floor {mine}) uses {other} (floor {theirs}): only lower floors may be used"
                )),
                None => breaks.push(format!("{module} uses {other}, which has no floor")),
            }
        }
    }
    breaks
}

/// The circles in `graph`: each strongly connected set of more than one node (or a node
/// that uses itself), in order.
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    // Reachability by depth-first search from every node: the graphs here are small.
    let reach = |start: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![start.clone()];
        while let Some(node) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|node| (node, reach(node))).collect();
    let mut found: Vec<Vec<String>> = Vec::new();
    for (node, reached) in &reaches {
        if !reached.contains(*node) {
            continue;
        }
        let circle: Vec<String> = reached
            .iter()
            .filter(|other| reaches.get(other).is_some_and(|r| r.contains(*node)))
            .cloned()
            .collect();
        if !found.contains(&circle) {
            found.push(circle);
        }
    }
    found
}

#[test]
fn each_module_uses_only_the_floors_below_it() {
    let graph = module_graph();
    assert!(graph.len() >= 20, "found only {graph:?}");
    let breaks = layer_breaks(LAYERS, &graph);
    assert!(
        breaks.is_empty(),
        "the layer table is broken:\n{}",
        breaks.join("\n")
    );
}

#[test]
fn no_module_is_in_an_import_circle() {
    let circles = circles(&module_graph());
    assert!(circles.is_empty(), "modules in a circle: {circles:?}");
}

#[test]
fn no_file_is_in_an_import_circle() {
    let graph = file_graph();
    // The folders the review found circles in are scanned too.
    for file in ["session::host", "lab::experiments::sandbox", "steps::clone"] {
        assert!(graph.contains_key(file), "{file} not scanned");
    }
    // And the edges between siblings are read (`super::x` and `crate::path::x`).
    assert!(
        graph["steps::nesting"].contains("steps::sandboxed"),
        "{graph:?}"
    );
    assert!(graph["lab::experiments::joining"].contains("lab::experiments::nesting"));
    let circles = circles(&graph);
    assert!(circles.is_empty(), "files in a circle: {circles:?}");
}

/// Public types named twice in `files` (name, then the files that define it).
fn shared_type_names(files: &[(String, String)]) -> Vec<(String, Vec<String>)> {
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (file, text) in files {
        for line in code(text).lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            if let [first, kind, name, ..] = words[..]
                && first == "pub"
                && ["struct", "enum", "trait", "type"].contains(&kind)
            {
                let name = word(name).to_string();
                by_name.entry(name).or_default().push(file.clone());
            }
        }
    }
    by_name.into_iter().filter(|(_, at)| at.len() > 1).collect()
}

/// Two public types of one name make a reader (and an import) ask which is meant.
#[test]
fn no_two_public_types_share_a_name() {
    let files: Vec<(String, String)> = sources(&src())
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("read a source file");
            (path.display().to_string(), text)
        })
        .collect();
    assert!(files.len() > 50, "the scan found the sources");
    let shared = shared_type_names(&files);
    assert!(shared.is_empty(), "{shared:#?}");
    // And the check sees a pair when there is one.
    let pair = [
        ("a.rs".to_string(), "pub struct Mark {".to_string()),
        ("b.rs".to_string(), "pub enum Mark {".to_string()),
    ];
    assert_eq!(shared_type_names(&pair).len(), 1);
}

#[test]
fn nothing_under_src_app_imports_the_ui() {
    let app = src().join("app");
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

// The checkers themselves, on graphs broken on purpose.

fn graph(edges: &[(&str, &str)]) -> Graph {
    let mut graph = Graph::new();
    for (from, to) in edges {
        graph
            .entry(from.to_string())
            .or_default()
            .insert(to.to_string());
        graph.entry(to.to_string()).or_default();
    }
    graph
}

#[test]
fn an_upward_or_sideways_import_is_caught() {
    let layers: &[&[&str]] = &[&["ground"], &["middle", "beside"], &["top"]];
    let fine = graph(&[("top", "middle"), ("middle", "ground"), ("top", "ground")]);
    assert_eq!(layer_breaks(layers, &fine), Vec::<String>::new());
    // The ground reaching up, and a module using its neighbour on the same floor.
    let broken = graph(&[("ground", "top"), ("middle", "beside")]);
    let breaks = layer_breaks(layers, &broken);
    assert_eq!(breaks.len(), 2, "{breaks:?}");
    assert!(
        breaks[0].starts_with("ground (floor 0) uses top"),
        "{breaks:?}"
    );
    assert!(
        breaks[1].starts_with("middle (floor 1) uses beside"),
        "{breaks:?}"
    );
    let unplaced = graph(&[("stray", "ground")]);
    assert_eq!(
        layer_breaks(layers, &unplaced),
        ["stray has no floor in the layer table"]
    );
}

#[test]
fn a_circle_is_caught() {
    let line = graph(&[("a", "b"), ("b", "c")]);
    assert!(circles(&line).is_empty());
    let circle = graph(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]);
    assert_eq!(circles(&circle), [["a", "b", "c"]]);
    let two = graph(&[("facts", "chapter2"), ("chapter2", "facts")]);
    assert_eq!(circles(&two), [["chapter2", "facts"]]);
}

#[test]
fn imports_are_read_as_the_compiler_would() {
    let text = code(
        "use crate::{lab::Lab, procs};\nuse super::sandbox::Sandbox; // crate::ui in a comment\n//! crate::tui\nfn f() { crate::width::wrap(); my_super::x; }",
    );
    let crate_paths = paths(&text, "crate::");
    let firsts: Vec<&str> = crate_paths.iter().map(|p| p[0].as_str()).collect();
    assert_eq!(firsts, ["lab", "procs", "width"]);
    let supers = paths(&text, "super::");
    assert_eq!(supers, [vec!["sandbox".to_string(), "Sandbox".to_string()]]);
}
