//! The README shows what the code does, and this test keeps it so: every command it shows is
//! run, and what it prints is compared with what the README says it prints.
//!
//! - **```console blocks** hold `$ command` lines (a line ending in `\` goes on on the next one),
//!   each followed by what it prints, stdout and stderr together as a terminal shows them. They
//!   are compared with snapbox: a line `...` stands for any lines, `[..]` for any text within a
//!   line; use them only where the output legitimately varies (timings), never to hide content.
//!   Words of a `<!-- test: … -->` comment on the line above the fence (invisible once
//!   rendered; in the info string, rustdoc would warn): `status=N` (the exit code of every
//!   command of the block; default 0), `cwd=DIR` (where the commands run), `datasets` (the
//!   commands read `../shared/datasets`: skipped, with a note, when it is not beside the
//!   checkout, as `scripts/train-model --check` is). A ```json block right after a console
//!   block whose last command shows no output is that command's output, compared as JSON.
//! - **```sh blocks** (and the `- run:` steps of ```yaml ones) are listed in [`SH`], line by
//!   line: run (in order, the exit code checked) or not, with the reason. A line missing from
//!   the list, or listed but gone from the README, fails the test.
//! - **```toml blocks** are configurations: each is written as `emotics.toml` and read by
//!   `emotics check`, so that a wrong key fails (except those listed in [`TOML_NOT_CONFIG`]).
//!   The ```text block of a dimension lexicon is loaded by `emotics score --lexicon`.
//! - The ```rust blocks are doc tests (`ReadmeDoctests` in `src/lib.rs`), the ```python ones run
//!   in `scripts/test-python` (`python/tests/test_readme.py`); the values the ```js example
//!   shows are the CLI's; every language is accounted for in [`LANGUAGES`].
//! - Beyond code blocks: the profile table is `emotics profiles --markdown`, the accuracy
//!   tables are what `emotics eval` measures (with `../shared/datasets`), and every repository
//!   path the prose names exists.
//!
//! Every block runs with bash in a fresh temporary directory holding a copy of `examples/` and
//! of the fixtures of `tests/readme/` (the files the README's commands read), the
//! `../shared` beside the checkout as `../shared`, and the `emotics` binary of this build first
//! on `PATH` (`NO_COLOR=1`, so that outputs do not depend on the terminal).
//!
//! **After a deliberate change of an output**, `SNAPSHOTS=overwrite cargo test --test readme`
//! writes what the commands print now into README.md (keeping the `...` and `[..]` that still
//! match; a JSON output is rewritten in its key order, a line per member of what is wider than
//! 200 columns); review that diff as code.

use std::path::{Path, PathBuf};
use std::process::Command;

use snapbox::{Assert, Data, assert::Action, report::Palette};

/// Every command of the README's ```sh blocks and `- run:` steps of its ```yaml ones, by its
/// line (what precedes a `#` comment), and what the test does with it.
const SH: &[(&str, Sh)] = &[
    // Set-up
    (
        r#"cargo run --release -- score "Dernière chance : -50 % sur tout !""#,
        Sh::Skip("a release build; `emotics score` of this text is run below"),
    ),
    ("./scripts/test", Sh::Skip("the whole test suite, this test included")),
    // Install
    ("cargo install --locked --path .", Sh::Skip("./scripts/test runs it, into target/install")),
    (r#"emotics score "Dernière chance : -50 % sur tout !""#, Sh::Run(0)),
    // emotics score: a synopsis; [TEXT]... stands for messages
    ("emotics score [TEXT]...", Sh::RunAs(r#"emotics score "Trop bien !" "Pas terrible…""#, 0)),
    ("emotics score --json [TEXT]...", Sh::RunAs(r#"emotics score --json "Trop bien !" "Pas terrible…""#, 0)),
    ("emotics score < messages.txt", Sh::Run(0)),
    ("emotics score --jsonl < in.jsonl", Sh::Run(1)),
    // emotics check: `.` holds examples/campaign, whose error-level findings exit with 1
    ("emotics check", Sh::Run(1)),
    ("emotics check copy/ promo.csv", Sh::Run(0)),
    ("emotics check --format sarif > emotics.sarif", Sh::Run(1)),
    ("emotics check --fix copy/", Sh::Run(0)),
    ("emotics init", Sh::Run(0)),
    ("emotics rules", Sh::Run(0)),
    // Accuracy
    ("emotics eval ../shared/datasets/umsab-fr-train.jsonl ../shared/datasets/goemotions-dev.jsonl", Sh::Datasets(0)),
    ("emotics eval --model none ../shared/datasets/umsab-fr-train.jsonl", Sh::Datasets(0)),
    (
        "pip install vaderSentiment==3.3.2 vaderSentiment-fr==1.3.4 && scripts/baseline-vader.py",
        Sh::Skip("installs Python packages from the network"),
    ),
    ("scripts/eval-four-emotions.py", Sh::Skip("minutes of Python over ../shared/datasets")),
    // emotics train
    ("emotics train brand.jsonl --output brand.model --name brand", Sh::Run(0)),
    (r#"emotics score --model brand.model "Encore une pépite en boutique""#, Sh::Run(0)),
    ("emotics check --model brand.model copy/", Sh::Run(0)),
    // In the browser
    ("./scripts/build-web", Sh::Skip("the WebAssembly toolchain; ./scripts/test runs it")),
    ("./scripts/editor", Sh::Skip("a web server that runs until stopped")),
    // GitHub Actions
    (
        "cargo install --git https://github.com/emotics/emotics emotics",
        Sh::Skip("a download and a release build; ./scripts/test installs from the checkout"),
    ),
    ("emotics check --format github copy/", Sh::Run(0)),
];

/// What the test does with a line of a ```sh block.
#[derive(Debug, Clone, Copy)]
enum Sh {
    /// Run as written; the exit code expected.
    Run(i32),
    /// A synopsis: this command is run instead; the exit code expected.
    RunAs(&'static str, i32),
    /// Run as written when `../shared/datasets` is there; the exit code expected.
    Datasets(i32),
    /// Not run, for this reason.
    Skip(&'static str),
}

/// The ```toml blocks that are not an `emotics.toml`, by their first line.
const TOML_NOT_CONFIG: &[(&str, &str)] =
    &[("[language-server.emotics]", "Helix's languages.toml, read by Helix; tests/lsp runs the server")];

/// What the test does with each language of the README's code blocks; a block of another
/// language fails [`readme_code_blocks_are_all_accounted_for`].
const LANGUAGES: &[(&str, &str)] = &[
    ("console", "run, output compared: readme_console_blocks_show_what_the_commands_print"),
    ("json", "after a console block: its output, compared as JSON; Zed's settings.json: needs Zed"),
    ("sh", "run or skipped line by line as SH says: readme_sh_commands_run"),
    ("toml", "read by emotics check: readme_configurations_load (Helix's: TOML_NOT_CONFIG)"),
    ("text", "a dimension lexicon, loaded: readme_dimension_lexicon_loads"),
    ("rust", "doc tests: ReadmeDoctests in src/lib.rs (cargo test --doc)"),
    ("python", "python/tests/test_readme.py, in ./scripts/test-python"),
    ("yaml", "CI steps: `- run:` lines as SH says; pre-commit: readme_pre_commit_hook_exists"),
    ("lua", "Neovim configurations: ./scripts/test-neovim runs tests/lsp/init.lua, the 0.7 route"),
    ("js", "the npm package needs the WebAssembly build: readme_npm_example_values checks its values"),
];

fn readme() -> String {
    std::fs::read_to_string("README.md").unwrap()
}

/// A fenced code block of the README.
struct Block {
    /// The fence's info string: the language.
    info: String,
    /// The words of a `<!-- test: … -->` comment on the line above the fence.
    words: String,
    /// The line of the opening fence (1-based), for messages.
    line: usize,
    /// The lines between the fences, as byte ranges of the README (to rewrite them).
    body: std::ops::Range<usize>,
}

impl Block {
    fn lang(&self) -> &str {
        self.info.split_whitespace().next().unwrap_or("")
    }

    fn words(&self) -> impl Iterator<Item = &str> {
        self.words.split_whitespace()
    }

    fn text<'a>(&self, readme: &'a str) -> &'a str {
        &readme[self.body.clone()]
    }
}

fn blocks(readme: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    let mut previous = "";
    let mut offset = 0;
    for (number, line) in readme.split_inclusive('\n').enumerate() {
        let fence = offset;
        offset += line.len();
        let above = std::mem::replace(&mut previous, line.trim_end());
        let Some(info) = line.trim_end().strip_prefix("```") else { continue };
        match open.take() {
            None => {
                let words = above.strip_prefix("<!-- test:").and_then(|w| w.strip_suffix("-->")).unwrap_or("");
                open = Some(Block {
                    info: info.to_owned(),
                    words: words.to_owned(),
                    line: number + 1,
                    body: offset..offset,
                });
            }
            Some(block) => blocks.push(Block { body: block.body.start..fence, ..block }),
        }
    }
    assert!(open.is_none(), "README.md: a code block is not closed");
    blocks
}

/// A command of a console block and the output the README shows for it.
struct Shown {
    command: String,
    /// Byte range of the output in the README.
    output: std::ops::Range<usize>,
}

fn console_commands(readme: &str, block: &Block) -> Vec<Shown> {
    let mut shown: Vec<Shown> = Vec::new();
    let mut offset = block.body.start;
    let mut continued = false;
    for line in readme[block.body.clone()].split_inclusive('\n') {
        offset += line.len();
        let text = line.trim_end_matches('\n');
        if continued {
            let last = shown.last_mut().unwrap();
            last.command.push('\n');
            last.command.push_str(text);
            continued = text.ends_with('\\');
            last.output = offset..offset;
        } else if let Some(command) = text.strip_prefix("$ ") {
            shown.push(Shown { command: command.to_owned(), output: offset..offset });
            continued = command.ends_with('\\');
        } else {
            let last = shown.last_mut().unwrap_or_else(|| {
                panic!("README.md:{}: a console block starts with output, not a `$ ` command", block.line)
            });
            last.output.end = offset;
        }
    }
    shown
}

/// A temporary directory to run the README's commands in: `checkout/` holds a copy of
/// `examples/` and of `tests/readme/`, and `shared` is the `../shared` beside this checkout.
struct Sandbox {
    root: PathBuf,
}

impl Sandbox {
    fn new(name: &str) -> Sandbox {
        let root = std::env::temp_dir().join(format!("emotics-readme-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let checkout = root.join("checkout");
        copy_dir(Path::new("examples"), &checkout.join("examples"));
        copy_dir(Path::new("tests/readme"), &checkout);
        let shared = Path::new("..").join("shared");
        if shared.exists() {
            std::os::unix::fs::symlink(std::fs::canonicalize(shared).unwrap(), root.join("shared")).unwrap();
        }
        Sandbox { root }
    }

    fn dir(&self) -> PathBuf {
        self.root.join("checkout")
    }

    /// Runs `command` with bash in `cwd` (relative to the checkout): its exit code and what it
    /// wrote on stdout and stderr, interleaved.
    fn run(&self, command: &str, cwd: &str) -> (i32, String) {
        let bin = Path::new(env!("CARGO_BIN_EXE_emotics")).parent().unwrap();
        let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
        let out = Command::new("bash")
            .arg("-c")
            .arg(format!("exec 2>&1\n{command}"))
            .current_dir(self.dir().join(cwd))
            .env("PATH", path)
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .output()
            .unwrap();
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn datasets_present() -> bool {
    Path::new("../shared/datasets").is_dir()
}

fn overwrite() -> bool {
    std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite")
}

/// The outputs the README shows, compared with what the commands print now. With
/// `SNAPSHOTS=overwrite`, the README is rewritten with them instead.
#[test]
fn readme_console_blocks_show_what_the_commands_print() {
    let text = readme();
    let all = blocks(&text);
    let assert = Assert::new().action(Action::Verify).normalize_paths(false).palette(Palette::plain());
    let mut failures = Vec::new();
    // (range of the README, new text), applied from the end with SNAPSHOTS=overwrite
    let mut rewrites: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut ran = 0;
    for (index, block) in all.iter().enumerate() {
        if block.lang() != "console" {
            continue;
        }
        let words: Vec<&str> = block.words().collect();
        if words.contains(&"datasets") && !datasets_present() {
            eprintln!("README.md:{}: skipped, ../shared/datasets is not beside this checkout", block.line);
            continue;
        }
        let status: i32 = words.iter().find_map(|w| w.strip_prefix("status=")).map_or(0, |s| s.parse().unwrap());
        let cwd = words.iter().find_map(|w| w.strip_prefix("cwd=")).unwrap_or(".");
        let sandbox = Sandbox::new(&format!("console-{}", block.line));
        let shown = console_commands(&text, block);
        let json = all.get(index + 1).filter(|next| next.lang() == "json");
        for (n, command) in shown.iter().enumerate() {
            let (code, actual) = sandbox.run(&command.command, cwd);
            ran += 1;
            let at = format!("README.md:{}: `{}`", block.line, command.command);
            if code != status {
                failures.push(format!("{at} exited with {code}, the README expects {status}:\n{actual}"));
                continue;
            }
            let expected = &text[command.output.clone()];
            if let (Some(json), true) = (json, n + 1 == shown.len() && expected.is_empty()) {
                let expected_value: serde_json::Value = serde_json::from_str(json.text(&text))
                    .unwrap_or_else(|e| panic!("README.md:{}: not JSON: {e}", json.line));
                let actual_value: serde_json::Value =
                    serde_json::from_str(&actual).unwrap_or_else(|e| panic!("{at} printed no JSON ({e}): {actual}"));
                if expected_value != actual_value {
                    let pretty = layout(actual.trim_end(), 200);
                    let diff = assert.try_eq(
                        Some(&"printed"),
                        Data::text(pretty.clone()),
                        Data::text(layout(&compact(json.text(&text)), 200)),
                    );
                    failures.push(format!("{at}: the JSON differs\n{}", diff.unwrap_err()));
                    rewrites.push((json.body.clone(), pretty));
                }
                continue;
            }
            if let Err(diff) = assert.try_eq(Some(&"printed"), Data::text(actual.clone()), Data::text(expected)) {
                failures.push(format!("{at}: the output differs\n{diff}"));
                let (normalized, _) = assert.normalize(Data::text(actual), Data::text(expected));
                rewrites.push((command.output.clone(), normalized.render().unwrap()));
            }
        }
    }
    assert!(ran >= 10, "only {ran} console commands found in README.md");
    if overwrite() && !rewrites.is_empty() {
        let mut new = text.clone();
        rewrites.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
        for (range, replacement) in rewrites {
            new.replace_range(range, &replacement);
        }
        std::fs::write("README.md", new).unwrap();
        eprintln!("README.md rewritten with what the commands print: review the diff");
        return;
    }
    assert!(failures.is_empty(), "{} README output(s) are stale:\n\n{}", failures.len(), failures.join("\n\n"));
}

/// JSON without the spaces and line breaks between its tokens, keys in their order.
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            (in_string, escaped) = (escaped || c != '"', !escaped && c == '\\');
        } else if c.is_whitespace() {
            continue;
        } else {
            in_string = c == '"';
        }
        out.push(c);
    }
    out
}

/// Compact JSON laid out for reading, keys in their order: a value that fits in `width`
/// columns (with its indentation and key) stays on one line, a larger object or array gets a
/// line per member.
fn layout(compact: &str, width: usize) -> String {
    /// The end (exclusive) of the value, or key, starting at `start`.
    fn end(s: &[u8], start: usize) -> usize {
        let (mut i, mut depth) = (start, 0usize);
        while i < s.len() {
            match s[i] {
                b'"' => {
                    i += 1;
                    while s[i] != b'"' {
                        i += if s[i] == b'\\' { 2 } else { 1 };
                    }
                    if depth == 0 {
                        return i + 1;
                    }
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth == 0 => return i,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        return i + 1;
                    }
                }
                b',' if depth == 0 => return i,
                _ => {}
            }
            i += 1;
        }
        i
    }
    fn write(json: &str, indent: usize, key: &str, width: usize, out: &mut String) {
        out.push_str(key);
        let s = json.as_bytes();
        if indent + key.chars().count() + json.chars().count() < width || !matches!(s[0], b'{' | b'[') {
            out.push_str(json);
            return;
        }
        let object = s[0] == b'{';
        out.push(s[0] as char);
        let mut i = 1;
        while i < s.len() - 1 {
            let (member_key, value_start) = if object {
                let key_end = end(s, i); // then ':'
                (&json[i..=key_end], key_end + 1)
            } else {
                ("", i)
            };
            let value_end = end(s, value_start);
            out.push('\n');
            out.push_str(&" ".repeat(indent + 1));
            write(&json[value_start..value_end], indent + 1, member_key, width, out);
            i = value_end;
            if s[i] == b',' {
                out.push(',');
                i += 1;
            }
        }
        out.push(s[s.len() - 1] as char);
    }
    let mut out = String::new();
    write(compact, 0, "", width, &mut out);
    out + "\n"
}

/// The command part of a line of a ```sh block: without its `# comment` (a `#` after a space
/// outside quotes) and trailing spaces; `None` for a blank or comment-only line.
fn sh_command(line: &str) -> Option<&str> {
    let mut quote = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') if previous == ' ' => return Some(line[..i].trim_end()).filter(|s| !s.is_empty()),
            _ => {}
        }
        previous = c;
    }
    Some(line.trim_end()).filter(|s| !s.is_empty())
}

/// Every command of the ```sh blocks is listed in [`SH`]; those that can run offline do, in
/// order in one directory per block, with the exit code listed.
#[test]
fn readme_sh_commands_run() {
    let text = readme();
    let mut seen = Vec::new();
    let mut failures = Vec::new();
    for block in blocks(&text).iter().filter(|b| matches!(b.lang(), "sh" | "yaml")) {
        let sandbox = Sandbox::new(&format!("sh-{}", block.line));
        for line in block.text(&text).lines() {
            // a CI step's `- run:` is a command too
            let line = if block.lang() == "yaml" {
                let Some(run) = line.trim_start().strip_prefix("- run: ") else { continue };
                run
            } else {
                line
            };
            let Some(command) = sh_command(line) else { continue };
            seen.push(command.to_owned());
            let Some((_, what)) = SH.iter().find(|(listed, _)| *listed == command) else {
                failures.push(format!("README.md:{}: `{command}` is not in tests/readme.rs's SH list", block.line));
                continue;
            };
            let (run, status) = match *what {
                Sh::Run(status) => (command, status),
                Sh::RunAs(instead, status) => (instead, status),
                Sh::Datasets(status) if datasets_present() => (command, status),
                Sh::Datasets(_) => {
                    eprintln!("README.md:{}: `{command}` skipped: no ../shared/datasets", block.line);
                    continue;
                }
                Sh::Skip(reason) => {
                    eprintln!("README.md:{}: `{command}` not run: {reason}", block.line);
                    continue;
                }
            };
            let (code, output) = sandbox.run(run, ".");
            if code != status {
                failures.push(format!("README.md:{}: `{run}` exited with {code}, not {status}:\n{output}", block.line));
            }
        }
    }
    for (listed, _) in SH {
        if !seen.iter().any(|s| s == listed) {
            failures.push(format!("tests/readme.rs lists `{listed}`, which README.md no longer shows"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every `emotics.toml` the README shows is a configuration `emotics check` accepts.
#[test]
fn readme_configurations_load() {
    let text = readme();
    let mut loaded = 0;
    for block in blocks(&text).iter().filter(|b| b.lang() == "toml") {
        let config = block.text(&text);
        let first = config.lines().next().unwrap_or("");
        if TOML_NOT_CONFIG.iter().any(|(line, _)| *line == first) {
            continue;
        }
        let sandbox = Sandbox::new(&format!("toml-{}", block.line));
        std::fs::write(sandbox.dir().join("emotics.toml"), config).unwrap();
        // the model the configuration names, as the README's `emotics train` makes it
        let (code, output) = sandbox.run("emotics train brand.jsonl --output brand.model --name brand >/dev/null", ".");
        assert_eq!(code, 0, "emotics train: {output}");
        let (code, output) = sandbox.run("emotics check --config emotics.toml promo.txt", ".");
        assert!(
            code == 0 || code == 1,
            "README.md:{}: emotics check refuses this configuration (exit {code}):\n{output}",
            block.line
        );
        loaded += 1;
    }
    assert!(loaded >= 1, "no emotics.toml in README.md");
}

/// The dimension lexicon the README shows loads without an error or a warning.
#[test]
fn readme_dimension_lexicon_loads() {
    let text = readme();
    let all = blocks(&text);
    let lexicon = all
        .iter()
        .find(|b| b.lang() == "text" && b.text(&text).starts_with("# emotics-dimensions 1"))
        .expect("README.md shows a dimension lexicon");
    let sandbox = Sandbox::new("lexicon");
    std::fs::write(sandbox.dir().join("lexicon.tsv"), lexicon.text(&text)).unwrap();
    let (code, output) = sandbox
        .run("emotics score --json --lexicon lexicon.tsv 'Un conseiller dédié, en toute tranquillité' 2>&1", ".");
    assert_eq!(code, 0, "README.md:{}: {output}", lexicon.line);
    assert!(!output.contains("warning"), "README.md:{}: {output}", lexicon.line);
    assert!(output.contains(r#""serenite":"#), "the custom dimension is reported: {output}");
}

#[test]
fn readme_profile_table_matches_the_builtin_profiles() {
    let out = Command::new(env!("CARGO_BIN_EXE_emotics")).args(["profiles", "--markdown"]).output().unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    let readme = readme();
    assert!(readme.contains(&table), "README.md's profile table is stale: paste `emotics profiles --markdown`");
    let rows = table.lines().count() - 2;
    assert!(
        readme.contains(&format!("all {rows} profiles")),
        "README.md states another number of profiles than {rows}"
    );
}

/// Every code block of the README is of a language this test knows what to do with.
#[test]
fn readme_code_blocks_are_all_accounted_for() {
    let text = readme();
    let unknown: Vec<String> = blocks(&text)
        .iter()
        .filter(|b| !LANGUAGES.iter().any(|(lang, _)| *lang == b.lang()))
        .map(|b| format!("README.md:{}: ```{}", b.line, b.info))
        .collect();
    assert!(unknown.is_empty(), "code blocks that tests/readme.rs does not test: {unknown:?}");
    let texts = blocks(&text).iter().filter(|b| b.lang() == "text").count();
    assert_eq!(texts, 1, "a ```text block shows an output: make it a ```console block with its command");
}

/// The pre-commit hook the README names is the one `.pre-commit-hooks.yaml` declares.
#[test]
fn readme_pre_commit_hook_exists() {
    let text = readme();
    let hooks = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let named = blocks(&text)
        .iter()
        .filter(|b| b.lang() == "yaml")
        .flat_map(|b| b.text(&text).lines())
        .filter_map(|line| line.trim().strip_prefix("- id: "))
        .map(str::to_owned)
        .collect::<Vec<_>>();
    assert!(!named.is_empty(), "README.md shows no pre-commit hook");
    for id in named {
        assert!(
            hooks.contains(&format!("- id: {id}\n")),
            "README.md names the hook `{id}`, not in .pre-commit-hooks.yaml"
        );
    }
}

/// The values the npm example shows are the CLI's for its message (web/tests/npm.test.mjs
/// checks that the WebAssembly build reports what the CLI does); the example itself needs the
/// WebAssembly build, which `./scripts/test` makes.
#[test]
fn readme_npm_example_values() {
    let text = readme();
    let js = blocks(&text).into_iter().find(|b| b.lang() == "js").expect("README.md shows the npm package");
    let js = js.text(&text);
    let shown = |prefix: &str| {
        let line =
            js.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no `{prefix}` in the npm example"));
        line.split_once("// ").unwrap().1.trim().to_owned()
    };
    let call = js.lines().find_map(|l| l.strip_prefix("const report = emotics.score('")).unwrap();
    let (message, options) = call.split_once("', ").unwrap();
    assert_eq!(options.split("//").next().unwrap().trim(), "{ language: 'fr' });");
    let out = Command::new(env!("CARGO_BIN_EXE_emotics"))
        .args(["score", "--json", "--lang", "fr", message])
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown("report.tone.valence;"), report["tone"]["valence"].to_string());
    let x = &report["length"]["x"];
    assert_eq!(
        shown("report.length.x;"),
        format!("{{ length: {}, limit: {}, valid: {}, … }}", x["length"], x["limit"], x["valid"])
    );
    let model = report["tone"]["model"]["name"].as_str().unwrap();
    let (name, _checksum) = model.split_once('@').unwrap();
    assert_eq!(shown("emotics.modelName();"), format!("'{name}@…'"));
}

/// Files the README names that a build makes, so that a fresh checkout lacks them.
const BUILT: &[(&str, &str)] = &[
    ("web/dist/", "./scripts/build-web makes the editor"),
    ("web/npm/", "./scripts/build-web makes the npm package"),
    ("web/npm/web/emotics.d.ts", "./scripts/build-web, from the Rust types (tsify)"),
    ("web/npm/node/emotics.d.ts", "./scripts/build-web, from the Rust types (tsify)"),
];

/// Every file or folder of this repository that the README's prose names (links, and code
/// spans starting with one of its folders) exists, or is one a build makes ([`BUILT`]).
#[test]
fn readme_paths_exist() {
    const FOLDERS: &[&str] = &[
        ".ci/",
        "src/",
        "data/",
        "lexicons/",
        "tests/",
        "examples/",
        "scripts/",
        "./scripts/",
        "docs/",
        "web/",
        "python/",
        "editors/",
        "fuzz/",
        "bench/",
        "benches/",
    ];
    let text = readme();
    let mut prose = String::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        } else if !in_code {
            prose.push_str(line);
            prose.push('\n');
        }
    }
    let spans = prose.split('`').skip(1).step_by(2).filter(|s| FOLDERS.iter().any(|f| s.starts_with(f)));
    let links = prose.split("](").skip(1).filter_map(|s| s.split_once(')')).map(|(link, _)| link);
    let links = links.filter(|l| !l.contains(':') && !l.starts_with('#'));
    let mut named: Vec<&str> = spans.chain(links).filter(|s| !s.contains(char::is_whitespace)).collect();
    named.sort_unstable();
    named.dedup();
    assert!(named.len() >= 40, "only {} paths found in README.md", named.len());
    let missing: Vec<&str> = named
        .into_iter()
        .filter(|path| !path.contains(['*', '{', '<']))
        .filter(|path| !BUILT.iter().any(|(built, _)| built == path))
        // `examples/NAME` is the example `cargo run --example NAME` runs
        .filter(|path| !Path::new(path).exists() && !Path::new(&format!("{path}.rs")).exists())
        .collect();
    assert!(missing.is_empty(), "README.md names files that do not exist: {missing:?}");
}

/// The dataset of each row of the README's accuracy tables, or why a row is not checked here.
const ACCURACY_ROWS: &[(&str, Result<&str, &str>)] = &[
    ("SemEval 2013–16 English tweets", Ok("semeval-sentiment-train")),
    ("UMSAB English tweets", Ok("umsab-en-train")),
    ("TweetEval sentiment (validation)", Ok("tweeteval-sentiment-val")),
    ("GoEmotions dev (Reddit, sentiment from emotions)", Ok("goemotions-dev")),
    ("UMSAB French tweets", Ok("umsab-fr-train")),
    ("DEFT 2017 French tweets (politics)", Ok("deft2017-fr-train")),
    ("DEFT 2015 French tweets (climate; no neutral)", Ok("deft2015-fr-train")),
    ("XED English subtitles (sentiment from emotions)", Ok("xed-en-dev")),
    ("XED French subtitles (projected; no neutral)", Ok("xed-fr-dev")),
    ("GoEmotions dev (Reddit, Plutchik mapping)", Ok("goemotions-dev")),
    ("SemEval-2018 E-c English tweets (all eight)", Ok("semeval2018-emotions-train")),
    (
        "TweetEval emotion, four classes by argmax (`scripts/eval-four-emotions.py`)",
        Err("a Python script over the four-emotion task, not `emotics eval`"),
    ),
    ("XED English subtitles", Ok("xed-en-dev")),
    ("XED French subtitles (projected labels)", Ok("xed-fr-dev")),
];

/// The model and rule-engine columns of the README's accuracy tables (items and macro-F1 of
/// `tone.label`, then of the emotions) are what `emotics eval` measures on `../shared/datasets`
/// (VADER's column comes from `scripts/baseline-vader.py`, a Python run not repeated here).
#[test]
fn readme_accuracy_tables_are_what_eval_measures() {
    if !datasets_present() {
        eprintln!("skipped: ../shared/datasets is not beside this checkout");
        return;
    }
    let text = readme();
    // both runs at once: a few seconds each with the debug binary
    let eval = |model: &str| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_emotics"));
        command.args(["eval", "--json", "--model", model]).stdout(std::process::Stdio::piped());
        for (_, file) in ACCURACY_ROWS {
            if let Ok(file) = file {
                command.arg(format!("../shared/datasets/{file}.jsonl"));
            }
        }
        command.spawn().unwrap()
    };
    let results = |child: std::process::Child| -> Vec<serde_json::Value> {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "emotics eval failed");
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let (model, rules) = (eval("builtin"), eval("none"));
    let (model, rules) = (results(model), results(rules));
    let figures = |results: &[serde_json::Value], file: &str, emotions: bool| {
        let result = results.iter().find(|r| r["file"].as_str().unwrap().ends_with(&format!("/{file}.jsonl"))).unwrap();
        let (items, f1) = if emotions {
            (&result["emotion_items"], &result["emotion_macro_f1"])
        } else {
            (&result["all"]["labelled"], &result["all"]["macro_f1"])
        };
        (items.as_u64().unwrap(), format!("{:.3}", f1.as_f64().unwrap()))
    };
    let mut checked = 0;
    let mut emotions = false;
    for line in text.lines() {
        if line.starts_with("| data | items | model | rule engine |") {
            emotions = true;
        }
        let cells: Vec<&str> = line.split('|').map(|c| c.trim().trim_matches('*')).collect();
        let Some((_, file)) = ACCURACY_ROWS.iter().find(|(row, _)| cells.get(1) == Some(row)) else { continue };
        let Ok(file) = file else { continue };
        let items: u64 = cells[2].replace(',', "").parse().unwrap();
        let (model_items, model_f1) = figures(&model, file, emotions);
        let (_, rules_f1) = figures(&rules, file, emotions);
        assert_eq!((items, cells[3], cells[4]), (model_items, &*model_f1, &*rules_f1), "README.md: `{line}`");
        checked += 1;
    }
    assert_eq!(checked, ACCURACY_ROWS.iter().filter(|(_, file)| file.is_ok()).count(), "rows of the tables not found");
}
