//! How a test that cannot run here says so: shared by tests/common and tests/tree_support.

use std::io::Write;

/// Says on stderr why the running test did nothing, or fails it when
/// PIDNS_TUTOR_REQUIRE_LIVE=1 (CI sets it: there a skip would hide a broken lab). Written
/// to stderr directly, not with `eprintln!`, which the test harness captures and shows
/// only for failed tests: plain `cargo test` must show a new user why a test passed
/// without running. The test's name is its thread's (the harness names each test's thread).
pub fn skip(reason: &str) {
    let current = std::thread::current();
    let test = current.name().unwrap_or("a test");
    if std::env::var("PIDNS_TUTOR_REQUIRE_LIVE").as_deref() == Ok("1") {
        panic!("{test}: cannot run ({reason}), and PIDNS_TUTOR_REQUIRE_LIVE=1");
    }
    let line = format!("SKIPPED {test}: {reason}\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}
