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

use std::path::PathBuf;

use lsp_server::Connection;
use lsp_types::{
    CodeActionProviderCapability, HoverProviderCapability, InitializeParams, OneOf, PositionEncodingKind, SaveOptions,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};
use positions::Encoding;

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
    // where a document without a configuration upward looks last, as `check` does
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    server::Server::new(connection, encoding, options, cwd).run()
}
