//! The live lab's lifecycle: one lab at a time, and the stage it is in. The steps
//! (`crate::steps`) act on it; the session spawns it, tears it down, brings it to the stage
//! a step starts from (forward by replaying the actions that lead there, which the steps
//! hand in; backward by building a fresh lab, so the kernel never contradicts the step on
//! screen), and reads the two tree views.

pub mod host;

use crate::lab::{Lab, Mode};
use crate::procs::Snapshot;
use anyhow::Result;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Where the lab stands. Ordered: each stage is reached from the one before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// No namespace yet (or any more).
    NoLab,
    /// Cloned, /proc still the host's.
    Fresh,
    /// The agent has its own /proc.
    Remounted,
    /// The demo chain ran and its middle was killed.
    Orphaned,
    /// The namespace's init was killed from the host.
    TornDown,
}

/// The two tree views, host and namespace, at one moment.
pub type TreePair = (Option<Snapshot>, Option<Snapshot>);

/// How often the tree views count every process (for "… N other processes"): counting is
/// most of a refresh's cost on a crowded host, and the number matters little.
const COUNT_EVERY: Duration = Duration::from_secs(5);

/// The last counts of all processes, host and namespace, and when they were taken.
#[derive(Clone, Copy, Debug)]
struct Counts {
    taken: Instant,
    host: usize,
    ns: usize,
}

/// How many torn-down namespaces a session holds open for its final check: more than a
/// lesson with its re-runs makes, since letting one go costs a scan of /proc (a dead
/// namespace held open is a few kilobytes of the kernel's memory).
const KEEP: usize = 64;

/// The live lesson: one lab at a time, and the stage it is in.
pub struct Session {
    mode: Mode,
    exe: PathBuf,
    lab: Option<Lab>,
    /// The lab's PID namespace, open (see `gone`).
    lab_ns: Option<std::fs::File>,
    stage: Stage,
    /// The PID namespaces of torn-down labs, held open (the newest `KEEP` of them) so the
    /// summary can look for processes left in them: an open namespace keeps its inode
    /// number, which the kernel would otherwise soon give to someone else's new one.
    gone: Vec<std::fs::File>,
    /// Processes found in namespaces let go of from `gone` (scanned as they were dropped).
    left_behind: usize,
    /// Counts behind the tree views; cleared by every step, which may change them a lot.
    counts: Option<Counts>,
    /// The trees of an experiment's key moment (second chapter), shown until the next step.
    still: Option<TreePair>,
}

impl Session {
    /// A session whose agent is this program.
    pub fn new(mode: Mode) -> Session {
        Session::with_exe(mode, PathBuf::from("/proc/self/exe"))
    }

    /// A session whose agent is the program at `exe` (tests pass the built binary).
    pub fn with_exe(mode: Mode, exe: PathBuf) -> Session {
        Session {
            mode,
            exe,
            lab: None,
            lab_ns: None,
            stage: Stage::NoLab,
            gone: Vec::new(),
            left_behind: 0,
            counts: None,
            still: None,
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn stage(&self) -> Stage {
        self.stage
    }

    pub fn lab(&mut self) -> Option<&mut Lab> {
        self.lab.as_mut()
    }

    /// This program, which the agent and the experiments' runner are.
    pub fn exe(&self) -> &std::path::Path {
        &self.exe
    }

    /// A step's action has left the lab at `stage`: the counts it changed are taken anew.
    pub fn acted(&mut self, stage: Stage) {
        self.counts = None;
        self.stage = stage;
    }

    /// The host's /proc around the tutor and the lab, and the namespace's own view: what
    /// the two tree panes show. Reads only what they show, so it stays cheap on a busy host.
    pub fn views(&mut self) -> TreePair {
        if let Some(still) = &self.still {
            return still.clone();
        }
        self.live_views()
    }

    /// The trees as they are now, even at a step that keeps an experiment's still: what
    /// the learner's shell in the lab sees.
    pub fn live_views(&mut self) -> TreePair {
        let cached = self.counts.filter(|c| c.taken.elapsed() < COUNT_EVERY);
        let count = cached.is_none();
        let mut focus = vec![std::process::id() as i32];
        let mut ns_view = match self.lab.as_mut() {
            Some(lab) => {
                focus.push(lab.agent_pid());
                lab.snapshot_counted(false, count).ok()
            }
            None => None,
        };
        let root = std::path::Path::new("/proc");
        let mut host_view = if count {
            Snapshot::read_focused(root, &focus)
        } else {
            Snapshot::read_focused_uncounted(root, &focus)
        };
        match cached {
            Some(counts) => {
                host_view.total = host_view.total.max(counts.host);
                // With its own /proc the agent counts every time (see the agent).
                if let Some(ns_view) = ns_view.as_mut().filter(|_| self.stage < Stage::Remounted) {
                    ns_view.total = ns_view.total.max(counts.ns);
                }
            }
            None => {
                self.counts = Some(Counts {
                    taken: Instant::now(),
                    host: host_view.total,
                    ns: ns_view.as_ref().map_or(0, |v| v.total),
                })
            }
        }
        (Some(host_view), ns_view)
    }

    /// Tears the lab down (if any) and reports how many processes are in the namespaces
    /// this session made, by a scan of /proc now (older ones: when they were let go of):
    /// 0, or something is wrong.
    pub fn finish(&mut self) -> usize {
        self.teardown();
        let now = host::members_of_any(&std::mem::take(&mut self.gone));
        std::mem::take(&mut self.left_behind) + now
    }

    /// The trees an experiment left on screen, if the last step was one.
    pub fn still(&self) -> Option<&TreePair> {
        self.still.as_ref()
    }

    /// Keeps `views` on screen until the next step (an experiment's last moment: its
    /// processes are gone by then, and /proc would show nothing of them).
    pub fn hold_still(&mut self, views: Option<TreePair>) {
        self.still = views;
    }

    /// Brings the lab to `target`: backward by a fresh lab; forward by spawning, then by
    /// `advance`, which replays the action that leads on from a stage and says where it left
    /// the lab.
    pub fn reach(
        &mut self,
        target: Stage,
        advance: fn(&mut Session, Stage) -> Result<Stage>,
    ) -> Result<()> {
        self.counts = None;
        self.still = None;
        if self.stage > target {
            self.teardown();
        }
        while self.stage < target {
            self.stage = match self.stage {
                Stage::NoLab => {
                    self.spawn()?;
                    Stage::Fresh
                }
                from @ (Stage::Fresh | Stage::Remounted) => advance(self, from)?,
                Stage::Orphaned | Stage::TornDown => {
                    anyhow::bail!("no step starts after {target:?}")
                }
            };
        }
        // Replaying the orphan step counted its chain before the kill: count anew.
        self.counts = None;
        Ok(())
    }

    /// A fresh lab, in place of any before it.
    pub fn spawn(&mut self) -> Result<()> {
        self.teardown();
        let lab = Lab::spawn_with(self.mode, &self.exe)?;
        // Opened now, while the agent is alive and unreaped: its PID cannot name anyone else.
        self.lab_ns = std::fs::File::open(format!("/proc/{}/ns/pid", lab.agent_pid())).ok();
        self.lab = Some(lab);
        Ok(())
    }

    /// Ends the lab, if any; its namespace is kept for the summary's scan.
    pub fn teardown(&mut self) {
        if let Some(lab) = self.lab.take() {
            let counted = lab.teardown();
            match self.lab_ns.take() {
                Some(ns) => self.keep_gone(ns),
                // Not held open: the count taken at the teardown is all there is.
                None => self.left_behind += counted,
            }
        }
        self.stage = Stage::NoLab;
    }

    /// Holds a namespace that should be empty now for the summary's scan (the newest
    /// `KEEP`; an older one is scanned as it is let go of).
    pub fn keep_gone(&mut self, ns: std::fs::File) {
        if self.gone.len() == KEEP {
            let oldest = self.gone.remove(0);
            self.left_behind += host::members_of_ns(&oldest);
        }
        self.gone.push(ns);
    }

    /// The lab, or an error that says there is none.
    pub fn lab_or_err(&mut self) -> Result<&mut Lab> {
        self.lab
            .as_mut()
            .ok_or_else(|| anyhow::anyhow!("no lab is running"))
    }
}
