//! `emotics score`: reports for messages given as arguments, as lines on stdin, or as JSON
//! Lines on stdin (`--jsonl`, streaming: one output line per input line, in order).

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use emotics::{Checker, Options, Report};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::LangArg;
use super::human;
use super::style::{ColorChoice, Style};

#[derive(clap::Args)]
pub struct ScoreArgs {
    /// Messages to score. With none, each line of stdin is a message.
    texts: Vec<String>,
    /// Read JSON Lines `{"id": …, "text": "…"}` on stdin; write one JSON report per line.
    #[arg(long, conflicts_with = "texts")]
    jsonl: bool,
    /// Write one JSON report per message instead of the readable report.
    #[arg(long)]
    json: bool,
    /// Language of the messages (`auto` identifies each one).
    #[arg(long, value_enum, default_value = "auto")]
    lang: LangArg,
    /// Only these length profiles (comma-separated names; see `emotics profiles`).
    #[arg(long, value_delimiter = ',')]
    profile: Vec<String>,
    /// Colours in the readable report.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// A dimension lexicon ("emotics-dimensions 1") adding or overriding emotions, tones
    /// and custom dimensions; repeatable.
    #[arg(long = "lexicon", value_name = "FILE")]
    lexicons: Vec<String>,
    /// The tone model: a file made by `emotics train`, `builtin` (default) or `none` (the
    /// rule engine alone).
    #[arg(long, value_name = "FILE")]
    model: Option<String>,
}

pub fn run(args: ScoreArgs) -> Result<ExitCode, String> {
    let mut checker = select_profiles(super::checker_with_model(args.model.as_deref())?, &args.profile)?;
    super::load_lexicons(&mut checker, &args.lexicons)?;
    let options = Options { language: args.lang.language() };
    let mut out = super::streams::stdout();
    let result = if args.jsonl {
        score_jsonl(&checker, &options, io::stdin().lock(), &mut out)
    } else if !args.texts.is_empty() {
        let style = Style::new(args.color);
        args.texts
            .iter()
            .enumerate()
            .try_for_each(|(i, text)| write_one(&checker, &options, text, i, args.json, style, &mut out))
            .map(|_| true)
    } else if io::stdin().is_terminal() {
        return Err("no message given: pass messages as arguments, pipe lines on stdin, or use --jsonl".into());
    } else {
        score_lines(&checker, &options, args.json, Style::new(args.color), io::stdin().lock(), &mut out)
    };
    let all_ok = result.map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Keeps only the named profiles, in the order given.
fn select_profiles(checker: Checker, names: &[String]) -> Result<Checker, String> {
    if names.is_empty() {
        return Ok(checker);
    }
    let mut selected = Vec::new();
    for name in names {
        match checker.profiles().iter().find(|p| *p.name == **name) {
            Some(p) => selected.push(p.clone()),
            None => {
                let known: Vec<&str> = checker.profiles().iter().map(|p| &*p.name).collect();
                return Err(format!("unknown profile `{name}` (known: {})", known.join(", ")));
            }
        }
    }
    Ok(checker.with_profiles(selected))
}

fn write_one(
    checker: &Checker,
    options: &Options,
    text: &str,
    index: usize,
    json: bool,
    style: Style,
    out: &mut impl Write,
) -> io::Result<()> {
    let report = checker.score_with(text, options);
    if json {
        serde_json::to_writer(&mut *out, &Output { id: None, report: &report })?;
        writeln!(out)
    } else {
        if index > 0 {
            writeln!(out)?;
        }
        out.write_all(human::render(text, &report, style).as_bytes())
    }
}

/// Plain lines on stdin, one message each. A line that is not UTF-8 is reported on stderr
/// and makes the exit code 1.
fn score_lines(
    checker: &Checker,
    options: &Options,
    json: bool,
    style: Style,
    mut input: impl BufRead,
    out: &mut impl Write,
) -> io::Result<bool> {
    let mut all_ok = true;
    let mut buffer = Vec::new();
    let mut index = 0;
    while let Some(line) = next_line(&mut input, &mut buffer)? {
        match std::str::from_utf8(line) {
            Ok(text) => write_one(checker, options, text, index, json, style, out)?,
            Err(e) => {
                super::streams::note(format_args!(
                    "emotics: <stdin>:{}:{}: invalid UTF-8",
                    index + 1,
                    e.valid_up_to() + 1
                ));
                all_ok = false;
            }
        }
        index += 1;
    }
    Ok(all_ok)
}

/// Reads the next line into `buffer` without its line ending; `None` at the end.
fn next_line<'b>(input: &mut impl BufRead, buffer: &'b mut Vec<u8>) -> io::Result<Option<&'b [u8]>> {
    buffer.clear();
    if input.read_until(b'\n', buffer)? == 0 {
        return Ok(None);
    }
    if buffer.last() == Some(&b'\n') {
        buffer.pop();
        if buffer.last() == Some(&b'\r') {
            buffer.pop();
        }
    }
    Ok(Some(buffer))
}

/// An input record: any JSON object; `id` is echoed verbatim, `text` is scored.
#[derive(Deserialize)]
struct Record<'a> {
    #[serde(borrow)]
    id: Option<&'a RawValue>,
    #[serde(borrow)]
    text: Option<&'a RawValue>,
}

#[derive(Serialize)]
struct Output<'a> {
    id: Option<&'a RawValue>,
    #[serde(flatten)]
    report: &'a Report,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    id: Option<&'a RawValue>,
    line: usize,
    error: String,
}

/// JSON Lines in, JSON Lines out, streaming. Blank lines are skipped; every other line gets
/// a report or an error object. Returns whether every line was scored.
fn score_jsonl(
    checker: &Checker,
    options: &Options,
    mut input: impl BufRead,
    out: &mut impl Write,
) -> io::Result<bool> {
    let mut all_ok = true;
    let mut buffer = Vec::new();
    // each line is serialized here, then written at once: serde's many small writes go to a
    // Vec, not through the output's buffer
    let mut json = Vec::with_capacity(16 * 1024);
    let mut line_number = 0;
    while let Some(line) = next_line(&mut input, &mut buffer)? {
        line_number += 1;
        let line = if line_number == 1 { line.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(line) } else { line };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        json.clear();
        match parse_record(line) {
            Ok((id, text)) => {
                let report = checker.score_with(&text, options);
                serde_json::to_writer(&mut json, &Output { id, report: &report })?;
            }
            Err((id, error)) => {
                all_ok = false;
                serde_json::to_writer(&mut json, &ErrorLine { id, line: line_number, error })?;
            }
        }
        json.push(b'\n');
        out.write_all(&json)?;
    }
    Ok(all_ok)
}

type RecordError<'a> = (Option<&'a RawValue>, String);

fn parse_record(line: &[u8]) -> Result<(Option<&RawValue>, String), RecordError<'_>> {
    let json =
        std::str::from_utf8(line).map_err(|e| (None, format!("invalid UTF-8 at byte {}", e.valid_up_to() + 1)))?;
    let record: Record = serde_json::from_str(json).map_err(|e| {
        let message = if e.is_data() { "expected a JSON object".to_string() } else { e.to_string() };
        (None, format!("invalid JSON: {message}"))
    })?;
    let raw = record.text.ok_or((record.id, "missing field `text`".to_string()))?;
    let text: String =
        serde_json::from_str(raw.get()).map_err(|_| (record.id, "field `text` must be a string".to_string()))?;
    Ok((record.id, text))
}
