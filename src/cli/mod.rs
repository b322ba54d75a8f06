//! Subcommands of the `emotics` binary. Each reads its input, calls the core, and writes
//! stdout (results only) and stderr (diagnostics).

pub mod eval;
pub mod human;
pub mod profiles;
pub mod score;
pub mod style;

use emotics::Language;

/// `--lang`: `auto` identifies the language of each message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    Auto,
    Fr,
    En,
}

impl LangArg {
    pub fn language(self) -> Option<Language> {
        match self {
            LangArg::Auto => None,
            LangArg::Fr => Some(Language::Fr),
            LangArg::En => Some(Language::En),
        }
    }
}
