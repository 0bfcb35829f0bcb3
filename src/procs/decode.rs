//! The little decoding procfs leaves to us: PID directory names, the text of a namespace
//! link, and the raw bytes of a name that is not UTF-8 (procfs shows those as U+FFFD; the
//! lesson shows `\xNN`, so that no byte of a name is lost).

/// A positive PID written in plain decimal digits; anything else is `None`.
pub(crate) fn parse_pid(s: &[u8]) -> Option<i32> {
    if s.is_empty() || s.len() > 10 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(s)
        .ok()?
        .parse()
        .ok()
        .filter(|&p: &i32| p > 0)
}

/// The inode in a namespace link's text, "pid:[4026531836]" (proc_pid_ns(5)).
pub(crate) fn parse_ns_link(link: &[u8]) -> Option<u64> {
    let start = link.iter().position(|&b| b == b'[')? + 1;
    let end = link.iter().rposition(|&b| b == b']')?;
    std::str::from_utf8(link.get(start..end)?)
        .ok()?
        .parse()
        .ok()
}

/// Whether procfs can parse this stat line without slicing out of bounds (it slices at
/// fixed offsets from the parentheses): "PID (NAME) S ..." with a digit first and a space
/// and the state letter after the LAST ')'. The kernel always writes that; a stray file
/// under a fixture root might not, and is then skipped instead of panicking.
pub(crate) fn stat_is_well_formed(buf: &[u8]) -> bool {
    let open = buf.iter().position(|&b| b == b'(');
    let close = buf.iter().rposition(|&b| b == b')');
    let starts_with_pid = buf.first().is_some_and(u8::is_ascii_digit);
    match (open, close) {
        (Some(o), Some(c)) if starts_with_pid && c > o => {
            buf.get(c + 1) == Some(&b' ') && buf.get(c + 2).is_some_and(u8::is_ascii_graphic)
        }
        _ => false,
    }
}

/// The name in a stat line, as raw bytes: between the first '(' and the LAST ')', since a
/// name may hold spaces, parentheses and even newlines.
pub(crate) fn raw_comm(buf: &[u8]) -> Option<&[u8]> {
    let open = buf.iter().position(|&b| b == b'(')?;
    let close = buf.iter().rposition(|&b| b == b')')?;
    buf.get(open + 1..close)
}

/// Turns raw `comm` bytes into a String. Valid UTF-8 is kept as is; each byte that is not
/// part of valid UTF-8 becomes the four characters `\xNN`, so no information is lost and
/// `label::display_name` can still escape control characters afterwards.
pub fn decode_name(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_becomes_hex() {
        assert_eq!(decode_name(b"a\xffb\xc3"), "a\\xffb\\xc3");
        assert_eq!(decode_name("한글".as_bytes()), "한글");
        assert_eq!(decode_name(b"\xe2\x82"), "\\xe2\\x82");
    }

    #[test]
    fn ns_link() {
        assert_eq!(parse_ns_link(b"pid:[4026531836]"), Some(4026531836));
        assert_eq!(parse_ns_link(b"pid:[x]"), None);
        assert_eq!(parse_ns_link(b"pid:]["), None);
    }

    #[test]
    fn pid_parsing() {
        assert_eq!(parse_pid(b"123"), Some(123));
        assert_eq!(parse_pid(b"self"), None);
        assert_eq!(parse_pid(b"0"), None);
        assert_eq!(parse_pid(b"+1"), None);
        assert_eq!(parse_pid(b"99999999999"), None);
    }

    #[test]
    fn stat_shapes() {
        let odd = b"42 (a b) (c\nd) S 7 42 42 0 -1 4194560 0 0";
        assert!(stat_is_well_formed(odd));
        assert_eq!(raw_comm(odd), Some(&b"a b) (c\nd"[..]));
        let bad: [&[u8]; 7] = [
            b"1 (init",
            b"(x) S 1",
            b"1 (x)",
            b"1 (x) \n",
            b" 1 (x) S",
            b"1 )x( S 0",
            b"",
        ];
        for bad in bad {
            assert!(
                !stat_is_well_formed(bad),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
