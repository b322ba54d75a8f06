//! `check`'s findings as LSP diagnostics: the same rule (the diagnostic's code), severity and
//! sentence, with the help on a line of its own.

use emotics::check::Severity;
use emotics::source::LineIndex;
use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Range};

use super::positions::{Encoding, Lines, check_offset};
use crate::cli::check::FileResult;

/// The `source` of every diagnostic (code actions only act on these).
pub const SOURCE: &str = "emotics";

/// The diagnostics of a checked text. A finding with a span in the file covers it; one about
/// a whole message whose bytes the reader knows covers the message; any other, the rest of
/// its line.
pub fn of(result: &FileResult, text: &str, encoding: Encoding) -> Vec<Diagnostic> {
    let (index, lines) = (LineIndex::new(text), Lines::new(text, encoding));
    result
        .findings()
        .map(|d| {
            let start = check_offset(text, &index, d.line, d.column);
            let end = match (d.end, d.place) {
                (Some((line, column)), _) => check_offset(text, &index, line, column),
                (None, Some((_, end))) => end,
                _ => lines.line_end(start),
            };
            let message = match d.help {
                Some(help) => format!("{}\nhelp: {help}", d.message),
                None => d.message.to_string(),
            };
            Diagnostic {
                range: Range::new(lines.position(start), lines.position(end.max(start))),
                severity: Some(severity(d.severity)),
                code: Some(NumberOrString::String(d.rule.name().to_string())),
                source: Some(SOURCE.to_string()),
                message,
                ..Diagnostic::default()
            }
        })
        .collect()
}

/// A problem with the configuration, shown at the top of the document it stops checking.
pub fn config_error(message: &str) -> Diagnostic {
    Diagnostic {
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("config".to_string())),
        source: Some(SOURCE.to_string()),
        message: message.to_string(),
        ..Diagnostic::default()
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info | Severity::Off => DiagnosticSeverity::INFORMATION,
    }
}
