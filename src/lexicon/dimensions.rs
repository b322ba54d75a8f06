//! Dimension lexicons: terms that raise (or lower) named dimensions — Plutchik's emotions,
//! the marketing tones, and dimensions a brand defines itself.
//!
//! Built-in tables (`lexicons/emotions/*.tsv`, `lexicons/tones/*.tsv`) have the columns
//! `term  <dimension column>  weight  …`. User files use the versioned format
//! "emotics-dimensions 1" (see the README): `term  dimension  weight  lang  flags`, with
//! multi-word terms, a `*` suffix wildcard, `case` for case-sensitive entries and `replace`
//! to override what the built-in tables say about a term.

use std::borrow::Cow;
use std::hash::BuildHasher;

use rustc_hash::FxHashSet as HashSet;

use rustc_hash::{FxBuildHasher, FxHashMap as HashMap};

use crate::text::tokenize::{Token, TokenKind};

use super::Key;
use super::format::{LexiconError, parse_rows};

/// The placeholder of any number in a term (`plus que <number> h`).
pub const NUMBER_PLACEHOLDER: &str = "<number>";

/// How a term is written in a table, ready to match tokens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Pattern {
    /// Normalised tokens; `<number>` matches any number token.
    tokens: Vec<Key>,
    /// Raw tokens, for case-sensitive entries only (empty otherwise).
    raw: Vec<String>,
    case_sensitive: bool,
    /// The last token is a prefix (`sécuris*`).
    wildcard: bool,
}

/// One entry: a pattern and what it does to each dimension.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    pattern: Pattern,
    weights: Vec<(usize, f32)>,
}

/// A match of an entry at a token position.
#[derive(Debug, Clone)]
pub struct DimensionMatch<'a> {
    /// Tokens covered.
    pub len: usize,
    /// (dimension index, weight).
    pub weights: &'a [(usize, f32)],
    /// Matched as written, without accent folding.
    pub exact: bool,
}

/// Terms → dimension weights, with dimension names indexed.
#[derive(Debug, Clone, Default)]
pub struct DimensionTable {
    names: Vec<String>,
    entries: Vec<Entry>,
    /// Entry indices by first token without accents (`<number>` for a number first);
    /// wildcard entries by the first three characters of their prefix.
    by_first: HashMap<Key, Vec<usize>>,
    wildcards: HashMap<Key, Vec<usize>>,
    /// Entry indices, found by their pattern (hashed in place: no copy of the pattern).
    /// Built-in entries need no lookup (see [`DimensionTable::load_builtin`]): they are
    /// indexed when a user entry first needs the index.
    index_of: hashbrown::HashTable<usize>,
    /// How many entries (the first ones) `index_of` holds.
    indexed: usize,
}

/// The pattern of `term`; `key` turns its words into keys (borrowing static text).
fn pattern<'t>(term: &'t str, case_sensitive: bool, key: &dyn Fn(Cow<'t, str>) -> Key) -> Option<Pattern> {
    let wildcard = term.ends_with('*');
    let term = term.trim_end_matches('*');
    let mut tokens = Vec::new();
    let mut raw = Vec::new();
    for piece in term.split_whitespace() {
        if piece == NUMBER_PLACEHOLDER {
            tokens.push(Cow::Borrowed(NUMBER_PLACEHOLDER));
            if case_sensitive {
                raw.push(NUMBER_PLACEHOLDER.to_string());
            }
            continue;
        }
        crate::text::tokenize::for_each_term_token(piece, |text, norm| {
            if case_sensitive {
                raw.push(text.to_string());
            }
            tokens.push(key(norm));
        });
    }
    (!tokens.is_empty()).then_some(Pattern { tokens, raw, case_sensitive, wildcard })
}

/// The first three characters of a wildcard's prefix, still borrowing static text.
fn wildcard_key(prefix: &Key) -> Key {
    let end = prefix.char_indices().nth(3).map_or(prefix.len(), |(i, _)| i);
    match prefix {
        Cow::Borrowed(s) => Cow::Borrowed(&s[..end]),
        Cow::Owned(s) => Cow::Owned(s[..end].to_string()),
    }
}

/// The key terms starting at `token` are indexed by: its folded form, `<number>` for a
/// number; none for punctuation, a mention or a URL, which start no term.
pub(super) fn first_key(token: &Token) -> Option<&str> {
    match token.kind {
        TokenKind::Word | TokenKind::HashtagWord | TokenKind::Emoji => Some(token.folded()),
        TokenKind::Number => Some(NUMBER_PLACEHOLDER),
        _ => None,
    }
}

/// A quick test that rules out most candidates (see [`super::first_letters_agree`]); the
/// number placeholder matches any number.
fn may_match(token: &Token, word: &str) -> bool {
    word == NUMBER_PLACEHOLDER || super::first_letters_agree(&token.norm, word)
}

/// Whether `token` matches a pattern word (`norm`, or `raw` when case-sensitive). With
/// `fold`, accents may differ, except for the words of that set.
fn token_matches(
    token: &Token,
    text: &str,
    norm: &str,
    raw: &str,
    case_sensitive: bool,
    prefix: bool,
    fold: Option<&HashSet<&str>>,
) -> bool {
    if norm == NUMBER_PLACEHOLDER {
        return token.kind == TokenKind::Number;
    }
    if token.kind == TokenKind::Emoji {
        return token.norm == norm;
    }
    if !matches!(token.kind, TokenKind::Word | TokenKind::HashtagWord) {
        return false;
    }
    let (candidate, expected) =
        if case_sensitive { (&text[token.start..token.end], raw) } else { (token.norm.as_str(), norm) };
    if prefix {
        candidate.starts_with(expected)
    } else {
        // accents may differ when matching case-insensitively, on `token.norm`
        candidate == expected
            || (!case_sensitive
                && super::folds_alike(token, expected)
                && fold.is_some_and(|exact_only| !exact_only.contains(token.norm.as_str())))
    }
}

impl DimensionTable {
    /// Index of a dimension, added if new.
    pub fn dimension(&mut self, name: &str) -> usize {
        match self.names.iter().position(|n| n == name) {
            Some(i) => i,
            None => {
                self.names.push(name.to_string());
                self.names.len() - 1
            }
        }
    }

    /// The first words of the table's terms (folded), as [`Self::matches_at`] looks them up;
    /// wildcard terms aside.
    pub(super) fn first_words(&self) -> impl ExactSizeIterator<Item = &Key> {
        self.by_first.keys()
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Adds `weight` on `dimension` for `term`; with `replace`, drops what the table said
    /// about this term and dimension before. Returns false for a term without words.
    pub fn add(&mut self, term: &str, dimension: &str, weight: f32, case_sensitive: bool, replace: bool) -> bool {
        let Some(pattern) = pattern(term, case_sensitive, &|word| Cow::Owned(word.into_owned())) else {
            return false;
        };
        self.add_pattern(pattern, dimension, weight, replace);
        true
    }

    fn add_pattern(&mut self, pattern: Pattern, dimension: &str, weight: f32, replace: bool) {
        let dim = self.dimension(dimension);
        if replace {
            // the same words, whatever their case or wildcard flags, say nothing more
            let same: Vec<usize> =
                self.bucket_of(&pattern).filter(|&i| self.entries[i].pattern.tokens == pattern.tokens).collect();
            for i in same {
                self.entries[i].weights.retain(|(d, _)| *d != dim);
            }
        }
        let entries = &mut self.entries;
        for (index, entry) in entries.iter().enumerate().skip(self.indexed) {
            self.index_of.insert_unique(FxBuildHasher.hash_one(&entry.pattern), index, |&i| {
                FxBuildHasher.hash_one(&entries[i].pattern)
            });
        }
        let hash = FxBuildHasher.hash_one(&pattern);
        match self.index_of.find(hash, |&i| entries[i].pattern == pattern) {
            Some(&i) => entries[i].weights.push((dim, weight)),
            None => {
                self.index_of.insert_unique(hash, entries.len(), |&i| FxBuildHasher.hash_one(&entries[i].pattern));
                self.push_entry(pattern, vec![(dim, weight)]);
            }
        }
        self.indexed = self.entries.len();
    }

    /// Appends a new entry (its pattern is in no other entry) and indexes it by first word.
    fn push_entry(&mut self, pattern: Pattern, weights: Vec<(usize, f32)>) {
        let index = self.entries.len();
        if pattern.wildcard && pattern.tokens.len() == 1 {
            self.wildcards.entry(wildcard_key(&pattern.tokens[0])).or_default().push(index);
        } else {
            self.by_first.entry(super::folded_key(&pattern.tokens[0])).or_default().push(index);
        }
        self.entries.push(Entry { pattern, weights });
    }

    /// The entries that may have the same tokens as `pattern`, whatever its flags: those of
    /// its first word, and wildcards of its first three letters.
    fn bucket_of(&self, pattern: &Pattern) -> impl Iterator<Item = usize> + '_ {
        let first = &pattern.tokens[0];
        let wildcards = (pattern.tokens.len() == 1).then(|| self.wildcards.get(wildcard_key(first).as_ref())).flatten();
        self.by_first.get(super::folded_key(first).as_ref()).into_iter().chain(wildcards).flatten().copied()
    }

    /// Every entry matching at token `at`, longest first.
    pub fn matches_at<'a>(
        &'a self,
        text: &str,
        tokens: &[Token],
        at: usize,
        exact_only: &HashSet<&'static str>,
    ) -> Vec<DimensionMatch<'a>> {
        let Some(first) = tokens.get(at) else { return Vec::new() };
        let Some(key) = first_key(first) else { return Vec::new() };
        // only users' lexicons have wildcards
        let wildcards = (!self.wildcards.is_empty()).then(|| {
            let prefix_end = first.norm.char_indices().nth(3).map_or(first.norm.len(), |(i, _)| i);
            self.wildcards.get(&first.norm[..prefix_end])
        });
        let candidates = self.by_first.get(key).into_iter().chain(wildcards.flatten()).flatten();
        let mut found: Vec<DimensionMatch> = Vec::new();
        for &index in candidates {
            let entry = &self.entries[index];
            let p = &entry.pattern;
            let Some(window) = tokens.get(at..at + p.tokens.len()) else { continue };
            if !window.iter().zip(&p.tokens).all(|(t, word)| may_match(t, word)) {
                continue;
            }
            let last = p.tokens.len() - 1;
            let matches = |fold: Option<&HashSet<&str>>| {
                window.iter().enumerate().all(|(i, t)| {
                    let raw = p.raw.get(i).map_or("", String::as_str);
                    token_matches(t, text, &p.tokens[i], raw, p.case_sensitive, p.wildcard && i == last, fold)
                })
            };
            let all = matches(Some(exact_only));
            if all && !found.iter().any(|f| std::ptr::eq(f.weights, entry.weights.as_slice())) {
                let exact = matches(None);
                found.push(DimensionMatch { len: p.tokens.len(), weights: &entry.weights, exact });
            }
        }
        // `panique` matches `panique` and, folded, `paniqué`: a word counts once, as written
        for i in (0..found.len()).rev() {
            let m = &found[i];
            if !m.exact && found.iter().any(|o| o.exact && o.len == m.len) {
                found.remove(i);
            }
        }
        crate::order::sort_by_key(&mut found, |m| [crate::order::down(m.len), 0, 0, 0]);
        found
    }

    /// A built-in table, compiled by `build.rs` with the rows of each term together and its
    /// terms tokenized; a test checks no two terms of a table have the same pattern, so each
    /// term is a new entry, with no lookup among the others.
    #[inline(never)] // see `Lexicons::builtin`
    pub(super) fn builtin(compiled: super::compiled::Table) -> DimensionTable {
        let mut table = DimensionTable::default();
        for name in &compiled.names {
            table.dimension(name);
        }
        table.entries.reserve(compiled.len());
        table.by_first.reserve(compiled.len());
        for entry in compiled {
            let pattern = Pattern { tokens: entry.tokens(), raw: Vec::new(), case_sensitive: false, wildcard: false };
            table.push_entry(pattern, entry.weights().collect());
        }
        table
    }

    /// Loads a table the general way, looking every pattern up: what [`Self::load_builtin`] must
    /// give for a readable source file (see the tests).
    #[cfg(test)]
    pub(crate) fn load_general(file: &str, text: &str, dimension_column: &str) -> Result<DimensionTable, LexiconError> {
        let mut table = DimensionTable::default();
        for row in parse_rows(file, text, &["term", dimension_column, "weight"])? {
            let row = row?;
            let weight = row.number(2)? as f32;
            if let Some(pattern) = pattern(row.field(0), false, &|word| Cow::Owned(word.into_owned())) {
                table.add_pattern(pattern, row.field(1), weight, false);
            }
        }
        Ok(table)
    }
}

/// A warning about a user lexicon (the file is still loaded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconWarning {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LexiconWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: warning: {}", self.file, self.line, self.message)
    }
}

/// One row of a user dimension lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct UserEntry {
    pub term: String,
    pub dimension: String,
    pub weight: f32,
    /// `fr`, `en`, or `None` for both.
    pub language: Option<crate::lang::Language>,
    pub case_sensitive: bool,
    pub replace: bool,
}

/// The header of the user format.
pub const USER_FORMAT: &str = "emotics-dimensions 1";

/// Parses a user dimension lexicon ("emotics-dimensions 1"): returns its entries and the
/// warnings (duplicate rows, naming both lines).
pub fn parse_user(file: &str, text: &str) -> Result<(Vec<UserEntry>, Vec<LexiconWarning>), LexiconError> {
    let declared = text.lines().map(|l| l.trim_start_matches('\u{FEFF}').trim()).find(|l| !l.is_empty());
    if declared.is_some_and(|l| l.starts_with('#') && l.contains("emotics-dimensions") && !l.contains(USER_FORMAT)) {
        return Err(LexiconError {
            file: file.to_string(),
            line: 1,
            column: 1,
            message: format!("unsupported format version (this emotics reads `{USER_FORMAT}`)"),
        });
    }
    let mut entries: Vec<UserEntry> = Vec::new();
    let mut lines_of: HashMap<(String, String, Option<crate::lang::Language>), usize> = HashMap::default();
    let mut warnings = Vec::new();
    for row in parse_rows(file, text, &["term", "dimension", "weight"])? {
        let row = row?;
        let term = row.field(0);
        if term == "*" || term.trim_end_matches('*').contains('*') {
            return Err(
                row.error(0, format!("`{term}`: `*` is only allowed at the end of a term, after at least 3 letters"))
            );
        }
        if term.ends_with('*') && term.trim_end_matches('*').chars().count() < 3 {
            return Err(row.error(0, format!("`{term}`: a wildcard needs at least 3 letters before `*`")));
        }
        if pattern(term, false, &|word| Cow::Owned(word.into_owned())).is_none() {
            return Err(row.error(0, format!("`{term}` has no word to match")));
        }
        let dimension = row.field(1);
        if dimension.is_empty() || !dimension.chars().all(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            return Err(row.error(1, format!("dimension `{dimension}` must be a single word (letters, digits, `_`)")));
        }
        let weight = row.number(2)?;
        if !(-1.0..=1.0).contains(&weight) {
            return Err(row.error(2, format!("weight `{}` is outside -1..1", row.field(2))));
        }
        let language = match row.field(3) {
            "" | "*" => None,
            code => Some(code.parse().map_err(|e: String| row.error(3, e))?),
        };
        let (mut case_sensitive, mut replace) = (false, false);
        for flag in row.field(4).split(',').map(str::trim).filter(|f| !f.is_empty()) {
            match flag {
                "case" => case_sensitive = true,
                "replace" => replace = true,
                other => return Err(row.error(4, format!("unknown flag `{other}` (expected `case` or `replace`)"))),
            }
        }
        let key = (term.to_lowercase(), dimension.to_string(), language);
        if let Some(first) = lines_of.get(&key) {
            warnings.push(LexiconWarning {
                file: file.to_string(),
                line: row.line(),
                message: format!("`{term}` → {dimension} is already defined on line {first}; this line adds to it"),
            });
        } else {
            lines_of.insert(key, row.line());
        }
        entries.push(UserEntry {
            term: term.to_string(),
            dimension: dimension.to_string(),
            weight: weight as f32,
            language,
            case_sensitive,
            replace,
        });
    }
    Ok((entries, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::tokenize;

    /// The embedded tables, loaded row after row with the rows of a term together, equal the
    /// readable files loaded through the general path, which looks every pattern up: so no
    /// two terms of a file share a pattern, and grouping changed nothing.
    #[test]
    fn builtin_tables_load_as_the_general_path_would() {
        let lexicons = crate::lexicon::Lexicons::builtin();
        let (emotions, tones, formality) = (&lexicons.emotions, &lexicons.tones, &lexicons.formality);
        let tables = [
            ("emotions/fr", "emotion", &emotions.fr),
            ("emotions/en", "emotion", &emotions.en),
            ("emotions/emoji", "emotion", &emotions.emoji),
            ("tones/fr", "tone", &tones.fr),
            ("tones/en", "tone", &tones.en),
            ("tones/emoji", "tone", &tones.emoji),
            ("tones/formality-fr", "register", &formality.fr),
            ("tones/formality-en", "register", &formality.en),
        ];
        for (name, column, embedded) in tables {
            let path = format!("{}/lexicons/{name}.tsv", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap();
            let general = DimensionTable::load_general(&path, &text, column).unwrap();
            let sorted = |t: &DimensionTable| {
                let mut names = t.names.clone();
                names.sort();
                names
            };
            assert_eq!(sorted(embedded), sorted(&general), "{path}");
            let weights = |t: &DimensionTable, e: &Entry| -> Vec<(String, u32)> {
                e.weights.iter().map(|&(d, w)| (t.names[d].clone(), w.to_bits())).collect()
            };
            assert_eq!(embedded.entries.len(), general.entries.len(), "{path}");
            for (a, b) in embedded.entries.iter().zip(&general.entries) {
                assert_eq!(a.pattern, b.pattern, "{path}");
                assert_eq!(weights(embedded, a), weights(&general, b), "{path}: {:?}", a.pattern.tokens);
            }
            assert_eq!(embedded.by_first, general.by_first, "{path}");
            assert_eq!(embedded.wildcards, general.wildcards, "{path}");
        }
    }

    fn table() -> DimensionTable {
        let mut t = DimensionTable::default();
        t.add("dernière chance", "urgency", 0.9, false, false);
        t.add("plus que <number> h", "urgency", 0.8, false, false);
        t.add("sécuris*", "trust", 0.6, false, false);
        t.add("Made in France", "trust", 0.7, true, false);
        t.add("chance", "joy", 0.3, false, false);
        t
    }

    fn matched(t: &DimensionTable, text: &str, at: usize) -> Vec<(usize, Vec<(String, f32)>)> {
        let tokens = tokenize(text, &[], &|_| false);
        t.matches_at(text, &tokens, at, &HashSet::default())
            .into_iter()
            .map(|m| (m.len, m.weights.iter().map(|(d, w)| (t.names()[*d].clone(), *w)).collect()))
            .collect()
    }

    #[test]
    fn phrases_placeholders_wildcards_and_case() {
        let t = table();
        assert_eq!(matched(&t, "Dernière chance !", 0), vec![(2, vec![("urgency".into(), 0.9)])]);
        assert_eq!(matched(&t, "Plus que 24 h", 0), vec![(4, vec![("urgency".into(), 0.8)])]);
        assert_eq!(matched(&t, "paiement sécurisé", 1), vec![(1, vec![("trust".into(), 0.6)])]);
        assert_eq!(matched(&t, "Made in France", 0).len(), 1);
        assert!(matched(&t, "made in france", 0).is_empty(), "case-sensitive entry");
        assert_eq!(matched(&t, "derniere chance", 0).len(), 1, "accents may be missing");
    }

    #[test]
    fn replace_overrides_the_builtin_weight() {
        let mut t = table();
        t.add("chance", "joy", 0.8, false, true);
        assert_eq!(matched(&t, "chance", 0), vec![(1, vec![("joy".into(), 0.8)])]);
    }

    #[test]
    fn user_format_errors_and_warnings() {
        let good = "# emotics-dimensions 1\nterm\tdimension\tweight\tlang\tflags\nconfiance\ttrust\t0.8\tfr\t\nsécuris*\ttrust\t0.6\tfr\nconfiance\ttrust\t0.2\tfr\n";
        let (entries, warnings) = parse_user("brand.tsv", good).unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].to_string(),
            "brand.tsv:5: warning: `confiance` → trust is already defined on line 3; this line adds to it"
        );
        for (bad, line, column, needle) in [
            ("term\tdimension\tweight\nx\ttrust\t2\n", 2, 9, "outside -1..1"),
            ("term\tdimension\tweight\tlang\nx\ttrust\t0.5\tde\n", 2, 13, "unknown language"),
            ("term\tdimension\tweight\tlang\tflags\nx\ttrust\t0.5\tfr\tbold\n", 2, 16, "unknown flag `bold`"),
            ("term\tdimension\tweight\nab*\ttrust\t0.5\n", 2, 1, "at least 3 letters"),
            ("term\tdimension\tweight\na*b\ttrust\t0.5\n", 2, 1, "only allowed at the end"),
            ("term\tdimension\tweight\nx\tmy trust\t0.5\n", 2, 3, "single word"),
            ("# emotics-dimensions 2\nterm\tdimension\tweight\n", 1, 1, "unsupported format version"),
        ] {
            let error = parse_user("brand.tsv", bad).unwrap_err();
            assert_eq!((error.line, error.column), (line, column), "{bad:?}: {error}");
            assert!(error.message.contains(needle), "{error}");
        }
    }
}
