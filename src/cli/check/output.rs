//! Output formats of `emotics check`: a readable report with source snippets, JSON, SARIF
//! 2.1.0 (code scanning), GitHub workflow annotations, JUnit XML and Checkstyle XML.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use emotics::check::{RULES, Severity};
use emotics::fix::FixClass;
use serde_json::json;
use serde_json::value::RawValue;

use super::located::{FileResult, Located};
use crate::cli::style::{ColorChoice, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
    Checkstyle,
}

pub fn write(format: OutputFormat, results: &[FileResult], color: ColorChoice, out: &mut impl Write) -> io::Result<()> {
    match format {
        OutputFormat::Human => human(results, Style::new(color).enabled(), out),
        OutputFormat::Json => json_report(results, out),
        OutputFormat::Sarif => sarif(results, out),
        OutputFormat::Github => github(results, out),
        OutputFormat::Junit => junit(results, out),
        OutputFormat::Checkstyle => checkstyle(results, out),
    }
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info | Severity::Off => Level::INFO,
    }
}

/// rustc-style: the title with the rule, the file position, the message's line(s) with the
/// span underlined, then the key and the help.
fn human(results: &[FileResult], colored: bool, out: &mut impl Write) -> io::Result<()> {
    let renderer = if colored { Renderer::styled() } else { Renderer::plain() };
    for result in results {
        for d in result.findings() {
            let title = level(d.severity).primary_title(d.message).id(d.rule.name());
            let mut group = Group::with_title(title);
            let label = d.key.as_ref().map(|k| format!("in `{k}`")).unwrap_or_default();
            // a finding about the whole message underlines all of it
            let span = d.span.or((!d.text.is_empty()).then_some((0, d.text.len())));
            match (d.place, span) {
                (Some((from, to)), Some(_)) => {
                    // the file's own lines around the span, with their line numbers
                    let (first_line, lines) = result.lines.lines_around(&result.source, from..to);
                    let shown = around(&result.source, lines.clone(), from, to);
                    let excerpt = &result.source[shown.clone()];
                    let span = (from - shown.start).min(excerpt.len())..(to - shown.start).min(excerpt.len());
                    let snippet = Snippet::source(excerpt)
                        .line_start(first_line)
                        .annotation(AnnotationKind::Primary.span(span).label(label));
                    group = if shown.start == lines.start {
                        group.element(snippet.path(d.path))
                    } else {
                        // the column of a cut line is the finding's, not the excerpt's
                        group.element(Origin::path(d.path).line(d.line).char_column(d.column)).element(snippet)
                    };
                }
                _ => {
                    // where the message's characters are in the file is unknown: quote it
                    group = group.element(Origin::path(d.path).line(d.line).char_column(d.column));
                    if !d.text.is_empty() {
                        let place = d.key.as_ref().map(|k| format!(" `{k}`")).unwrap_or_default();
                        let what = match d.span {
                            Some((s, e)) if d.text.len() <= emotics::LONG_FROM && d.text.get(s..e).is_some() => {
                                format!("`{}` in", &d.text[s..e])
                            }
                            _ => "in".to_string(),
                        };
                        group = group.element(Level::NOTE.message(format!("{what} message{place}: {}", quoted(&d))));
                    }
                }
            }
            if let Some(help) = d.help {
                group = group.element(Level::HELP.message(help));
            }
            writeln!(out, "{}\n", renderer.render(&[group]))?;
        }
    }
    Ok(())
}

/// Bytes of a long line quoted on each side of a finding: the renderer shows a terminal's
/// width of it anyway, and reading a whole minified file for each of its findings would
/// make the output's cost grow with the square of the line's length.
const CONTEXT: usize = 256;

/// Bytes of a long finding's own span quoted (a message over a 10 MB line): the renderer
/// elides the middle of a long underline anyway, and laying out megabytes for it took
/// hundreds of megabytes of memory.
const SPAN_SHOWN: usize = 2 * CONTEXT;

/// The part of `lines` (the file's lines holding the finding `from..to`) to quote: all of
/// them, or a window of [`CONTEXT`] bytes around the finding in a long line, of which at
/// most [`SPAN_SHOWN`] bytes of the finding itself.
fn around(source: &str, lines: std::ops::Range<usize>, from: usize, to: usize) -> std::ops::Range<usize> {
    let mut start = from.saturating_sub(CONTEXT).max(lines.start);
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let to = to.max(from).min(from.saturating_add(SPAN_SHOWN));
    let mut end = to.saturating_add(CONTEXT).min(lines.end);
    while !source.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The message of a finding as a report quotes it: whole, but for a message over
/// [`emotics::LONG_FROM`] bytes, whose many findings would each copy it, the part around the
/// finding (see [`around`]) between ellipses.
fn quoted<'a>(d: &Located<'a>) -> std::borrow::Cow<'a, str> {
    if d.text.len() <= emotics::LONG_FROM {
        return d.text.into();
    }
    let (from, to) = d.span.unwrap_or((0, 0));
    let part = around(d.text, 0..d.text.len(), from, to);
    let (before, after) = (if part.start > 0 { "…" } else { "" }, if part.end < d.text.len() { "…" } else { "" });
    format!("{before}{}{after}", &d.text[part]).into()
}

/// One finding of the JSON format.
#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: Option<usize>,
    end_column: Option<usize>,
    rule: &'static str,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    key: Option<&'a str>,
    /// The message, escaped once for all its findings; null for a message over
    /// [`emotics::LONG_FROM`] bytes, which its many findings would each copy (a 10 MB line's
    /// 2,285 made 22 GB): `line`, `column` and `span` find it in the file.
    text: &'a RawValue,
    span: Option<JsonSpan>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<serde_json::Value>,
}

#[derive(serde::Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
}

/// `{"version": 1, "files": […], "findings": […]}`, written as it goes (one finding per
/// line), without building the document in memory.
fn json_report(results: &[FileResult], out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"{\"version\": 1,\n\"files\": [")?;
    for (i, r) in results.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        let file = json!({"path": r.path, "messages": r.messages.len(), "findings": r.finding_count()});
        serde_json::to_writer(&mut *out, &file)?;
    }
    out.write_all(b"],\n\"findings\": [")?;
    // a message's findings follow one another and share its text: escape it once
    let mut text: (&str, Box<RawValue>) = ("", serde_json::value::to_raw_value("")?);
    let findings = results.iter().flat_map(|r| r.findings().map(move |d| (r, d)));
    for (i, (r, d)) in findings.enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        if !std::ptr::eq(text.0, d.text) {
            let message = (d.text.len() <= emotics::LONG_FROM).then_some(d.text);
            text = (d.text, serde_json::value::to_raw_value(&message)?);
        }
        let finding = JsonFinding {
            path: d.path,
            line: d.line,
            column: d.column,
            end_line: d.end.map(|e| e.0),
            end_column: d.end.map(|e| e.1),
            rule: d.rule.name(),
            severity: d.severity,
            message: d.message,
            help: d.help,
            key: d.key,
            text: &text.1,
            span: d.span.map(|(start, end)| JsonSpan { start, end }),
            fixes: json_fixes(r, &d),
        };
        serde_json::to_writer(&mut *out, &finding)?;
    }
    out.write_all(b"]}\n")
}

/// A finding's fixes in the JSON format: each an edit of the file, by byte range and by
/// 1-based line and column (in characters; the end just past the bytes replaced).
fn json_fixes(r: &FileResult, d: &Located) -> Vec<serde_json::Value> {
    d.fixes
        .iter()
        .map(|f| {
            let ((start_line, start_column), (end_line, end_column)) =
                (r.position(f.range.start), r.position(f.range.end));
            json!({
                "class": f.class,
                "description": f.description,
                "edits": [{
                    "start": f.range.start, "end": f.range.end,
                    "start_line": start_line, "start_column": start_column,
                    "end_line": end_line, "end_column": end_column,
                    "replacement": f.replacement,
                }],
            })
        })
        .collect()
}

/// A finding's fixes in SARIF: `artifactChanges` replacing a region (lines and columns in
/// code points, and bytes) with the inserted text.
fn sarif_fixes(r: &FileResult, d: &Located) -> Vec<serde_json::Value> {
    d.fixes
        .iter()
        .map(|f| {
            let ((start_line, start_column), (end_line, end_column)) = (r.position(f.range.start), r.position(f.range.end));
            json!({
                "description": {"text": format!("{} ({})", f.description, if f.class == FixClass::Safe { "safe" } else { "lossy" })},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri(d.path)},
                    "replacements": [{
                        "deletedRegion": {
                            "startLine": start_line, "startColumn": start_column,
                            "endLine": end_line, "endColumn": end_column,
                            "byteOffset": f.range.start, "byteLength": f.range.len(),
                        },
                        "insertedContent": {"text": f.replacement},
                    }],
                }],
                "properties": {"class": f.class},
            })
        })
        .collect()
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Off => "note",
    }
}

/// SARIF 2.1.0, columns in Unicode code points (`columnKind`), one rule per catalogue entry.
fn sarif(results: &[FileResult], out: &mut impl Write) -> io::Result<()> {
    let rules: Vec<serde_json::Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.doc},
                "defaultConfiguration": {"level": sarif_level(r.default)},
            })
        })
        .collect();
    let sarif_results: Vec<serde_json::Value> = results
        .iter()
        .flat_map(|r| r.findings().map(move |d| (r, d)))
        .map(|(r, d)| {
            let mut region = json!({"startLine": d.line, "startColumn": d.column});
            if let Some((line, column)) = d.end {
                region["endLine"] = json!(line);
                region["endColumn"] = json!(column);
            }
            let mut message = d.message.to_string();
            if let Some(help) = d.help {
                message.push('\n');
                message.push_str(help);
            }
            let rule_index = RULES.iter().position(|r| r.rule == d.rule).unwrap_or(0);
            let mut result = json!({
                "ruleId": d.rule.name(),
                "ruleIndex": rule_index,
                "level": sarif_level(d.severity),
                "message": {"text": message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(d.path)}, "region": region}}],
            });
            if let Some(key) = d.key {
                result["properties"] = json!({"key": key});
            }
            let fixes = sarif_fixes(r, &d);
            if !fixes.is_empty() {
                result["fixes"] = json!(fixes);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "emotics",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://docs.rs/emotics",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// A relative path as a URI reference (percent-encoding what a URI cannot hold).
fn uri(path: &str) -> String {
    let mut uri = String::new();
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => uri.push(b as char),
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
fn github(results: &[FileResult], out: &mut impl Write) -> io::Result<()> {
    for d in results.iter().flat_map(FileResult::findings) {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Off => "notice",
        };
        let mut properties = format!("file={},line={},col={}", property(d.path), d.line, d.column);
        if let Some((line, column)) = d.end {
            properties.push_str(&format!(",endLine={line},endColumn={column}"));
        }
        let mut message = d.message.to_string();
        if let Some(help) = d.help {
            message.push('\n');
            message.push_str(help);
        }
        for (class, lossy) in [("suggested", false), ("suggested with lossy fixes", true)] {
            let edits: Vec<_> = d
                .fixes
                .iter()
                .filter(|f| lossy || f.class == FixClass::Safe)
                .map(|f| (f.span.clone(), f.text.as_str()))
                .collect();
            if !edits.is_empty() && (!lossy || d.fixes.iter().any(|f| f.class == FixClass::Lossy)) {
                message.push_str(&format!("\n{class}: {}", super::fix::edited(d.text, &edits)));
            }
        }
        writeln!(out, "::{command} {properties},title=emotics {}::{}", d.rule.name(), data(&message))?;
    }
    Ok(())
}

/// Escaping of workflow command data.
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escaping of workflow command properties.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

fn xml(s: &str) -> String {
    let mut escaped = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // characters XML 1.0 cannot hold at all
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => escaped.push('\u{FFFD}'),
            '\u{FFFE}' | '\u{FFFF}' => escaped.push('\u{FFFD}'),
            c => escaped.push(c),
        }
    }
    escaped
}

/// JUnit XML: a test suite per file, a test case per finding of error or warning level (a
/// file without findings is one passing case), as CI test reporters expect.
fn junit(results: &[FileResult], out: &mut impl Write) -> io::Result<()> {
    let failing = |d: &Located| matches!(d.severity, Severity::Error | Severity::Warning);
    let total: usize = results.iter().map(|r| r.findings().filter(failing).count().max(1)).sum();
    let failures: usize = results.iter().map(|r| r.findings().filter(failing).count()).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="emotics" tests="{total}" failures="{failures}">"#)?;
    for r in results {
        let list: Vec<Located> = r.findings().filter(failing).collect();
        let path = xml(&r.path);
        writeln!(out, r#"  <testsuite name="{path}" tests="{}" failures="{}">"#, list.len().max(1), list.len())?;
        if list.is_empty() {
            writeln!(out, r#"    <testcase name="{path}" classname="emotics"/>"#)?;
        }
        for d in list {
            let name = xml(&format!("{}:{}:{} {}", r.path, d.line, d.column, d.rule.name()));
            writeln!(
                out,
                r#"    <testcase name="{name}" classname="emotics.{}" file="{path}" line="{}">"#,
                d.rule.name(),
                d.line
            )?;
            let body = xml(&format!("{}\n{}", quoted(&d), d.help.unwrap_or("")));
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}</failure>"#,
                xml(d.message),
                d.severity,
                body.trim_end()
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// Checkstyle XML, read by many CI and code review tools.
fn checkstyle(results: &[FileResult], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for r in results {
        writeln!(out, r#"  <file name="{}">"#, xml(&r.path))?;
        for d in r.findings() {
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Off => "info",
            };
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{severity}" message="{}" source="emotics.{}"/>"#,
                d.line,
                d.column,
                xml(d.message),
                d.rule.name()
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A finding over a whole 1 MB line (a message too long for SMS) quotes a bounded excerpt
    /// from the finding's start, not the line.
    #[test]
    fn a_long_finding_quotes_a_bounded_excerpt() {
        let line = "Offre spéciale pour nos clients fidèles. ".repeat(25_000);
        let shown = around(&line, 0..line.len(), 10, line.len());
        assert_eq!(shown.start, 0);
        assert!(shown.len() <= SPAN_SHOWN + 2 * CONTEXT + 4, "{} bytes quoted", shown.len());
        let middle = line.len() / 2;
        let shown = around(&line, 0..line.len(), middle, middle + 3);
        assert!(shown.start <= middle && middle + 3 <= shown.end && shown.len() <= 2 * CONTEXT + 8);
        assert!(line.is_char_boundary(shown.start) && line.is_char_boundary(shown.end));
    }
}
