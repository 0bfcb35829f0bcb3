//! The command line: parse, then hand over to the library.

#![deny(clippy::unwrap_used, clippy::expect_used)]

use anyhow::Context;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use pidns_tutor::app::ThemeName;
use pidns_tutor::check::{self, Availability};
use pidns_tutor::lab::{self, Mode};
use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use pidns_tutor::progress;
use pidns_tutor::record::Recording;
use pidns_tutor::safe_file::NewFile;
use pidns_tutor::sanitize::{Escaping, escape_text};
use pidns_tutor::session::Session;
use pidns_tutor::source::Source;
use pidns_tutor::tui;
use pidns_tutor::walk::{self, Format};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A live lesson on Linux PID namespaces, in the terminal
///
/// It clones a child into a new PID namespace and shows it from the host and from inside,
/// side by side, step by step, after the Korean post "Linux namespace - PID".
#[derive(Parser, Debug)]
#[command(name = "pidns-tutor", version, propagate_version = true, after_help = KEYS)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    lesson: LessonArgs,
    /// Start the TUI at this step
    #[arg(long, value_enum)]
    step: Option<Step>,
    /// Start at the first step, not where you left off last time
    #[arg(long, conflicts_with = "step")]
    restart: bool,
    /// Colour theme of the TUI (NO_COLOR turns colour off)
    #[arg(long, value_enum, default_value = "auto")]
    theme: ThemeName,
    /// Draw trees and borders with ASCII only
    #[arg(long)]
    ascii: bool,
    /// Start in stage mode, for a talk: both trees at full height under a one-line banner
    /// (step, title, what was observed), the lesson hidden (S or F5 toggles it). A talk
    /// starts at the first step and keeps its progress apart from a learner's
    #[arg(long)]
    stage: bool,
    /// With --stage: go on from where the last talk (or rehearsal) stopped
    #[arg(long, requires = "stage", conflicts_with_all = ["restart", "step"])]
    resume: bool,
    /// Your name, as a teacher's report shows it (kept in your progress file; default: your
    /// login name)
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
}

const KEYS: &str = "\
Keys in the lesson: →/l/n/Space next step, ←/p previous, Enter run the step (a prediction
first where it has one; after a BEFORE: show AFTER; at the summary: the quiz), b
before/after, g N Enter jump to step N, r fresh namespace, P clear saved progress, s shell
inside (Ctrl-] back), h the step's task's hint (again: its solution), a type the task's
answer, S or F5 stage mode (t there: the lesson), R live/recorded at the same step, 1-4
focus a pane (zooms a hidden one, never on stage; with a question open: answer it, Esc
skips), Tab next pane, ↑/↓/PgUp/PgDn scroll, z zoom, f unfold, L language, ? help, q quit.
Without a terminal: pidns-tutor walk (plain text or --json).
Speaker notes that follow the TUI, in a second terminal: pidns-tutor notes.";

/// What every way of running the lesson (the TUI, walk) takes.
#[derive(clap::Args, Debug, Clone)]
struct LessonArgs {
    /// Language of the lesson [default: from LANG]
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    /// How to make the namespace [default: root if root, else userns]
    #[arg(long, value_enum)]
    mode: Option<Mode>,
    /// Show a recording instead of a live namespace, clearly labelled: the bundled one, or
    /// a FILE made with `pidns-tutor record` (for a demo that must not depend on the
    /// room's machine)
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    replay: Option<Option<PathBuf>>,
    /// Read and write no progress file (also NO_PROGRESS=1), e.g. on a classroom kiosk
    #[arg(long)]
    no_progress: bool,
}

impl LessonArgs {
    fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }

    /// Live or recorded, as these options and this machine allow (`check::choose_source`);
    /// when it falls back to the recording on its own, it says so on stderr.
    fn source(&self, exe: &Path) -> anyhow::Result<Source> {
        let replay = self.replay.as_ref().map(|f| f.as_deref());
        let (source, notice) = check::choose_source(self.mode, replay, exe)?;
        if let Some(notice) = notice {
            eprintln!("pidns-tutor: {}", escape_text(notice));
        }
        Ok(source)
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run every step of the lesson live and print what happened (no terminal UI)
    Walk {
        #[command(flatten)]
        lesson: LessonArgs,
        /// One JSON object per line: first {"mode": ...}, then {"step": ID, "facts": {...}}
        #[arg(long, conflicts_with = "brief")]
        json: bool,
        /// Titles and observations only, without the lesson text
        #[arg(long)]
        brief: bool,
        /// Ask a prediction before each step where the kernel surprises, and a quiz at the
        /// end; answers are read from stdin and saved as progress (with stdin not a
        /// terminal nothing is asked: each question is shown with its live answer)
        #[arg(long, conflicts_with = "json")]
        quiz: bool,
    },
    /// Show your progress (the step you were on, answers, scores), or clear it
    Progress {
        /// Set the name a teacher's report shows for you
        #[arg(long, value_name = "NAME", conflicts_with = "reset")]
        name: Option<String>,
        /// Clear it (asks first when stdin is a terminal)
        #[arg(long)]
        reset: bool,
        /// Do not ask before clearing
        #[arg(long, requires = "reset")]
        yes: bool,
        /// Language [default: from LANG]
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// For a teacher: add up students' progress files (a row per student: last step, first
    /// predictions right, tasks, quiz; per step: reached, task passed, predicted right, the
    /// most common wrong prediction). The same learner given twice counts once (the newest
    /// copy). Exits 1 when a file could not be counted (the rest are still reported)
    Report {
        /// Progress files, directories (searched for *.json), or `-` for stdin, which may
        /// hold several one after another
        #[arg(required = true, value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// One JSON object (with a record per student) instead of text
        #[arg(long, conflicts_with_all = ["csv", "html"])]
        json: bool,
        /// One CSV row per student, a column per step and per task (for a spreadsheet)
        #[arg(long, conflicts_with = "html")]
        csv: bool,
        /// Also write the class grid and misconceptions as one self-contained HTML page
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Language of the choices' words [default: from LANG]
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// Print the process tree like `pstree -p`, with each process's PID at every level of
    /// PID namespace: `bash 5632(1)` is host PID 5632, PID 1 in its own namespace
    Tree(pidns_tutor::tree::TreeArgs),
    /// Say what this machine allows (root, user namespaces) and which mode the lesson uses
    Check {
        /// Language [default: from LANG]
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// Run the whole lesson live and write a recording of what was observed
    Record {
        /// How to make the namespace [default: the first mode that works here]
        #[arg(long, value_enum)]
        mode: Option<Mode>,
        /// Where to write it [default: $XDG_DATA_HOME/pidns-tutor/recording-DATE.jsonl]
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Print a completion script for SHELL, e.g.
    /// `pidns-tutor completions bash > ~/.local/share/bash-completion/completions/pidns-tutor`
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff), e.g. `pidns-tutor man walk | man -l -`, or write them all
    /// with --dir
    Man {
        /// The page of this subcommand (e.g. walk) [default: pidns-tutor(1), the overview]
        page: Option<String>,
        /// Write every page into DIR (pidns-tutor.1, pidns-tutor-walk.1, ...), made if
        /// needed, e.g. --dir ~/.local/share/man/man1
        #[arg(long, value_name = "DIR", conflicts_with = "page")]
        dir: Option<PathBuf>,
    },
    /// Speaker notes for a talk, in a second terminal: follows the running TUI and shows
    /// what to say, what the audience should see, the next step and the time
    Notes(pidns_tutor::notes::follow::NotesArgs),
    /// Write the lesson as an asciicast v2 file: every step's screens, a marker per step
    /// (asciinema play FILE, or the asciinema web player; no machine needed to watch it)
    Cast {
        #[command(flatten)]
        lesson: LessonArgs,
        #[command(flatten)]
        cast: pidns_tutor::cast::CastArgs,
    },
}

fn main() -> ExitCode {
    // First of all: a set-user-ID copy must not do anything, the agent included. The
    // kernel's AT_SECURE covers file capabilities too (`setcap cap_sys_admin+ep`), which
    // leave the ids as they were.
    // SAFETY: getauxval only reads the auxiliary vector the kernel gave us.
    let at_secure = unsafe { libc::getauxval(libc::AT_SECURE) } != 0;
    if at_secure
        || nix::unistd::getuid() != nix::unistd::geteuid()
        || nix::unistd::getgid() != nix::unistd::getegid()
    {
        eprintln!(
            "pidns-tutor: refusing to run set-user-ID, set-group-ID or with file capabilities; run it with sudo instead"
        );
        return ExitCode::from(1);
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The agent: this program re-executed inside the namespace (see lab::spawn). It checks
    // where it is and what it was handed before it does anything.
    if args.get(1).is_some_and(|a| a == lab::AGENT_ARG) {
        // SAFETY: nothing in this process has opened or claimed a descriptor yet.
        let code = unsafe { lab::agent::start(&args[2..]) };
        std::process::exit(code);
    }
    // An experiment of the second chapter, run by the tutor (see lab::experiments).
    if args
        .get(1)
        .is_some_and(|a| a == lab::experiments::EXPERIMENT_ARG)
    {
        std::process::exit(lab::experiments::hidden_main(
            &args[2..],
            pidns_tutor::steps::experiment,
        ));
    }
    // The help speaks the lesson's language: --lang if given, else LANG.
    let lang = pidns_tutor::help_ko::lang_in_args(&args).unwrap_or_else(Lang::from_env);
    let matches = pidns_tutor::help_ko::localize(Cli::command(), lang).get_matches_from(&args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match run(cli) {
        Ok(code) => code,
        // `walk | head`: the reader has all it wanted; nothing went wrong.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // Errors quote file names and values from files: escaped, like all output.
            eprintln!("pidns-tutor: {}", escape_text(&format!("{error:#}")));
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let exe = Path::new("/proc/self/exe");
    match cli.command {
        Some(Command::Walk {
            lesson,
            json,
            brief,
            quiz,
        }) => {
            let format = if json {
                Format::Json
            } else if brief {
                Format::Brief
            } else {
                Format::Text
            };
            let source = lesson.source(exe)?;
            // Text carries strings from recordings and /proc: escaped on the way out
            // (JSON escapes its own).
            let mut out: Box<dyn Write> = match format {
                Format::Json => Box::new(std::io::stdout().lock()),
                _ => Box::new(Escaping::new(std::io::stdout().lock())),
            };
            // Text at the terminal's width; JSON and pipes get whole lines.
            let width = match format {
                Format::Json => None,
                _ => pidns_tutor::width::text_width(),
            };
            let lang = lesson.lang();
            let failed = if quiz {
                // `pidns-tutor --no-progress walk` means it too: a kiosk must not write.
                let no_progress = lesson.no_progress || cli.lesson.no_progress;
                walk::quiz::walk_with_quiz(source, lang, format, no_progress, width, &mut out)?
            } else {
                walk::walk_around(source, lang, format, width, &mut out, &mut walk::Plain)?
            };
            // Printed in place too, but stdout may be a file or a pipe: say it where
            // errors go, so that neither a script nor a reader misses it.
            drop(out);
            for step in &failed {
                let error = escape_text(&step.error);
                eprintln!("pidns-tutor: step {} failed: {error}", step.step);
            }
            Ok(if failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Some(Command::Progress {
            name,
            reset,
            yes,
            lang,
        }) => {
            let lang = lang.unwrap_or_else(Lang::from_env);
            let mut out = Escaping::new(std::io::stdout().lock());
            let code = progress::command::progress(reset, yes, name.as_deref(), lang, &mut out)?;
            Ok(ExitCode::from(code))
        }
        Some(Command::Report {
            files,
            json,
            csv,
            html,
            lang,
        }) => {
            use progress::command::ReportFormat;
            let lang = lang.unwrap_or_else(Lang::from_env);
            let format = match (html, json, csv) {
                (Some(file), ..) => ReportFormat::Html(file),
                (None, true, _) => ReportFormat::Json,
                (None, _, true) => ReportFormat::Csv,
                _ => ReportFormat::Text,
            };
            // Students' files are hostile input: their strings reach a terminal escaped
            // (JSON escapes them itself).
            let mut out: Box<dyn Write> = if matches!(format, ReportFormat::Json) {
                Box::new(std::io::stdout().lock())
            } else {
                Box::new(Escaping::new(std::io::stdout().lock()))
            };
            let code = progress::command::report(&files, &format, lang, &mut out)?;
            Ok(ExitCode::from(code))
        }
        Some(Command::Tree(args)) => {
            pidns_tutor::tree::run(&args, &mut Escaping::new(std::io::stdout().lock()))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { lang }) => {
            let availability = Availability::probe(exe);
            print!(
                "{}",
                escape_text(&availability.report(lang.unwrap_or(cli.lesson.lang())))
            );
            Ok(if availability.chosen().is_some() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Some(Command::Record { mode, output }) => {
            let output = match output {
                Some(output) => output,
                None => pidns_tutor::record::default_output()?,
            };
            // Open the file first, so a bad path does not cost a whole run; write it under
            // a temporary name (never through a planted link), so a failed run leaves the
            // old recording as it was.
            let mut file = NewFile::create(&output).with_context(|| {
                format!(
                    "cannot write {} (choose the file with --output)",
                    output.display()
                )
            })?;
            let recording = record(mode, exe)?;
            recording.write(&mut file)?;
            file.commit()
                .with_context(|| format!("cannot write {}", output.display()))?;
            let wrote = format!("wrote {} ({})", output.display(), recording.label());
            eprintln!("{}", escape_text(&wrote));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions { shell }) => {
            // Generated into memory first: the generator panics on a failed write (a
            // closed pipe), where we want the quiet end every other command has.
            let script = pidns_tutor::completions::script(shell, &mut Cli::command());
            std::io::stdout().lock().write_all(&script)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man { page, dir }) => {
            let pages = pidns_tutor::manual::pages(Cli::command())?;
            if let Some(dir) = dir {
                for page in &pages {
                    write_page(&dir, page)?;
                }
                eprintln!("wrote {} pages into {}", pages.len(), dir.display());
                return Ok(ExitCode::SUCCESS);
            }
            let name = match page {
                Some(sub) => format!("pidns-tutor-{sub}"),
                None => "pidns-tutor".to_string(),
            };
            let Some(page) = pages.iter().find(|p| p.name == name) else {
                let names: Vec<&str> = pages
                    .iter()
                    .filter_map(|p| p.name.strip_prefix("pidns-tutor-"))
                    .collect();
                anyhow::bail!(
                    "no manual page {name}; there is one for {}",
                    names.join(", ")
                );
            };
            std::io::stdout().lock().write_all(&page.roff)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Notes(args)) => {
            pidns_tutor::notes::follow::run(&args)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Cast { lesson, cast }) => {
            // Live: the lesson is run (and recorded) first, then drawn like a replay.
            let source = lesson.source(exe)?;
            let recording = match source {
                Source::Live(mode) => Recording::make(&mut Session::new(mode))?,
                Source::Recorded(recording) => recording,
            };
            let look = pidns_tutor::cast::CastLook {
                lang: lesson.lang(),
                size: cast.size,
                theme: cast.theme.resolve_from_env(),
                no_color: pidns_tutor::ui::theme::no_color_env(),
                ascii: cast.ascii,
                talk: cast.stage,
            };
            pidns_tutor::cast::write_file(recording, look, &cast.output)?;
            let wrote = format!("wrote {} (asciinema play {0})", cast.output.display());
            eprintln!("{}", escape_text(&wrote));
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let code = tui::run(tui::Options {
                lang: cli.lesson.lang(),
                mode: cli.lesson.mode,
                replay: cli.lesson.replay.clone(),
                step: cli.step,
                theme: cli.theme,
                ascii: cli.ascii,
                restart: cli.restart,
                no_progress: cli.lesson.no_progress,
                talk: cli.stage,
                resume: cli.resume,
                name: cli.name.clone(),
            })?;
            Ok(ExitCode::from(code))
        }
    }
}

/// `page` into `dir` (made if needed) as its file: written under a name of its own first
/// (never following a link there) and renamed over the old page, so a reader never sees
/// half of one.
fn write_page(dir: &Path, page: &pidns_tutor::manual::Page) -> anyhow::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot make {}", dir.display()))?;
    let path = dir.join(page.file_name());
    let partial = dir.join(format!(".{}.{}", page.file_name(), std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o644)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&partial)
        .and_then(|mut file| file.write_all(&page.roff))
        .and_then(|()| std::fs::rename(&partial, &path));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written.with_context(|| format!("cannot write {}", path.display()))
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs the whole lesson live in `mode` (or the first mode that works) and records it.
fn record(mode: Option<Mode>, exe: &Path) -> anyhow::Result<Recording> {
    let mode = match mode {
        Some(mode) => mode,
        None => Availability::probe(exe)
            .chosen()
            .context("a recording needs a live namespace; see pidns-tutor check")?,
    };
    Recording::make(&mut Session::new(mode))
}
