//! What `pidns-tutor check` prints, in the lesson's language: who we are, the kernel's
//! switches, what each mode did, and, when no mode works, the remedy that fits what
//! forbids it here (on Ubuntu: an AppArmor profile for this program, not the switch off
//! for the whole machine).

use crate::i18n::Tr;
use crate::lab::mode::{APPARMOR_RESTRICT, Switch};
use crate::lang::Lang;
use std::fmt::Write as _;
use std::path::Path;

/// What the report is made from; `check` fills it from this machine, tests from a stand-in.
pub struct Findings<'a> {
    pub kernel: String,
    pub uid: u32,
    pub switches: &'a [Switch],
    pub root: &'a Result<(), String>,
    pub userns: &'a Result<(), String>,
    /// The program, as the kernel runs it (an AppArmor profile attaches by this path).
    pub exe: &'a Path,
}

/// Where the Debian package puts the profile, and the name it has.
pub const PROFILE_FILE: &str = "/etc/apparmor.d/pidns-tutor";

/// An AppArmor profile that lets the program at `exe` make user namespaces and changes
/// nothing else (unconfined): what Ubuntu ships for programs that need them. The package's
/// copy (assets/apparmor/pidns-tutor) is this for /usr/bin/pidns-tutor.
pub fn apparmor_profile(exe: &Path) -> String {
    format!(
        "# Lets pidns-tutor make the user namespace its lesson runs in where AppArmor\n\
         # restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns=1).\n\
         abi <abi/4.0>,\n\
         include <tunables/global>\n\
         \n\
         profile pidns-tutor {} flags=(unconfined) {{\n  userns,\n\n  \
         include if exists <local/pidns-tutor>\n}}\n",
        exe.display()
    )
}

// The report's words, each in both languages.

const RUNNING_AS: Tr = Tr {
    en: "running as:",
    ko: "실행 사용자:",
};

const ROOT: Tr = Tr {
    en: " (root)",
    ko: " (root)",
};

const FORBIDS: Tr = Tr {
    en: "  <- forbids unprivileged user namespaces",
    ko: "  <- 비특권 사용자 네임스페이스를 막고 있음",
};

const WORKS: Tr = Tr {
    en: "works",
    ko: "됨",
};

const REFUSED: Tr = Tr {
    en: "refused",
    ko: "거부됨",
};

const WILL_USE: Tr = Tr {
    en: "the live lesson will use mode",
    ko: "라이브 수업은 이 모드를 씁니다:",
};

const NONE: Tr = Tr {
    en: "no live lesson is possible here.",
    ko: "여기서는 라이브 수업을 할 수 없습니다.",
};

const SUDO: Tr = Tr {
    en: "- run it with sudo (mode root), or",
    ko: "- sudo로 실행하거나 (root 모드),",
};

const SYSCTL: Tr = Tr {
    en: "- as root, allow unprivileged user namespaces:",
    ko: "- root로 비특권 사용자 네임스페이스를 허용하세요:",
};

const APPARMOR: Tr = Tr {
    en: "- this system lets a program make user namespaces only if its AppArmor profile \
               allows it. Install the pidns-tutor package, which brings that profile, or as \
               root write this to",
    ko: "- 이 시스템은 AppArmor 프로필이 허용한 프로그램만 사용자 네임스페이스를 만들게 \
               합니다. 그 프로필이 들어 있는 pidns-tutor 패키지를 설치하거나, root로 다음 내용을 \
               이 파일에 쓰고",
};

const APPARMOR_LOAD: Tr = Tr {
    en: "  and load it (leaving the restriction on for every other program):",
    ko: "  불러오세요 (다른 프로그램에 대한 제한은 그대로 둡니다):",
};

const UNKNOWN: Tr = Tr {
    en: "- no switch here forbids user namespaces: a container, a chroot or a seccomp \
              filter may refuse them; ask whoever runs this machine.",
    ko: "- 여기에는 사용자 네임스페이스를 막는 스위치가 없습니다: 컨테이너, chroot, seccomp \
              필터가 막고 있을 수 있으니 이 머신의 관리자에게 물어보세요.",
};

const REPLAY: Tr = Tr {
    en: "The lesson still runs from a recording: pidns-tutor --replay [FILE], or pidns-tutor walk --replay",
    ko: "녹화로는 수업을 볼 수 있습니다: pidns-tutor --replay [FILE], 또는 pidns-tutor walk --replay",
};

/// The report `check` prints.
pub fn report(facts: &Findings, lang: Lang) -> String {
    let w = |tr: Tr| tr.get(lang);
    let mut out = String::new();
    let _ = writeln!(out, "kernel:      {}", facts.kernel);
    let root = if facts.uid == 0 { w(ROOT) } else { "" };
    let _ = writeln!(out, "{} uid {}{root}", w(RUNNING_AS), facts.uid);
    for switch in facts.switches {
        let verdict = if switch.forbids { w(FORBIDS) } else { "" };
        let _ = writeln!(out, "{} = {}{verdict}", switch.name, switch.value);
    }
    let line = |r: &Result<(), String>| match r {
        Ok(()) => w(WORKS).to_string(),
        Err(e) => format!("{}: {e}", w(REFUSED)),
    };
    let _ = writeln!(out, "mode root:   {}", line(facts.root));
    let _ = writeln!(out, "mode userns: {}", line(facts.userns));
    if facts.root.is_ok() {
        let _ = writeln!(out, "{} root", w(WILL_USE));
    } else if facts.userns.is_ok() {
        let _ = writeln!(out, "{} userns", w(WILL_USE));
    } else {
        let _ = writeln!(out, "{}", w(NONE));
        remedy(&mut out, facts, w);
        let _ = writeln!(out, "{}", w(REPLAY));
    }
    out
}

/// What would make a live lesson possible here, for what forbids it.
fn remedy(out: &mut String, facts: &Findings, w: impl Fn(Tr) -> &'static str) {
    if facts.uid != 0 {
        let _ = writeln!(out, "{}", w(SUDO));
    }
    let forbidding: Vec<&Switch> = facts.switches.iter().filter(|s| s.forbids).collect();
    let sysctls: Vec<String> = forbidding
        .iter()
        .filter_map(|s| match s.name {
            "user.max_user_namespaces" => Some(format!("sysctl -w {}=15000", s.name)),
            "kernel.unprivileged_userns_clone" => Some(format!("sysctl -w {}=1", s.name)),
            _ => None,
        })
        .collect();
    if !sysctls.is_empty() {
        let _ = writeln!(out, "{}\n  {}", w(SYSCTL), sysctls.join("; "));
    }
    if forbidding.iter().any(|s| s.name == APPARMOR_RESTRICT) {
        let _ = writeln!(out, "{} {PROFILE_FILE}:", w(APPARMOR));
        for line in apparmor_profile(facts.exe).lines() {
            let _ = writeln!(out, "    {line}");
        }
        let _ = writeln!(out, "{}", w(APPARMOR_LOAD));
        let _ = writeln!(out, "    apparmor_parser -r {PROFILE_FILE}");
    }
    if forbidding.is_empty() {
        let _ = writeln!(out, "{}", w(UNKNOWN));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(switches: &'a [Switch], refused: &'a Result<(), String>) -> Findings<'a> {
        Findings {
            kernel: "6.8.0".into(),
            uid: 1000,
            switches,
            root: refused,
            userns: refused,
            exe: Path::new("/home/me/.cargo/bin/pidns-tutor"),
        }
    }

    #[test]
    fn the_package_profile_is_the_one_check_prints_for_usr_bin() {
        let asset = include_str!("../../assets/apparmor/pidns-tutor");
        assert_eq!(asset, apparmor_profile(Path::new("/usr/bin/pidns-tutor")));
    }

    #[test]
    fn a_working_mode_needs_no_remedy_in_either_language() {
        let ok = Ok(());
        for lang in Lang::ALL {
            let text = report(&facts(&[], &ok), lang);
            assert!(text.contains("userns") && !text.contains("sudo"), "{text}");
        }
    }
}
