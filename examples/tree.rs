//! Stand-in for `pidns-tutor tree` until main.rs wires the subcommand (used by benches/).

use clap::Parser;

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    args: pidns_tutor::tree::TreeArgs,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    pidns_tutor::tree::run(&cli.args, &mut stdout.lock())
}
