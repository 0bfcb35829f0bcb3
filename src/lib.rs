//! pidns-tutor: a live, step-by-step lesson on Linux PID namespaces.
//!
//! Three sources feed one app: `lesson` (what we say), `lab` (what the kernel does) and
//! `procs` (what /proc shows). `session` keeps the lab's lifecycle; `steps` says what each
//! step is (one file each) and runs it against the lab, returning an `Observation`; `walk`
//! prints observations, the TUI (`app` + `ui` + `tui`) draws them.

// Data from the outside world (the kernel, /proc, the terminal, the user) is never
// unwrapped: it is handled or reported.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod app;
pub mod cast;
pub mod check;
pub mod completions;
pub mod help_ko;
pub mod i18n;
pub mod lab;
pub mod lang;
pub mod lesson;
pub mod manual;
pub mod notes;
pub mod procs;
pub mod progress;
pub mod quiz;
pub mod record;
pub mod safe_file;
pub mod sanitize;
pub mod session;
pub mod source;
pub mod steps;
pub mod symbols;
pub mod tasks;
pub mod time;
pub mod tree;
pub mod tui;
pub mod ui;
pub mod walk;
pub mod width;
pub mod words;
