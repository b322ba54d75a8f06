//! The `emotics` command: argument parsing and IO over the pure core.

mod cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "emotics",
    version,
    about = "Tone and exact platform-length checks for micromessages, in French and English"
)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score messages: language and every platform's length (and, later, tone).
    Score(cli::score::ScoreArgs),
    /// List the length profiles with their unit, limit and source.
    Profiles(cli::profiles::ProfilesArgs),
    /// Measure accuracy on labelled JSON Lines (accuracy, macro-F1, confusion, Pearson r).
    Eval(cli::eval::EvalArgs),
}

fn main() -> ExitCode {
    let args = Args::parse();
    let result = match args.command {
        Command::Score(args) => cli::score::run(args),
        Command::Profiles(args) => cli::profiles::run(args),
        Command::Eval(args) => cli::eval::run(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("emotics: error: {error}");
            ExitCode::from(2)
        }
    }
}
