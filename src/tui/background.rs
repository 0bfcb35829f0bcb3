//! What `--theme auto` asks the terminal: the colour of its background (OSC 11, which
//! xterm, VTE terminals, kitty, iTerm2, Windows Terminal and tmux answer), so that a light
//! terminal gets the light theme although almost none sets `COLORFGBG`. The query goes
//! out with a primary device attributes request (DA1) behind it: every terminal answers
//! DA1, so one that ignores OSC 11 is known at once, without waiting out the timeout.
//! Asked in raw mode of its own, before the TUI prints or reads anything else.
//!
//! Man page: xterm's ctlseqs, "Operating System Commands", Ps = 11.

use crate::app::ThemeName;
use std::io::Write;
use std::os::fd::{AsFd, BorrowedFd};
use std::time::{Duration, Instant};

/// The longest a silent terminal (or a slow ssh link) holds up the first frame.
const WAIT: Duration = Duration::from_millis(1500);

/// The most an answer may take: a colour and a DA1 reply are a few dozen bytes.
const MOST: usize = 256;

/// Light or dark, as the terminal's background says; `None` when it did not say (no
/// terminal, no answer, an answer we cannot read).
pub fn ask() -> Option<ThemeName> {
    use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};
    // Raw: the answer is not echoed, and comes byte by byte rather than by the line.
    enable_raw_mode().ok()?;
    let mut out = std::io::stdout();
    let asked = out
        .write_all(b"\x1b]11;?\x1b\\\x1b[c")
        .and_then(|()| out.flush());
    let answer = asked
        .ok()
        .and_then(|()| read_answer(std::io::stdin().as_fd()));
    let _ = disable_raw_mode();
    theme_of(&answer?)
}

/// Reads what the terminal sends back until its DA1 answer (`ESC [ ? … c`) ends it, or
/// the wait is over.
fn read_answer(fd: BorrowedFd<'_>) -> Option<Vec<u8>> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let deadline = Instant::now() + WAIT;
    let mut got = Vec::new();
    while got.len() < MOST {
        let left = Timespec::try_from(deadline.checked_duration_since(Instant::now())?).ok()?;
        let mut fds = [PollFd::from_borrowed_fd(fd, PollFlags::IN)];
        // Nothing ready in time (or a signal came): what came so far is the answer.
        if poll(&mut fds, Some(&left)).unwrap_or(0) == 0 {
            return (!got.is_empty()).then_some(got);
        }
        let mut buf = [0u8; 64];
        let n = rustix::io::read(fd, &mut buf).ok().filter(|&n| n > 0)?;
        got.extend_from_slice(&buf[..n]);
        if da1_done(&got) {
            return Some(got);
        }
    }
    Some(got)
}

/// Whether `got` holds the whole DA1 answer: `ESC [ ?` then digits and `;`, then `c`.
fn da1_done(got: &[u8]) -> bool {
    let Some(at) = got.windows(3).position(|w| w == b"\x1b[?") else {
        return false;
    };
    got[at + 3..]
        .iter()
        .find(|b| !(b.is_ascii_digit() || **b == b';'))
        .is_some_and(|&b| b == b'c')
}

/// The theme for the background colour in an OSC 11 answer
/// (`ESC ] 11 ; rgb:RRRR/GGGG/BBBB` then BEL or ST; 1 to 4 hex digits a channel): light
/// when its relative luminance is above the middle.
pub fn theme_of(answer: &[u8]) -> Option<ThemeName> {
    let text = std::str::from_utf8(answer).ok()?;
    let start = text.find("]11;rgb:")? + "]11;rgb:".len();
    let rgb: Vec<f64> = text[start..]
        .split(['/', '\x07', '\x1b'])
        .take(3)
        .map(channel)
        .collect::<Option<_>>()?;
    let [r, g, b] = rgb[..] else {
        return None;
    };
    // Rec. 709 luma on the channels as given: enough to tell light from dark.
    let luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    Some(if luminance > 0.5 {
        ThemeName::Light
    } else {
        ThemeName::Dark
    })
}

/// One channel, `f` to `ffff`, as a fraction of its largest value.
fn channel(hex: &str) -> Option<f64> {
    if hex.is_empty() || hex.len() > 4 {
        return None;
    }
    let value = u32::from_str_radix(hex, 16).ok()?;
    let most = (1u32 << (4 * hex.len())) - 1;
    Some(f64::from(value) / f64::from(most))
}

#[cfg(test)]
mod tests {
    use super::{ThemeName, da1_done, theme_of};

    #[test]
    fn a_background_colour_picks_light_or_dark() {
        let light = b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;22c";
        assert_eq!(theme_of(light), Some(ThemeName::Light));
        assert_eq!(
            theme_of(b"\x1b]11;rgb:0000/0000/0000\x07"),
            Some(ThemeName::Dark)
        );
        // Solarized light, and dark, in two hex digits a channel.
        assert_eq!(
            theme_of(b"\x1b]11;rgb:fd/f6/e3\x07"),
            Some(ThemeName::Light)
        );
        assert_eq!(theme_of(b"\x1b]11;rgb:00/2b/36\x07"), Some(ThemeName::Dark));
        // No answer to OSC 11, only to DA1; or nonsense.
        assert_eq!(theme_of(b"\x1b[?62;22c"), None);
        assert_eq!(theme_of(b"\x1b]11;rgb:zz/00/00\x07"), None);
        assert_eq!(theme_of(b"\x1b]11;rgb:fffff/0/0\x07"), None);
    }

    #[test]
    fn the_device_attributes_answer_ends_the_wait() {
        assert!(da1_done(b"\x1b]11;rgb:0/0/0\x07\x1b[?62;22c"));
        assert!(!da1_done(b"\x1b]11;rgb:0/0/0\x07\x1b[?62;2"));
        assert!(!da1_done(b"\x1b]11;rgb:0/0/0\x07"));
    }
}
