// The compiled extension, activated in node with stand-ins for `vscode` and the language
// client (a headless VS Code cannot run here): it must start `emotics lsp` with the user's
// settings and show the server's valence in the status bar.
"use strict";

const test = require("node:test");
const assert = require("node:assert");
const Module = require("node:module");
const path = require("node:path");

/** Loads out/extension.js with `settings` as the `emotics.*` configuration. */
function load(settings) {
  const seen = { clients: [], requests: [], status: { text: "", visible: false } };
  const handlers = {};
  const editor = {
    document: { uri: { toString: () => "file:///w/campagne.yml" }, languageId: "yaml" },
    selection: { active: { line: 2, character: 12 } },
  };
  const vscode = {
    workspace: {
      getConfiguration: (section) => {
        assert.strictEqual(section, "emotics");
        return { get: (key) => settings[key] };
      },
      workspaceFolders: [{ uri: { fsPath: "/w" } }],
      createFileSystemWatcher: (glob) => ({ glob }),
    },
    window: {
      createStatusBarItem: () => ({
        set text(t) {
          seen.status.text = t;
        },
        show: () => (seen.status.visible = true),
        hide: () => (seen.status.visible = false),
      }),
      onDidChangeTextEditorSelection: (f) => (handlers.selection = f),
      onDidChangeActiveTextEditor: (f) => (handlers.editor = f),
      activeTextEditor: editor,
    },
    languages: { match: (selector, document) => selector.some((s) => s.language === document.languageId) },
    StatusBarAlignment: { Right: 2 },
  };
  class LanguageClient {
    constructor(id, name, server, options) {
      seen.clients.push({ id, server, options });
      this.code2ProtocolConverter = { asPosition: (p) => ({ line: p.line, character: p.character }) };
    }
    async start() {}
    async stop() {}
    async sendRequest(method, params) {
      seen.requests.push({ method, params });
      return params.position.line === 2 ? { valence: 0.625, label: "positive" } : null;
    }
  }
  const client = { LanguageClient, TransportKind: { stdio: 0 } };
  const original = Module._load;
  Module._load = function (request, ...rest) {
    if (request === "vscode") return vscode;
    if (request === "vscode-languageclient/node") return client;
    return original.call(this, request, ...rest);
  };
  try {
    const file = path.join(__dirname, "..", "out", "extension.js");
    delete require.cache[file];
    return { extension: require(file), seen, handlers, editor };
  } finally {
    Module._load = original;
  }
}

test("starts `emotics lsp` from PATH with the default options", async () => {
  const { extension, seen } = load({});
  await extension.activate({ subscriptions: [] });
  assert.strictEqual(seen.clients.length, 1);
  const { server, options } = seen.clients[0];
  assert.deepStrictEqual(server, { command: "emotics", args: ["lsp"], transport: 0, options: { cwd: "/w" } });
  assert.deepStrictEqual(options.initializationOptions, { config: undefined, platforms: [], inlayHints: false });
  const languages = options.documentSelector.map((s) => s.language);
  for (const language of ["yaml", "json", "csv", "po", "plaintext"]) {
    assert.ok(languages.includes(language), language);
  }
  assert.strictEqual(options.synchronize.fileEvents.glob, "**/{emotics.toml,.emotics.toml}");
});

test("settings choose the binary, the configuration and the profiles", async () => {
  const settings = { path: "/opt/emotics", config: "copy/emotics.toml", platforms: ["sms"], inlayHints: true };
  const { extension, seen } = load(settings);
  await extension.activate({ subscriptions: [] });
  const { server, options } = seen.clients[0];
  assert.strictEqual(server.command, "/opt/emotics");
  assert.deepStrictEqual(options.initializationOptions, {
    config: "/w/copy/emotics.toml",
    platforms: ["sms"],
    inlayHints: true,
  });
});

test("the status bar shows the valence of the message under the cursor", async () => {
  const { extension, seen, handlers, editor } = load({});
  await extension.activate({ subscriptions: [] });
  assert.deepStrictEqual(seen.requests[0], {
    method: "emotics/valence",
    params: { textDocument: { uri: "file:///w/campagne.yml" }, position: { line: 2, character: 12 } },
  });
  assert.strictEqual(seen.status.text, "valence +0.63 positive");
  assert.strictEqual(seen.status.visible, true);
  // off any message: hidden
  await handlers.selection({ textEditor: { ...editor, selection: { active: { line: 0, character: 0 } } } });
  assert.strictEqual(seen.status.visible, false);
  assert.strictEqual(extension.valenceText({ valence: -0.5, label: "negative" }), "valence -0.50 negative");
});
