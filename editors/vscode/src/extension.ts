// emotics in VS Code: a thin client of `emotics lsp`, which does all the work (diagnostics,
// hover, code actions). The extension only starts it with the user's settings and shows the
// valence of the message under the cursor in the status bar.

import * as path from "path";
import * as vscode from "vscode";
import {
  DocumentSelector,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

/** The languages of the files `emotics check` reads, saved or not. */
export const LANGUAGES = ["yaml", "json", "jsonc", "jsonl", "csv", "tsv", "po", "markdown", "plaintext"];

export const documentSelector: DocumentSelector = LANGUAGES.flatMap((language) => [
  { scheme: "file", language },
  { scheme: "untitled", language },
]);

/** What the server reads from `initializationOptions` (see `emotics lsp` in the README). */
export interface InitializationOptions {
  config?: string;
  platforms: string[];
  inlayHints: boolean;
}

/** `emotics lsp` from the `emotics.path` setting, else from PATH, run in the workspace. */
export function serverOptions(settings: vscode.WorkspaceConfiguration, workspace?: string): ServerOptions {
  const command = settings.get<string>("path") || "emotics";
  return { command, args: ["lsp"], transport: TransportKind.stdio, options: { cwd: workspace } };
}

/** The settings the server takes; a relative `emotics.config` is in the workspace. */
export function initializationOptions(
  settings: vscode.WorkspaceConfiguration,
  workspace?: string,
): InitializationOptions {
  const config = settings.get<string>("config") || undefined;
  return {
    config: config && workspace && !path.isAbsolute(config) ? path.join(workspace, config) : config,
    platforms: settings.get<string[]>("platforms") ?? [],
    inlayHints: settings.get<boolean>("inlayHints") ?? false,
  };
}

/** The answer of the server's `emotics/valence` request. */
interface Valence {
  valence: number;
  label: string;
}

/** `valence +0.62 positive`. */
export function valenceText(v: Valence): string {
  return `valence ${v.valence >= 0 ? "+" : ""}${v.valence.toFixed(2)} ${v.label}`;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const settings = vscode.workspace.getConfiguration("emotics");
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    initializationOptions: initializationOptions(settings, workspace),
    // the server reads a changed configuration again
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{emotics.toml,.emotics.toml}") },
  };
  const started = new LanguageClient("emotics", "emotics", serverOptions(settings, workspace), clientOptions);
  client = started;
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.tooltip = "emotics: the valence of the message under the cursor";
  context.subscriptions.push(status);

  const update = async (editor: vscode.TextEditor | undefined): Promise<void> => {
    if (!editor || !vscode.languages.match(documentSelector, editor.document)) {
      status.hide();
      return;
    }
    const valence = await started
      .sendRequest<Valence | null>("emotics/valence", {
        textDocument: { uri: editor.document.uri.toString() },
        position: started.code2ProtocolConverter.asPosition(editor.selection.active),
      })
      .catch(() => null);
    if (valence) {
      status.text = valenceText(valence);
      status.show();
    } else {
      status.hide();
    }
  };
  context.subscriptions.push(
    vscode.window.onDidChangeTextEditorSelection((e) => update(e.textEditor)),
    vscode.window.onDidChangeActiveTextEditor(update),
  );
  await started.start();
  await update(vscode.window.activeTextEditor);
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
