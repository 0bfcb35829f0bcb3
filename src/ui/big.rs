//! Numbers three rows tall, for the key numbers beside the trees (82 processes, then 1):
//! half blocks, or in `--ascii` the seven-segment digits of `_` and `|` (the font is
//! `Symbols::digits`). Each digit is three columns wide with one column between digits, so `82` takes seven.

use crate::symbols::Symbols;

/// Rows a big number takes.
pub const HEIGHT: usize = 3;

/// Columns `number` takes when drawn big.
pub fn width(number: u64) -> usize {
    let digits = number.to_string().len();
    digits * 4 - 1
}

/// The three rows of `number`, drawn big.
pub fn rows(number: u64, symbols: &Symbols) -> [String; HEIGHT] {
    let font = symbols.digits;
    let mut out: [String; HEIGHT] = Default::default();
    for (i, digit) in number.to_string().bytes().enumerate() {
        let glyph = font[usize::from(digit - b'0')];
        for (row, part) in out.iter_mut().zip(glyph) {
            if i > 0 {
                row.push(' ');
            }
            row.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn every_digit_is_three_by_three_and_ascii_is_ascii() {
        for n in [0, 1, 82, 1234567890] {
            for (symbols, ascii) in [(&Symbols::UNICODE, false), (&Symbols::ASCII, true)] {
                for row in rows(n, symbols) {
                    assert_eq!(row.width(), width(n), "{n} {row:?}");
                    assert!(!ascii || row.is_ascii(), "{row:?}");
                }
            }
        }
        assert_eq!(rows(82, &Symbols::ASCII), [" _   _ ", "|_|  _|", "|_| |_ "]);
    }
}
