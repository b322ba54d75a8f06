//! `emotics check`: lint campaign copy in CI. Reads files (in parallel, one worker per core),
//! checks every message with the rules of `emotics.toml`, drops suppressed and baselined
//! findings, and writes them in the chosen format, in file order; with `--fix` or `--diff`,
//! applies or shows the findings' fixes first (`fix.rs`).

mod baseline;
mod fix;
mod inputs;
mod located;
mod output;

use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use emotics::check::{Config, FileSettings, Linter, Severity};
use emotics::source::{self, Format, Item, ReadOptions, TextMode};
use emotics::{Checker, Profile};

use super::LangArg;
use super::style::ColorChoice;
use inputs::Input;
pub use inputs::{CONFIG_NAMES, discover_config};
pub use located::FileResult;
pub use output::OutputFormat;

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files, directories (walked, honouring .gitignore), globs, or `-` for stdin. Default: `.`
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: OutputFormat,
    /// Configuration file (default: the nearest emotics.toml upward from here).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Ignore any emotics.toml and use the defaults.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// Read every input as this format instead of guessing from the extension
    /// (txt, csv, tsv, json, jsonl, yaml, po); stdin is txt unless given.
    #[arg(long, value_name = "FORMAT")]
    input_format: Option<Format>,
    /// CSV/TSV: the column holding the messages.
    #[arg(long)]
    column: Option<String>,
    /// JSON/JSONL/YAML: the key path of messages (`text`, `push.title`).
    #[arg(long)]
    field: Option<String>,
    /// CSV: the separator (default: guessed from the header among `,` `;` and tab).
    #[arg(long)]
    delimiter: Option<char>,
    /// Text files: one message per blank-line-separated block instead of per line.
    #[arg(long)]
    blocks: bool,
    /// Language of the messages (overrides the configuration).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Length profiles to check (comma-separated; overrides `platforms`).
    #[arg(long, value_delimiter = ',')]
    platform: Vec<String>,
    /// A dimension lexicon, in addition to the configuration's; repeatable.
    #[arg(long = "lexicon", value_name = "FILE")]
    lexicons: Vec<String>,
    /// The tone model: a file made by `emotics train`, `builtin` or `none` (overrides `model`).
    #[arg(long, value_name = "FILE")]
    model: Option<String>,
    /// Accept the findings recorded in this file: only new ones are reported.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in this file (then exit 0).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Colours in the human format.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// No summary line on stderr.
    #[arg(long, short)]
    quiet: bool,
    /// Apply the safe fixes of the findings in place (typographic characters an SMS pays
    /// for, repeated spaces, tracking parameters), then report what is left.
    #[arg(long, conflicts_with_all = ["write_baseline", "diff"], group = "fixing")]
    fix: bool,
    /// With --fix or --diff: the lossy fixes too (accents GSM-7 lacks, emoji, shorter forms).
    #[arg(long, requires = "fixing")]
    unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change, instead of the findings; write nothing.
    #[arg(long, conflicts_with = "write_baseline", group = "fixing")]
    diff: bool,
}

/// What every worker shares: the configuration, the checker it sets up, and one linter per
/// set of matching overrides. `emotics lsp` keeps one per configuration file and checks the
/// editor's buffers with it, so that the editor and `check` report the same findings.
pub struct Context {
    checker: Checker,
    config: Config,
    config_text: String,
    config_name: String,
    config_root: PathBuf,
    override_sets: Vec<globset::GlobSet>,
    linters: HashMap<Vec<usize>, Linter>,
    read_overrides: CheckArgs,
    /// Findings carry their fixes whatever the arguments (the language server's code actions).
    fixes: bool,
}

pub fn run(args: CheckArgs) -> Result<std::process::ExitCode, String> {
    let started = Instant::now();
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    let paths = if args.paths.is_empty() { vec![".".to_string()] } else { args.paths.clone() };
    let mut context = Context::load(args, &cwd)?;
    let exclude = inputs::glob_set(&context.config.exclude)?;
    let files = inputs::expand(&paths, &exclude, &context.config_root)?;

    // one linter per distinct set of matching overrides, validated before any file is read
    let matching: Vec<Vec<usize>> = files.iter().map(|f| context.matching(f)).collect();
    for set in &matching {
        context.prepare(set)?;
    }

    let mut results = check_all(&context, &files, &matching)?;
    let args = &context.read_overrides;
    if args.diff {
        return show_diff(&files, &results, args);
    }
    let fixed = if args.fix {
        let fixed = fix_files(&context, &files, &matching, &results);
        results = check_all(&context, &files, &matching)?;
        Some(fixed)
    } else {
        None
    };
    let (messages, file_count) = (results.iter().map(|r| r.messages.len()).sum::<usize>(), results.len());
    if let Some(path) = &args.write_baseline {
        let written = baseline::write(path, &results)?;
        if !args.quiet {
            super::streams::note(format_args!("emotics: recorded {written} finding(s) in {}", path.display()));
        }
        return Ok(std::process::ExitCode::SUCCESS);
    }
    let (results, baselined) = match &args.baseline {
        Some(path) => baseline::filter(path, results)?,
        None => (results, 0),
    };
    let count = |s: Severity| results.iter().flat_map(FileResult::findings).filter(|d| d.severity == s).count();
    let (errors, warnings, infos) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    let mut out = super::streams::stdout();
    output::write(args.format, &results, args.color, &mut out).map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    if !args.quiet {
        let mut summary = format!(
            "emotics: checked {file_count} file(s), {messages} message(s) in {:.2} s: {errors} error(s), {warnings} warning(s), {infos} info",
            started.elapsed().as_secs_f64()
        );
        if baselined > 0 {
            summary.push_str(&format!(" ({baselined} in the baseline)"));
        }
        if let Some((applied, remaining)) = fixed {
            summary.push_str(&format!("; {applied} fix(es) applied"));
            if remaining > 0 {
                summary.push_str(&format!(", {remaining} left (overlapping or not written; run again)"));
            }
        }
        super::streams::note(format_args!("{summary}"));
    }
    Ok(if errors > 0 { std::process::ExitCode::from(1) } else { std::process::ExitCode::SUCCESS })
}

impl Context {
    /// Reads the configuration (`--config`, else the nearest `emotics.toml` upward from the
    /// first path, else none) and builds the checker it sets up.
    pub fn load(args: CheckArgs, cwd: &Path) -> Result<Context, String> {
        let config_path = match (&args.config, args.no_config) {
            (Some(path), _) => Some(path.clone()),
            (None, false) => inputs::discover_config(cwd, &args.paths),
            (None, true) => None,
        };
        let (config, config_text) = match &config_path {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
                (Config::parse(&path.display().to_string(), &text).map_err(|e| e.to_string())?, text)
            }
            None => (Config::default(), String::new()),
        };
        let config_root = config_path.as_deref().and_then(Path::parent).map_or(cwd.to_path_buf(), Path::to_path_buf);
        let config_root = if config_root.as_os_str().is_empty() { cwd.to_path_buf() } else { config_root };
        let config_name = config_path.as_ref().map_or("<defaults>".to_string(), |p| p.display().to_string());

        let model = match (&args.model, &config.model) {
            (Some(model), _) => Some(model.clone()),
            (None, Some(model)) if model == "builtin" || model == "none" => Some(model.clone()),
            (None, Some(path)) => Some(config_root.join(path).display().to_string()),
            (None, None) => None,
        };
        let mut checker = super::checker_with_model(model.as_deref())?;
        for profile in &config.profiles {
            let mut p = Profile::new(profile.name.clone(), profile.unit, profile.limit, profile.kind);
            p.source.clone_from(&profile.source);
            checker.add_profile(p);
        }
        let lexicons: Vec<String> = config
            .lexicons
            .iter()
            .map(|l| config_root.join(l).display().to_string())
            .chain(args.lexicons.iter().cloned())
            .collect();
        super::load_lexicons(&mut checker, &lexicons)?;
        let override_sets = config
            .overrides
            .iter()
            .map(|o| inputs::glob_set(&o.get_ref().files))
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Context {
            checker,
            config,
            config_text,
            config_name,
            config_root,
            override_sets,
            linters: HashMap::new(),
            read_overrides: args,
            fixes: false,
        })
    }

    /// Builds the linters of a file's matching overrides (one for each set its records can
    /// get, through `when`), unless they are built already.
    fn prepare(&mut self, matching: &[usize]) -> Result<(), String> {
        for set in self.config.record_sets(matching) {
            if !self.linters.contains_key(&set) {
                let settings = self.settings(&set);
                let source = (self.config_name.as_str(), self.config_text.as_str());
                let mut linter = Linter::new(&self.checker, &settings, source).map_err(|e| e.to_string())?;
                if self.proposes_fixes() {
                    linter.propose_fixes();
                }
                self.linters.insert(set, linter);
            }
        }
        Ok(())
    }

    /// Whether findings carry their fixes: to apply or show them, or for a format that
    /// writes them.
    fn proposes_fixes(&self) -> bool {
        let args = &self.read_overrides;
        self.fixes
            || args.fix
            || args.diff
            || matches!(args.format, OutputFormat::Json | OutputFormat::Sarif | OutputFormat::Github)
    }

    /// Findings carry their fixes from now on (before any file is checked).
    pub fn propose_fixes(&mut self) {
        self.fixes = true;
    }

    /// Reads `text` as the file `input` with its settings.
    fn read(&self, input: &Path, matching: &[usize], text: &str) -> Result<source::Document, String> {
        let options = self.read_options(&self.settings(matching))?;
        Ok(source::read(self.format(input), text, &options))
    }

    /// Checks `text` as the file at `path` (an editor's buffer), as `check` checks a file.
    pub fn check_text(&mut self, path: &Path, text: String) -> Result<FileResult, String> {
        let input = Input::File(path.to_path_buf());
        let matching = self.matching(&input);
        self.prepare(&matching)?;
        check_source(self, &input, text, None, &matching)
    }

    /// Scores one message of the file at `path` with that file's settings (language, length
    /// profiles).
    pub fn score(&mut self, path: &Path, text: &str) -> Result<emotics::Report, String> {
        let matching = self.matching(&Input::File(path.to_path_buf()));
        self.prepare(&matching)?;
        let linter =
            self.linters.get(&self.config.file_overrides(&matching)).ok_or("no linter for a file's settings")?;
        Ok(linter.check(&self.checker, text).0)
    }

    /// The format `input` is read as: `--input-format`, else its extension, else text.
    pub fn format(&self, input: &Path) -> Format {
        self.read_overrides.input_format.unwrap_or_else(|| {
            input.extension().and_then(|e| e.to_str()).and_then(Format::from_extension).unwrap_or(Format::Text)
        })
    }

    /// Indices of the overrides whose globs match `input` (relative to the config's directory),
    /// or that have no globs (`when` alone).
    fn matching(&self, input: &Input) -> Vec<usize> {
        let relative = match input {
            Input::File(path) => Some(inputs::relative(path, &self.config_root)),
            Input::Stdin => None,
        };
        let matches = |(i, set): &(usize, &globset::GlobSet)| {
            let everywhere = self.config.overrides.get(*i).is_some_and(|o| o.get_ref().files.is_empty());
            everywhere || relative.as_ref().is_some_and(|r| set.is_match(r))
        };
        self.override_sets.iter().enumerate().filter(matches).map(|(i, _)| i).collect()
    }

    /// The configuration's settings for a file, with the command line's options on top.
    fn settings(&self, matching: &[usize]) -> FileSettings {
        let args = &self.read_overrides;
        let mut settings = self.config.settings(matching);
        if let Some(lang) = args.lang {
            settings.language = match lang {
                LangArg::Auto => emotics::check::config::LanguageSetting::Auto,
                LangArg::Fr => emotics::check::config::LanguageSetting::Fr,
                LangArg::En => emotics::check::config::LanguageSetting::En,
            };
        }
        if !args.platform.is_empty() {
            settings.platforms = args.platform.iter().map(|p| toml::Spanned::new(0..0, p.clone())).collect();
        }
        settings
    }

    fn read_options(&self, settings: &FileSettings) -> Result<ReadOptions, String> {
        let args = &self.read_overrides;
        let input = &settings.input;
        let delimiter = match args.delimiter.map(String::from).or_else(|| input.delimiter.clone()) {
            None => None,
            Some(d) if d == "\\t" || d == "\t" => Some(b'\t'),
            Some(d) if d.len() == 1 => Some(d.as_bytes()[0]),
            Some(d) => return Err(format!("the CSV delimiter must be one ASCII character, not `{d}`")),
        };
        Ok(ReadOptions {
            text_mode: if args.blocks { TextMode::Blocks } else { input.text.unwrap_or_default() },
            column: args.column.clone().or_else(|| input.column.clone()),
            delimiter,
            field: args.field.clone().or_else(|| input.field.clone()),
            record_fields: self.config.record_fields(),
        })
    }
}

/// Checks every file, in parallel, and returns the results in file order. The calling thread
/// is one of the workers, so a single file is checked without a thread of its own (and its
/// allocations stay in the main heap rather than in a thread's arena, which grows by
/// `mprotect` calls). A progress bar is drawn on stderr for long runs on a terminal.
fn check_all(context: &Context, files: &[Input], matching: &[Vec<usize>]) -> Result<Vec<FileResult>, String> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len()).max(1);
    let next = AtomicUsize::new(0);
    let progress = (std::io::stderr().is_terminal() && files.len() > 20).then(|| {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let work = |sender: mpsc::Sender<(usize, Result<FileResult, String>)>| {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(input) = files.get(i) else { break };
            let result = check_file(context, input, &matching[i]);
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            if sender.send((i, result)).is_err() {
                break;
            }
        }
    };
    let (sender, receiver) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 1..workers {
            let sender = sender.clone();
            scope.spawn(|| work(sender));
        }
        work(sender);
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let mut results: Vec<Option<Result<FileResult, String>>> = (0..files.len()).map(|_| None).collect();
    for (i, result) in receiver {
        results[i] = Some(result);
    }
    results.into_iter().map(|r| r.unwrap_or_else(|| Err("a worker stopped".into()))).collect()
}

/// `--diff`: the unified diff of each file's fixes on stdout; exit 1 when there is one.
fn show_diff(files: &[Input], results: &[FileResult], args: &CheckArgs) -> Result<std::process::ExitCode, String> {
    let mut out = super::streams::stdout();
    let (mut applied, mut remaining, mut changed) = (0, 0, 0);
    let files = files.iter().zip(results).filter(|(input, _)| matches!(input, Input::File(_)));
    for (_, result) in files {
        let fixed = fix::apply(result, args.unsafe_fixes);
        let diff = fixed.diff(&result.path, &result.source);
        (applied, remaining, changed) =
            (applied + fixed.applied, remaining + fixed.remaining, changed + usize::from(!diff.is_empty()));
        out.write_all(diff.as_bytes()).map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    if !args.quiet {
        let left = if remaining > 0 { format!(", {remaining} left (overlapping)") } else { String::new() };
        super::streams::note(format_args!("emotics: {applied} fix(es) would change {changed} file(s){left}"));
    }
    Ok(if changed > 0 { std::process::ExitCode::from(1) } else { std::process::ExitCode::SUCCESS })
}

/// `--fix`: writes each file's fixes in place when its fixed text reads back as the fixed
/// messages and the file did not change since it was read (else says why on stderr).
/// Returns how many fixes were applied and how many were left.
fn fix_files(context: &Context, files: &[Input], matching: &[Vec<usize>], results: &[FileResult]) -> (usize, usize) {
    let (mut applied, mut remaining) = (0, 0);
    for ((input, matching), result) in files.iter().zip(matching).zip(results) {
        let Input::File(path) = input else { continue };
        let fixed = fix::apply(result, context.read_overrides.unsafe_fixes);
        if fixed.applied == 0 {
            remaining += fixed.remaining;
            continue;
        }
        let written = match context.read(path, matching, &fixed.text) {
            Ok(read) if fixed.reads_back(&result.messages, &read) => fix::write(path, &result.source, &fixed.text),
            Ok(_) => {
                Err(format!("{}: the fixed file would not read as the fixed messages; not written", path.display()))
            }
            Err(e) => Err(e),
        };
        match written {
            Ok(()) => (applied, remaining) = (applied + fixed.applied, remaining + fixed.remaining),
            Err(e) => {
                super::streams::note(format_args!("emotics: {e}"));
                remaining += fixed.applied + fixed.remaining;
            }
        }
    }
    (applied, remaining)
}

fn read_input(input: &Input) -> Result<Vec<u8>, String> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("<stdin>: {e}"))?;
            Ok(bytes)
        }
        Input::File(path) => std::fs::read(path).map_err(|e| format!("{}: {e}", path.display())),
    }
}

/// Reads and checks one file.
fn check_file(context: &Context, input: &Input, matching: &[usize]) -> Result<FileResult, String> {
    let bytes = read_input(input)?;
    let (source, invalid_at) = match String::from_utf8(bytes) {
        Ok(source) => (source, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
        }
    };
    check_source(context, input, source, invalid_at, matching)
}

/// Checks the text of one file. Invalid UTF-8, replaced (U+FFFD) at byte `invalid_at`, is
/// reported there, and the rest of the file is checked.
fn check_source(
    context: &Context,
    input: &Input,
    source: String,
    invalid_at: Option<usize>,
    matching: &[usize],
) -> Result<FileResult, String> {
    let format = match input {
        Input::File(path) => context.format(path),
        Input::Stdin => context.read_overrides.input_format.unwrap_or(Format::Text),
    };
    let file_overrides = context.config.file_overrides(matching);
    let settings = context.settings(&file_overrides);
    let options = context.read_options(&settings)?;
    let linter = context.linters.get(&file_overrides).ok_or("no linter for a file's settings")?;
    let document = source::read(format, &source, &options);
    let lines = source::LineIndex::new(&source);

    let mut result = FileResult::new(input.display());
    if let Some(at) = invalid_at {
        let (line, column) = lines.position(&source, at);
        let message = format!("invalid UTF-8 (byte {}); read with U+FFFD in its place", at + 1);
        result.add_input_error(line, column, &message);
    }
    // each message's findings are located as soon as it is checked, so that only what the
    // file's rules need (register, language) is kept of its check
    let source::Document { items, ignore_file } = document;
    let mut checked = Vec::new();
    for item in items {
        match item {
            Item::Message(m) => {
                // a record with fields that `when` looks at may get more overrides than its file
                let record = if m.fields.is_empty() {
                    linter
                } else {
                    let set = context.config.record_overrides(matching, &m.fields);
                    context.linters.get(&set).ok_or("no linter for a record's settings")?
                };
                let mut c = record.check(&context.checker, &m.text).1;
                result.messages.push(m);
                let first = result.finding_count();
                let findings = std::mem::take(&mut c.findings);
                result.add_findings((&source, &lines), result.messages.len() - 1, &ignore_file, findings);
                // in file order message by message, so that sorting the file's findings below
                // finds them in order (one pass) rather than merging thousands of short runs
                result.sort_from(first);
                checked.push(c);
            }
            Item::Error(e) => result.add_input_error(e.line, e.column, &e.message),
        }
    }
    let texts: Vec<&str> = result.messages.iter().map(|m| m.text.as_str()).collect();
    linter.check_file(&texts, &mut checked);
    for (i, c) in checked.iter_mut().enumerate() {
        let findings = std::mem::take(&mut c.findings);
        result.add_findings((&source, &lines), i, &ignore_file, findings);
    }
    // stable: a message's findings of the file's rules follow its others at the same place
    result.sort_from(0);
    result.source = source;
    result.lines = lines;
    Ok(result)
}
