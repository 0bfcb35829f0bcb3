//! Process snapshots read from a /proc, and the labelled forest built from them.
//!
//! `read` (with `process`) is the one reader of /proc files for the whole tutor, parsing
//! through the `procfs` crate; `snapshot` reads through it; `label` and `forest` are pure
//! functions over a `Snapshot`, tested on fixtures without a kernel.

mod decode;
pub mod forest;
pub mod label;
mod process;
mod read;
pub mod snapshot;

pub use decode::decode_name;
pub use forest::{ForestOptions, RowKind, TreeRow, rows};
pub use label::{display_name, pid_label};
pub use read::{Reader, Who};
pub use snapshot::{Proc, Snapshot};
