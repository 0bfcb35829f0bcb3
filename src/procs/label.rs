//! Labels in the post's notation and names that are safe to print.
//!
//! The post writes a process's PIDs outermost first, each inner namespace's PID in
//! parentheses: `5632(1)` is PID 5632 in the namespace of the /proc mount and PID 1 in the
//! namespace one level down; `7012(5(1))` goes two levels down.

use super::Proc;
use std::fmt::Write;

/// The PIDs of `p` in the post's notation: `[5632, 1]` -> `5632(1)`, `[7012, 5, 1]` ->
/// `7012(5(1))`; a single PID (or none known: then `p.pid`) is printed plainly.
pub fn pid_label(p: &Proc) -> String {
    match p.nspid.as_slice() {
        [] => p.pid.to_string(),
        [first, rest @ ..] => {
            let mut s = first.to_string();
            for n in rest {
                let _ = write!(s, "({n}");
            }
            s.extend(std::iter::repeat_n(')', rest.len()));
            s
        }
    }
}

/// `raw` with every character that could break or restyle a line escaped (see
/// `crate::sanitize::escape`, the one sanitizer every output uses).
pub fn display_name(raw: &str) -> String {
    crate::sanitize::escape(raw).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pid: i32, nspid: &[i32]) -> Proc {
        Proc {
            pid,
            ppid: 1,
            name: String::new(),
            nspid: nspid.to_vec(),
            pidns: None,
            zombie: false,
        }
    }

    #[test]
    fn labels() {
        assert_eq!(pid_label(&p(5632, &[5632, 1])), "5632(1)");
        assert_eq!(pid_label(&p(7012, &[7012, 5, 1])), "7012(5(1))");
        assert_eq!(pid_label(&p(9, &[9])), "9");
        assert_eq!(pid_label(&p(9, &[])), "9");
    }

    #[test]
    fn names() {
        assert_eq!(display_name("a b) (c\nd"), "a b) (c\\nd");
        assert_eq!(
            display_name("x\u{1b}[31m\t\r\u{7f}\u{9b}"),
            "x\\x1b[31m\\t\\r\\x7f\\u{9b}"
        );
        assert_eq!(display_name("a\\xffb"), "a\\xffb");
        assert_eq!(display_name("한글 bash"), "한글 bash");
    }
}
