//! `emotics rules`, `emotics explain RULE` and `emotics init`: the rule catalogue and a
//! commented starter configuration.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use emotics::check::RULES;
use emotics::text::similar::closest;

/// The starter configuration `emotics init` writes (a test checks that it parses).
pub const STARTER: &str = include_str!("../../data/check/emotics.toml");

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// A rule name (see `emotics rules`).
    rule: String,
}

#[derive(clap::Args)]
pub struct InitArgs {
    /// Where to write it.
    #[arg(default_value = "emotics.toml")]
    path: PathBuf,
    /// Replace an existing file.
    #[arg(long)]
    force: bool,
}

pub fn list() -> Result<ExitCode, String> {
    let mut out = super::streams::stdout();
    for rule in &RULES {
        writeln!(out, "{:<14} {:<8} {}", rule.name, rule.default.name(), rule.summary).map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}

pub fn explain(args: ExplainArgs) -> Result<ExitCode, String> {
    let Some(rule) = RULES.iter().find(|r| r.name == args.rule) else {
        let names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        let hint = closest(&args.rule, &names).map(|c| format!("; did you mean `{c}`?")).unwrap_or_default();
        return Err(format!("unknown rule `{}`{hint} (rules: {})", args.rule, names.join(", ")));
    };
    let mut out = super::streams::stdout();
    writeln!(out, "{} (default: {})\n\n{}.\n\n{}", rule.name, rule.default.name(), rule.summary, rule.doc)
        .map_err(|e| e.to_string())?;
    if !rule.options.is_empty() {
        writeln!(out, "\noptions of [rules.{}]: severity, {}", rule.name, rule.options.join(", "))
            .map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}

pub fn init(args: InitArgs) -> Result<ExitCode, String> {
    if args.path.exists() && !args.force {
        return Err(format!("{} exists; use --force to replace it", args.path.display()));
    }
    std::fs::write(&args.path, STARTER).map_err(|e| format!("{}: {e}", args.path.display()))?;
    super::streams::note(format_args!("emotics: wrote {}", args.path.display()));
    Ok(ExitCode::SUCCESS)
}
