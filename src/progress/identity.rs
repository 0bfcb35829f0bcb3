//! Who a progress file belongs to: a display name (the login name unless the learner gives
//! one with `--name`) and a random id, made once, when the file is first written. The id is
//! what `report` groups by, so a file handed in twice counts once, and a renamed learner
//! stays the same learner.

use serde::{Deserialize, Serialize};
use std::io::Read;

/// The learner a progress file is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// Random, 16 hex digits; never changes once written.
    pub id: String,
    /// What the teacher sees; the learner may change it (`progress --name`).
    pub name: String,
}

/// Longest name kept, in characters: a name is a label, not a place to store text.
const NAME_MAX: usize = 64;

impl Identity {
    /// A new learner: the login name and a fresh id.
    pub fn new() -> Identity {
        Identity {
            id: random_id(),
            name: login_name(),
        }
    }
}

impl Default for Identity {
    fn default() -> Identity {
        Identity::new()
    }
}

/// `name` as it is kept: trimmed, at most `NAME_MAX` characters; `None` when nothing is left.
pub fn clean_name(name: &str) -> Option<String> {
    let name: String = name.trim().chars().take(NAME_MAX).collect();
    (!name.is_empty()).then_some(name)
}

/// The login name without asking NSS (which may load plugins or ask a network directory):
/// `LOGNAME`, then `USER`, then the uid's line in /etc/passwd, then `uid N`.
pub fn login_name() -> String {
    let uid = nix::unistd::getuid().as_raw();
    ["LOGNAME", "USER"]
        .iter()
        .filter_map(std::env::var_os)
        .find_map(|v| clean_name(&v.to_string_lossy()))
        .or_else(|| passwd_name(uid))
        .unwrap_or_else(|| format!("uid {uid}"))
}

/// The name of `uid` in /etc/passwd, read directly (bounded: a passwd file is small).
fn passwd_name(uid: u32) -> Option<String> {
    let mut text = String::new();
    let file = std::fs::File::open("/etc/passwd").ok()?;
    file.take(1 << 20).read_to_string(&mut text).ok()?;
    text.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let id: u32 = fields.nth(1)?.parse().ok()?;
        (id == uid).then(|| clean_name(name)).flatten()
    })
}

/// 64 random bits as hex, from the kernel; should /dev/urandom be missing, the std
/// library's randomly keyed hasher over the time and pid.
fn random_id() -> String {
    let mut bytes = [0u8; 8];
    let from_kernel =
        std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    let n = match from_kernel {
        Ok(()) => u64::from_ne_bytes(bytes),
        Err(_) => {
            use std::hash::BuildHasher;
            let random = std::collections::hash_map::RandomState::new();
            random.hash_one((std::time::SystemTime::now(), std::process::id()))
        }
    };
    format!("{n:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_random_and_names_are_kept_short_and_trimmed() {
        let (a, b) = (Identity::new(), Identity::new());
        assert_ne!(a.id, b.id);
        assert_eq!(a.id.len(), 16);
        assert!(!a.name.is_empty());
        assert_eq!(clean_name("  ana  ").as_deref(), Some("ana"));
        assert_eq!(clean_name(" \t"), None);
        assert_eq!(
            clean_name(&"x".repeat(500)).map(|n| n.len()),
            Some(NAME_MAX)
        );
    }

    #[test]
    fn the_login_name_comes_from_the_environment_first() {
        // Only read here: the variable is whatever the test runs under.
        if let Some(user) =
            std::env::var_os("LOGNAME").and_then(|v| clean_name(&v.to_string_lossy()))
        {
            assert_eq!(login_name(), user);
        }
        assert!(passwd_name(u32::MAX - 7).is_none());
    }
}
