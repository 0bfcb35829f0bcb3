//! The words of `pidns-tutor walk` around the lesson's own text: what it runs on, and the
//! labels over what was observed and what explains it.

use crate::i18n::Tr;

/// The first line of a live walk: `{kernel}` is the kernel's release, `{mode}` the lab's.
pub const LIVE_ON: Tr = Tr {
    en: "pidns-tutor walk: live on {kernel}, mode {mode}",
    ko: "pidns-tutor walk: {kernel}에서 실제로 실행, 모드 {mode}",
};

/// Over the step's live sentences.
pub const OBSERVED: Tr = Tr {
    en: "Observed:",
    ko: "관찰:",
};

pub const OBSERVED_RECORDED: Tr = Tr {
    en: "Observed when it was recorded:",
    ko: "녹화할 때 관찰:",
};

/// Before the step's own title, after the run.
pub const EXPLANATION: Tr = Tr {
    en: "Explanation:",
    ko: "설명:",
};
