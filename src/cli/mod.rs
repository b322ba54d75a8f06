//! Subcommands of the `emotics` binary. Each reads its input, calls the core, and writes
//! stdout (results only) and stderr (diagnostics).

pub mod check;
pub mod eval;
pub mod human;
pub mod json;
pub mod lsp;
pub mod profiles;
pub mod rules;
pub mod score;
pub mod streams;
pub mod style;
pub mod table;
pub mod train;

use emotics::{Checker, Language};

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

/// Loads user dimension lexicons into `checker`; warnings go to stderr, an error stops.
pub fn load_lexicons(checker: &mut Checker, paths: &[String]) -> Result<(), String> {
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let warnings = checker.load_lexicon(path, &text).map_err(|e| e.to_string())?;
        for warning in warnings {
            streams::note(format_args!("emotics: {warning}"));
        }
    }
    Ok(())
}

/// A checker with the tone model `model` names: a file made by `emotics train`, `builtin`
/// (also when absent) or `none` (the rule engine alone).
pub fn checker_with_model(model: Option<&str>) -> Result<Checker, String> {
    match model {
        None | Some("builtin") => Ok(Checker::new()),
        Some("none") => Ok(Checker::without_model()),
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
            let model = emotics::model::Model::from_bytes(&bytes).map_err(|e| format!("{path}: {e}"))?;
            Ok(Checker::with_model(model))
        }
    }
}
