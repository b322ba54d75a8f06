//! `emotics lsp`: a language server over stdio. Open campaign files are checked as the user
//! types, by `check`'s own code ([`crate::cli::check::Context`]), so the editor shows the
//! same findings as CI; a hover on a message shows its tone and lengths, and a code action
//! writes the comment that suppresses a finding.

mod actions;
mod diagnostics;
mod document;
mod hover;
mod positions;
mod server;
mod words;

use std::path::PathBuf;

use lsp_server::{Connection, RequestId};
use lsp_types::notification::{DidChangeWatchedFiles, Notification as _};
use lsp_types::request::{RegisterCapability, Request as _};
use lsp_types::{
    CodeActionProviderCapability, DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern,
    HoverProviderCapability, InitializeParams, OneOf, PositionEncodingKind, Registration, RegistrationParams,
    SaveOptions, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};
use positions::Encoding;

use crate::cli::check;

#[derive(clap::Args)]
pub struct LspArgs {
    /// Talk over stdin and stdout (the only transport; accepted because clients pass it).
    #[arg(long)]
    stdio: bool,
}

/// What a client can set in `initializationOptions`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    /// The configuration file for every document (default: the nearest `emotics.toml`
    /// upward from each document, as `check` finds it).
    pub config: Option<PathBuf>,
    /// Length profiles to check, instead of the configuration's `platforms`.
    pub platforms: Vec<String>,
    /// Show each message's lengths after it (`57/280`).
    pub inlay_hints: bool,
}

pub fn run(_args: LspArgs) -> Result<std::process::ExitCode, String> {
    let (connection, io_threads) = Connection::stdio();
    let outcome = serve(&connection);
    drop(connection);
    io_threads.join().map_err(|e| e.to_string())?;
    outcome
}

/// Asks the client to report changes of configuration files, so that the documents are
/// checked again with the new one without waiting for an edit.
fn watch_configurations(connection: &Connection) -> Result<(), String> {
    let watchers: Vec<FileSystemWatcher> = check::CONFIG_NAMES
        .iter()
        .map(|name| FileSystemWatcher { glob_pattern: GlobPattern::String(format!("**/{name}")), kind: None })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let registration = Registration {
        id: "emotics-configuration".to_string(),
        method: DidChangeWatchedFiles::METHOD.to_string(),
        register_options: Some(serde_json::to_value(options).map_err(|e| e.to_string())?),
    };
    let params = RegistrationParams { registrations: vec![registration] };
    let request = lsp_server::Request::new(RequestId::from(0), RegisterCapability::METHOD.to_string(), params);
    connection.sender.send(request.into()).map_err(|e| e.to_string())
}

/// Initializes, then serves until `exit`: 0 after a `shutdown`, 1 without one (as the
/// protocol says).
fn serve(connection: &Connection) -> Result<std::process::ExitCode, String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| format!("initialize: {e}"))?;
    let utf8 = PositionEncodingKind::UTF8;
    let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref());
    let encoding = if offered.is_some_and(|e| e.contains(&utf8)) { Encoding::Utf8 } else { Encoding::Utf16 };
    let options: Options = match params.initialization_options {
        Some(value) if !value.is_null() => {
            serde_json::from_value(value).map_err(|e| format!("initializationOptions: {e}"))?
        }
        _ => Options::default(),
    };
    let capabilities = ServerCapabilities {
        position_encoding: Some(if encoding == Encoding::Utf8 { utf8 } else { PositionEncodingKind::UTF16 }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        inlay_hint_provider: options.inlay_hints.then_some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "emotics", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(|e| e.to_string())?;
    let workspace = params.capabilities.workspace.as_ref();
    if workspace.and_then(|w| w.did_change_watched_files).and_then(|w| w.dynamic_registration) == Some(true) {
        watch_configurations(connection)?;
    }
    // where a document without a configuration upward looks last, as `check` does
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    server::Server::new(connection, encoding, options, cwd).run()
}
