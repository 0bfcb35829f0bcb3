//! What `pidns-tutor check` prints, in the lesson's language: who we are, the kernel's
//! switches, what each mode did, and, when no mode works, the remedy that fits what
//! forbids it here (on Ubuntu: an AppArmor profile for this program, not the switch off
//! for the whole machine).

use crate::lab::mode::{APPARMOR_RESTRICT, Switch};
use crate::lang::Lang;
use std::fmt::Write as _;
use std::path::Path;

/// What the report is made from; `check` fills it from this machine, tests from a stand-in.
pub struct Facts<'a> {
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

struct Words {
    running_as: &'static str,
    root: &'static str,
    forbids: &'static str,
    works: &'static str,
    refused: &'static str,
    will_use: &'static str,
    none: &'static str,
    sudo: &'static str,
    sysctl: &'static str,
    apparmor: &'static str,
    apparmor_load: &'static str,
    unknown: &'static str,
    replay: &'static str,
}

const EN: Words = Words {
    running_as: "running as:",
    root: " (root)",
    forbids: "  <- forbids unprivileged user namespaces",
    works: "works",
    refused: "refused",
    will_use: "the live lesson will use mode",
    none: "no live lesson is possible here.",
    sudo: "- run it with sudo (mode root), or",
    sysctl: "- as root, allow unprivileged user namespaces:",
    apparmor: "- this system lets a program make user namespaces only if its AppArmor profile \
               allows it. Install the pidns-tutor package, which brings that profile, or as \
               root write this to",
    apparmor_load: "  and load it (leaving the restriction on for every other program):",
    unknown: "- no switch here forbids user namespaces: a container, a chroot or a seccomp \
              filter may refuse them; ask whoever runs this machine.",
    replay: "The lesson still runs from a recording: pidns-tutor --replay [FILE], or pidns-tutor walk --replay",
};

const KO: Words = Words {
    running_as: "실행 사용자:",
    root: " (root)",
    forbids: "  <- 비특권 사용자 네임스페이스를 막고 있음",
    works: "됨",
    refused: "거부됨",
    will_use: "라이브 수업은 이 모드를 씁니다:",
    none: "여기서는 라이브 수업을 할 수 없습니다.",
    sudo: "- sudo로 실행하거나 (root 모드),",
    sysctl: "- root로 비특권 사용자 네임스페이스를 허용하세요:",
    apparmor: "- 이 시스템은 AppArmor 프로필이 허용한 프로그램만 사용자 네임스페이스를 만들게 \
               합니다. 그 프로필이 들어 있는 pidns-tutor 패키지를 설치하거나, root로 다음 내용을 \
               이 파일에 쓰고",
    apparmor_load: "  불러오세요 (다른 프로그램에 대한 제한은 그대로 둡니다):",
    unknown: "- 여기에는 사용자 네임스페이스를 막는 스위치가 없습니다: 컨테이너, chroot, seccomp \
              필터가 막고 있을 수 있으니 이 머신의 관리자에게 물어보세요.",
    replay: "녹화로는 수업을 볼 수 있습니다: pidns-tutor --replay [FILE], 또는 pidns-tutor walk --replay",
};

/// The report `check` prints.
pub fn report(facts: &Facts, lang: Lang) -> String {
    let w = match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
    };
    let mut out = String::new();
    let _ = writeln!(out, "kernel:      {}", facts.kernel);
    let root = if facts.uid == 0 { w.root } else { "" };
    let _ = writeln!(out, "{} uid {}{root}", w.running_as, facts.uid);
    for switch in facts.switches {
        let verdict = if switch.forbids { w.forbids } else { "" };
        let _ = writeln!(out, "{} = {}{verdict}", switch.name, switch.value);
    }
    let line = |r: &Result<(), String>| match r {
        Ok(()) => w.works.to_string(),
        Err(e) => format!("{}: {e}", w.refused),
    };
    let _ = writeln!(out, "mode root:   {}", line(facts.root));
    let _ = writeln!(out, "mode userns: {}", line(facts.userns));
    if facts.root.is_ok() {
        let _ = writeln!(out, "{} root", w.will_use);
    } else if facts.userns.is_ok() {
        let _ = writeln!(out, "{} userns", w.will_use);
    } else {
        let _ = writeln!(out, "{}", w.none);
        remedy(&mut out, facts, w);
        let _ = writeln!(out, "{}", w.replay);
    }
    out
}

/// What would make a live lesson possible here, for what forbids it.
fn remedy(out: &mut String, facts: &Facts, w: &Words) {
    if facts.uid != 0 {
        let _ = writeln!(out, "{}", w.sudo);
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
        let _ = writeln!(out, "{}\n  {}", w.sysctl, sysctls.join("; "));
    }
    if forbidding.iter().any(|s| s.name == APPARMOR_RESTRICT) {
        let _ = writeln!(out, "{} {PROFILE_FILE}:", w.apparmor);
        for line in apparmor_profile(facts.exe).lines() {
            let _ = writeln!(out, "    {line}");
        }
        let _ = writeln!(out, "{}", w.apparmor_load);
        let _ = writeln!(out, "    apparmor_parser -r {PROFILE_FILE}");
    }
    if forbidding.is_empty() {
        let _ = writeln!(out, "{}", w.unknown);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(switches: &'a [Switch], refused: &'a Result<(), String>) -> Facts<'a> {
        Facts {
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
