//! Runs the lesson's steps against the live lab and returns what was observed. `walk`,
//! `record` and the TUI all go through here, so they show the same facts.
//!
//! Each step needs the lab in a certain stage (no namespace yet, a fresh one, /proc
//! remounted, the chain orphaned, torn down). Before a step runs, the session brings the
//! lab to that stage: forward by replaying earlier actions, backward by building a fresh
//! lab, so the kernel never contradicts the step on screen.

mod chapter2;
pub mod facts;
pub mod host;
mod steps;

pub use chapter2::{
    ForkNeededFacts, InitDeathFacts, JoiningFacts, JoiningFromTutor, NestingFacts,
    NestingFromTutor, Sandboxed, SignalsFromOutsideFacts,
};
pub use facts::Facts;

use crate::lab::{Lab, Mode};
use crate::lesson::Step;
use crate::procs::Snapshot;
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What one step's action observed. As JSON (recordings): `{"step": ID, "facts": {...},
/// "host_view": ...}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// The step's facts, observed live (see the lesson's `live:` sentences); they say
    /// which step this is (the `"step"` and `"facts"` fields of the JSON).
    #[serde(flatten)]
    pub facts: Facts,
    /// The host's /proc around the tutor and the lab, right after the action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_view: Option<Snapshot>,
    /// What the namespace's /proc showed right after the action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ns_view: Option<Snapshot>,
    /// For a step whose point is a change (orphan-reaping), both views just before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_view_before: Option<Snapshot>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ns_view_before: Option<Snapshot>,
}

impl Observation {
    /// An observation of `facts` alone, without tree views.
    pub fn new(facts: Facts) -> Observation {
        Observation {
            facts,
            host_view: None,
            ns_view: None,
            host_view_before: None,
            ns_view_before: None,
        }
    }

    pub fn step(&self) -> Step {
        self.facts.step()
    }
}

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

/// How many torn-down namespaces a session holds open for its final check.
const KEEP: usize = 16;

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
    still: Option<chapter2::Still>,
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

    /// Brings the lab to the stage `step` starts from.
    pub fn prepare(&mut self, step: Step) -> Result<()> {
        self.reach(crate::steps::def(step).before)
    }

    /// Prepares for `step`, runs its action, and returns what it observed.
    pub fn run(&mut self, step: Step) -> Result<Observation> {
        self.prepare(step)?;
        let (facts, before) = steps::act(self, step)?;
        self.counts = None;
        self.stage = crate::steps::def(step).after;
        let (host_view, ns_view) = self.views();
        let (host_view_before, ns_view_before) = before.unwrap_or_default();
        Ok(Observation {
            facts,
            host_view,
            ns_view,
            host_view_before,
            ns_view_before,
        })
    }

    /// The host's /proc around the tutor and the lab, and the namespace's own view: what
    /// the two tree panes show. Reads only what they show, so it stays cheap on a busy host.
    pub fn views(&mut self) -> (Option<Snapshot>, Option<Snapshot>) {
        if let Some(still) = &self.still {
            return still.clone();
        }
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
        let now: usize = self.gone.drain(..).map(|ns| host::members_of_ns(&ns)).sum();
        std::mem::take(&mut self.left_behind) + now
    }

    /// The trees an experiment left on screen, if the last step was one.
    pub fn still(&self) -> Option<&chapter2::Still> {
        self.still.as_ref()
    }

    fn reach(&mut self, target: Stage) -> Result<()> {
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
                Stage::Fresh => {
                    steps::remount(self)?;
                    Stage::Remounted
                }
                Stage::Remounted => {
                    steps::orphan(self)?;
                    Stage::Orphaned
                }
                Stage::Orphaned | Stage::TornDown => {
                    anyhow::bail!("no step starts after {target:?}")
                }
            };
        }
        // Replaying the orphan step counted its chain before the kill: count anew.
        self.counts = None;
        Ok(())
    }

    fn spawn(&mut self) -> Result<()> {
        self.teardown();
        let lab = Lab::spawn_with(self.mode, &self.exe)?;
        // Opened now, while the agent is alive and unreaped: its PID cannot name anyone else.
        self.lab_ns = std::fs::File::open(format!("/proc/{}/ns/pid", lab.agent_pid())).ok();
        self.lab = Some(lab);
        Ok(())
    }

    fn teardown(&mut self) {
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
    fn keep_gone(&mut self, ns: std::fs::File) {
        if self.gone.len() == KEEP {
            let oldest = self.gone.remove(0);
            self.left_behind += host::members_of_ns(&oldest);
        }
        self.gone.push(ns);
    }

    fn lab_or_err(&mut self) -> Result<&mut Lab> {
        self.lab
            .as_mut()
            .ok_or_else(|| anyhow::anyhow!("no lab is running"))
    }
}
