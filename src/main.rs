//! The command line: parse, then hand over to the library.

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The agent: this program re-executed inside the namespace (see lab::spawn).
    if args
        .get(1)
        .is_some_and(|a| a == pidns_tutor::lab::AGENT_ARG)
    {
        let fd = args
            .get(2)
            .and_then(|a| a.to_str()?.parse().ok())
            .unwrap_or(-1);
        std::process::exit(pidns_tutor::lab::agent::run(fd));
    }
}
