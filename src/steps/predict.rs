//! The predictions, as the table gives them: which steps ask, the question as shown, and
//! the verdict of a run.

use super::{Facts, def};
use crate::lang::Lang;
use crate::lesson::Step;
use crate::quiz::{Context, Key, Question, Ruling, summary_quiz};

/// The steps that ask for a prediction, in lesson order.
pub fn prediction_steps() -> impl Iterator<Item = Step> {
    Step::all().filter(|&step| def(step).prediction.is_some())
}

/// The prediction asked before `step`, if it has one, worded with what `ctx` knows.
pub fn prediction(step: Step, ctx: &Context) -> Option<Question> {
    let text = def(step).prediction?;
    Some(Question::from_text(text, step, Key::Live, ctx))
}

/// Judges the prediction of the step `facts` are of: which choice they prove right.
pub fn judge(facts: &Facts) -> Option<Ruling> {
    (def(facts.step()).judge)(facts)
}

/// The words of a choice of a question, by ids, in `lang` (for reports of stored answers).
/// `None` when either id is unknown (a file from another version).
pub fn choice_text(question: &str, choice: &str, lang: Lang) -> Option<String> {
    let ctx = Context::default();
    let question = Step::from_id(question)
        .and_then(|step| prediction(step, &ctx))
        .or_else(|| summary_quiz().into_iter().find(|q| q.id == question))?;
    let choice = question.choices.iter().find(|c| c.id == choice)?;
    Some(choice.text.text(lang))
}

/// Checks a step's judge against hand-made facts for every way a run could have gone
/// (`want`: the choice they prove right, `None` for facts that fit no choice), and that
/// every choice of the step's question is proved right by some of them, worded in both
/// languages without a placeholder left. The real runs are judged in tests/walk_quiz.rs.
#[cfg(test)]
pub fn check_judge(step: Step, cases: &[(Facts, Option<&str>)]) {
    let question = prediction(step, &Context::new(900)).expect("the step asks");
    for (facts, want) in cases {
        let verdict = judge(facts);
        assert_eq!(
            verdict.as_ref().map(|v| v.right),
            *want,
            "{step}: {facts:?}"
        );
        if let Some(verdict) = verdict {
            assert!(
                question.index_of(verdict.right).is_some(),
                "{step}: no {want:?}"
            );
            for lang in [Lang::En, Lang::Ko] {
                assert!(!verdict.live.text(lang).contains('{'), "{step}: {lang:?}");
            }
        }
    }
    for choice in &question.choices {
        // A distractor no run can report: demo-c dying with its parent would fail the
        // step rather than be observed.
        if (step, choice.id) == (Step::OrphanReaping, "nobody") {
            continue;
        }
        assert!(
            cases.iter().any(|(_, want)| *want == Some(choice.id)),
            "{step}: no facts make {} right",
            choice.id
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::Key;

    #[test]
    fn facts_of_another_step_are_not_judged() {
        let clone = super::super::Facts::empty(Step::Clone);
        assert_eq!((def(Step::Nesting).judge)(&clone), None);
        assert_eq!(judge(&super::super::Facts::empty(Step::Summary)), None);
        assert_eq!(judge(&super::super::Facts::empty(Step::Hostname)), None);
    }

    #[test]
    fn choices_carry_this_machines_numbers() {
        let mut ctx = Context::new(4242);
        ctx.host_count = Some(311);
        let clone = prediction(Step::Clone, &ctx).unwrap();
        assert!(clone.choices[1].text.text(Lang::En).contains("4242"));
        let leak = prediction(Step::ProcLeak, &ctx).unwrap();
        assert!(leak.choices[1].text.text(Lang::Ko).contains("311"));
        let unknown = prediction(Step::ProcLeak, &Context::new(1)).unwrap();
        assert_eq!(
            unknown.choices[1].text.text(Lang::En),
            "All of them: as many as the tutor sees outside the lab"
        );
        assert_eq!(
            choice_text("cannot-fork", "sh-is-init", Lang::En).as_deref(),
            Some("sh became PID 1, and PID 1 may not fork")
        );
        assert_eq!(choice_text("clone", "nope", Lang::En), None);
    }

    #[test]
    fn ids_are_unique_and_choices_well_formed() {
        let quiz = summary_quiz();
        let predictions: Vec<Question> = prediction_steps()
            .filter_map(|s| prediction(s, &Context::default()))
            .collect();
        let mut ids: Vec<&str> = quiz.iter().chain(&predictions).map(|q| q.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), quiz.len() + predictions.len());
        for q in quiz.iter().chain(&predictions) {
            assert!((3..=4).contains(&q.choices.len()), "{}", q.id);
            let mut choice_ids: Vec<&str> = q.choices.iter().map(|c| c.id).collect();
            choice_ids.sort();
            choice_ids.dedup();
            assert_eq!(choice_ids.len(), q.choices.len(), "{}", q.id);
            if let Key::Fixed(right) = q.key {
                assert!(q.index_of(right).is_some(), "{}: no choice {right}", q.id);
            }
        }
        for q in &predictions {
            assert_eq!(q.id, q.step.id(), "a prediction's id is its step's");
        }
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        fn names(s: &str) -> Vec<&str> {
            let mut v: Vec<&str> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n))
                .collect();
            v.sort();
            v
        }
        let mut all = vec![];
        for q in prediction_steps()
            .filter_map(|s| prediction(s, &Context::default()))
            .chain(summary_quiz())
        {
            all.push(q.prompt.tr());
            all.push(q.why.tr());
            all.extend(q.choices.iter().map(|c| c.text.tr()));
        }
        for tr in all {
            assert_eq!(names(tr.en), names(tr.ko), "{tr:?}");
            assert!(!tr.en.is_empty() && !tr.ko.is_empty());
        }
    }

    #[test]
    fn marking_uses_the_fixed_or_the_live_answer() {
        let quiz = summary_quiz();
        let first = &quiz[0];
        let right = first.index_of("one-and-zero").unwrap();
        assert!(first.mark(right, None).unwrap().correct);
        assert!(!first.mark((right + 1) % 4, None).unwrap().correct);
        let clone = prediction(Step::Clone, &Context::new(42)).unwrap();
        assert_eq!(clone.mark(0, None), None, "no facts, no mark");
        let facts = crate::steps::CloneFacts {
            child_getpid: 1,
            child_getppid: 0,
            ..Default::default()
        };
        let verdict = judge(&Facts::Clone(facts)).unwrap();
        let mark = clone
            .mark(clone.index_of("one-and-tutor").unwrap(), Some(&verdict))
            .unwrap();
        assert_eq!((mark.chosen, mark.correct), ("one-and-tutor", false));
        assert_eq!(clone.mark(9, Some(&verdict)), None, "no such choice");
    }
}
