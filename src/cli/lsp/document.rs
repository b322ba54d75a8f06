//! An open document: the editor's text, edits applied to it, and the messages of its last
//! check with where each lies in the text.

use std::ops::Range;
use std::path::{Path, PathBuf};

use emotics::source::{Format, LineIndex, Message};
use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::positions::{Encoding, Lines, check_offset};
use crate::cli::check::FileResult;

pub struct Document {
    pub uri: Uri,
    /// The file the document is (for an unsaved one, a name in the working directory with
    /// an extension from its language): configuration and format are found from it.
    pub path: PathBuf,
    pub version: i32,
    pub text: String,
    /// The check of the current text; `None` after an edit until it is checked again.
    pub checked: Option<FileResult>,
}

impl Document {
    pub fn new(uri: Uri, language_id: String, version: i32, text: String, cwd: &Path) -> Document {
        let path = path_of(&uri, &language_id, cwd);
        Document { uri, path, version, text, checked: None }
    }

    /// Applies an edit: a whole new text, or a range (clamped to the text) replaced.
    pub fn apply(&mut self, change: TextDocumentContentChangeEvent, encoding: Encoding) {
        match change.range {
            None => self.text = change.text,
            Some(range) => {
                let lines = Lines::new(&self.text, encoding);
                let start = lines.offset(range.start);
                let end = lines.offset(range.end).max(start);
                self.text.replace_range(start..end, &change.text);
            }
        }
        self.checked = None;
    }

    /// The messages of the last check, each with its byte range in the text: the message's
    /// own bytes when the reader knows them (through escapes and folding), else from its start
    /// to the end of that line.
    pub fn messages(&self) -> Vec<(&Message, Range<usize>)> {
        let Some(checked) = &self.checked else { return Vec::new() };
        let (index, lines) = (LineIndex::new(&self.text), Lines::new(&self.text, Encoding::Utf8));
        checked
            .messages
            .iter()
            .map(|m| {
                let range = match &m.map {
                    Some(map) => map.source_range(0..m.text.len()),
                    None => {
                        let start = check_offset(&self.text, &index, m.line, m.column);
                        start..lines.line_end(start)
                    }
                };
                (m, range)
            })
            .collect()
    }

    /// The message whose range holds byte `offset` (its end included: the cursor just after
    /// the last character is still on it).
    pub fn message_at(&self, offset: usize) -> Option<(&Message, Range<usize>)> {
        self.messages().into_iter().find(|(_, range)| range.start <= offset && offset <= range.end)
    }
}

/// The path of a `file:` URI (percent-decoded), or for other schemes (`untitled:`) a name
/// in `cwd`. When its extension is not one `check` knows, one from the document's language is
/// added, so that `check` reads it in that format.
fn path_of(uri: &Uri, language_id: &str, cwd: &Path) -> PathBuf {
    // `file:///home/x` or `file://host/share`: the authority is dropped
    let path = match uri.as_str().strip_prefix("file://") {
        Some(rest) => PathBuf::from(percent_decode(rest.find('/').map_or("", |i| &rest[i..]))),
        None => cwd.join("untitled"),
    };
    let known = path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension).is_some();
    let extension = match language_id {
        "yaml" => "yaml",
        "json" | "jsonc" => "json",
        "jsonl" | "jsonlines" => "jsonl",
        "csv" => "csv",
        "tsv" => "tsv",
        "po" | "gettext" => "po",
        "markdown" => "md",
        _ => "txt",
    };
    if known {
        return path;
    }
    let mut name = path.into_os_string();
    name.push(format!(".{extension}"));
    PathBuf::from(name)
}

/// `%C3%A9` to `é`; an invalid escape is kept as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_uris() {
        let cwd = Path::new("/work");
        let uri = |s: &str| s.parse::<Uri>().unwrap();
        assert_eq!(path_of(&uri("file:///tmp/caf%C3%A9%20x.yml"), "yaml", cwd), Path::new("/tmp/café x.yml"));
        assert_eq!(path_of(&uri("untitled:Untitled-1"), "yaml", cwd), Path::new("/work/untitled.yaml"));
        assert_eq!(path_of(&uri("file:///c/messages"), "po", cwd), Path::new("/c/messages.po"));
        assert_eq!(path_of(&uri("file:///c/m.json"), "plaintext", cwd), Path::new("/c/m.json"));
        assert_eq!(percent_decode("100%"), "100%");
    }

    /// Incremental edits land where the client means in UTF-16, even after an emoji, and an
    /// edit past the end is clamped rather than a panic.
    #[test]
    fn edits_apply_in_the_negotiated_encoding() {
        let uri: Uri = "file:///t.txt".parse().unwrap();
        let mut doc = Document::new(uri, "plaintext".into(), 1, "😀 ok\n".into(), Path::new("/"));
        let range = lsp_types::Range::new(lsp_types::Position::new(0, 3), lsp_types::Position::new(0, 5));
        doc.apply(
            TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: "KO".into() },
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "😀 KO\n");
        let far = lsp_types::Range::new(lsp_types::Position::new(7, 0), lsp_types::Position::new(2, 0));
        doc.apply(
            TextDocumentContentChangeEvent { range: Some(far), range_length: None, text: "!".into() },
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "😀 KO\n!");
    }
}
