//! The WebAssembly shell (feature `wasm`): converts between JavaScript and the core, never
//! computes. Every entry point returns a value — a report, or an error object — and never
//! throws or traps, whatever the string (lone surrogates arrive as U+FFFD, one UTF-16 unit
//! like the surrogate they replace, so UTF-16 spans still index the caller's string).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::report::LengthReport;
use crate::tone::ToneReport;
use crate::tone::targets::Dimension;
use crate::{Checker, Language, Options};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** One entry per length profile, keyed by profile name (`x`, `sms`, `bluesky`, …). */
export type LengthReport = Record<string, ProfileReport>;
/** Scores of named dimensions in [0, 1], keyed by name. */
export type Scores = Record<string, number>;
/** Options of `score`: `language` forces `fr` or `en` instead of identifying it; `profiles`
 * measures only the length profiles named (default: all); `parts` is what the report holds
 * (default: all three): `tone` (the scores), `explanations` (the words behind them, in
 * `tone.explanations` and `tone.model`; empty and absent when not asked) and `length`. What is
 * not asked is neither computed nor converted, where that can be avoided. */
export interface ScoreOptions {
  language?: "fr" | "en" | "auto";
  profiles?: string[];
  parts?: ("tone" | "explanations" | "length")[];
}
/** What `score`, `fitPlan` and `suggest` return for what they cannot follow (an unknown
 * profile, part, option or target). */
export interface ScoreError { error: string }
/** Options of `fitPlan`: `language` forces `fr` or `en` for the tone scores of the edits. */
export interface FitOptions { language?: "fr" | "en" | "auto" }
/** Options of `suggest`: the tone `targets` to reach (`"trust >= 0.3"`, `"spamminess <= 0.2"`,
 * `"0.2 <= valence"`), and `language` as in `ScoreOptions`. */
export interface SuggestOptions { targets: string[]; language?: "fr" | "en" | "auto" }
/** What `loadLexicon` returns: the warnings, or the error (then nothing was loaded). */
export interface LoadResult { ok: boolean; warnings: string[]; error?: LexiconErrorInfo }
/** A lexicon error with its location in the file. */
export interface LexiconErrorInfo { file: string; line: number; column: number; message: string }
/** What `loadModel` returns: the id of the models now scoring, or the error (then nothing
 * was loaded and the previous model still scores). */
export interface ModelLoadResult { ok: boolean; model?: string; error?: ModelErrorInfo }
/** Why a model file was refused: the byte of the file where the problem is, and what it is. */
export interface ModelErrorInfo { offset: number; message: string }
"#;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse`: one call builds a whole report, where setting its properties one by
    /// one from WebAssembly would cross into JavaScript for each (a report has hundreds).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// `value` as a JavaScript object, through one `JSON.parse`. The JSON is written into a
/// buffer sized for a report, which never regrows.
fn to_js<T: Serialize>(value: &T) -> JsValue {
    let mut json = Vec::with_capacity(32 * 1024);
    if serde_json::to_writer(&mut json, value).is_err() {
        return JsValue::NULL;
    }
    std::str::from_utf8(&json).ok().and_then(|json| json_parse(json).ok()).unwrap_or(JsValue::NULL)
}

/// The options of `score`, `fitPlan` and `suggest`, as JavaScript gives them: one type for
/// all, read by one deserializer (one per method cost 3 KB of wasm); `read_options` refuses
/// those a method does not take.
#[derive(Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
struct JsOptions {
    language: Option<String>,
    profiles: Option<Vec<String>>,
    parts: Option<Vec<String>>,
    targets: Option<Vec<String>>,
}

const PARTS: [&str; 3] = ["tone", "explanations", "length"];

/// The options of a method that takes those named in `known` (`undefined` and `null`: the
/// defaults), or why they cannot be read.
fn read_options(options: &JsValue, known: &[&str]) -> Result<JsOptions, String> {
    if options.is_undefined() || options.is_null() {
        return Ok(JsOptions::default());
    }
    let json = json_stringify(options).ok().and_then(|json| json.as_string()).unwrap_or_default();
    let read: JsOptions = serde_json::from_str(&json).map_err(|e| format!("options: {e}"))?;
    let given = [
        ("language", read.language.is_some()),
        ("profiles", read.profiles.is_some()),
        ("parts", read.parts.is_some()),
        ("targets", read.targets.is_some()),
    ];
    match given.iter().find(|(name, given)| *given && !known.contains(name)) {
        Some((name, _)) => Err(format!("options: unknown field `{name}`, expected one of `{}`", known.join("`, `"))),
        None => Ok(read),
    }
}

/// The core's options for a language option (`auto`, or anything else it does not know,
/// identifies the language).
fn core_options(language: Option<&str>) -> Options {
    Options { language: language.and_then(|l| l.parse().ok()) }
}

/// `options` read, or why they cannot be.
fn score_options(options: &JsValue) -> Result<JsOptions, String> {
    let options = read_options(options, &["language", "profiles", "parts"])?;
    if let Some(part) = options.parts.iter().flatten().find(|part| !PARTS.contains(&part.as_str())) {
        return Err(format!("unknown part `{part}` (known: {})", PARTS.join(", ")));
    }
    Ok(options)
}

/// A report with only the parts asked for.
#[derive(Serialize)]
struct Parts<'a> {
    language: Language,
    #[serde(skip_serializing_if = "Option::is_none")]
    tone: Option<&'a ToneReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    length: Option<&'a LengthReport>,
}

#[derive(Serialize)]
struct ScoreError {
    error: String,
}

#[derive(Serialize)]
struct LoadResult {
    ok: bool,
    warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<LexiconErrorInfo>,
}

#[derive(Serialize)]
struct LexiconErrorInfo {
    file: String,
    line: usize,
    column: usize,
    message: String,
}

#[derive(Serialize)]
struct ModelLoadResult {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    model: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ModelErrorInfo>,
}

#[derive(Serialize)]
struct ModelErrorInfo {
    offset: usize,
    message: String,
}

/// A checker: built once (it parses the embedded lexicons), then scores any text.
#[wasm_bindgen(js_name = Emotics)]
pub struct WasmChecker {
    checker: Checker,
}

#[wasm_bindgen(js_class = Emotics)]
impl WasmChecker {
    #[wasm_bindgen(constructor)]
    pub fn new() -> WasmChecker {
        WasmChecker { checker: Checker::new() }
    }

    /// Scores `text`: language, tone (valence, emotions, tones, explanations) and every
    /// length profile, shaped like the CLI's JSON; `options` may narrow it (`ScoreOptions`).
    #[wasm_bindgen(unchecked_return_type = "Report | ScoreError")]
    pub fn score(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "ScoreOptions | undefined")] options: JsValue,
    ) -> JsValue {
        match self.score_parts(text, &options) {
            Ok(value) => value,
            Err(error) => to_js(&ScoreError { error }),
        }
    }

    /// The fit plan of `text` for the length profile `profile` (`sms`, `x`, …): the exact
    /// edits that fit it or save SMS segments, safe ones first, each with the profile's
    /// measure and the tone after it; shaped like the CLI's `fit`.
    #[wasm_bindgen(js_name = fitPlan, unchecked_return_type = "FitPlan | ScoreError")]
    pub fn fit_plan(
        &self,
        text: &str,
        profile: &str,
        #[wasm_bindgen(unchecked_param_type = "FitOptions | undefined")] options: JsValue,
    ) -> JsValue {
        let plan = read_options(&options, &["language"])
            .and_then(|options| self.checker.fit_plan(text, profile, &core_options(options.language.as_deref())));
        match plan {
            Ok(plan) => to_js(&plan),
            Err(error) => to_js(&ScoreError { error }),
        }
    }

    /// Rewrites of `text` that bring it toward the tone targets of `options`, best first
    /// (none when it meets them already or nothing helps); shaped like the CLI's
    /// `suggestions`.
    #[wasm_bindgen(unchecked_return_type = "Suggestion[] | ScoreError")]
    pub fn suggest(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "SuggestOptions")] options: JsValue,
    ) -> JsValue {
        let suggestions = read_options(&options, &["language", "targets"]).and_then(|options| {
            let targets = match options.targets {
                Some(targets) if !targets.is_empty() => targets,
                _ => return Err("options: no `targets` (e.g. [\"trust >= 0.3\"])".into()),
            };
            let targets = targets.iter().map(|t| self.checker.target(t)).collect::<Result<Vec<_>, _>>()?;
            if let Some(register) = targets.iter().find(|t| matches!(t.dimension, Dimension::Register(_))) {
                return Err(format!(
                    "`{register}`: the tu ↔ vous rewrite is left out of the WebAssembly build (its size budget); \
                     the command line and the Rust library have it"
                ));
            }
            Ok(self.checker.suggest(text, &targets, &core_options(options.language.as_deref())))
        });
        match suggestions {
            Ok(suggestions) => to_js(&suggestions),
            Err(error) => to_js(&ScoreError { error }),
        }
    }

    /// Loads a dimension lexicon ("emotics-dimensions 1"); returns warnings, or the error
    /// with its line and column (and then loads nothing).
    #[wasm_bindgen(js_name = loadLexicon, unchecked_return_type = "LoadResult")]
    pub fn load_lexicon(&mut self, name: &str, text: &str) -> JsValue {
        let result = match self.checker.load_lexicon(name, text) {
            Ok(warnings) => {
                LoadResult { ok: true, warnings: warnings.iter().map(ToString::to_string).collect(), error: None }
            }
            Err(e) => LoadResult {
                ok: false,
                warnings: Vec::new(),
                error: Some(LexiconErrorInfo {
                    file: e.file.clone(),
                    line: e.line,
                    column: e.column,
                    message: e.message.clone(),
                }),
            },
        };
        to_js(&result)
    }

    /// Loads a model file ("emotics-model 1", made by `emotics train`): it replaces the
    /// model of the tasks it was trained on. Returns the id of the models now scoring
    /// (`name@checksum`), or the error with its byte offset (and then loads nothing).
    #[wasm_bindgen(js_name = loadModel, unchecked_return_type = "ModelLoadResult")]
    pub fn load_model(&mut self, bytes: &[u8]) -> JsValue {
        let result = match self.checker.load_model(bytes) {
            Ok(()) => ModelLoadResult { ok: true, model: Some(self.checker.model_name().to_owned()), error: None },
            Err(e) => ModelLoadResult {
                ok: false,
                model: None,
                error: Some(ModelErrorInfo { offset: e.offset, message: e.message }),
            },
        };
        to_js(&result)
    }

    /// The id of the models scoring (`name@checksum`, joined by ` + ` when the sentiment
    /// and the emotions come from different files), empty without a model.
    #[wasm_bindgen(js_name = modelName)]
    pub fn model_name(&self) -> String {
        self.checker.model_name().to_owned()
    }

    /// The length profiles measured, in report order.
    #[wasm_bindgen(unchecked_return_type = "Profile[]")]
    pub fn profiles(&self) -> JsValue {
        to_js(&self.checker.profiles())
    }
}

impl WasmChecker {
    fn score_parts(&self, text: &str, options: &JsValue) -> Result<JsValue, String> {
        let options = score_options(options)?;
        let asked = |part: &str| options.parts.as_ref().is_none_or(|parts| parts.iter().any(|p| p == part));
        let options_core = core_options(options.language.as_deref());
        let mut report = match (&options.profiles, asked("length")) {
            (None, true) => self.checker.score_with(text, &options_core),
            (Some(names), true) => {
                let profiles = self.checker.profiles_named(names)?;
                self.checker.score_tokens(text, &options_core, &profiles).0
            }
            (_, false) => self.checker.score_tokens(text, &options_core, &[]).0,
        };
        let explained = asked("explanations");
        if !explained {
            report.tone.explanations = Vec::new();
            report.tone.model = None;
        }
        Ok(to_js(&Parts {
            language: report.language,
            tone: (asked("tone") || explained).then_some(&report.tone),
            length: asked("length").then_some(&report.length),
        }))
    }
}

impl Default for WasmChecker {
    fn default() -> Self {
        WasmChecker::new()
    }
}
