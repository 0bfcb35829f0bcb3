//! proc-leak: the learner finds, from inside, the PID their shell has outside the lab, and
//! types it. Before any remount the shell's /proc is the host's, so it speaks in outside
//! numbers: `readlink /proc/self` read by the shell itself, or the `PPid:` of a command the
//! shell starts. Checked against the shell's NSpid, whose first number is its PID in the
//! tutor's /proc (the /proc the lab leaked) and whose last is `$$`.

use super::{Hint, TaskRun, Verdict, kernel};

pub fn check(ctx: &TaskRun) -> Verdict {
    let setting = &ctx.setting;
    let Some(answer) = ctx.answer.as_deref() else {
        return Verdict::NotYet(Hint::NoAnswer);
    };
    let nspid = kernel::nspid(setting.shell);
    let (Some(&outside), Some(&inside)) = (nspid.first(), nspid.last()) else {
        return Verdict::NotYet(Hint::ShellGone);
    };
    let Some(number) = the_number(answer) else {
        return Verdict::NotYet(Hint::NotANumber);
    };
    let hint = if number == i64::from(outside) {
        return Verdict::Passed;
    } else if number == i64::from(inside) {
        Hint::InsidePid
    } else if number == 1 || number == i64::from(setting.agent) {
        Hint::InitPid
    } else {
        Hint::OtherPid
    };
    Verdict::NotYet(hint)
}

/// The one number in an answer (`4242`, `PID 4242.`, `pid:4242`); `None` when there is
/// none, or more than one.
pub fn the_number(answer: &str) -> Option<i64> {
    let mut numbers = answer
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty());
    let first = numbers.next()?.parse().ok()?;
    numbers.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::the_number;

    #[test]
    fn one_number_is_read_from_an_answer() {
        assert_eq!(the_number("4242"), Some(4242));
        assert_eq!(the_number(" PID 4242. "), Some(4242));
        assert_eq!(the_number("pid:4242"), Some(4242));
        assert_eq!(the_number("4242번"), Some(4242));
        assert_eq!(the_number("four"), None);
        assert_eq!(the_number(""), None);
        assert_eq!(the_number("2 or 4242"), None);
        assert_eq!(the_number("99999999999999999999999"), None);
    }
}
