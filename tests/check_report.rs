//! `check`'s remedy fits what forbids user namespaces, read from a stand-in /proc/sys (the
//! host's switches cannot be set to each value here): on Ubuntu's AppArmor restriction it
//! names the package and the one profile file, never the switch off for the whole machine.

mod common;

use common::Scratch;
use pidns_tutor::check::report::{Findings, PROFILE_FILE, report};
use pidns_tutor::lab::mode::userns_switches_in;
use pidns_tutor::lang::Lang;
use std::path::Path;

/// A /proc/sys holding `values` (`("kernel.x", "1")` becomes `kernel/x`).
fn proc_sys(values: &[(&str, &str)]) -> Scratch {
    let dir = Scratch::new("proc-sys");
    for (name, value) in values {
        let path = dir.join(name.replace('.', "/"));
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, format!("{value}\n")).expect("write");
    }
    dir
}

/// The report where both modes were refused, as `uid`, with the switches under `sys`.
fn refused_report(sys: &Path, uid: u32, lang: Lang) -> String {
    let refused = Err("EPERM".to_string());
    let switches = userns_switches_in(sys);
    report(
        &Findings {
            kernel: "6.8.0-45-generic".into(),
            uid,
            switches: &switches,
            root: &refused,
            userns: &refused,
            exe: Path::new("/home/student/.cargo/bin/pidns-tutor"),
        },
        lang,
    )
}

#[test]
fn ubuntus_apparmor_restriction_gets_the_profile_not_the_sysctl() {
    let sys = proc_sys(&[
        ("user.max_user_namespaces", "63379"),
        ("kernel.unprivileged_userns_clone", "1"),
        ("kernel.apparmor_restrict_unprivileged_userns", "1"),
    ]);
    for lang in Lang::ALL {
        let text = refused_report(&sys, 1000, lang);
        assert!(
            text.contains("kernel.apparmor_restrict_unprivileged_userns = 1  <- "),
            "{text}"
        );
        assert!(text.contains("pidns-tutor"), "{text}");
        // The one file, for this binary's own path, and how to load it.
        assert!(text.contains(PROFILE_FILE), "{text}");
        assert!(
            text.contains("profile pidns-tutor /home/student/.cargo/bin/pidns-tutor"),
            "{text}"
        );
        assert!(text.contains("userns,"), "{text}");
        assert!(text.contains("apparmor_parser -r /etc/apparmor.d/pidns-tutor"));
        // Not: switch the restriction off for everyone, nor any other sysctl.
        assert!(
            !text.contains("apparmor_restrict_unprivileged_userns=0"),
            "{text}"
        );
        assert!(!text.contains("sysctl -w"), "{text}");
        assert!(text.contains("sudo") && text.contains("--replay"), "{text}");
    }
    assert!(refused_report(&sys, 1000, Lang::En).contains("Install the pidns-tutor package"));
    assert!(refused_report(&sys, 1000, Lang::Ko).contains("패키지를 설치"));
}

#[test]
fn a_switch_that_forbids_for_everyone_gets_its_own_sysctl() {
    let sys = proc_sys(&[
        ("user.max_user_namespaces", "0"),
        ("kernel.apparmor_restrict_unprivileged_userns", "0"),
    ]);
    let text = refused_report(&sys, 1000, Lang::En);
    assert!(
        text.contains("user.max_user_namespaces = 0  <- forbids"),
        "{text}"
    );
    assert!(
        text.contains("sysctl -w user.max_user_namespaces=15000"),
        "{text}"
    );
    assert!(!text.contains(PROFILE_FILE), "{text}");
}

#[test]
fn root_is_not_told_to_use_sudo_and_an_unknown_refusal_says_so() {
    let sys = proc_sys(&[("user.max_user_namespaces", "15000")]);
    let text = refused_report(&sys, 0, Lang::En);
    assert!(!text.contains("sudo"), "{text}");
    assert!(text.contains("no switch here forbids"), "{text}");
}
