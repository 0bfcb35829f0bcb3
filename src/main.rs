//! The command line: parse, then hand over to the library.

fn main() {}
