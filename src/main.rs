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
    /// Score messages: language, tone (valence, emotions, marketing tones) and every platform's length.
    Score(cli::score::ScoreArgs),
    /// List the length profiles with their unit, limit and source.
    Profiles(cli::profiles::ProfilesArgs),
    /// Lint campaign copy (text, CSV, JSON, YAML, PO) against the rules of emotics.toml.
    Check(cli::check::CheckArgs),
    /// List the rules of `check`.
    Rules,
    /// Document one rule of `check`.
    Explain(cli::rules::ExplainArgs),
    /// Write a commented starter emotics.toml.
    Init(cli::rules::InitArgs),
    /// Measure accuracy on labelled JSON Lines (accuracy, macro-F1, confusion, Pearson r).
    Eval(cli::eval::EvalArgs),
    /// Train a tone model (sentiment, emotions) on labelled JSON Lines.
    Train(cli::train::TrainArgs),
    /// A language server over stdio: check's findings as you type, tone on hover.
    Lsp(cli::lsp::LspArgs),
}

fn main() -> ExitCode {
    let args = Args::parse();
    let result = match args.command {
        Command::Score(args) => cli::score::run(args),
        Command::Profiles(args) => cli::profiles::run(args),
        Command::Check(args) => cli::check::run(args),
        Command::Rules => cli::rules::list(),
        Command::Explain(args) => cli::rules::explain(args),
        Command::Init(args) => cli::rules::init(args),
        Command::Eval(args) => cli::eval::run(args),
        Command::Train(args) => cli::train::run(args),
        Command::Lsp(args) => cli::lsp::run(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            cli::streams::note(format_args!("emotics: error: {error}"));
            ExitCode::from(2)
        }
    }
}
