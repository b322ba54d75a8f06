//! `check --fix`, `--unsafe-fixes` and `--diff`: a file's fixes applied in one pass, shown as
//! a unified diff or written in place. A file is written only when the fixed text reads
//! back as the fixed messages, and only if it did not change since it was read; the write
//! is atomic (a temporary file renamed over it), so a file is never left half written.

use std::ops::Range;
use std::path::Path;

use emotics::fix::FixClass;
use emotics::source::{Document, Item, Message};

use super::located::{FileFix, FileResult};

/// A file's text with the fixes that fit applied.
pub struct Fixed {
    pub text: String,
    pub applied: usize,
    /// Fixes left out because they overlap one applied (a second run may apply them).
    pub remaining: usize,
    /// The fixes applied, in file order.
    chosen: Vec<FileFix>,
}

/// Applies `result`'s safe fixes (and the lossy ones with `unsafe_fixes`) that do not
/// overlap one before them; a fix inside the message span of one applied is done by it, not
/// left. Fixes found by
/// several findings (a message over two profiles) count once.
pub fn apply(result: &FileResult, unsafe_fixes: bool) -> Fixed {
    let mut fixes: Vec<&FileFix> =
        result.findings().flat_map(|f| f.fixes).filter(|f| unsafe_fixes || f.class == FixClass::Safe).collect();
    fixes.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end), f.class != FixClass::Safe));
    fixes.dedup_by(|a, b| a.range == b.range && a.replacement == b.replacement);
    let (mut text, mut at, mut chosen, mut remaining) = (String::new(), 0, Vec::<FileFix>::new(), 0);
    for fix in fixes {
        if fix.range.start < at {
            // the edit of a phrase replaces what it contains in the message; the quoting of a
            // whole CSV field does not
            let inside = chosen.last().is_some_and(|last| {
                last.of == fix.of && last.span.start <= fix.span.start && fix.span.end <= last.span.end
            });
            remaining += usize::from(!inside);
            continue;
        }
        // ranges come from maps checked against the file; one that is not in it is skipped
        let (Some(before), Some(_)) = (result.source.get(at..fix.range.start), result.source.get(fix.range.clone()))
        else {
            continue;
        };
        text.push_str(before);
        text.push_str(&fix.replacement);
        at = fix.range.end;
        chosen.push(fix.clone());
    }
    text.push_str(&result.source[at..]);
    Fixed { text, applied: chosen.len(), remaining, chosen }
}

impl Fixed {
    /// Whether `read` (the fixed text read again) holds the messages of `before` with the
    /// fixes' edits, and nothing else: else a replacement changed how the file reads.
    pub fn reads_back(&self, before: &[Message], read: &Document) -> bool {
        let after: Vec<&Message> = read
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Message(m) => Some(m),
                Item::Error(_) => None,
            })
            .collect();
        after.len() == before.len()
            && before.iter().enumerate().zip(&after).all(|((i, m), again)| {
                let edits: Vec<(Range<usize>, &str)> =
                    self.chosen.iter().filter(|f| f.of == i).map(|f| (f.span.clone(), f.text.as_str())).collect();
                again.text == edited(&m.text, &edits)
            })
    }

    /// The unified diff of `path` from `before` to the fixed text, three lines of context.
    pub fn diff(&self, path: &str, before: &str) -> String {
        unified_diff(path, before, &self.text)
    }
}

/// `text` with the edits (in text order; one overlapping an earlier one is left out) made.
pub fn edited(text: &str, edits: &[(Range<usize>, &str)]) -> String {
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|(span, _)| span.start);
    let (mut out, mut at) = (String::new(), 0);
    for (span, replacement) in sorted {
        if span.start < at || text.get(at..span.start).is_none() {
            continue;
        }
        out.push_str(&text[at..span.start]);
        out.push_str(replacement);
        at = span.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

/// A unified diff (`--- a/path`, `+++ b/path`, hunks with three lines of context) of two
/// texts. Fixes keep line breaks, so lines are compared one to one; were a line added or
/// removed, the whole file is one hunk.
fn unified_diff(path: &str, before: &str, after: &str) -> String {
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    let mut hunks: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    if old.len() != new.len() {
        hunks.push((0..old.len(), 0..new.len()));
    } else {
        for i in (0..old.len()).filter(|&i| old[i] != new[i]) {
            let (start, end) = (i.saturating_sub(3), (i + 4).min(old.len()));
            match hunks.last_mut() {
                Some((a, b)) if start <= a.end => (a.end, b.end) = (end, end),
                _ => hunks.push((start..end, start..end)),
            }
        }
    }
    if hunks.is_empty() || before == after {
        return String::new();
    }
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    let line = |out: &mut String, mark: char, l: &str| {
        out.push(mark);
        out.push_str(l);
        if !l.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    };
    for (a, b) in hunks {
        out.push_str(&format!("@@ -{},{} +{},{} @@\n", a.start + 1, a.len(), b.start + 1, b.len()));
        if a == b {
            for i in a {
                if old[i] == new[i] {
                    line(&mut out, ' ', old[i]);
                } else {
                    line(&mut out, '-', old[i]);
                    line(&mut out, '+', new[i]);
                }
            }
        } else {
            old[a].iter().for_each(|l| line(&mut out, '-', l));
            new[b].iter().for_each(|l| line(&mut out, '+', l));
        }
    }
    out
}

/// Writes `text` over `path` if the file still holds `read` (what was checked), through a
/// temporary file in the same directory renamed over it, with the file's permissions.
pub fn write(path: &Path, read: &str, text: &str) -> Result<(), String> {
    let now = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if now != read.as_bytes() {
        return Err(format!("{}: changed since it was read; not written", path.display()));
    }
    let name = path.file_name().map_or("file".into(), |n| n.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{name}.emotics-fix-{}", std::process::id()));
    let written = (|| {
        std::fs::write(&temporary, text)?;
        std::fs::set_permissions(&temporary, std::fs::metadata(path)?.permissions())?;
        std::fs::File::open(&temporary)?.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        format!("{}: {e}; not written", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_show_changed_lines_with_context() {
        let before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        let after = "a\nB\nc\nd\ne\nf\ng\nh\ni\nJ";
        assert_eq!(
            unified_diff("x.txt", before, after),
            "--- a/x.txt\n+++ b/x.txt\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -7,4 +7,4 @@\n g\n h\n i\n-j\n+J\n\\ No newline at end of file\n"
        );
        assert_eq!(unified_diff("x.txt", before, before), "");
    }

    /// A file that changed since it was read is left as it is now; one that did not is
    /// replaced, with no temporary file left beside it.
    #[test]
    fn writes_only_what_was_read() {
        let dir = std::env::temp_dir().join(format!("emotics-fix-write-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("copy.txt");
        std::fs::write(&path, "l’offre, edited since\n").unwrap();
        let error = write(&path, "l’offre\n", "l'offre\n").unwrap_err();
        assert!(error.contains("changed since it was read"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "l’offre, edited since\n");
        std::fs::write(&path, "l’offre\n").unwrap();
        write(&path, "l’offre\n", "l'offre\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "l'offre\n");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn edits_in_text_order() {
        assert_eq!(edited("l’offre – x", &[(10..13, "-"), (1..4, "'")]), "l'offre - x");
    }
}
