//! The one sanitizer for text that came from a file or another process: every character
//! that could move the cursor, restyle, retitle or reprogram a terminal (C0 controls, DEL,
//! C1 controls, so ESC, BEL, CSI, OSC 52 and friends; and the bidirectional overrides) is
//! written as a visible escape instead. `escape` is for one value on one line (newlines and tabs escaped too);
//! `Escaping` wraps a whole text output, keeping its newlines, so that nothing printed
//! through it can reach the terminal raw, whichever value it came from.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Whether `c` must not reach a terminal as it is: a control character, or a
/// bidirectional override that could reorder the rest of the line and disguise a name.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `c` escaped: `\n`, `\t`, `\r` as such, other controls as `\xNN` (C0, DEL) or `\u{NN}`
/// (C1). Backslashes are left alone, so a name's own `\xNN` (bytes that are not UTF-8, as
/// the /proc reader writes them) shows as is.
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        c if (c as u32) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// One value, safe to print on one line: every control character escaped.
pub fn escape(raw: &str) -> Cow<'_, str> {
    escape_keeping(raw, &[])
}

/// A whole text, safe to print: every control character but `keep` escaped.
fn escape_keeping<'a>(raw: &'a str, keep: &[char]) -> Cow<'a, str> {
    if !raw.chars().any(|c| is_unsafe(c) && !keep.contains(&c)) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len() + 8);
    for c in raw.chars() {
        if is_unsafe(c) && !keep.contains(&c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Lines of text, safe to print: newlines (and tabs) kept, every other control escaped.
pub fn escape_text(raw: &str) -> Cow<'_, str> {
    escape_keeping(raw, &['\n', '\t'])
}

/// A writer that passes text through `escape_text` on its way to `inner`. Bytes that are
/// not UTF-8 are written as `\xNN` (an 8-bit C1 byte would otherwise act on some
/// terminals); a character cut between two writes is held until the rest comes.
pub struct Escaping<W: Write> {
    inner: W,
    /// The start of a UTF-8 character whose other bytes have not come yet.
    held: Vec<u8>,
}

impl<W: Write> Escaping<W> {
    pub fn new(inner: W) -> Escaping<W> {
        Escaping {
            inner,
            held: Vec::new(),
        }
    }

    fn emit(&mut self, bytes: &[u8], end: bool) -> io::Result<()> {
        let mut out = String::new();
        let mut rest = bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    out.push_str(&escape_text(text));
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    out.push_str(&escape_text(std::str::from_utf8(valid).unwrap_or_default()));
                    match e.error_len() {
                        // Cut short: wait for the rest, unless nothing more comes.
                        None if !end => {
                            self.held = after.to_vec();
                            break;
                        }
                        None => {
                            after.iter().for_each(|b| push_byte(&mut out, *b));
                            break;
                        }
                        Some(n) => {
                            after[..n].iter().for_each(|b| push_byte(&mut out, *b));
                            rest = &after[n..];
                        }
                    }
                }
            }
        }
        self.inner.write_all(out.as_bytes())
    }
}

fn push_byte(out: &mut String, byte: u8) {
    let _ = write!(out, "\\x{byte:02x}");
}

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.held);
        bytes.extend_from_slice(buf);
        self.emit(&bytes, false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let held = std::mem::take(&mut self.held);
        if !held.is_empty() {
            self.emit(&held, true)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Escaping<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str =
        "a\u{1b}]0;TITLE\u{7}\u{1b}[2J\u{1b}]52;c;SGVsbG8=\u{7}\u{9b}31m\u{9d}x\u{7f}";

    #[test]
    fn a_value_keeps_no_control_character() {
        let safe = escape(HOSTILE);
        assert!(!safe.chars().any(char::is_control), "{safe}");
        assert_eq!(
            safe,
            "a\\x1b]0;TITLE\\x07\\x1b[2J\\x1b]52;c;SGVsbG8=\\x07\\u{9b}31m\\u{9d}x\\x7f"
        );
        assert_eq!(escape("line\nnext\ttab"), "line\\nnext\\ttab");
        assert!(matches!(escape("한글 plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_text_keeps_its_lines_and_nothing_else() {
        assert_eq!(escape_text("one\ntwo\r\u{1b}"), "one\ntwo\\r\\x1b");
    }

    #[test]
    fn the_writer_escapes_across_writes_and_bad_bytes() {
        let mut out = Vec::new();
        {
            let mut w = Escaping::new(&mut out);
            let text = format!("{HOSTILE}\n한");
            let bytes = text.as_bytes();
            // A Korean letter cut in the middle of its three bytes, across two writes.
            let cut = bytes.len() - 1;
            w.write_all(&bytes[..cut]).unwrap();
            w.write_all(&bytes[cut..]).unwrap();
            w.write_all(b"\x9b\xff\n\xe2").unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with("\n한\\x9b\\xff\n\\xe2"), "{text}");
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
    }
}
