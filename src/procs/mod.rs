//! Process snapshots read from a /proc, and the labelled forest built from them.
//!
//! `snapshot` reads (through `read`, the only module that touches the file system);
//! `label` and `forest` are pure functions over a `Snapshot`, tested on fixtures without
//! a kernel.

pub mod forest;
pub mod label;
mod read;
pub mod snapshot;

pub use forest::{ForestOptions, RowKind, TreeRow, rows};
pub use label::{display_name, pid_label};
pub use read::decode_name;
pub use snapshot::{Proc, Snapshot};
