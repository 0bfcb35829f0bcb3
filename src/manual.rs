//! The manual: one roff page per command, pidns-tutor(1) and pidns-tutor-walk(1) and so
//! on, from the same clap::Command the parser uses (clap_mangen), plus the sections clap
//! knows nothing about: KEYS, ENVIRONMENT, FILES, EXIT STATUS and SEE ALSO.

use clap::Command;
use roff::{Roff, bold, italic, roman};
use std::io;

/// One manual page, named as `man` finds it (`pidns-tutor-walk` is in `pidns-tutor-walk.1`).
pub struct Page {
    pub name: String,
    pub roff: Vec<u8>,
}

impl Page {
    pub fn file_name(&self) -> String {
        format!("{}.1", self.name)
    }
}

/// Every page: the program's own first, then one per subcommand (git's naming: the page
/// pidns-tutor-walk(1) for `pidns-tutor walk`).
pub fn pages(command: Command) -> io::Result<Vec<Page>> {
    // `help` has no page: clap_mangen would list it among the subcommands all the same.
    let mut command = command.disable_help_subcommand(true);
    command.build();
    let program = command.get_name().to_string();
    let subs: Vec<Command> = command
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect();
    let mut pages = vec![main_page(&command, &subs)?];
    for sub in subs {
        let name = format!("{program}-{}", sub.get_name());
        let typed = format!("{program} {}", sub.get_name());
        let sub = sub.name(name.clone()).bin_name(typed);
        let man = clap_mangen::Man::new(sub.clone());
        let mut out = Vec::new();
        man.render_title(&mut out)?;
        man.render_name_section(&mut out)?;
        man.render_synopsis_section(&mut out)?;
        man.render_description_section(&mut out)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut out)?;
        }
        let mut roff = Roff::new();
        exit_status(&mut roff);
        see_also(&mut roff, &[format!("{program}(1)")]);
        roff.to_writer(&mut out)?;
        pages.push(Page { name, roff: out });
    }
    Ok(pages)
}

fn main_page(command: &Command, subs: &[Command]) -> io::Result<Page> {
    let man = clap_mangen::Man::new(command.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    man.render_subcommands_section(&mut out)?;
    let mut roff = Roff::new();
    // clap_mangen would print the after-help under EXTRA; it is the key map.
    if let Some(keys) = command.get_after_help() {
        roff.control("SH", ["KEYS"]);
        // Its lines are wrapped for --help: a paragraph ends where a sentence does.
        let mut paragraph = String::new();
        for line in keys.to_string().lines() {
            paragraph.push_str(line.trim());
            paragraph.push(' ');
            if line.ends_with('.') {
                roff.text([roman(paragraph.trim_end())]);
                roff.control("PP", []);
                paragraph.clear();
            }
        }
    }
    environment(&mut roff);
    files(&mut roff);
    exit_status(&mut roff);
    let mut also: Vec<String> = subs
        .iter()
        .map(|s| format!("{}-{}(1)", command.get_name(), s.get_name()))
        .collect();
    also.extend(
        [
            "unshare(1)",
            "nsenter(1)",
            "pid_namespaces(7)",
            "user_namespaces(7)",
        ]
        .map(String::from),
    );
    see_also(&mut roff, &also);
    roff.to_writer(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(Page {
        name: command.get_name().to_string(),
        roff: out,
    })
}

/// A tagged paragraph: `tag` in bold, then `text`.
fn item(roff: &mut Roff, tag: &str, text: &str) {
    roff.control("TP", []);
    roff.text([bold(tag)]);
    roff.text([roman(text)]);
}

/// Every variable the program reads (grep `env::var` in src/ to check this list).
fn environment(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, text) in [
        (
            "LC_ALL, LC_MESSAGES, LANG",
            "The language of the lesson, the help and check, unless --lang says: the first of \
             them that is set decides, Korean when it starts with ko, else English.",
        ),
        (
            "NO_COLOR",
            "Set and not empty: no colours, only bold, reverse and underline (no-color.org).",
        ),
        (
            "COLORFGBG",
            "With --theme auto, tells a light terminal background from a dark one.",
        ),
        (
            "NO_PROGRESS",
            "Set, not empty and not 0: no progress file is read or written, as --no-progress.",
        ),
        (
            "COLUMNS",
            "The width of walk and tree output; else the terminal's, and a pipe gets whole lines.",
        ),
        (
            "TERM",
            "dumb: the terminal interface refuses to start (walk prints the lesson instead).",
        ),
        (
            "PIDNS_TUTOR_SHELL",
            "The shell the s key opens inside the namespace; default /bin/bash, else /bin/sh.",
        ),
        (
            "HOME, XDG_STATE_HOME, XDG_DATA_HOME, XDG_RUNTIME_DIR",
            "Where the files below go.",
        ),
    ] {
        item(roff, name, text);
    }
}

fn files(roff: &mut Roff) {
    roff.control("SH", ["FILES"]);
    for (name, text) in [
        (
            "$XDG_STATE_HOME/pidns-tutor/progress.json",
            "The step you were on, your answers and tasks (default ~/.local/state/pidns-tutor/). \
             See pidns-tutor-progress(1).",
        ),
        (
            "$XDG_DATA_HOME/pidns-tutor/recording-DATE.jsonl",
            "What pidns-tutor record writes without --output (default ~/.local/share/pidns-tutor/).",
        ),
        (
            "$XDG_RUNTIME_DIR/pidns-tutor/notes-PID.sock",
            "The socket pidns-tutor notes follows a running lesson through; without \
             XDG_RUNTIME_DIR, in /tmp/pidns-tutor-UID/ (mode 0700).",
        ),
        (
            "/etc/apparmor.d/pidns-tutor",
            "From the Debian package: lets /usr/bin/pidns-tutor make user namespaces where \
             AppArmor restricts them (Ubuntu 24.04 and later).",
        ),
    ] {
        item(roff, name, text);
    }
}

fn exit_status(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    for (code, text) in [
        ("0", "Success."),
        (
            "1",
            "Something failed, and a one-line reason is on standard error: a step of the \
             lesson, no live namespace possible (check), a file that could not be read or \
             written, no terminal for the interface.",
        ),
        (
            "2",
            "A usage error: an unknown option, subcommand or value.",
        ),
    ] {
        item(roff, code, text);
    }
}

fn see_also(roff: &mut Roff, pages: &[String]) {
    roff.control("SH", ["SEE ALSO"]);
    let last = pages.len().saturating_sub(1);
    for (i, page) in pages.iter().enumerate() {
        let (name, section) = page.split_once('(').unwrap_or((page, ""));
        let sep = if i == last { "" } else { "," };
        roff.text([italic(name), roman(format!("({section}{sep} "))]);
    }
}
