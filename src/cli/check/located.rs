//! A file's findings, located in the file. A campaign export can have hundreds of thousands,
//! all kept until they are written in file order, so each is stored compactly: its message by
//! index, its sentence and help in one buffer per file. The findings then outlive the check in
//! a few large allocations rather than in millions of small ones scattered among the check's
//! own (which slowed every later allocation down), and the output formats read them back as
//! [`Located`] views.

use std::ops::Range;

use emotics::check::{Finding, Rule, Severity};
use emotics::fix::FixClass;
use emotics::source::encode::file_edit;
use emotics::source::{Ignore, LineIndex, Message};

/// Everything found in one file.
pub struct FileResult {
    pub path: String,
    pub source: String,
    /// The lines of `source`, for quoting findings in it.
    pub lines: LineIndex,
    /// The messages read from the file, in file order.
    pub messages: Vec<Message>,
    findings: Vec<Stored>,
    /// The findings' sentences and helps, one after another.
    notes: String,
    /// The findings' fixes, one after another.
    fixes: Vec<FileFix>,
}

/// A fix of a finding, as an edit of its file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileFix {
    pub class: FixClass,
    pub description: String,
    /// The file's bytes replaced, and what replaces them, as the format writes it there.
    pub range: Range<usize>,
    pub replacement: String,
    /// The message it edits (by index), its bytes replaced there and their replacement.
    pub of: usize,
    pub span: Range<usize>,
    pub text: String,
}

/// One finding as a file keeps it.
struct Stored {
    line: usize,
    column: usize,
    end: Option<(usize, usize)>,
    rule: Rule,
    severity: Severity,
    /// Its sentence and help, in the file's notes.
    message: Range<usize>,
    help: Option<Range<usize>>,
    /// Index of the message it is about (none for an input error).
    of: Option<usize>,
    span: Option<(usize, usize)>,
    /// Its fixes, in the file's list.
    fixes: Range<usize>,
}

/// One finding, located in its file, as the output formats read it.
#[derive(Debug, Clone, Copy)]
pub struct Located<'a> {
    pub path: &'a str,
    /// 1-based line and column of the finding (of the message when it has no span, or when
    /// the reader could not tell where the message's characters are in the file).
    pub line: usize,
    pub column: usize,
    /// 1-based line and column just past the finding, when it can be located in the file.
    pub end: Option<(usize, usize)>,
    pub rule: Rule,
    pub severity: Severity,
    pub message: &'a str,
    pub help: Option<&'a str>,
    /// CSV column, JSON/YAML key path, or PO msgid.
    pub key: Option<&'a str>,
    /// The message (empty for an input error; the same `&str` for all of a message's
    /// findings), and the finding's byte range in it.
    pub text: &'a str,
    pub span: Option<(usize, usize)>,
    /// The file's bytes of the finding (of the whole message when it has no span), when
    /// the reader could tell where the message's characters are.
    pub place: Option<(usize, usize)>,
    /// Its fixes, safe ones first.
    pub fixes: &'a [FileFix],
}

impl FileResult {
    pub fn new(path: String) -> FileResult {
        FileResult {
            path,
            source: String::new(),
            lines: LineIndex::new(""),
            messages: Vec::new(),
            findings: Vec::new(),
            notes: String::new(),
            fixes: Vec::new(),
        }
    }

    /// The 1-based line and column (in characters) of the file's byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.lines.position(&self.source, offset)
    }

    pub fn finding_count(&self) -> usize {
        self.findings.len()
    }

    /// The findings, in the order they were added (file order once [`Self::sort`] ran).
    pub fn findings(&self) -> impl Iterator<Item = Located<'_>> {
        self.findings.iter().map(|stored| self.view(stored))
    }

    fn view<'a>(&'a self, stored: &Stored) -> Located<'a> {
        let message = stored.of.map(|i| &self.messages[i]);
        let place = message.and_then(|m| {
            let (start, end) = stored.span.unwrap_or((0, m.text.len()));
            let range = m.map.as_ref()?.source_range(start..end);
            Some((range.start, range.end))
        });
        Located {
            path: &self.path,
            line: stored.line,
            column: stored.column,
            end: stored.end,
            rule: stored.rule,
            severity: stored.severity,
            message: &self.notes[stored.message.clone()],
            help: stored.help.clone().map(|help| &self.notes[help]),
            key: message.and_then(|m| m.key.as_deref()),
            text: message.map_or("", |m| m.text.as_str()),
            span: stored.span,
            place,
            fixes: &self.fixes[stored.fixes.clone()],
        }
    }

    /// Keeps the findings for which `keep` says so.
    pub fn retain(&mut self, mut keep: impl FnMut(&Located) -> bool) {
        let mut findings = std::mem::take(&mut self.findings);
        findings.retain(|stored| keep(&self.view(stored)));
        self.findings = findings;
    }

    fn note(&mut self, text: &str) -> Range<usize> {
        let start = self.notes.len();
        self.notes.push_str(text);
        start..self.notes.len()
    }

    /// Adds an error about the file itself (a record that could not be read).
    pub fn add_input_error(&mut self, line: usize, column: usize, message: &str) {
        let message = self.note(message);
        let (rule, severity) = (Rule::Input, Severity::Error);
        self.findings.push(Stored {
            line,
            column,
            end: None,
            rule,
            severity,
            message,
            help: None,
            of: None,
            span: None,
            fixes: 0..0,
        });
    }

    /// Adds the findings of message `of` that no suppression comment covers, located at
    /// the file's bytes of their span when the reader could tell them, else at the message.
    pub fn add_findings(
        &mut self,
        (source, lines): (&str, &LineIndex),
        of: usize,
        ignore_file: &Ignore,
        findings: Vec<Finding>,
    ) {
        if findings.is_empty() {
            return;
        }
        // where the message starts: its findings are located from there
        let start = self.messages[of].map.as_ref().map(|map| {
            let at = map.source_range(0..0).start;
            let (line, column) = lines.position(source, at);
            (at, line, column)
        });
        for f in findings {
            let m = &self.messages[of];
            if f.rule != Rule::Input && (m.ignore.covers(f.rule.name()) || ignore_file.covers(f.rule.name())) {
                continue;
            }
            let (line, column, end) = match (start, &m.map, f.span) {
                (Some(start), Some(map), Some((from, to))) => {
                    let range = map.source_range(from..to);
                    let (line, column) = lines.position_from(source, start, range.start);
                    (line, column, Some(lines.position_from(source, start, range.end)))
                }
                _ => (m.line, m.column, None),
            };
            let message = self.note(&f.message);
            let help = f.help.as_deref().map(|help| self.note(help));
            let (m, first) = (&self.messages[of], self.fixes.len());
            for edit in &f.fixes {
                let span = edit.span.start..edit.span.end;
                if let Some((range, replacement)) = file_edit(m, span.clone(), &edit.replacement) {
                    let (class, description, text) = (edit.class, edit.description.clone(), edit.replacement.clone());
                    self.fixes.push(FileFix { class, description, range, replacement, of, span, text });
                }
            }
            self.fixes[first..].sort_by_key(|f| f.class != FixClass::Safe);
            let fixes = first..self.fixes.len();
            let (rule, severity, span, of) = (f.rule, f.severity, f.span, Some(of));
            self.findings.push(Stored { line, column, end, rule, severity, message, help, of, span, fixes });
        }
    }

    /// Sorts the findings added from `first` on by place (stable); input errors come before
    /// findings at the same place.
    pub fn sort_from(&mut self, first: usize) {
        let findings = &mut self.findings[first..];
        let key = |f: &Stored| (f.line, f.column, f.of.is_some());
        // the check spares the sort's buffer, as large as half the findings, when in order
        if !findings.is_sorted_by_key(key) {
            findings.sort_by_key(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use emotics::source::SourceMap;

    fn finding(rule: Rule, message: &str, span: Option<(usize, usize)>, help: Option<&str>) -> Finding {
        let (message, help) = (message.into(), help.map(Into::into));
        Finding { rule, severity: Severity::Warning, message, span, help, fixes: Vec::new() }
    }

    /// Findings read back with their own sentences, help, message and place; suppressed ones
    /// are left out; sorting puts input errors first at a place; `retain` keeps the rest
    /// readable.
    #[test]
    fn findings_read_back_as_added() {
        let source = "text\nHello WORLD\nOther line";
        let lines = LineIndex::new(source);
        let mut result = FileResult::new("f.txt".into());
        let message = |at: usize, text: &str, ignore: Ignore| Message {
            text: text.into(),
            line: 2,
            column: 1,
            map: Some(SourceMap::verbatim(at, text.len())),
            key: Some("text".into()),
            ignore,
            fields: Vec::new(),
        };
        result.messages.push(message(5, "Hello WORLD", Ignore::default()));
        let ignored = Ignore { all: false, rules: vec!["length".into()] };
        result.messages.push(message(17, "Other line", ignored));
        let first = finding(Rule::Shouting, "capitals", Some((6, 11)), Some("write it in lower case"));
        let whole = finding(Rule::Length, "too long", None, None);
        result.add_findings((source, &lines), 0, &Ignore::default(), vec![first, whole]);
        let suppressed = finding(Rule::Length, "too long", None, None);
        result.add_findings((source, &lines), 1, &Ignore::default(), vec![suppressed]);
        result.add_input_error(2, 1, "bad record");
        result.sort_from(0);

        let read: Vec<_> = result
            .findings()
            .map(|d| (d.line, d.column, d.end, d.rule, d.message, d.help, d.text, d.key, d.span))
            .collect();
        assert_eq!(
            read,
            [
                (2, 1, None, Rule::Input, "bad record", None, "", None, None),
                (2, 1, None, Rule::Length, "too long", None, "Hello WORLD", Some("text"), None),
                (
                    2,
                    7,
                    Some((2, 12)),
                    Rule::Shouting,
                    "capitals",
                    Some("write it in lower case"),
                    "Hello WORLD",
                    Some("text"),
                    Some((6, 11))
                ),
            ]
        );
        result.retain(|d| d.rule != Rule::Length);
        let read: Vec<_> = result.findings().map(|d| (d.message, d.help)).collect();
        assert_eq!(read, [("bad record", None), ("capitals", Some("write it in lower case"))]);
    }
}
