//! The words of talk mode (`--stage`, `S`): the status bar's mode, the banner's verdict on
//! the room's guess, and why a digit does not zoom before the room.

use crate::i18n::Tr;

/// The mode's name in the status bar, beside its key `S`.
pub const KEY_TALK: Tr = Tr {
    en: "stage",
    ko: "무대",
};

/// The banner's verdict on the room's guess: `{choice}` and `{right}` are `3)`.
pub const VERDICT_RIGHT: Tr = Tr {
    en: "✓ You said {choice}: right.",
    ko: "✓ 답: {choice}, 맞았다.",
};

pub const VERDICT_WRONG: Tr = Tr {
    en: "✗ You said {choice}; the answer: {right}.",
    ko: "✗ 답: {choice}, 정답: {right}.",
};

/// A digit in talk mode for a pane that is not on screen: nothing zooms before the room.
pub const DIGIT_IN_TALK: Tr = Tr {
    en: "On stage the digits never zoom (the room would see it): t shows the lesson's text, S leaves stage mode.",
    ko: "무대에서는 숫자 키로 확대하지 않는다 (청중이 본다): t는 본문, S는 무대 모드를 끈다.",
};
