//! The table `score --jsonl` writes with `--fields` or `--format csv`: chosen flat fields of
//! each report (`emotics::report::fields`, the columns of the Python package too), as a flat
//! JSON object per line or a CSV row, instead of the whole report (~6 KB of JSON a message,
//! most of the time `score --jsonl` takes).

use emotics::report::fields::{self, Field, Value};
use emotics::{Checker, Report};
use serde_json::value::RawValue;

/// How the rows are written.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per line (the whole report, or the fields asked for, by path).
    Json,
    /// A CSV table with a header: `id`, the fields, and `error` (empty when scored).
    Csv,
}

pub struct Table {
    /// Whether `id` is a column (always in CSV; in JSON when asked for).
    id: bool,
    fields: Vec<Field>,
    format: Format,
}

impl Table {
    /// The columns named by `paths` (`id` and the dotted paths of `emotics::report::fields`);
    /// every field when none is named.
    pub fn new(checker: &Checker, paths: &[String], format: Format) -> Result<Table, String> {
        if paths.is_empty() {
            return Ok(Table { id: true, fields: fields::all(checker), format });
        }
        let fields =
            paths.iter().filter(|p| *p != "id").map(|p| fields::parse(p, checker)).collect::<Result<Vec<_>, _>>()?;
        let id = format == Format::Csv || paths.iter().any(|p| p == "id");
        Ok(Table { id, fields, format })
    }

    /// The profiles of `checker` the columns read, in the checker's order: the only ones a
    /// row needs measured.
    pub fn profiles(&self, checker: &Checker) -> Vec<emotics::Profile> {
        let read = |name: &str| self.fields.iter().any(|f| f.profile() == Some(name));
        checker.profiles().iter().filter(|p| read(&p.name)).cloned().collect()
    }

    /// The CSV header line (nothing in JSON).
    pub fn header(&self, out: &mut Vec<u8>) {
        if self.format == Format::Csv {
            let names = std::iter::once("id").chain(self.fields.iter().map(Field::path)).chain(["error"]);
            write_csv(out, names);
        }
    }

    /// The row of a scored record.
    pub fn row(&self, out: &mut Vec<u8>, id: Option<&RawValue>, report: &Report) {
        let values = self.fields.iter().map(|f| f.get(report));
        match self.format {
            Format::Csv => {
                let cells: Vec<String> = values.map(|v| v.map(cell).unwrap_or_default()).collect();
                write_csv(
                    out,
                    std::iter::once(id_cell(id).as_str()).chain(cells.iter().map(String::as_str)).chain([""]),
                );
            }
            Format::Json => {
                out.push(b'{');
                let mut first = true;
                let mut key = |out: &mut Vec<u8>, name: &str| {
                    if !std::mem::take(&mut first) {
                        out.push(b',');
                    }
                    push_json(out, &name);
                    out.push(b':');
                };
                if self.id {
                    key(out, "id");
                    out.extend_from_slice(id.map_or("null", |id| id.get()).as_bytes());
                }
                for (field, value) in self.fields.iter().zip(values) {
                    key(out, field.path());
                    match value {
                        Some(Value::Str(s)) => push_json(out, &s),
                        Some(Value::Float(x)) => push_json(out, &x),
                        Some(Value::Int(n)) => push_json(out, &n),
                        Some(Value::Bool(b)) => push_json(out, &b),
                        None => out.extend_from_slice(b"null"),
                    }
                }
                out.extend_from_slice(b"}\n");
            }
        }
    }

    /// The CSV row of a record that could not be scored (`None` in JSON: the error line is
    /// written as without a table).
    pub fn error_row(&self, out: &mut Vec<u8>, id: Option<&RawValue>, line: usize, error: &str) -> Option<()> {
        (self.format == Format::Csv).then(|| {
            let empty = std::iter::repeat_n("", self.fields.len());
            let error = format!("line {line}: {error}");
            write_csv(out, std::iter::once(id_cell(id).as_str()).chain(empty).chain([error.as_str()]));
        })
    }
}

fn push_json<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // a string, number or boolean always serialises
    let _ = serde_json::to_writer(&mut *out, value);
}

/// A value as a CSV cell.
fn cell(value: Value) -> String {
    match value {
        Value::Str(s) => s.to_string(),
        Value::Float(x) => x.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
    }
}

/// The record's id as a CSV cell: a JSON string as its text, any other JSON as written.
fn id_cell(id: Option<&RawValue>) -> String {
    id.map(|raw| serde_json::from_str::<String>(raw.get()).unwrap_or_else(|_| raw.get().to_string()))
        .unwrap_or_default()
}

fn write_csv<'a>(out: &mut Vec<u8>, cells: impl Iterator<Item = &'a str>) {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(&mut *out);
    // writing to a Vec cannot fail
    let _ = writer.write_record(cells);
    let _ = writer.flush();
}
