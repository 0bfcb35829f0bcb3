//! Reading the init-signals answer: what SIGTERM, SIGSTOP and SIGKILL from outside do to
//! the namespace's PID 1, one outcome each (`nothing`, `stops`, `dies`).
//!
//! Two forms, in English or Korean and in any case, with any punctuation:
//! - three outcomes in the order SIGTERM, SIGSTOP, SIGKILL: `nothing stops dies`,
//!   `아무 일 없음, 멈춤, 죽음`;
//! - labelled, in any order: `SIGKILL: dies, SIGTERM: ignored, SIGSTOP: stopped`,
//!   `term=nothing stop=stop kill=killed`, `SIGTERM은 무시, SIGSTOP은 멈추고, SIGKILL은 죽는다`.
//!
//! The text is scanned for known words, longest first (so `stopped` is an outcome while
//! `stop` is a label); everything else is ignored.

use super::signals::{SignalEffect, SignalEffects};

/// One of the three signals the task asks about.
// Default only so that `Hint`, which holds one, can list its variants (strum::EnumIter).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum Sig {
    #[default]
    Term,
    Stop,
    Kill,
}

impl Sig {
    pub const ALL: [Sig; 3] = [Sig::Term, Sig::Stop, Sig::Kill];

    pub fn name(self) -> &'static str {
        match self {
            Sig::Term => "SIGTERM",
            Sig::Stop => "SIGSTOP",
            Sig::Kill => "SIGKILL",
        }
    }

    /// What this signal did, in an observation.
    pub fn of(self, signals: &SignalEffects) -> SignalEffect {
        match self {
            Sig::Term => signals.term,
            Sig::Stop => signals.stop,
            Sig::Kill => signals.kill,
        }
    }
}

/// A word found in an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Word {
    /// A signal's name. `stop` and `kill` alone are `ambiguous`: right after a label they
    /// are its outcome (`STOP: stop`, `KILL: kill`).
    Label {
        sig: Sig,
        ambiguous: bool,
    },
    Effect(SignalEffect),
}

const LABELS: &[(&str, Sig, bool)] = &[
    ("sigterm", Sig::Term, false),
    ("term", Sig::Term, false),
    ("15", Sig::Term, false),
    ("sigstop", Sig::Stop, false),
    ("stop", Sig::Stop, true),
    ("19", Sig::Stop, false),
    ("sigkill", Sig::Kill, false),
    ("kill", Sig::Kill, true),
    ("9", Sig::Kill, false),
];

const OUTCOMES: &[(&str, SignalEffect)] = &[
    // Nothing happens.
    ("nothing", SignalEffect::Nothing),
    ("ignored", SignalEffect::Nothing),
    ("ignores", SignalEffect::Nothing),
    ("ignore", SignalEffect::Nothing),
    ("dropped", SignalEffect::Nothing),
    ("drops", SignalEffect::Nothing),
    ("no effect", SignalEffect::Nothing),
    ("none", SignalEffect::Nothing),
    ("noop", SignalEffect::Nothing),
    ("no op", SignalEffect::Nothing),
    ("unaffected", SignalEffect::Nothing),
    ("survives", SignalEffect::Nothing),
    ("lives", SignalEffect::Nothing),
    ("alive", SignalEffect::Nothing),
    ("still running", SignalEffect::Nothing),
    ("still there", SignalEffect::Nothing),
    ("keeps running", SignalEffect::Nothing),
    ("no change", SignalEffect::Nothing),
    ("not killed", SignalEffect::Nothing),
    ("does not die", SignalEffect::Nothing),
    ("doesnt die", SignalEffect::Nothing),
    ("wont die", SignalEffect::Nothing),
    ("nothing happens", SignalEffect::Nothing),
    ("무시", SignalEffect::Nothing),
    ("아무일", SignalEffect::Nothing),
    ("아무것", SignalEffect::Nothing),
    ("아무변화", SignalEffect::Nothing),
    ("변화없", SignalEffect::Nothing),
    ("효과없", SignalEffect::Nothing),
    ("그대로", SignalEffect::Nothing),
    ("살아", SignalEffect::Nothing),
    ("버려", SignalEffect::Nothing),
    ("버린", SignalEffect::Nothing),
    ("죽지않", SignalEffect::Nothing),
    ("안죽", SignalEffect::Nothing),
    // It stops.
    ("stops", SignalEffect::Stops),
    ("stopped", SignalEffect::Stops),
    ("stopping", SignalEffect::Stops),
    ("pauses", SignalEffect::Stops),
    ("paused", SignalEffect::Stops),
    ("suspends", SignalEffect::Stops),
    ("suspended", SignalEffect::Stops),
    ("freezes", SignalEffect::Stops),
    ("frozen", SignalEffect::Stops),
    ("halts", SignalEffect::Stops),
    ("halted", SignalEffect::Stops),
    ("멈", SignalEffect::Stops),
    ("정지", SignalEffect::Stops),
    ("중지", SignalEffect::Stops),
    ("일시정지", SignalEffect::Stops),
    // It dies.
    ("dies", SignalEffect::Dies),
    ("die", SignalEffect::Dies),
    ("died", SignalEffect::Dies),
    ("dead", SignalEffect::Dies),
    ("killed", SignalEffect::Dies),
    ("kills", SignalEffect::Dies),
    ("ends", SignalEffect::Dies),
    ("ended", SignalEffect::Dies),
    ("exits", SignalEffect::Dies),
    ("exited", SignalEffect::Dies),
    ("terminates", SignalEffect::Dies),
    ("terminated", SignalEffect::Dies),
    ("gone", SignalEffect::Dies),
    ("죽", SignalEffect::Dies),
    ("종료", SignalEffect::Dies),
    ("끝", SignalEffect::Dies),
    ("사라", SignalEffect::Dies),
    ("소멸", SignalEffect::Dies),
];

/// The three outcomes an answer gives; `None` when it does not give exactly one for each
/// signal.
pub fn parse(answer: &str) -> Option<SignalEffects> {
    let words = scan(answer);
    let labelled = words.iter().any(|w| {
        matches!(
            w,
            Word::Label {
                ambiguous: false,
                ..
            }
        )
    });
    let mut given: [Option<SignalEffect>; 3] = [None; 3];
    if labelled {
        let mut open: Option<Sig> = None;
        for word in words {
            match (word, open) {
                (Word::Label { sig, .. }, None) => open = Some(sig),
                // `STOP: stop`: a bare `stop` or `kill` after a label is its outcome.
                (Word::Label { sig, ambiguous }, Some(label)) if ambiguous => {
                    let outcome = if sig == Sig::Stop {
                        SignalEffect::Stops
                    } else {
                        SignalEffect::Dies
                    };
                    give(&mut given, label, outcome)?;
                    open = None;
                }
                // `SIGKILL (9)`: the same label twice.
                (Word::Label { sig, .. }, Some(label)) if sig == label => {}
                (Word::Effect(outcome), Some(label)) => {
                    give(&mut given, label, outcome)?;
                    open = None;
                }
                _ => return None,
            }
        }
        if open.is_some() {
            return None;
        }
    } else {
        let outcomes: Vec<SignalEffect> = words
            .into_iter()
            .map(|w| match w {
                Word::Effect(o) => Some(o),
                Word::Label {
                    sig: Sig::Stop,
                    ambiguous: true,
                } => Some(SignalEffect::Stops),
                _ => None,
            })
            .collect::<Option<_>>()?;
        if outcomes.len() != 3 {
            return None;
        }
        for (slot, outcome) in given.iter_mut().zip(outcomes) {
            *slot = Some(outcome);
        }
    }
    Some(SignalEffects {
        term: given[0]?,
        stop: given[1]?,
        kill: given[2]?,
    })
}

/// Records `outcome` for `sig`; a second, different outcome for it makes the answer
/// unreadable.
fn give(given: &mut [Option<SignalEffect>; 3], sig: Sig, outcome: SignalEffect) -> Option<()> {
    let slot = &mut given[sig as usize];
    match slot {
        Some(before) if *before != outcome => None,
        _ => {
            *slot = Some(outcome);
            Some(())
        }
    }
}

/// The known words of `answer`, in order. The text is lowercased, apostrophes dropped
/// (`doesn't` reads `doesnt`), other punctuation made a space, and the spaces inside Korean
/// taken out (`아무 일도` reads `아무일도`); then the longest known word is taken at each
/// place. An English word must stand as a whole word (`term` is not found in
/// `determined`); a Korean one may carry endings and particles (`멈추고`, `무시된다`).
fn scan(answer: &str) -> Vec<Word> {
    let text = normalize(answer);
    let mut words = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let longest = LABELS
            .iter()
            .map(|&(w, sig, ambiguous)| (w, Word::Label { sig, ambiguous }))
            .chain(OUTCOMES.iter().map(|&(w, o)| (w, Word::Effect(o))))
            .filter(|(w, _)| found_at(&text, at, w))
            .max_by_key(|(w, _)| w.chars().count());
        match longest {
            Some((w, word)) => {
                words.push(word);
                at += w.chars().count();
            }
            None => at += 1,
        }
    }
    words
}

fn normalize(answer: &str) -> Vec<char> {
    let mut text: Vec<char> = Vec::new();
    for c in answer.chars().flat_map(char::to_lowercase) {
        match c {
            '\'' | '\u{2019}' => {}
            c if c.is_alphanumeric() => {
                // A space between two Korean letters goes: `아무 일` reads `아무일`.
                if is_hangul(c)
                    && text.last() == Some(&' ')
                    && text.len() >= 2
                    && is_hangul(text[text.len() - 2])
                {
                    text.pop();
                }
                text.push(c);
            }
            _ => {
                if text.last().is_some_and(|&l| l != ' ') {
                    text.push(' ');
                }
            }
        }
    }
    text
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Whether `word` is at `at` in `text`, standing alone if it is an English word.
fn found_at(text: &[char], at: usize, word: &str) -> bool {
    let mut chars = text[at..].iter();
    if !word.chars().all(|c| chars.next() == Some(&c)) {
        return false;
    }
    if !word.is_ascii() {
        return true;
    }
    let end = at + word.chars().count();
    let joined = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    !joined(at.checked_sub(1).and_then(|i| text.get(i))) && !joined(text.get(end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use SignalEffect::{Dies, Nothing, Stops};

    fn signals(
        term: SignalEffect,
        stop: SignalEffect,
        kill: SignalEffect,
    ) -> Option<SignalEffects> {
        Some(SignalEffects { term, stop, kill })
    }

    #[test]
    fn three_outcomes_in_order() {
        let right = signals(Nothing, Stops, Dies);
        for answer in [
            "nothing stops dies",
            "Nothing, stops, dies.",
            "ignored / stopped / killed",
            "nothing, stop, die",
            "it is dropped; it stops; it dies",
            "무시, 멈춤, 죽음",
            // The words the prompt offers.
            "아무 일 없음 멈춤 죽음",
            "아무 일도 없다, 멈춘다, 죽는다",
            "무시된다 정지한다 종료된다",
        ] {
            assert_eq!(parse(answer), right, "{answer}");
        }
        assert_eq!(
            parse("dies nothing stops"),
            signals(Dies, Nothing, Stops),
            "the order is the signals' order"
        );
    }

    #[test]
    fn labelled_in_any_order() {
        let right = signals(Nothing, Stops, Dies);
        for answer in [
            "SIGTERM: nothing, SIGSTOP: stops, SIGKILL: dies",
            "SIGKILL: dies, SIGTERM: ignored, SIGSTOP: stopped",
            "term=nothing stop=stop kill=killed",
            "TERM -> no effect, STOP -> paused, KILL -> kill",
            "SIGKILL (9) kills it, SIGSTOP (19) stops it, SIGTERM (15) doesn't die",
            "15 nothing 19 stops 9 dies",
            "SIGTERM은 무시, SIGSTOP은 멈추고, SIGKILL은 죽는다",
            "SIGKILL: 종료, SIGTERM: 아무 일도 일어나지 않음, SIGSTOP: 일시정지",
            "sigterm is ignored, sigstop stops it, and sigkill terminates it",
        ] {
            assert_eq!(parse(answer), right, "{answer}");
        }
    }

    #[test]
    fn unreadable_answers_are_none() {
        for answer in [
            "",
            "no idea",
            "nothing stops",
            "nothing stops dies dies",
            "SIGTERM: nothing, SIGSTOP: stops",
            "determined: nothing stops",
            "SIGTERM: nothing, SIGTERM: dies, SIGSTOP: stops, SIGKILL: dies",
            "SIGTERM SIGSTOP SIGKILL",
            "nothing SIGSTOP stops SIGKILL dies",
        ] {
            assert_eq!(parse(answer), None, "{answer}");
        }
    }
}
