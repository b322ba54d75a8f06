//! Lexicons: the valence tables and modifier lists of `lexicons/` (format "emotics-lexicon
//! 1", see `lexicons/README.md`), embedded at build time and parsed once into lookup maps.
//!
//! Terms are tokenized with the message tokenizer, so a multi-word term such as
//! `c'est de la bombe` matches exactly the tokens a message would give. Single words are
//! looked up directly; phrases are indexed by their first token and matched longest first.
//!
//! Loading is most of a checker's start-up, so `build.rs` compiles the built-in tables (see
//! [`compiled`]) and tables borrow their terms from the embedded text.

mod compiled;
pub mod dimensions;
mod fold;
pub mod format;

use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

pub use fold::{fold_accents, fold_into};

use crate::text::tokenize::{Token, TokenKind, WordForms, collapse_runs, for_each_term_token, has_run, tokenize};
pub use dimensions::DimensionTable;
pub use format::{LexiconError, Row, parse_rows};

/// A normalised word of a table: borrowed from the embedded text when the file already
/// writes it normalised (nearly always), so loading the built-in tables copies few strings.
pub type Key = Cow<'static, str>;

/// A phrase: its tokens (normalised) and its value.
#[derive(Debug, Clone, PartialEq)]
struct Phrase<V> {
    tokens: Vec<Key>,
    value: V,
}

/// Terms (single words and phrases) with a value each, in one map from a normalised word
/// to all the table holds for it, so a message word costs one lookup, not one per use.
#[derive(Debug, Clone)]
pub struct TermTable<V> {
    entries: HashMap<Key, Entry<V>>,
}

/// What a table holds for one normalised word.
#[derive(Debug, Clone, PartialEq)]
struct Entry<V> {
    /// The value of the word written so.
    word: Option<V>,
    /// The value of the table's words with accents that fold to this one, for text typed
    /// without them (`genial`). Words folding alike with different values: the first (file
    /// order) wins; a word written without accents in the table answers for itself.
    folded: Option<V>,
    /// The phrases whose first word folds to this one (so `tres bien` finds `très bien`),
    /// longest first.
    phrases: Vec<Phrase<V>>,
}

impl<V> Default for Entry<V> {
    fn default() -> Self {
        Entry { word: None, folded: None, phrases: Vec::new() }
    }
}

impl<V> Default for TermTable<V> {
    fn default() -> Self {
        TermTable { entries: HashMap::default() }
    }
}

/// [`fold_accents`] of a key, still borrowing static text.
pub(crate) fn folded_key(key: &Key) -> Key {
    match key {
        Cow::Borrowed(s) => fold_accents(s),
        Cow::Owned(s) => Cow::Owned(fold_accents(s).into_owned()),
    }
}

/// The normalised tokens of a lexicon term.
fn term_tokens(term: &'static str) -> Vec<Key> {
    let mut tokens = Vec::new();
    for piece in term.split_whitespace() {
        for_each_term_token(piece, |_, norm| tokens.push(norm));
    }
    tokens
}

/// A match of a term at a position of a token list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TermMatch<V> {
    /// Number of tokens the term covers.
    pub len: usize,
    pub value: V,
    /// Found through accent folding or elongation collapsing rather than exactly.
    pub approximate: bool,
}

impl<V: Copy> TermTable<V> {
    /// A table for about `words` single words.
    fn with_capacity(words: usize) -> TermTable<V> {
        // and the accent-folded forms of some, and the first words of phrases
        TermTable { entries: HashMap::with_capacity_and_hasher(words + words / 4, rustc_hash::FxBuildHasher) }
    }

    /// Adds a term; later insertions of the same term replace earlier ones.
    pub fn insert(&mut self, term: &'static str, value: V) {
        self.insert_tokens(term_tokens(term), value);
    }

    /// Adds a term by its normalised tokens.
    fn insert_tokens(&mut self, tokens: Vec<Key>, value: V) {
        match tokens.len() {
            0 => {}
            1 => self.insert_word(tokens.into_iter().next().unwrap_or_default(), value),
            _ => {
                let list = &mut self.entries.entry(folded_key(&tokens[0])).or_default().phrases;
                list.retain(|p| p.tokens != tokens);
                // longest first, after those as long (as a stable sort would place it): the
                // list is kept in that order, with no sort
                let at = list.partition_point(|p| p.tokens.len() >= tokens.len());
                list.insert(at, Phrase { tokens, value });
            }
        }
    }

    /// Adds a word with its accent-folded form.
    fn insert_word(&mut self, word: Key, value: V) {
        let folded = folded_key(&word);
        if folded != word {
            self.entries.entry(folded).or_default().folded.get_or_insert(value);
        }
        self.insert_exact(word, value);
    }

    /// Adds a word as written (without a folded form: the caller adds it when it differs).
    fn insert_exact(&mut self, word: Key, value: V) {
        self.entries.entry(word).or_default().word = Some(value);
    }

    pub fn len(&self) -> usize {
        self.entries.values().map(|e| usize::from(e.word.is_some()) + e.phrases.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of a single word, trying it as written, with elongations collapsed, then
    /// without accents.
    pub fn word(&self, norm: &str) -> Option<(V, bool)> {
        self.word_in(self.entries.get(norm), &WordForms::of(norm))
    }

    /// [`TermTable::word`] of a token, with the forms it computed once.
    pub fn word_of(&self, token: &Token) -> Option<(V, bool)> {
        self.word_in(self.entries.get(token.norm.as_str()), &token.forms)
    }

    /// [`TermTable::word`] of a word whose entry (`exact`) was looked up already.
    fn word_in(&self, exact: Option<&Entry<V>>, forms: &WordForms) -> Option<(V, bool)> {
        if let Some(v) = exact.and_then(|e| e.word) {
            return Some((v, false));
        }
        for collapsed in forms.collapsed.iter().flatten() {
            if let Some(v) = self.entries.get(collapsed.as_str()).and_then(|e| e.word) {
                return Some((v, true));
            }
        }
        // without accents: a table word with accents folding to it, else the table word
        // spelt so (which is the word itself when it has no accents: tried above)
        let accented = forms.folded.is_some();
        let folded = match &forms.folded {
            Some(folded) => self.entries.get(folded.as_str()),
            None => exact,
        };
        if let Some(v) = folded.and_then(|e| e.folded.or(if accented { e.word } else { None })) {
            return Some((v, true));
        }
        if !forms.doubled && !accented {
            return None;
        }
        let folded_collapsed = match &forms.folded_collapsed {
            Some(form) => self.entries.get(form.as_str()),
            None => folded,
        };
        folded_collapsed.and_then(|e| e.folded.or(e.word)).map(|v| (v, true))
    }

    /// The longest term (phrase or word) starting at `tokens[at]`, among word tokens.
    pub fn longest_at(&self, tokens: &[Token], at: usize) -> Option<TermMatch<V>> {
        let PhraseLookup { phrase, folded } = self.phrase_lookup(tokens, at)?;
        if phrase.is_some() {
            return phrase;
        }
        // a word without accents is its own folded form: its entry is at hand
        let first = &tokens[at];
        let exact = if first.forms.folded.is_some() { self.entries.get(first.norm.as_str()) } else { folded };
        self.word_in(exact, &first.forms).map(|(value, approximate)| TermMatch { len: 1, value, approximate })
    }

    /// The longest phrase (two tokens or more) starting at `tokens[at]`, among word tokens.
    pub fn phrase_at(&self, tokens: &[Token], at: usize) -> Option<TermMatch<V>> {
        // (no lookup when the next token is not a word: a phrase covers two words or more)
        if !tokens.get(at + 1).is_some_and(is_wordlike) {
            return None;
        }
        self.phrase_lookup(tokens, at).and_then(|lookup| lookup.phrase)
    }

    /// The phrases at `tokens[at]`; `None` when the token is not a word.
    fn phrase_lookup(&self, tokens: &[Token], at: usize) -> Option<PhraseLookup<'_, V>> {
        let first = tokens.get(at)?;
        if !is_wordlike(first) {
            return None;
        }
        let folded = self.entries.get(first.folded());
        let with_phrases = |e: &&Entry<V>| !e.phrases.is_empty();
        let phrases = folded.filter(with_phrases).or_else(|| {
            // without a doubled letter or an accent there is nothing to collapse
            first.forms.folded_collapsed.as_deref().and_then(|form| self.entries.get(form)).filter(with_phrases)
        });
        let phrase = phrases.map_or(&[][..], |e| &e.phrases).iter().find_map(|phrase| {
            let n = phrase.tokens.len();
            let window = tokens.get(at..at + n)?;
            (window.iter().all(is_wordlike) && window.iter().zip(&phrase.tokens).all(|(t, p)| same_word(t, p)))
                .then_some(TermMatch { len: n, value: phrase.value, approximate: false })
        });
        Some(PhraseLookup { phrase, folded })
    }
}

/// The longest phrase at a token, and the entry of the token without accents (where a word
/// lookup starts, when no phrase matched).
struct PhraseLookup<'a, V> {
    phrase: Option<TermMatch<V>>,
    folded: Option<&'a Entry<V>>,
}

fn is_wordlike(t: &Token) -> bool {
    matches!(t.kind, TokenKind::Word | TokenKind::HashtagWord)
}

/// A quick necessary condition for a message word to match a lexicon word (as written,
/// elongated, without accents, in another case or as a prefix): collapsing keeps the first
/// character and folding keeps an ASCII one, so two words starting with ASCII characters
/// start with the same one.
pub(crate) fn first_letters_agree(word: &str, term: &str) -> bool {
    match (word.as_bytes().first(), term.as_bytes().first()) {
        (Some(&a), Some(&b)) if a.is_ascii() && b.is_ascii() => a == b,
        _ => true,
    }
}

/// Whether a message word matches a lexicon word (exactly, elongated, or without accents),
/// with the word's forms computed once by the tokenizer.
fn same_word(token: &Token, term: &str) -> bool {
    let word = token.norm.as_str();
    if word == term {
        return true;
    }
    // most phrase candidates end here
    if !first_letters_agree(word, term) {
        return false;
    }
    let forms = &token.forms;
    ((forms.doubled || has_run(term, 2)) && forms.collapsed[1].as_deref().unwrap_or(word) == collapse_runs(term, 1))
        || folds_alike(token, term)
}

/// Whether a message word and a lexicon word are the same without accents (never for two
/// ASCII words, which have none: the cheapest test first).
pub(crate) fn folds_alike(token: &Token, term: &str) -> bool {
    !(token.norm.is_ascii() && term.is_ascii()) && token.folded() == fold_accents(term)
}

/// Modifier kinds of `*/modifiers.tsv`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Modifier {
    /// Flips valence words up to `scope` tokens after it.
    Negator { scope: usize },
    /// French `plus`, `personne`, `point`: a negator only after `ne`/`n'`.
    WeakNegator { scope: usize },
    /// French `ne`/`n'`: confirms a negator, never negates alone.
    NegationParticle,
    /// Adds to the intensity of the next valence word (negative for dampeners).
    Intensifier(f32),
    /// "X but Y": what follows weighs `after`, what precedes 0.5.
    Contrast { after: f32 },
    /// "although X, Y": the clause it opens weighs 0.5, the main clause `main`.
    ContrastBefore { main: f32 },
    /// A valence word that negation does not flip (`lol`, `mdr`).
    NeverNegated,
    /// A phrase whose negator is not a negation (`sans doute`, `not only`).
    NotNegation,
    /// A fixed phrase without valence whatever its words (`s'il vous plaît`).
    Neutral,
}

impl Modifier {
    fn parse(kind: &str, value: f32) -> Result<Modifier, String> {
        let scope = value.max(0.0) as usize;
        Ok(match kind {
            "negator" => Modifier::Negator { scope },
            "weak_negator" => Modifier::WeakNegator { scope },
            "negation_particle" => Modifier::NegationParticle,
            "booster" | "dampener" => Modifier::Intensifier(value),
            "contrast" => Modifier::Contrast { after: value },
            "contrast_before" => Modifier::ContrastBefore { main: value },
            "never_negated" => Modifier::NeverNegated,
            "not_negation" => Modifier::NotNegation,
            "neutral" => Modifier::Neutral,
            other => {
                return Err(format!(
                    "unknown modifier kind `{other}` (expected negator, weak_negator, negation_particle, booster, dampener, contrast, contrast_before, never_negated, not_negation or neutral)"
                ));
            }
        })
    }
}

/// The lexicons of one language.
#[derive(Debug, Clone, Default)]
pub struct LanguageLexicon {
    pub valence: TermTable<f32>,
    pub modifiers: TermTable<Modifier>,
    /// Frequent words of this language only (`*/function-words.txt`): evidence for language
    /// identification, and never borrowed by the other language.
    pub function_words: HashSet<&'static str>,
    /// Which dimension families have a term starting with a given word of this language (or
    /// an emoji), indexed once the dimension tables are built.
    pub term_starts: TermStarts,
}

/// Every built-in lexicon.
#[derive(Debug, Clone)]
pub struct Lexicons {
    pub fr: LanguageLexicon,
    pub en: LanguageLexicon,
    /// Emoji (without variation selectors and skin tones) → valence.
    pub emoji: HashMap<&'static str, f32>,
    /// ASCII emoticons, case-sensitive → valence.
    pub emoticons: HashMap<&'static str, f32>,
    /// French words that are also English valence words with another meaning (`pain`).
    pub false_friends: HashSet<&'static str>,
    /// Plutchik emotions by language, and for emoji.
    pub emotions: ByLanguage<DimensionTable>,
    /// Marketing tones (and custom dimensions) by language, and for emoji.
    pub tones: ByLanguage<DimensionTable>,
    /// Register markers (`formal` / `informal`) by language.
    pub formality: ByLanguage<DimensionTable>,
    /// τ of each calibrated emotion by language (`lexicons/emotions/calibration.tsv`).
    emotion_tau: Vec<Tau>,
}

/// The dimension families, as the bits of [`TermStarts`].
pub mod family {
    pub const EMOTIONS: u8 = 1;
    pub const TONES: u8 = 2;
    pub const FORMALITY: u8 = 4;
}

/// Which dimension families (bits of [`family`]) have a term that starts with a given word
/// or emoji in one language: one lookup tells that a token starts no term at all (most
/// tokens), where each family's table would be looked up in turn.
#[derive(Debug, Clone, Default)]
pub struct TermStarts {
    /// By the first word of terms as [`dimensions::DimensionTable::matches_at`] looks it
    /// up (folded; `<number>` for a number).
    by_first: HashMap<Key, u8>,
    /// Families whose tables hold users' entries: always looked up, so that the index needs
    /// no update when a user lexicon loads (and wildcards need no prefix index here).
    always: u8,
}

impl TermStarts {
    fn new(tables: [(&DimensionTable, u8); 6]) -> TermStarts {
        // sized once: most first words belong to one table (no rehashing at start-up)
        let words = tables.iter().map(|(table, _)| table.first_words().len()).sum();
        let mut by_first = HashMap::with_capacity_and_hasher(words, rustc_hash::FxBuildHasher);
        for (table, bit) in tables {
            for key in table.first_words() {
                *by_first.entry(key.clone()).or_default() |= bit;
            }
        }
        TermStarts { by_first, always: 0 }
    }

    /// The families that may have a term starting at `token`.
    pub fn of(&self, token: &Token) -> u8 {
        let Some(key) = dimensions::first_key(token) else { return 0 };
        self.always | self.by_first.get(key).copied().unwrap_or(0)
    }
}

/// A table for French, one for English, and one for emoji (any language).
#[derive(Debug, Clone, Default)]
pub struct ByLanguage<T> {
    pub fr: T,
    pub en: T,
    pub emoji: T,
}

impl<T> ByLanguage<T> {
    /// The table of a language (`und` reads as English).
    pub fn of(&self, language: crate::lang::Language) -> &T {
        match language {
            crate::lang::Language::Fr => &self.fr,
            crate::lang::Language::En | crate::lang::Language::Und => &self.en,
        }
    }
}

/// A compiled built-in table, by the name `build.rs` gives its files.
macro_rules! compiled {
    ($name:literal) => {
        compiled::Table::read(
            include_str!(concat!(env!("OUT_DIR"), "/", $name, ".terms")),
            include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".values")),
        )
        .ok_or_else(|| LexiconError {
            file: $name.to_string(),
            line: 0,
            column: 0,
            message: "the compiled table is malformed".to_string(),
        })?
    };
}

/// A built-in valence table: words `build.rs` classified are inserted as written, or with
/// their accent-folded form too; other terms go through [`TermTable::insert`].
#[inline(never)] // see `Lexicons::builtin`
fn valence_table(compiled: compiled::Table) -> TermTable<f32> {
    let mut table = TermTable::with_capacity(compiled.len());
    for entry in compiled {
        let value = entry.first_weight();
        match entry.kind {
            compiled::TermKind::Word => table.insert_exact(Cow::Borrowed(entry.term), value),
            compiled::TermKind::Accented => table.insert_word(Cow::Borrowed(entry.term), value),
            compiled::TermKind::Tokens => table.insert_tokens(entry.tokens(), value),
        }
    }
    table
}

#[inline(never)] // see `Lexicons::builtin`
fn modifier_table(name: &str, text: &'static str) -> Result<TermTable<Modifier>, LexiconError> {
    let mut table = TermTable::default();
    for row in parse_rows(name, text, &["term", "kind", "value"])? {
        let row = row?;
        let value = row.number(2)? as f32;
        let modifier = Modifier::parse(row.field(1), value).map_err(|message| row.error(1, message))?;
        table.insert(row.field(0), modifier);
    }
    Ok(table)
}

impl LanguageLexicon {
    /// Parses the files of `lexicons/<language>/`.
    fn parse(
        language: &str,
        valence: compiled::Table,
        modifiers: &'static str,
        function_words: &'static str,
    ) -> Result<LanguageLexicon, LexiconError> {
        Ok(LanguageLexicon {
            valence: valence_table(valence),
            modifiers: modifier_table(&format!("lexicons/{language}/modifiers.tsv"), modifiers)?,
            function_words: word_list(function_words),
            // indexed by `Lexicons::builtin` once the dimension tables are built
            term_starts: TermStarts::default(),
        })
    }
}

/// ((emotion, language code), τ): sixteen rows, looked up by a scan.
type Tau = ((&'static str, &'static str), f32);

fn calibration(text: &'static str) -> Result<Vec<Tau>, LexiconError> {
    let mut tau = Vec::new();
    for row in parse_rows("lexicons/emotions/calibration.tsv", text, &["emotion", "lang", "tau"])? {
        let row = row?;
        let value = row.number(2)?;
        if value <= 0.0 {
            return Err(row.error(2, format!("τ must be positive, found {value}")));
        }
        tau.push(((row.field(0), row.field(1)), value as f32));
    }
    Ok(tau)
}

fn word_list(text: &'static str) -> HashSet<&'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

#[inline(never)] // see `Lexicons::builtin`
fn raw_table(name: &str, text: &'static str) -> Result<HashMap<&'static str, f32>, LexiconError> {
    let mut map = HashMap::default();
    for row in parse_rows(name, text, &["term", "valence"])? {
        let row = row?;
        let value = row.number(1)? as f32;
        map.insert(row.field(0), value);
    }
    Ok(map)
}

impl Lexicons {
    /// The embedded lexicons. They are checked by the test suite, so parsing cannot fail
    /// at run time for a built binary.
    ///
    /// Each table has a loader of its own that is never inlined (`#[inline(never)]`), for
    /// the editor's start-up: a WebAssembly engine runs a function in baseline code first,
    /// then compiles it to optimised code in the background once it has run long enough,
    /// even a function called once. With every loader inlined into `Checker::new`, V8
    /// compiled that one large function during start-up (40 to 80 ms of a busy 2-core
    /// machine, more than running it) for no later call.
    #[allow(clippy::panic)] // embedded data, parsed by the tests: cannot fail in a built binary
    pub fn builtin() -> Lexicons {
        Lexicons::parse_builtin().unwrap_or_else(|e| panic!("embedded lexicon: {e}"))
    }

    fn parse_builtin() -> Result<Lexicons, LexiconError> {
        let mut lexicons = Lexicons {
            fr: LanguageLexicon::parse(
                "fr",
                compiled!("lexicons-fr-valence"),
                include_str!(concat!(env!("OUT_DIR"), "/lexicons-fr-modifiers.tsv")),
                include_str!(concat!(env!("OUT_DIR"), "/lexicons-fr-function-words.txt")),
            )?,
            en: LanguageLexicon::parse(
                "en",
                compiled!("lexicons-en-valence"),
                include_str!(concat!(env!("OUT_DIR"), "/lexicons-en-modifiers.tsv")),
                include_str!(concat!(env!("OUT_DIR"), "/lexicons-en-function-words.txt")),
            )?,
            emoji: raw_table(
                "lexicons/emoji/valence.tsv",
                include_str!(concat!(env!("OUT_DIR"), "/lexicons-emoji-valence.tsv")),
            )?,
            emoticons: raw_table(
                "lexicons/emoji/emoticons.tsv",
                include_str!(concat!(env!("OUT_DIR"), "/lexicons-emoji-emoticons.tsv")),
            )?,
            false_friends: word_list(include_str!(concat!(env!("OUT_DIR"), "/lexicons-fr-false-friends.txt"))),
            emotions: ByLanguage {
                fr: DimensionTable::builtin(compiled!("lexicons-emotions-fr")),
                en: DimensionTable::builtin(compiled!("lexicons-emotions-en")),
                emoji: DimensionTable::builtin(compiled!("lexicons-emotions-emoji")),
            },
            tones: ByLanguage {
                fr: DimensionTable::builtin(compiled!("lexicons-tones-fr")),
                en: DimensionTable::builtin(compiled!("lexicons-tones-en")),
                emoji: DimensionTable::builtin(compiled!("lexicons-tones-emoji")),
            },
            formality: ByLanguage {
                fr: DimensionTable::builtin(compiled!("lexicons-tones-formality-fr")),
                en: DimensionTable::builtin(compiled!("lexicons-tones-formality-en")),
                emoji: DimensionTable::default(),
            },
            emotion_tau: calibration(include_str!(concat!(env!("OUT_DIR"), "/lexicons-emotions-calibration.tsv")))?,
        };
        lexicons.fr.term_starts = lexicons.index_term_starts(crate::lang::Language::Fr);
        lexicons.en.term_starts = lexicons.index_term_starts(crate::lang::Language::En);
        Ok(lexicons)
    }

    fn index_term_starts(&self, language: crate::lang::Language) -> TermStarts {
        TermStarts::new([
            (self.emotions.of(language), family::EMOTIONS),
            (&self.emotions.emoji, family::EMOTIONS),
            (self.tones.of(language), family::TONES),
            (&self.tones.emoji, family::TONES),
            (self.formality.of(language), family::FORMALITY),
            (&self.formality.emoji, family::FORMALITY),
        ])
    }

    /// τ of an emotion in a language (by code), when calibrated.
    pub fn emotion_tau(&self, emotion: &str, language: &str) -> Option<f32> {
        self.emotion_tau.iter().find(|((e, l), _)| *e == emotion && *l == language).map(|&(_, tau)| tau)
    }

    /// The lexicon of a language (`und` reads as English).
    pub fn of(&self, language: crate::lang::Language) -> &LanguageLexicon {
        match language {
            crate::lang::Language::Fr => &self.fr,
            crate::lang::Language::En | crate::lang::Language::Und => &self.en,
        }
    }

    /// Adds a user dimension entry to the emotion (`emotion:<name>` or an emotion name
    /// prefixed so) or tone tables of its language(s); an emoji term goes to the emoji table.
    pub fn add_user_entry(&mut self, entry: &dimensions::UserEntry) {
        let (family, dimension, bit) = match entry.dimension.strip_prefix("emotion:") {
            Some(emotion) => (&mut self.emotions, emotion, family::EMOTIONS),
            None => (&mut self.tones, entry.dimension.as_str(), family::TONES),
        };
        self.fr.term_starts.always |= bit;
        self.en.term_starts.always |= bit;
        let is_emoji = {
            let tokens = tokenize(&entry.term, &[], &|_| false);
            tokens.len() == 1 && tokens[0].kind == TokenKind::Emoji
        };
        let tables: Vec<&mut DimensionTable> = if is_emoji {
            vec![&mut family.emoji]
        } else {
            match entry.language {
                Some(crate::lang::Language::Fr) => vec![&mut family.fr],
                Some(crate::lang::Language::En) => vec![&mut family.en],
                _ => vec![&mut family.fr, &mut family.en],
            }
        };
        for table in tables {
            table.add(&entry.term, dimension, entry.weight, entry.case_sensitive, entry.replace);
        }
    }

    /// Valence of an emoji token (already without selectors and skin tones). A ZWJ sequence
    /// not in the table takes the value of its first emoji only when that is a face or a
    /// heart (`😶‍🌫️`, `❤️‍🔥`): a person with an object (`👨‍🍳`) is a role, not a feeling.
    pub fn emoji(&self, norm: &str) -> Option<f32> {
        self.emoji.get(norm).copied().or_else(|| {
            let first = norm.split('\u{200D}').next()?;
            let expressive = first.chars().next().is_some_and(|c| {
                matches!(c, '\u{1F600}'..='\u{1F64F}' | '\u{1F910}'..='\u{1F92F}' | '\u{1F970}'..='\u{1F97F}' | '\u{2764}' | '\u{1F494}'..='\u{1F49F}')
            });
            (first != norm && expressive).then(|| self.emoji.get(first).copied()).flatten()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The readable source files (with their comments and provenance columns) parse too, so
    /// an error in one is reported at its real line (dimension tables: see their module).
    #[test]
    fn source_files_parse() {
        let root = env!("CARGO_MANIFEST_DIR");
        // tables borrow their text, which the embedded files keep for the program's life
        let read = |path: &str| -> &'static str {
            Box::leak(std::fs::read_to_string(format!("{root}/{path}")).unwrap().into_boxed_str())
        };
        for language in ["fr", "en"] {
            let modifiers = read(&format!("lexicons/{language}/modifiers.tsv"));
            modifier_table(language, modifiers).unwrap();
        }
        calibration(read("lexicons/emotions/calibration.tsv")).unwrap();
    }

    /// The embedded valence tables, loaded with the words `build.rs` marked inserted as they
    /// are, equal the readable files loaded term by term through the general path.
    #[test]
    fn valence_words_marked_at_build_time_load_as_the_general_path_would() {
        let root = env!("CARGO_MANIFEST_DIR");
        let builtin = Lexicons::parse_builtin().unwrap();
        for (language, embedded) in [("fr", &builtin.fr.valence), ("en", &builtin.en.valence)] {
            let path = format!("lexicons/{language}/valence.tsv");
            let text: &'static str =
                Box::leak(std::fs::read_to_string(format!("{root}/{path}")).unwrap().into_boxed_str());
            let mut general = TermTable::default();
            for row in parse_rows(&path, text, &["term", "valence"]).unwrap() {
                let row = row.unwrap();
                general.insert(row.field(0), row.number(1).unwrap() as f32);
            }
            assert_eq!(embedded.entries, general.entries, "{path}");
            assert!(embedded.len() > 7000, "{path}");
        }
    }

    /// Terms are tokenized piece by piece between spaces (see [`for_each_term_token`]): for every
    /// term of every built-in table, that gives the tokens of the whole term.
    #[test]
    fn terms_tokenize_piece_by_piece_as_a_whole() {
        let root = env!("CARGO_MANIFEST_DIR");
        let tables = ["fr/valence", "en/valence", "fr/modifiers", "en/modifiers", "emotions/fr", "emotions/en"];
        let tables = tables.into_iter().chain(["emotions/emoji", "tones/fr", "tones/en", "tones/emoji"]);
        let tables = tables.chain(["tones/formality-fr", "tones/formality-en"]);
        let mut terms = 0;
        for table in tables {
            let text = std::fs::read_to_string(format!("{root}/lexicons/{table}.tsv")).unwrap();
            for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).skip(1) {
                let term = line.split('\t').next().unwrap().trim().trim_end_matches('*');
                if term.contains(dimensions::NUMBER_PLACEHOLDER) {
                    continue;
                }
                let whole: Vec<String> =
                    tokenize(term, &[], &|_| false).into_iter().map(|t| t.norm.into_string()).collect();
                let mut pieces = Vec::new();
                for piece in term.split_whitespace() {
                    for_each_term_token(piece, |_, norm| pieces.push(norm.into_owned()));
                }
                assert_eq!(pieces, whole, "{table}: {term}");
                terms += 1;
            }
        }
        assert!(terms > 24_000, "{terms}");
    }

    #[test]
    fn latin1_folding_is_the_decomposition_without_marks() {
        use unicode_normalization::UnicodeNormalization;
        let nfd = |s: &str| -> String { s.nfd().filter(|c| !('\u{0300}'..='\u{036F}').contains(c)).collect() };
        for c in '\u{80}'..='\u{FF}' {
            assert_eq!(fold::fold_latin1(c).to_string(), nfd(&c.to_string()), "{c}");
        }
        for word in ["cœur", "Œuvre", "élève", "ça", "naïve", "Ἀθῆναι", "ǅ", "straße"] {
            assert_eq!(fold_accents(word), nfd(word), "{word}");
        }
    }

    #[test]
    fn builtin_lexicons_parse_and_are_not_empty() {
        let lexicons = Lexicons::parse_builtin().unwrap();
        assert!(lexicons.fr.valence.len() > 8000);
        assert!(lexicons.en.valence.len() > 7000);
        assert!(lexicons.emoji.len() > 200 && lexicons.emoticons.len() > 300);
        assert!(lexicons.fr.modifiers.len() > 100);
    }

    #[test]
    fn phrases_match_longest_first_and_words_fold_accents() {
        let lexicons = Lexicons::builtin();
        let tokens = tokenize("c'est pas terrible du tout", &[], &|_| false);
        let m = lexicons.fr.valence.longest_at(&tokens, 2).unwrap();
        assert_eq!(m.len, 4, "pas terrible du tout");
        assert_eq!(lexicons.fr.valence.word("genial").map(|(v, _)| v > 2.0), Some(true));
        let (v, approximate) = lexicons.fr.valence.word("géniaaal").unwrap();
        assert!(v > 2.0 && approximate);
        assert_eq!(lexicons.fr.modifiers.word("n'").map(|(m, _)| m), Some(Modifier::NegationParticle));
    }

    #[test]
    fn phrase_words_match_elongated_or_without_accents_only() {
        let mut table = TermTable::default();
        table.insert("très bien", 1);
        table.insert("so cool", 2);
        for (text, expected) in [
            ("tres bien", Some(1)),
            ("TRÈS BIEEEN", Some(1)),
            ("trés bien", Some(1)),
            ("soooo cool", Some(2)),
            ("so coool", Some(2)),
            ("très rien", None),
            ("do cool", None),
            ("so cook", None),
        ] {
            let tokens = tokenize(text, &[], &|_| false);
            let found = table.longest_at(&tokens, 0).filter(|m| m.len == 2).map(|m| m.value);
            assert_eq!(found, expected, "{text}");
        }
    }
}
