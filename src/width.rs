//! How wide the output of a printing command (`tree`, `walk`) is: `COLUMNS` when it is set
//! to a number, else the terminal on stdout; a pipe or a file has no width, and gets whole
//! lines. The same order psmisc's pstree follows. And plain text wrapped to that width,
//! never cutting a word.

use std::io::IsTerminal;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `COLUMNS` if set to a number, else the size of the terminal on stdout, else `None`.
pub fn output_width() -> Option<usize> {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
    {
        return Some(n);
    }
    // Fails on a pipe or a file: no width.
    let size = rustix::termios::tcgetwinsize(std::io::stdout()).ok()?;
    (size.ws_col > 0).then_some(usize::from(size.ws_col))
}

/// The width to wrap prose to: as `output_width`, and 80 for a terminal that does not say
/// how wide it is; `None` (whole lines) for a pipe.
pub fn text_width() -> Option<usize> {
    output_width().or_else(|| std::io::stdout().is_terminal().then_some(80))
}

/// `text` in lines of at most `width` columns (display width: Korean counts two), the
/// first starting with `first`, the others with `rest`. Broken at blanks; a word longer
/// than a whole line is broken after a `/`, `:`, `.`, `,` or `(` where it can be, else
/// where it must. (Not `textwrap`: its word splitter puts a hyphen at every break inside
/// a word, and a path or a command broken as `/proc/sys/-` would no longer read as it is.)
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.width() + 1 + word.width() > width {
            out.push(std::mem::replace(&mut line, rest.to_string()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        // A word wider than a whole line: put out what fits, at a break if possible.
        let mut word = word;
        while !word.is_empty() && line.width() + word.width() > width {
            let take = split_at(word, width.saturating_sub(line.width()).max(1));
            line.push_str(&word[..take]);
            out.push(std::mem::replace(&mut line, rest.to_string()));
            word = &word[take..];
        }
        line.push_str(word);
        empty = word.is_empty();
    }
    if !empty || out.is_empty() {
        out.push(line.trim_end().to_string());
    }
    out
}

/// The byte index to cut `word` at so that its head fits in `room` columns: after the
/// last break character that fits, else after as many characters as fit (at least one).
fn split_at(word: &str, room: usize) -> usize {
    let mut used = 0;
    let mut fit = 0;
    let mut brk = None;
    for (i, c) in word.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        fit = i + c.len_utf8();
        if matches!(c, '/' | ':' | '.' | ',' | '(' | '|' | '-' | '=') && fit < word.len() {
            brk = Some(fit);
        }
    }
    match (brk, fit) {
        (Some(at), _) => at,
        (None, 0) => word.chars().next().map_or(word.len(), char::len_utf8),
        (None, fit) => fit,
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn wraps_at_blanks_with_a_hanging_indent() {
        let lines = wrap("one two three four five", 12, "  > ", "    ");
        assert_eq!(lines, ["  > one two", "    three", "    four", "    five"]);
        for line in wrap(
            "nix::sys::signal::kill(Pid::from_raw(parent_pid), None)",
            20,
            "  ",
            "  ",
        ) {
            assert!(line.width() <= 20, "{line}");
        }
        assert_eq!(
            wrap(
                "see /proc/sys/kernel/apparmor_restrict_unprivileged_userns",
                24,
                "",
                ""
            ),
            [
                "see",
                "/proc/sys/kernel/",
                "apparmor_restrict_unpriv",
                "ileged_userns"
            ]
        );
        assert_eq!(wrap("", 10, "  ", "  "), [""]);
    }

    #[test]
    fn korean_fits_by_display_width() {
        let text = "namespace는 시스템 전역 자원 하나를 감싸서, 그 안의 프로세스들이 자기만의 \
                    인스턴스를 갖게 해 주는 장치다.";
        for width in 8..40 {
            for line in wrap(text, width, "  ", "  ") {
                assert!(line.width() <= width, "{width}: {line}");
            }
        }
    }
}
