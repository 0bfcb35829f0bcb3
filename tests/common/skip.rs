//! How a test that cannot run here says so: shared by tests/common and tests/tree_support.

use std::io::Write;

/// Says on stderr why the running test did nothing, or fails it when
/// PIDNS_TUTOR_REQUIRE_LIVE=1 (CI sets it: there a skip would hide a broken lab). Written
/// to stderr directly, not with `eprintln!`, which the test harness captures and shows
/// only for failed tests: plain `cargo test` must show a new user why a test passed
/// without running. The test's name is its thread's (the harness names each test's thread).
pub fn skip(reason: &str) {
    let test = test_name();
    if std::env::var("PIDNS_TUTOR_REQUIRE_LIVE").as_deref() == Ok("1") {
        panic!("{test}: cannot run ({reason}), and PIDNS_TUTOR_REQUIRE_LIVE=1");
    }
    say(&format!("SKIPPED {test}: {reason}\n"));
}

/// What `skip_needs_root` writes before the test's name: .ci/run's unprivileged leg tells
/// these lines (expected there) from every other skip (a failure there).
pub const NEEDS_ROOT: &str = "SKIPPED (needs root)";

/// For a test, or a part of one, that needs root itself and not just a live namespace: to
/// become uid 65534, or to build a mount sandbox on the host. An ordinary user's run is
/// complete without it, so it says so and passes, PIDNS_TUTOR_REQUIRE_LIVE=1 or not. Root
/// never skips for this reason: there it fails.
pub fn skip_needs_root(reason: &str) {
    let test = test_name();
    assert!(
        !nix::unistd::geteuid().is_root(),
        "{test}: skipped for want of root, but this is root ({reason})"
    );
    say(&format!("{NEEDS_ROOT} {test}: {reason}\n"));
}

fn test_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string()
}

fn say(line: &str) {
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}
