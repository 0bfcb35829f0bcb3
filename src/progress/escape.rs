//! Strings from a progress file shown in a page: control characters and bidi overrides as
//! the one sanitizer (`crate::sanitize`) shows them, then HTML's special characters as
//! entities.

use crate::sanitize::escape;

/// `text` for HTML, as element content or a quoted attribute's value.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape(text).chars() {
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
    fn controls_overrides_and_markup_are_shown_not_obeyed() {
        assert_eq!(
            html("<b a='1'>&\"</b>\x07\u{202e}"),
            "&lt;b a=&#39;1&#39;&gt;&amp;&quot;&lt;/b&gt;\\x07\\u{202e}"
        );
    }
}
