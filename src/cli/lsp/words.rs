//! "Add « word » to the forbidden (required) words": a code action on a word or a short
//! selection inside a message, which edits `[rules.forbidden]` / `[rules.required]` of the
//! document's `emotics.toml` (created beside the document when there is none). The edited
//! configuration is parsed before it is offered: a file whose layout the edit cannot follow
//! gets no action rather than a broken one.

use std::path::Path;

use emotics::check::config::Config;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CreateFile, DocumentChangeOperation, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, Range, ResourceOp, TextDocumentEdit, TextEdit, Uri,
    WorkspaceEdit,
};

use super::document::Document;
use super::positions::{Encoding, Lines};

/// The actions for the selection `range` of `document` (the word at the cursor when nothing
/// is selected), when it lies in a message; `config` is the document's configuration file,
/// or where to create one.
pub fn actions(document: &Document, range: Range, encoding: Encoding, config: &Path) -> Vec<CodeActionOrCommand> {
    let lines = Lines::new(&document.text, encoding);
    let (start, end) = (lines.offset(range.start), lines.offset(range.end));
    let Some((_, message)) = document.message_at(start) else { return Vec::new() };
    let selected = if start < end { start..end } else { word_at(&document.text, start).unwrap_or(start..start) };
    if selected.start < message.start || selected.end > message.end {
        return Vec::new();
    }
    let Some(phrase) = phrase(&document.text[selected]) else { return Vec::new() };
    let current = std::fs::read_to_string(config).ok();
    let Some(uri) = uri_of(config) else { return Vec::new() };
    LISTS
        .iter()
        .filter_map(|&(list, wording)| {
            let edited = add(config, current.as_deref().unwrap_or_default(), list, phrase)?;
            let text = current.as_deref().unwrap_or_default();
            let whole = Range::new(Position::new(0, 0), Lines::new(text, encoding).position(text.len()));
            let edit = TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri: uri.clone(), version: None },
                edits: vec![OneOf::Left(TextEdit { range: whole, new_text: edited })],
            };
            let mut operations = Vec::new();
            if current.is_none() {
                let create = CreateFile { uri: uri.clone(), options: None, annotation_id: None };
                operations.push(DocumentChangeOperation::Op(ResourceOp::Create(create)));
            }
            operations.push(DocumentChangeOperation::Edit(edit));
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Add « {phrase} » to the {wording} words ({})", config.file_name()?.to_string_lossy()),
                kind: Some(CodeActionKind::QUICKFIX),
                edit: Some(WorkspaceEdit {
                    document_changes: Some(DocumentChanges::Operations(operations)),
                    ..WorkspaceEdit::default()
                }),
                ..CodeAction::default()
            }))
        })
        .collect()
}

/// The `file:` URI of an absolute path, its bytes outside the unreserved set percent-encoded.
fn uri_of(path: &Path) -> Option<Uri> {
    let path = std::path::absolute(path).ok()?;
    let mut uri = String::from("file://");
    for &byte in path.to_string_lossy().as_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.parse().ok()
}

/// The lists a word can be added to, and the action's wording.
pub const LISTS: [(&str, &str); 2] = [("forbidden", "forbidden"), ("required", "required")];

/// A phrase worth adding: at most four words and 40 characters, on one line.
pub fn phrase(selected: &str) -> Option<&str> {
    let phrase = selected.trim_matches(|c: char| !c.is_alphanumeric());
    let words = phrase.split_whitespace().count();
    (!phrase.is_empty() && words <= 4 && phrase.chars().count() <= 40 && !phrase.contains(['\n', '\r']))
        .then_some(phrase)
}

/// The word or number around byte `offset` of `text` (letters, digits, `'`, `’`, `-`).
pub fn word_at(text: &str, offset: usize) -> Option<std::ops::Range<usize>> {
    let part = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-');
    let offset = (0..=offset.min(text.len())).rev().find(|&i| text.is_char_boundary(i))?;
    let start = text[..offset].char_indices().rev().take_while(|(_, c)| part(*c)).last().map_or(offset, |(i, _)| i);
    let end = offset + text[offset..].char_indices().find(|(_, c)| !part(*c)).map_or(text.len() - offset, |(i, _)| i);
    (start < end).then_some(start..end)
}

/// `config` (the text of `path`, empty when it does not exist yet) with `phrase` added to the
/// `words` of `[rules.LIST]`; `None` when it is there already or the result would not parse.
pub fn add(path: &Path, config: &str, list: &str, phrase: &str) -> Option<String> {
    let quoted = toml::Value::String(phrase.to_string()).to_string();
    let header = format!("[rules.{list}]");
    let lines: Vec<&str> = config.split_inclusive('\n').collect();
    let ending = if config.contains("\r\n") { "\r\n" } else { "\n" };
    let edited = match lines.iter().position(|l| l.trim() == header) {
        Some(at) => {
            let table_end = lines[at + 1..]
                .iter()
                .position(|l| l.trim_start().starts_with('['))
                .map_or(lines.len(), |i| at + 1 + i);
            let words = (at + 1..table_end).find(|&i| {
                let line = lines[i].trim_start();
                line.strip_prefix("words").is_some_and(|rest| rest.trim_start().starts_with('='))
            });
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            match words {
                Some(i) => {
                    let line = &out[i];
                    let open = line.find('[')?;
                    let empty = line[open + 1..].trim_start().starts_with(']');
                    let insert = if empty { quoted.clone() } else { format!("{quoted}, ") };
                    out[i] = format!("{}{insert}{}", &line[..=open], &line[open + 1..]);
                }
                None => out.insert(at + 1, format!("words = [{quoted}]{ending}")),
            }
            out.concat()
        }
        None => {
            let separator = if config.is_empty() {
                ""
            } else if config.ends_with('\n') {
                ending
            } else {
                "\n\n"
            };
            format!("{config}{separator}{header}{ending}words = [{quoted}]{ending}")
        }
    };
    let parsed = Config::parse(&path.display().to_string(), &edited).ok()?;
    let before = Config::parse(&path.display().to_string(), config).ok();
    let has = |c: &Config| words_of(c, list).iter().any(|w| w == phrase);
    (has(&parsed) && !before.as_ref().is_some_and(has)).then_some(edited)
}

fn words_of(config: &Config, list: &str) -> Vec<String> {
    let rules = &config.rules;
    let options = if list == "forbidden" { &rules.forbidden } else { &rules.required };
    options.as_ref().and_then(|o| o.words.clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add_to(config: &str, list: &str, phrase: &str) -> Option<String> {
        add(Path::new("emotics.toml"), config, list, phrase)
    }

    #[test]
    fn a_word_joins_its_list_whatever_the_layout() {
        assert_eq!(add_to("", "forbidden", "gratuit").unwrap(), "[rules.forbidden]\nwords = [\"gratuit\"]\n");
        let config = "# mine\n[rules.forbidden]\nwords = [\"promo\"]\n\n[rules.required]\nwords = []\n";
        let edited = add_to(config, "forbidden", "gratuit").unwrap();
        assert_eq!(
            edited,
            "# mine\n[rules.forbidden]\nwords = [\"gratuit\", \"promo\"]\n\n[rules.required]\nwords = []\n"
        );
        let edited = add_to(config, "required", "STOP 36111").unwrap();
        assert!(edited.ends_with("[rules.required]\nwords = [\"STOP 36111\"]\n"), "{edited}");
        let edited = add_to("[rules.required]\nseverity = \"error\"\n", "required", "STOP").unwrap();
        assert_eq!(edited, "[rules.required]\nwords = [\"STOP\"]\nseverity = \"error\"\n");
        assert_eq!(add_to(config, "forbidden", "promo"), None, "already there");
        assert_eq!(add_to("[rules\n", "forbidden", "x"), None, "a file that does not parse is left alone");
    }

    #[test]
    fn phrases_are_short_and_words_are_found_around_the_cursor() {
        assert_eq!(phrase(" « gratuit » "), Some("gratuit"));
        assert_eq!(phrase("un deux trois quatre cinq"), None);
        let text = "Profitez de l’offre gratuite !";
        let at = text.find("offre").unwrap() + 2;
        assert_eq!(&text[word_at(text, at).unwrap()], "l’offre");
        assert_eq!(word_at(text, text.len()), None);
        assert_eq!(word_at("é", 1).map(|r| &"é"[r]), Some("é"), "never inside a character");
    }
}
