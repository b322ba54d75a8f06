//! `emotics profiles`: the length profiles, their unit, limit, kind and source.

use std::io::Write;
use std::process::ExitCode;

use emotics::Checker;

#[derive(clap::Args)]
pub struct ProfilesArgs {
    /// Print the profiles as JSON.
    #[arg(long, conflicts_with = "markdown")]
    json: bool,
    /// Print the profiles as a Markdown table (the one in the README).
    #[arg(long)]
    markdown: bool,
}

pub fn run(args: ProfilesArgs) -> Result<ExitCode, String> {
    let checker = Checker::new();
    let mut out = super::streams::stdout();
    let written = if args.markdown {
        write!(out, "{}", markdown_table(checker.profiles())).map_err(|e| e.to_string())
    } else if args.json {
        serde_json::to_writer_pretty(&mut out, checker.profiles())
            .map_err(|e| e.to_string())
            .and_then(|_| writeln!(out).map_err(|e| e.to_string()))
    } else {
        let width = checker.profiles().iter().map(|p| p.name.len()).max().unwrap_or(0);
        checker.profiles().iter().try_for_each(|p| {
            let kind =
                serde_json::to_value(p.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            writeln!(out, "{:width$}  {:>6} {:<13} {:<9}  {}", p.name, p.limit, p.unit.name(), kind, p.source)
                .map_err(|e| e.to_string())
        })
    };
    written?;
    out.flush().map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}

/// The profile table as Markdown: name, unit, limit, whether it is enforced, and source.
pub fn markdown_table(profiles: &[emotics::Profile]) -> String {
    let mut table = String::from("| profile | unit | limit | kind | source |\n|---|---|---:|---|---|\n");
    for p in profiles {
        let kind = match p.kind {
            emotics::LimitKind::Hard => "hard",
            emotics::LimitKind::Heuristic => "heuristic",
        };
        table.push_str(&format!("| `{}` | {} | {} | {} | <{}> |\n", p.name, p.unit.name(), p.limit, kind, p.source));
    }
    table
}
