//! Strings from a progress file (a learner's name, a choice id, a file's name) shown safely:
//! in text, control characters and the bidirectional overrides that could reorder a line
//! become visible escapes (`\x1b`, `\u{202e}`), so a name cannot move the cursor, recolour
//! the terminal or disguise itself; in a page, HTML's special characters become entities.

/// `text` with every control or bidi-override character written as an escape.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x80 && c.is_control() => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() || is_bidi(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The characters that change the direction of the text after them.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` for HTML, as element content or a quoted attribute's value; control characters
/// as `visible` shows them.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in visible(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_shown_not_obeyed() {
        assert_eq!(visible("ana\x1b[31m\n"), "ana\\x1b[31m\\n");
        assert_eq!(visible("a\u{202e}b\u{9b}"), "a\\u{202e}b\\u{9b}");
        assert_eq!(visible("김 \\"), "김 \\\\");
        assert_eq!(
            html("<b a='1'>&\"</b>\x07"),
            "&lt;b a=&#39;1&#39;&gt;&amp;&quot;&lt;/b&gt;\\x07"
        );
    }
}
