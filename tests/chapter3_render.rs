//! The third chapter's screens, drawn from the fixed recording in both languages at every
//! size from 80x24 to 220x60: each step's trees show its processes, and no-reaper's
//! zombies are marked with a word (not colour alone) in both trees.

mod render_support;

use pidns_tutor::lang::Lang;
use pidns_tutor::lesson::Step;
use pidns_tutor::words;
use render_support::*;

const SIZES: [(u16, u16); 4] = [(80, 24), (100, 30), (160, 48), (220, 60)];

/// A process each step's trees show once it has run (its last moment, or its first).
const SHOWN: [(Step, &str); 5] = [
    (Step::NoReaper, "no-reaper"),
    (Step::Pidfd, "target"),
    (Step::PidMax, "holder"),
    (Step::Hidepid, "looker"),
    (Step::SetTid, "chosen-42"),
];

#[test]
fn each_step_draws_its_processes_at_every_size() {
    for lang in [Lang::En, Lang::Ko] {
        for size in SIZES {
            for (step, name) in SHOWN {
                let (app, _) = app_at(lang, step, true, size);
                let screen = text(&render(&app));
                assert!(
                    screen.contains(name),
                    "{step} {lang:?} {size:?}: no {name}:\n{screen}"
                );
            }
        }
    }
}

#[test]
fn zombies_are_marked_with_a_word() {
    for lang in [Lang::En, Lang::Ko] {
        let word = words::tree::ZOMBIE_SHORT
            .get(lang)
            .trim_start_matches('◀')
            .trim();
        for size in SIZES {
            let (app, _) = app_at(lang, Step::NoReaper, true, size);
            let screen = text(&render(&app));
            let marked = screen.lines().filter(|l| l.contains(word)).count();
            assert!(
                marked >= 2,
                "{lang:?} {size:?}: zombies in both trees, each marked {word:?}:\n{screen}"
            );
        }
    }
}
