//! `emotics score`: reports for messages given as arguments, as lines on stdin, or as JSON
//! Lines on stdin (`--jsonl`, streaming: one output line per input line, in order).

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use emotics::fix::{FitPlan, Suggestion};
use emotics::tone::targets::Target;
use emotics::{Checker, Options, Report};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::LangArg;
use super::human;
use super::json;
use super::style::{ColorChoice, Style};
use super::table::{Format, Table};

#[derive(clap::Args)]
pub struct ScoreArgs {
    /// Messages to score. With none, each line of stdin is a message.
    texts: Vec<String>,
    /// Read JSON Lines `{"id": …, "text": "…"}` on stdin; write one JSON report per line.
    #[arg(long, conflicts_with = "texts")]
    jsonl: bool,
    /// Threads scoring (default: the cores available): the lines of JSON Lines, or the
    /// windows of a message over 100,000 bytes; the output keeps the input's order.
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<std::num::NonZeroUsize>,
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
    /// Add the fit plan of each message for these profiles: the exact edits, safe then lossy,
    /// that fit it or save SMS segments (comma-separated profile names).
    #[arg(long, value_delimiter = ',', value_name = "PROFILE")]
    fit: Vec<String>,
    /// Add suggestions that bring each message to this tone target (`spamminess <= 0.2`,
    /// `valence >= 0.2`, `trust >= 0.3`), or register (`register = vous` or `formal`,
    /// `register = tu` or `informal`: a French message rewritten addressing the reader that
    /// way; `formality >= 0.6` and `formality <= 0.4` ask for it too); repeatable.
    #[arg(long = "target", value_name = "TARGET")]
    targets: Vec<String>,
    /// With --jsonl, write only these fields of each report (`id` and dotted paths such as
    /// `language,tone.valence,tone.label,length.x.valid`), as a flat object per line.
    #[arg(long, value_delimiter = ',', value_name = "PATHS", requires = "jsonl", conflicts_with_all = ["fit", "targets"])]
    fields: Vec<String>,
    /// With --jsonl, `csv` writes a table (header, then a row per line: `id`, the fields —
    /// all of them without --fields — and `error`).
    #[arg(long, value_enum, default_value = "json", requires = "jsonl", conflicts_with_all = ["fit", "targets"])]
    format: Format,
}

/// What scores a message: the checker, its options, and what else each report holds.
struct Scoring {
    checker: Checker,
    options: Options,
    fit: Vec<String>,
    targets: Vec<Target>,
    /// The fields written instead of the whole report, if some are asked for, and the
    /// profiles they read (reports for a table are scored without explanations).
    table: Option<(Table, Vec<emotics::Profile>)>,
}

/// The fit plans and suggestions asked for a message.
#[derive(Serialize)]
pub struct Extras {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fit: Vec<FitPlan>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<Vec<Suggestion>>,
}

impl Scoring {
    fn score(&self, text: &str) -> (Report, Extras) {
        let report = match &self.table {
            Some((_, profiles)) => self.checker.score_brief(text, &self.options, profiles),
            None => self.checker.score_with(text, &self.options),
        };
        let fit = self.fit.iter().filter_map(|p| self.checker.fit_plan(text, p, &self.options).ok()).collect();
        let suggestions = (!self.targets.is_empty()).then(|| self.checker.suggest(text, &self.targets, &self.options));
        (report, Extras { fit, suggestions })
    }
}

pub fn run(args: ScoreArgs) -> Result<ExitCode, String> {
    let mut checker = select_profiles(super::checker_with_model(args.model.as_deref())?, &args.profile)?;
    if let Some(jobs) = args.jobs {
        checker = checker.with_threads(jobs);
    }
    super::load_lexicons(&mut checker, &args.lexicons)?;
    checker.profiles_named(&args.fit)?;
    let targets = args.targets.iter().map(|t| checker.target(t)).collect::<Result<Vec<_>, _>>()?;
    let table = (!args.fields.is_empty() || args.format == Format::Csv)
        .then(|| Table::new(&checker, &args.fields, args.format))
        .transpose()?
        .map(|table| {
            let profiles = table.profiles(&checker);
            (table, profiles)
        });
    let options = Options { language: args.lang.language() };
    let scoring = Scoring { checker, options, fit: args.fit, targets, table };
    let mut out = super::streams::stdout();
    let result = if args.jsonl {
        let jobs = args.jobs.map_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()), |n| n.get());
        score_jsonl(&scoring, jobs, io::stdin().lock(), &mut out)
    } else if !args.texts.is_empty() {
        let style = Style::new(args.color);
        args.texts
            .iter()
            .enumerate()
            .try_for_each(|(i, text)| write_one(&scoring, text, i, args.json, style, &mut out))
            .map(|_| true)
    } else if io::stdin().is_terminal() {
        return Err("no message given: pass messages as arguments, pipe lines on stdin, or use --jsonl".into());
    } else {
        score_lines(&scoring, args.json, Style::new(args.color), io::stdin().lock(), &mut out)
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
    let selected = checker.profiles_named(names)?;
    Ok(checker.with_profiles(selected))
}

fn write_one(
    scoring: &Scoring,
    text: &str,
    index: usize,
    json: bool,
    style: Style,
    out: &mut impl Write,
) -> io::Result<()> {
    let (report, extras) = scoring.score(text);
    if json {
        let mut json = Vec::with_capacity(16 * 1024);
        write_report(&mut json, None, &report, &extras)?;
        json.push(b'\n');
        out.write_all(&json)
    } else {
        if index > 0 {
            writeln!(out)?;
        }
        out.write_all(human::render(text, &report, style).as_bytes())?;
        out.write_all(human::render_extras(text, &extras, style).as_bytes())
    }
}

/// Plain lines on stdin, one message each. A line that is not UTF-8 is reported on stderr
/// and makes the exit code 1.
fn score_lines(
    scoring: &Scoring,
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
            Ok(text) => write_one(scoring, text, index, json, style, out)?,
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

/// Writes a report as one JSON object whose first field is `id` (the input's, verbatim, or
/// `null`). Not a struct with a flattened report: serde's flattening serialises through a
/// map, which costs more than the report itself. The report is written by [`json::write`],
/// which writes the same bytes as serde_json for about half its instructions.
fn write_report(json: &mut Vec<u8>, id: Option<&RawValue>, report: &Report, extras: &Extras) -> io::Result<()> {
    json.extend_from_slice(b"{\"id\":");
    json.extend_from_slice(id.map_or("null", |id| id.get()).as_bytes());
    let brace = json.len();
    json::write(json, report)?;
    // the report's own `{` becomes the comma after `id`
    json[brace] = b',';
    if !extras.fit.is_empty() || extras.suggestions.is_some() {
        // the extras' fields follow the report's, in the same object
        json.pop();
        let brace = json.len();
        serde_json::to_writer(&mut *json, extras)?;
        json[brace] = b',';
    }
    Ok(())
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    id: Option<&'a RawValue>,
    line: usize,
    error: String,
}

/// JSON Lines in, JSON Lines out, streaming. Blank lines are skipped; every other line gets
/// a report or an error object, in input order. Lines are read in batches that `jobs`
/// threads score in equal shares; the batch is written, in order, before the next is read,
/// so memory holds one batch whatever the input's length. Returns whether every line was
/// scored.
fn score_jsonl(scoring: &Scoring, jobs: usize, mut input: impl BufRead, out: &mut impl Write) -> io::Result<bool> {
    let mut all_ok = true;
    let mut buffer = Vec::new();
    let mut line_number = 0;
    let mut batch: Vec<(usize, Vec<u8>)> = Vec::new();
    if let Some((table, _)) = &scoring.table {
        let mut header = Vec::new();
        table.header(&mut header);
        out.write_all(&header)?;
    }
    loop {
        batch.clear();
        let mut bytes = 0;
        while batch.len() < BATCH_LINES && bytes < BATCH_BYTES {
            let Some(line) = next_line(&mut input, &mut buffer)? else { break };
            line_number += 1;
            let line = if line_number == 1 { line.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(line) } else { line };
            if !line.iter().all(u8::is_ascii_whitespace) {
                bytes += line.len();
                batch.push((line_number, line.to_vec()));
            }
        }
        if batch.is_empty() {
            return Ok(all_ok);
        }
        let share = batch.len().div_ceil(jobs.max(1));
        let outputs: Vec<io::Result<(Vec<u8>, bool)>> = std::thread::scope(|scope| {
            let mut shares = batch.chunks(share);
            let first = shares.next().unwrap_or_default();
            let others: Vec<_> = shares.map(|lines| scope.spawn(move || score_records(scoring, lines))).collect();
            // this thread scores the first share while the others score theirs
            let mut outputs = vec![score_records(scoring, first)];
            outputs
                .extend(others.into_iter().map(|other| other.join().unwrap_or_else(|e| std::panic::resume_unwind(e))));
            outputs
        });
        for output in outputs {
            let (json, ok) = output?;
            all_ok &= ok;
            out.write_all(&json)?;
        }
    }
}

/// At most this many lines, or a line past this many bytes, make a batch of `score --jsonl`:
/// enough for each thread to work a few milliseconds between two writes.
const BATCH_LINES: usize = 4096;
const BATCH_BYTES: usize = 4 << 20;

/// The output lines of some numbered input lines, and whether each was scored.
fn score_records(scoring: &Scoring, lines: &[(usize, Vec<u8>)]) -> io::Result<(Vec<u8>, bool)> {
    // serde's many small writes go to a Vec, not through the output's buffer
    let mut json = Vec::with_capacity(64 * 1024);
    let mut all_ok = true;
    for (line_number, line) in lines {
        match parse_record(line) {
            Ok((id, text)) => {
                let (report, extras) = scoring.score(&text);
                match &scoring.table {
                    Some((table, _)) => table.row(&mut json, id, &report),
                    None => {
                        write_report(&mut json, id, &report, &extras)?;
                        json.push(b'\n');
                    }
                }
            }
            Err((id, error)) => {
                all_ok = false;
                if scoring.table.as_ref().and_then(|(t, _)| t.error_row(&mut json, id, *line_number, &error)).is_none()
                {
                    serde_json::to_writer(&mut json, &ErrorLine { id, line: *line_number, error })?;
                    json.push(b'\n');
                }
            }
        }
    }
    Ok((json, all_ok))
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
