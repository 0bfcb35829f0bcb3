//! The speaker's clock: how long the talk has run (from the TUI's start, or from when the
//! speaker pressed `r`), how long this step has, and with `--minutes N` the pace: where
//! the talk should be by now if every step had its equal share of the slot.

use super::Update;

/// What the speaker set: a reset of the talk timer and the slot's length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TalkClock {
    /// When `r` was last pressed (ms since the epoch): the talk counts from there.
    pub reset_ms: Option<u64>,
    /// The slot, in minutes.
    pub minutes: Option<u32>,
}

/// Ahead or behind, and by how much.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    Ahead(u64),
    Behind(u64),
    /// Past the end of the slot by this much.
    Over(u64),
}

impl TalkClock {
    /// When the talk began, as far as the timer goes.
    pub fn talk_started(&self, update: &Update) -> u64 {
        self.reset_ms.unwrap_or(update.started_ms)
    }

    /// The talk's and the step's times so far, in ms.
    pub fn elapsed(&self, update: &Update, now_ms: u64) -> (u64, u64) {
        let talk = now_ms.saturating_sub(self.talk_started(update));
        let step_started = update.step_started_ms.max(self.talk_started(update));
        (talk, now_ms.saturating_sub(step_started))
    }

    /// The pace: this step began (talk minus step time) against when its equal share of
    /// the slot says it should have; `None` without `--minutes`.
    pub fn pace(&self, update: &Update, now_ms: u64) -> Option<Pace> {
        let slot = u64::from(self.minutes?) * 60_000;
        let (talk, step) = self.elapsed(update, now_ms);
        if talk > slot {
            return Some(Pace::Over(talk - slot));
        }
        let count = crate::lesson::Step::COUNT as u64;
        let due = slot * update.step.index() as u64 / count;
        let began = talk - step;
        Some(if began > due {
            Pace::Behind(began - due)
        } else {
            Pace::Ahead(due - began)
        })
    }
}

/// `mm:ss`, or `h:mm:ss` past an hour.
pub fn clock(ms: u64) -> String {
    let s = ms / 1000;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

/// `09:30 / 20:00`: the talk's time, and the slot when there is one.
pub fn talk_time(talk_ms: u64, minutes: Option<u32>) -> String {
    match minutes {
        Some(m) => format!("{} / {}", clock(talk_ms), clock(u64::from(m) * 60_000)),
        None => clock(talk_ms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::lesson::Step;
    use crate::notes::StepState;

    fn at(step: Step, started: u64, step_started: u64) -> Update {
        Update {
            step,
            state: StepState::Ran,
            lang: Lang::En,
            pid: 1,
            started_ms: started,
            step_started_ms: step_started,
            talk: false,
            question: None,
            revealed: true,
        }
    }

    #[test]
    fn the_pace_compares_when_the_step_began_with_its_share_of_the_slot() {
        let minute = 60_000;
        let count = Step::COUNT as u64;
        let talk = TalkClock {
            reset_ms: None,
            minutes: Some(count as u32),
        };
        // A minute a step: step 9 is due at minute 8.
        let update = at(Step::OrphanReaping, 0, 10 * minute);
        assert_eq!(
            talk.pace(&update, 11 * minute),
            Some(Pace::Behind(2 * minute))
        );
        let update = at(Step::OrphanReaping, 0, 5 * minute);
        assert_eq!(
            talk.pace(&update, 6 * minute),
            Some(Pace::Ahead(3 * minute))
        );
        assert_eq!(
            talk.pace(&update, (count + 1) * minute),
            Some(Pace::Over(minute))
        );
        assert_eq!(TalkClock::default().pace(&update, 6 * minute), None);
    }

    #[test]
    fn a_reset_restarts_the_talk_and_caps_the_step() {
        let talk = TalkClock {
            reset_ms: Some(100_000),
            minutes: None,
        };
        let update = at(Step::Clone, 0, 40_000);
        assert_eq!(talk.elapsed(&update, 130_000), (30_000, 30_000));
        assert_eq!(talk_time(30_000, Some(20)), "00:30 / 20:00");
        assert_eq!(talk_time(30_000, None), "00:30");
    }
}
