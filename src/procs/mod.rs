//! Process snapshots read from a /proc, and the labelled forest built from them.
//!
//! Everything but `snapshot::read_*` is a pure function over a `Snapshot`, so it is tested
//! on fixtures without a kernel.

pub mod snapshot;

pub use snapshot::{Proc, Snapshot};
