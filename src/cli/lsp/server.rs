//! The server's loop: documents kept in sync with the editor, checked once the edits stop
//! coming (only the latest text of a burst is checked), and requests answered on the latest
//! text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self, Notification as _};
use lsp_types::request::{self, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, DocumentChanges, Hover, HoverContents,
    HoverParams, InlayHint, InlayHintLabel, InlayHintParams, MarkupContent, MarkupKind, NumberOrString, OneOf,
    OptionalVersionedTextDocumentIdentifier, PublishDiagnosticsParams, TextDocumentEdit, TextDocumentPositionParams,
    Uri, WorkspaceEdit,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::Options;
use super::document::Document;
use super::positions::{Encoding, Lines};
use super::{actions, diagnostics, hover, words};
use crate::cli::check::{CheckArgs, Context, discover_config};

/// How long the server waits for another edit before checking.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// `emotics/valence`: the valence of the message at a position (for a status bar).
const VALENCE: &str = "emotics/valence";

pub struct Server<'a> {
    connection: &'a Connection,
    encoding: Encoding,
    options: Options,
    cwd: PathBuf,
    documents: HashMap<String, Document>,
    /// One checking context per configuration file, with its modification time when read.
    contexts: HashMap<Option<PathBuf>, (Option<SystemTime>, Context)>,
}

impl<'a> Server<'a> {
    pub fn new(connection: &'a Connection, encoding: Encoding, options: Options, cwd: PathBuf) -> Server<'a> {
        Server { connection, encoding, options, cwd, documents: HashMap::new(), contexts: HashMap::new() }
    }

    pub fn run(mut self) -> Result<std::process::ExitCode, String> {
        loop {
            let pending = self.documents.values().any(|d| d.checked.is_none());
            let message = if pending {
                match self.connection.receiver.recv_timeout(DEBOUNCE) {
                    Ok(message) => message,
                    Err(e) if e.is_timeout() => {
                        self.check_pending();
                        continue;
                    }
                    Err(_) => return Ok(std::process::ExitCode::from(1)),
                }
            } else {
                match self.connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(std::process::ExitCode::from(1)),
                }
            };
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request).map_err(|e| e.to_string())? {
                        return Ok(std::process::ExitCode::SUCCESS);
                    }
                    // requests see the latest text, checked
                    self.check_pending();
                    let id = request.id.clone();
                    let response = match self.request(request) {
                        Ok(result) => Response::new_ok(id, result),
                        Err((code, message)) => Response::new_err(id, code as i32, message),
                    };
                    self.send(response.into());
                }
                Message::Notification(n) if n.method == notification::Exit::METHOD => {
                    // exit without shutdown
                    return Ok(std::process::ExitCode::from(1));
                }
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }
        }
    }

    fn send(&self, message: Message) {
        // the client is gone when this fails: the loop ends at the next receive
        let _ = self.connection.sender.send(message);
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            notification::DidOpenTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    let document = Document::new(d.uri, d.language_id, d.version, d.text, &self.cwd);
                    self.documents.insert(document.uri.as_str().to_string(), document);
                }
            }
            notification::DidChangeTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidChangeTextDocumentParams>(n.params)
                    && let Some(document) = self.documents.get_mut(p.text_document.uri.as_str())
                {
                    for change in p.content_changes {
                        document.apply(change, self.encoding);
                    }
                    document.version = p.text_document.version;
                }
            }
            notification::DidCloseTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidCloseTextDocumentParams>(n.params)
                    && let Some(document) = self.documents.remove(p.text_document.uri.as_str())
                {
                    self.publish(document.uri, Vec::new(), None);
                }
            }
            notification::DidSaveTextDocument::METHOD | notification::DidChangeWatchedFiles::METHOD => {
                // a configuration may have changed: every document is checked again
                for document in self.documents.values_mut() {
                    document.checked = None;
                }
            }
            // requests are answered in order, each before the next is read: nothing to cancel
            _ => {}
        }
    }

    fn request(&mut self, request: Request) -> Result<Value, (ErrorCode, String)> {
        let invalid = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        let json = |v: Result<Value, serde_json::Error>| v.map_err(|e| (ErrorCode::InternalError, e.to_string()));
        match request.method.as_str() {
            request::HoverRequest::METHOD => {
                let p: HoverParams = parse(request.params).map_err(invalid)?;
                json(serde_json::to_value(self.hover(&p.text_document_position_params)))
            }
            VALENCE => {
                let p: TextDocumentPositionParams = parse(request.params).map_err(invalid)?;
                let report = self.message_report(&p).map(|(report, _)| report);
                json(Ok(report.map_or(
                    Value::Null,
                    |r| serde_json::json!({ "valence": r.tone.valence, "label": hover::label(r.tone.label) }),
                )))
            }
            request::CodeActionRequest::METHOD => {
                let p: CodeActionParams = parse(request.params).map_err(invalid)?;
                json(serde_json::to_value(self.code_actions(&p)))
            }
            request::InlayHintRequest::METHOD => {
                let p: InlayHintParams = parse(request.params).map_err(invalid)?;
                json(serde_json::to_value(self.inlay_hints(&p.text_document.uri)))
            }
            method => Err((ErrorCode::MethodNotFound, format!("unknown request {method}"))),
        }
    }

    /// Checks every document edited since its last check, and publishes its diagnostics.
    fn check_pending(&mut self) {
        let pending: Vec<String> =
            self.documents.iter().filter(|(_, d)| d.checked.is_none()).map(|(uri, _)| uri.clone()).collect();
        for uri in pending {
            let Some(document) = self.documents.get_mut(&uri) else { continue };
            let checked = context(&mut self.contexts, &self.options, &self.cwd, &document.path)
                .and_then(|c| c.check_text(&document.path, document.text.clone()));
            let diagnostics = match checked {
                Ok(result) => {
                    let diagnostics = diagnostics::of(&result, &document.text, self.encoding);
                    document.checked = Some(result);
                    diagnostics
                }
                Err(error) => {
                    // not checked, but not again until the next edit or save
                    document.checked = Some(crate::cli::check::FileResult::new(document.path.display().to_string()));
                    vec![diagnostics::config_error(&error)]
                }
            };
            let (uri, version) = (document.uri.clone(), document.version);
            self.publish(uri, diagnostics, Some(version));
        }
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams { uri, diagnostics, version };
        self.send(Notification::new(notification::PublishDiagnostics::METHOD.to_string(), params).into());
    }

    /// The report of the message at a position, with the message's byte range.
    fn message_report(&mut self, at: &TextDocumentPositionParams) -> Option<(emotics::Report, std::ops::Range<usize>)> {
        let document = self.documents.get(at.text_document.uri.as_str())?;
        let offset = Lines::new(&document.text, self.encoding).offset(at.position);
        let (message, range) = document.message_at(offset)?;
        let context = context(&mut self.contexts, &self.options, &self.cwd, &document.path).ok()?;
        Some((context.score(&document.path, &message.text).ok()?, range))
    }

    fn hover(&mut self, at: &TextDocumentPositionParams) -> Option<Hover> {
        let (report, range) = self.message_report(at)?;
        let document = self.documents.get(at.text_document.uri.as_str())?;
        let lines = Lines::new(&document.text, self.encoding);
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: hover::markdown(&report),
            }),
            range: Some(lsp_types::Range::new(lines.position(range.start), lines.position(range.end))),
        })
    }

    /// The fixes of each of the server's diagnostics in the request (safe ones first), then
    /// "Ignore `rule` here" when the suppression comment, checked, does remove the finding;
    /// then the word under the cursor (or the selection) into the configuration's word lists.
    fn code_actions(&mut self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(document) = self.documents.get(p.text_document.uri.as_str()) else { return Vec::new() };
        let Ok(context) = context(&mut self.contexts, &self.options, &self.cwd, &document.path) else {
            return Vec::new();
        };
        let format = context.format(&document.path);
        let lines = Lines::new(&document.text, self.encoding);
        let count = |result: &crate::cli::check::FileResult, rule: &str| {
            result.findings().filter(|d| d.rule.name() == rule).count()
        };
        let mut actions = Vec::new();
        for diagnostic in &p.context.diagnostics {
            let Some(NumberOrString::String(rule)) = &diagnostic.code else { continue };
            if diagnostic.source.as_deref() != Some(diagnostics::SOURCE) || rule == "input" || rule == "config" {
                continue;
            }
            let Some((message, _)) = document.message_at(lines.offset(diagnostic.range.start)) else { continue };
            if let Some(result) = &document.checked {
                actions.extend(fix_actions(result, document, diagnostic, &lines));
            }
            let Some((edit, edited)) = actions::ignore_rule(&document.text, format, message, rule, self.encoding)
            else {
                continue;
            };
            let before = document.checked.as_ref().map_or(0, |r| count(r, rule));
            let after = context.check_text(&document.path, edited).map_or(before, |r| count(&r, rule));
            if after >= before {
                continue;
            }
            // versioned: a client applies it only to the text it was made for
            let changes = DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: document.uri.clone(),
                    version: Some(document.version),
                },
                edits: vec![OneOf::Left(edit)],
            }]);
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Ignore `{rule}` for this message"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(WorkspaceEdit { document_changes: Some(changes), ..WorkspaceEdit::default() }),
                ..CodeAction::default()
            }));
        }
        // the word or selection into the configuration's word lists
        let config =
            self.options.config.clone().or_else(|| discover_config(&self.cwd, &[document.path.display().to_string()]));
        let config = config.unwrap_or_else(|| document.path.with_file_name("emotics.toml"));
        actions.extend(words::actions(document, p.range, self.encoding, &config));
        actions
    }

    /// `57/280 · 1/1 SMS · GSM-7` after each message, when the client asked for them.
    fn inlay_hints(&mut self, uri: &Uri) -> Vec<InlayHint> {
        let Some(document) = self.documents.get(uri.as_str()).filter(|_| self.options.inlay_hints) else {
            return Vec::new();
        };
        let Ok(context) = context(&mut self.contexts, &self.options, &self.cwd, &document.path) else {
            return Vec::new();
        };
        let lines = Lines::new(&document.text, self.encoding);
        let mut hints = Vec::new();
        for (message, range) in document.messages() {
            let Ok(report) = context.score(&document.path, &message.text) else { continue };
            let label: Vec<String> = report.length.profiles.iter().map(hover::length).collect();
            hints.push(InlayHint {
                position: lines.position(range.end),
                label: InlayHintLabel::String(label.join(" · ")),
                kind: None,
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            });
        }
        hints
    }
}

/// A code action for each fix of the finding behind `diagnostic` (the one of its rule and
/// sentence in its message), safe ones first, the first of them preferred.
fn fix_actions(
    result: &crate::cli::check::FileResult,
    document: &super::document::Document,
    diagnostic: &lsp_types::Diagnostic,
    lines: &Lines,
) -> Vec<CodeActionOrCommand> {
    let sentence = diagnostic.message.lines().next().unwrap_or_default();
    let at = lines.offset(diagnostic.range.start);
    let Some(finding) = result.findings().find(|d| {
        Some(NumberOrString::String(d.rule.name().to_string())) == diagnostic.code
            && d.message == sentence
            && d.place.is_some_and(|(start, end)| start <= at && at <= end)
    }) else {
        return Vec::new();
    };
    finding
        .fixes
        .iter()
        .enumerate()
        .map(|(i, fix)| {
            let range = lsp_types::Range::new(lines.position(fix.range.start), lines.position(fix.range.end));
            let edit = lsp_types::TextEdit { range, new_text: fix.replacement.clone() };
            let changes = DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: document.uri.clone(),
                    version: Some(document.version),
                },
                edits: vec![OneOf::Left(edit)],
            }]);
            let lossy = if fix.class == emotics::fix::FixClass::Lossy { " (lossy)" } else { "" };
            CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Fix: {}{lossy}", fix.description),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(WorkspaceEdit { document_changes: Some(changes), ..WorkspaceEdit::default() }),
                is_preferred: Some(i == 0 && lossy.is_empty()),
                ..CodeAction::default()
            })
        })
        .collect()
}

/// The checking context of a document: that of the configuration `check` would use for it
/// (the client's, else the nearest upward), read again when the file changed since.
fn context<'c>(
    contexts: &'c mut HashMap<Option<PathBuf>, (Option<SystemTime>, Context)>,
    options: &Options,
    cwd: &Path,
    path: &Path,
) -> Result<&'c mut Context, String> {
    let config = options.config.clone().or_else(|| discover_config(cwd, &[path.display().to_string()]));
    let modified = config.as_ref().and_then(|c| std::fs::metadata(c).ok()?.modified().ok());
    let stale = contexts.get(&config).is_none_or(|(at, _)| *at != modified);
    if stale {
        let mut args = vec!["check".to_string()];
        match &config {
            Some(config) => args.extend(["--config".to_string(), config.display().to_string()]),
            None => args.push("--no-config".to_string()),
        }
        if !options.platforms.is_empty() {
            args.extend(["--platform".to_string(), options.platforms.join(",")]);
        }
        let args = <CheckCommand as clap::Parser>::try_parse_from(args).map_err(|e| e.to_string())?.args;
        let mut context = Context::load(args, cwd)?;
        context.propose_fixes();
        contexts.insert(config.clone(), (modified, context));
    }
    contexts.get_mut(&config).map(|(_, c)| c).ok_or_else(|| "no checking context".to_string())
}

/// `check`'s arguments, for the options a client sets.
#[derive(clap::Parser)]
struct CheckCommand {
    #[command(flatten)]
    args: CheckArgs,
}

fn parse<T: DeserializeOwned>(params: Value) -> Result<T, serde_json::Error> {
    serde_json::from_value(params)
}
