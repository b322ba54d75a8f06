//! `emotics lsp` end to end: the real binary over stdio with Content-Length framing, as an
//! editor drives it. Every wait for the server has a timeout, so a server that hangs fails
//! the test instead of blocking it.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(30);

/// A scratch directory with the given files, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(files: &[(&str, &str)]) -> Dir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("emotics-lsp-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, content) in files {
            std::fs::write(dir.join(name), content).unwrap();
        }
        Dir(dir)
    }

    fn uri(&self, name: &str) -> String {
        format!("file://{}", self.0.join(name).display())
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The server, with a thread reading its framed messages.
struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Messages received while waiting for another.
    backlog: Vec<Value>,
    next_id: i64,
}

impl Server {
    /// Starts `emotics lsp` in `dir` and initializes it; returns the initialize result too.
    fn start(dir: &Path, capabilities: Value, options: Value) -> (Server, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_emotics"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut header = String::new();
                    if stdout.read_line(&mut header).unwrap_or(0) == 0 {
                        return;
                    }
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(n) = header.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if stdout.read_exact(&mut body).is_err() {
                    return;
                }
                if sender.send(serde_json::from_slice(&body).expect("a JSON body")).is_err() {
                    return;
                }
            }
        });
        let mut server = Server { child, stdin, messages, backlog: Vec::new(), next_id: 0 };
        let params = json!({ "processId": null, "capabilities": capabilities, "initializationOptions": options });
        let result = server.request("initialize", params);
        server.notify("initialized", json!({}));
        (server, result)
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its response (result or error object).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(|m| m["id"] == id && m.get("method").is_none())
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// The first message (from the backlog, then as they come) that `wanted` accepts.
    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self.messages.recv_timeout(left).expect("the server answers in time");
            if wanted(&message) {
                return message;
            }
            self.backlog.push(message);
        }
    }

    /// The next diagnostics published for `uri` (at `version`, when given).
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let message = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == v)
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) -> Vec<Value> {
        let document = json!({ "uri": uri, "languageId": language, "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": document }));
        self.diagnostics(uri, Some(1))
    }

    /// `shutdown` then `exit`; the server's exit code.
    fn finish(mut self) -> i32 {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The UTF-16 column of character column `chars` (0-based) of `line`.
fn utf16(line: &str, chars: usize) -> u64 {
    line.chars().take(chars).map(char::len_utf16).sum::<usize>() as u64
}

fn position(line: u64, character: u64) -> Value {
    json!({ "line": line, "character": character })
}

/// A French SMS campaign: an emoji and accents before the message on its line, and a message
/// of 192 characters whose `’` forces UCS-2 (3 segments instead of 1).
const CAMPAIGN: &str = "# Campagne d’été 🌞\nsms:\n  été_🎉: \"Profitez de nos offres d’été exceptionnelles sur toute la boutique, livraison offerte dès 20 € d’achat, retours gratuits pendant 30 jours et des cadeaux surprises pour les 100 premiers clients\"\n";

#[test]
fn diagnostics_hover_actions_and_edits_over_stdio() {
    let dir = Dir::new(&[]);
    let uri = dir.uri("campagne.yml");
    let (mut server, init) = Server::start(&dir.0, json!({}), Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2, "incremental sync");

    let diagnostics = server.open(&uri, "yaml", CAMPAIGN);
    let line = CAMPAIGN.lines().nth(2).unwrap();
    let (open, close) = (line.find('"').unwrap(), line.rfind('"').unwrap());
    let (open, close) = (utf16(line, line[..open].chars().count()), utf16(line, line[..close].chars().count()));
    let sms = diagnostics.iter().find(|d| d["message"].as_str().unwrap().contains("too long for sms")).unwrap();
    assert_eq!(sms["code"], "length");
    assert_eq!(sms["severity"], 2, "a warning");
    assert!(sms["message"].as_str().unwrap().contains("help: `’` forces UCS-2"), "{sms}");
    // the overflow runs to the end of the message: the closing quote, in UTF-16 units past
    // the emoji's surrogate pair
    assert_eq!(sms["range"]["end"], position(2, close));
    let start = sms["range"]["start"]["character"].as_u64().unwrap();
    assert_eq!(sms["range"]["start"]["line"], 2);
    assert!(open < start && start < close, "{sms}");

    // hover inside the message: tone and lengths in Markdown
    let at = json!({ "textDocument": { "uri": uri }, "position": position(2, open + 3) });
    let hover = server.request("textDocument/hover", at.clone());
    assert_eq!(hover["contents"]["kind"], "markdown");
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(markdown.contains("**valence +"), "{markdown}");
    assert!(markdown.contains("positive"), "{markdown}");
    assert!(markdown.contains("« Profitez »"), "{markdown}");
    assert!(markdown.contains("\n- sms 3/1 SMS · UCS-2 because of ’ ⚠\n"), "{markdown}");
    assert!(markdown.contains("\n- x 193/280\n"), "192 characters, € weighs 2 on X: {markdown}");
    assert_eq!(hover["range"]["start"], position(2, open + 1));
    assert_eq!(hover["range"]["end"], position(2, close));
    // nothing to hover on the comment line
    let comment = json!({ "textDocument": { "uri": uri }, "position": position(0, 3) });
    assert_eq!(server.request("textDocument/hover", comment), Value::Null);
    let valence = server.request("emotics/valence", at);
    assert_eq!(valence["label"], "positive");

    // the code action writes the suppression comment above the message
    let range = sms["range"].clone();
    let params = json!({
        "textDocument": { "uri": uri },
        "range": range,
        "context": { "diagnostics": [sms] },
    });
    let actions = server.request("textDocument/codeAction", params);
    // the finding's fixes first, safe ones first: the fit plan's `’` → `'`, replacing the
    // apostrophe's bytes in the double-quoted scalar
    let fixes: Vec<&Value> =
        actions.as_array().unwrap().iter().filter(|a| a["title"].as_str().unwrap().starts_with("Fix: ")).collect();
    assert!(!fixes.is_empty() && actions[0] == *fixes[0], "{actions}");
    assert_eq!(fixes[0]["isPreferred"], true);
    let apostrophe = line.find('’').unwrap();
    let at = utf16(line, line[..apostrophe].chars().count());
    let edit = &fixes[0]["edit"]["documentChanges"][0]["edits"][0];
    assert_eq!(edit, &json!({ "range": { "start": position(2, at), "end": position(2, at + 1) }, "newText": "'" }));
    let lossy = fixes.iter().position(|a| a["title"].as_str().unwrap().ends_with("(lossy)"));
    let safe = fixes.iter().rposition(|a| !a["title"].as_str().unwrap().ends_with("(lossy)"));
    assert!(lossy.is_none_or(|l| safe.is_some_and(|s| s < l)), "{fixes:?}");
    let action = actions.as_array().unwrap().iter().find(|a| a["title"] == "Ignore `length` for this message").unwrap();
    let change = &action["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"], json!({ "uri": uri, "version": 1 }));
    let edits = &change["edits"];
    assert_eq!(
        edits,
        &json!([{ "range": { "start": position(2, 0), "end": position(2, 0) }, "newText": "  # emotics: ignore length\n" }])
    );

    // applying it (an incremental change) clears the finding
    let change = json!({ "range": edits[0]["range"], "text": edits[0]["newText"] });
    let params = json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [change] });
    server.notify("textDocument/didChange", params);
    let diagnostics = server.diagnostics(&uri, Some(2));
    assert!(diagnostics.iter().all(|d| d["code"] != "length"), "{diagnostics:?}");

    // two quick edits: the last one's text is what is checked. The message becomes short
    // and shouts with four `!`, on line 3 now.
    let replace =
        json!({ "range": { "start": position(3, open + 1), "end": position(3, close) }, "text": "Profitez-en" });
    let params = json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [replace] });
    server.notify("textDocument/didChange", params);
    let bang = open + 1 + "Profitez-en".len() as u64;
    let append = json!({ "range": { "start": position(3, bang), "end": position(3, bang) }, "text": " !!!!" });
    let params = json!({ "textDocument": { "uri": uri, "version": 4 }, "contentChanges": [append] });
    server.notify("textDocument/didChange", params);
    let diagnostics = server.diagnostics(&uri, Some(4));
    let codes: Vec<&str> = diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"exclamations") && !codes.contains(&"length"), "{diagnostics:?}");
    assert!(diagnostics.iter().all(|d| d["range"]["start"]["line"] == 3), "{diagnostics:?}");

    // closing clears the document's diagnostics
    server.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    assert_eq!(server.diagnostics(&uri, None), Vec::<Value>::new());
    assert_eq!(server.finish(), 0);
}

/// Diagnostics and `check --format json` agree on the same file: rule, severity, sentence,
/// help and place (CR LF line endings, an emoji and accents before the messages, a
/// configuration found upward from the file with a forbidden word and a suppression).
#[test]
fn diagnostics_are_checks_findings() {
    let source = "# 🌞 été\r\npromo:\r\n  sms: \"Profitez de nos offres d’été exceptionnelles sur toute la boutique, livraison offerte dès 20 € d’achat, retours gratuits pendant 30 jours et des cadeaux surprises\"\r\n  push: \"GRATUIT : VENEZ VITE EN BOUTIQUE !!!\"\r\n  # emotics: ignore exclamations\r\n  titre: \"Vite !!! Vite !!!\"\r\n  ok: \"Une belle journée à vous\"\r\n";
    let config = "[rules.forbidden]\nwords = [\"gratuit\"]\n";
    let dir = Dir::new(&[("emotics.toml", config)]);
    std::fs::create_dir_all(dir.0.join("fr")).unwrap();
    std::fs::write(dir.0.join("fr/campagne.yaml"), source).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_emotics"))
        .args(["check", "--format", "json", "fr/campagne.yaml"])
        .current_dir(&dir.0)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines: Vec<&str> = source.split("\r\n").collect();
    let expected: Vec<Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let line = f["line"].as_u64().unwrap() as usize - 1;
            let column = f["column"].as_u64().unwrap() as usize - 1;
            let message = match f["help"].as_str() {
                Some(help) => format!("{}\nhelp: {help}", f["message"].as_str().unwrap()),
                None => f["message"].as_str().unwrap().to_string(),
            };
            let end = f["end_line"].as_u64().map(|l| {
                let l = l as usize - 1;
                position(l as u64, utf16(lines[l], f["end_column"].as_u64().unwrap() as usize - 1))
            });
            json!([f["rule"], f["severity"], message, position(line as u64, utf16(lines[line], column)), end])
        })
        .collect();
    let rules: Vec<&str> = expected.iter().map(|e| e[0].as_str().unwrap()).collect();
    for rule in ["length", "forbidden", "shouting"] {
        assert!(rules.contains(&rule), "the file exercises `{rule}`: {rules:?}");
    }
    assert!(expected.iter().all(|e| e[0] != "exclamations" || e[3]["line"] != 5), "suppressed on line 6");

    let (mut server, _) = Server::start(&dir.0, json!({}), Value::Null);
    let diagnostics = server.open(&dir.uri("fr/campagne.yaml"), "yaml", source);
    let severity = |n: &Value| match n.as_u64() {
        Some(1) => "error",
        Some(2) => "warning",
        _ => "info",
    };
    let got: Vec<Value> = diagnostics
        .iter()
        .zip(&expected)
        .map(|(d, e)| {
            let end = if e[4].is_null() { Value::Null } else { d["range"]["end"].clone() };
            json!([d["code"], severity(&d["severity"]), d["message"], d["range"]["start"], end])
        })
        .collect();
    assert_eq!(diagnostics.len(), expected.len(), "{diagnostics:?}");
    assert_eq!(got, expected);
    assert_eq!(server.finish(), 0);
}

/// A client that offers UTF-8 gets byte columns.
#[test]
fn utf8_positions_when_offered() {
    let dir = Dir::new(&[]);
    let capabilities = json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } });
    let (mut server, init) = Server::start(&dir.0, capabilities, Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let diagnostics = server.open(&dir.uri("campagne.yml"), "yaml", CAMPAIGN);
    let line = CAMPAIGN.lines().nth(2).unwrap();
    let sms = diagnostics.iter().find(|d| d["code"] == "length").unwrap();
    assert_eq!(sms["range"]["end"], position(2, line.rfind('"').unwrap() as u64));
    assert_eq!(server.finish(), 0);
}

/// The configuration is read again when it changes: a platform list without SMS drops the
/// SMS finding; the client's `platforms` option overrides the file's.
#[test]
fn configuration_changes_are_followed() {
    let dir = Dir::new(&[("emotics.toml", "platforms = [\"sms\"]\n")]);
    let uri = dir.uri("campagne.yml");
    let watching = json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let (mut server, _) = Server::start(&dir.0, watching, Value::Null);
    // the server asks to be told of configuration changes
    let register = server.wait(|m| m["method"] == "client/registerCapability");
    let registration = &register["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(registration["registerOptions"]["watchers"][0]["globPattern"], "**/emotics.toml");
    server.send(json!({ "jsonrpc": "2.0", "id": register["id"], "result": null }));
    assert_eq!(server.open(&uri, "yaml", CAMPAIGN).len(), 1);
    std::fs::write(dir.0.join("emotics.toml"), "platforms = [\"x\"]\n").unwrap();
    let change = json!({ "changes": [{ "uri": dir.uri("emotics.toml"), "type": 2 }] });
    server.notify("workspace/didChangeWatchedFiles", change);
    assert_eq!(server.diagnostics(&uri, Some(1)), Vec::<Value>::new());
    assert_eq!(server.finish(), 0);

    let (mut server, _) = Server::start(&dir.0, json!({}), json!({ "platforms": ["sms"], "inlayHints": true }));
    assert_eq!(server.open(&uri, "yaml", CAMPAIGN).len(), 1);
    let hints = server.request(
        "textDocument/inlayHint",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": position(0, 0), "end": position(9, 0) },
        }),
    );
    assert_eq!(hints[0]["label"], "3/1 SMS · UCS-2 because of ’");
    assert_eq!(server.finish(), 0);
}

/// Broken, hostile and out-of-range input: the server answers and exits cleanly.
#[test]
fn hostile_input_does_not_crash_the_server() {
    let dir = Dir::new(&[("emotics.toml", "platforms = [\"nope\"\n")]);
    let (mut server, _) = Server::start(&dir.0, json!({}), Value::Null);
    // a broken configuration is reported on the document rather than stopping the server
    let broken = server.open(&dir.uri("a.yml"), "yaml", "a: b\n");
    assert_eq!(broken[0]["code"], "config", "{broken:?}");
    std::fs::write(dir.0.join("emotics.toml"), "").unwrap();
    let hostile = [
        ("b.yml", "yaml", "\u{0}\u{FEFF}: [{{\r\r\n\t- \"\\uD800\" 😀\r"),
        ("c.json", "json", "{\"a\": \"\\ud83d\", /* \n \"b\": [1, {\"c\": \"😀😀😀!!!!!\"}"),
        ("d.csv", "csv", "text,\"x\n\"😀\",\"\n,,,\r\n"),
        ("e.po", "po", "msgid \"\"\nmsgstr \"\\\"\n#, fuzzy\nmsgstr[9] \"é\""),
        ("f", "unknown", &"é😀 ".repeat(20_000)),
    ];
    for (name, language, text) in hostile {
        let uri = dir.uri(name);
        server.open(&uri, language, text);
        let change = json!({ "range": { "start": position(99, 99), "end": position(0, 1) }, "text": "😀" });
        let params = json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [change] });
        server.notify("textDocument/didChange", params);
        server.diagnostics(&uri, Some(2));
        for at in [position(0, 0), position(0, 1), position(4_000_000_000, 4_000_000_000)] {
            server.request("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": at }));
        }
        let bogus = json!({ "range": { "start": position(50, 0), "end": position(0, 0) }, "message": "x", "source": "emotics", "code": "length" });
        let params =
            json!({ "textDocument": { "uri": uri }, "range": bogus["range"], "context": { "diagnostics": [bogus] } });
        server.request("textDocument/codeAction", params);
    }
    // a request for a document never opened, an unknown method, a cancellation
    let unknown = json!({ "textDocument": { "uri": "file:///nowhere.yml" }, "position": position(0, 0) });
    assert_eq!(server.request("textDocument/hover", unknown), Value::Null);
    let error = server.call("emotics/nothing", json!({}));
    assert_eq!(error["error"]["code"], -32601);
    server.notify("$/cancelRequest", json!({ "id": 1 }));
    let bad = server.call("textDocument/hover", json!({ "nonsense": true }));
    assert_eq!(bad["error"]["code"], -32602);
    assert_eq!(server.finish(), 0);
}

/// A word under the cursor joins the forbidden or required words: a new `emotics.toml` beside
/// the document, or the existing one's list; once the configuration has it, the finding comes.
#[test]
fn a_word_joins_the_configured_word_lists() {
    let dir = Dir::new(&[]);
    let uri = dir.uri("campagne.yml");
    let (mut server, _) = Server::start(&dir.0, json!({}), Value::Null);
    server.open(&uri, "yaml", CAMPAIGN);
    let line = CAMPAIGN.lines().nth(2).unwrap();
    let at = utf16(line, line[..line.find("gratuits").unwrap()].chars().count() + 3);
    let params = json!({
        "textDocument": { "uri": uri },
        "range": { "start": position(2, at), "end": position(2, at) },
        "context": { "diagnostics": [] },
    });
    let actions = server.request("textDocument/codeAction", params.clone());
    let titles: Vec<&str> = actions.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Add « gratuits » to the forbidden words (emotics.toml)",
            "Add « gratuits » to the required words (emotics.toml)"
        ]
    );
    let changes = &actions[0]["edit"]["documentChanges"];
    assert_eq!(changes[0]["kind"], "create", "no configuration yet: one is created");
    assert!(changes[0]["uri"].as_str().unwrap().ends_with("/emotics.toml"));
    let config = changes[1]["edits"][0]["newText"].as_str().unwrap();
    assert_eq!(config, "[rules.forbidden]\nwords = [\"gratuits\"]\n");

    // written as the editor would, the finding comes, and the word is no longer offered there
    std::fs::write(dir.0.join("emotics.toml"), config).unwrap();
    let save = json!({ "textDocument": { "uri": uri } });
    server.notify("textDocument/didSave", save);
    let diagnostics = server.diagnostics(&uri, Some(1));
    assert!(diagnostics.iter().any(|d| d["code"] == "forbidden"), "{diagnostics:?}");
    let actions = server.request("textDocument/codeAction", params);
    let titles: Vec<&str> = actions.as_array().unwrap().iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(titles.contains(&"Add « gratuits » to the required words (emotics.toml)"), "{titles:?}");
    assert!(!titles.iter().any(|t| t.contains("forbidden words")), "already forbidden: {titles:?}");
    // outside a message, nothing
    let comment = json!({
        "textDocument": { "uri": uri },
        "range": { "start": position(0, 3), "end": position(0, 3) },
        "context": { "diagnostics": [] },
    });
    assert_eq!(server.request("textDocument/codeAction", comment), json!([]));
    assert_eq!(server.finish(), 0);
}
