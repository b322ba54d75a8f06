//! French tu ↔ vous rewrites of simple sentences, for tone suggestions that aim at a register
//! (`register = vous`, `formality >= 0.6`; `register = tu`, `formality <= 0.4`).
//!
//! A rewrite changes the pronouns (tu/t' ↔ vous as subject, te/t' ↔ vous as object or
//! reflexive, toi ↔ vous after a preposition or a hyphen, ton/ta ↔ votre, tes ↔ vos, le tien ↔
//! le vôtre…), the verb of a tu or vous subject (present indicative, inverted questions
//! included: « peux-tu » ↔ « pouvez-vous ») and the imperatives that start a clause
//! (« Profite » ↔ « Profitez », « profites-en » ↔ « profitez-en », « N'hésite pas » ↔
//! « N'hésitez pas », « Inscris-toi » ↔ « Inscrivez-vous »). Verbs are those of
//! `lexicons/register-fr.tsv`: irregular ones by their forms, regular -er verbs by rule.
//! Capitals and the message's apostrophe style (’ or ') are kept.
//!
//! Only simple sentences are rewritten: whenever a form is unknown or ambiguous — a verb not
//! in the table or in another tense, a subjunctive after « que », a `vous` whose role cannot be
//! told, a `vous` that may address several people (« tous », « chers clients », a plural
//! participle), the gender a `votre` needs, an imperative that may be a noun (« Offre
//! spéciale ») — there is no rewrite at all rather than a wrong one.
//!
//! English has no tu/vous distinction: English messages have nothing to rewrite, and
//! suggestions ask for a rewrite of French messages only.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::tables::{RegisterRow, register_rows};
use super::{Edit, EditKind, FixClass};
use crate::Language;
use crate::report::Report;
use crate::text::span::Utf16Index;
use crate::tone::rules::Register;
use crate::tone::targets::{Dimension, Miss, Target};

/// Which way to rewrite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Address the reader as vous.
    ToVous,
    /// Address the reader as tu.
    ToTu,
}

/// One replacement of the message as written: its byte range and new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The replacements, in text order, that rewrite `text` addressing the reader the other way;
/// `None` when there is nothing to rewrite or some form cannot be decided.
pub fn rewrite(text: &str, direction: Direction) -> Option<Vec<Replacement>> {
    let message = Message::new(text);
    let mut rewriter =
        Rewriter { m: &message, table: table(), done: vec![false; message.words.len()], out: Vec::new() };
    match direction {
        Direction::ToVous => rewriter.toward_vous()?,
        Direction::ToTu => rewriter.toward_tu()?,
    }
    let mut out = rewriter.out;
    out.sort_by_key(|r| r.start);
    // each word is replaced once; a replacement that overlaps another would be a bug, not a rewrite
    if out.windows(2).any(|w| w[1].start < w[0].end) {
        return None;
    }
    // the rewrite is complete: none of the other register's words is left
    let rewritten = apply(text, &out);
    let left = if direction == Direction::ToVous { TU_WORDS } else { VOUS_WORDS };
    let after = Message::new(&rewritten);
    let clean = (0..after.words.len())
        .all(|i| !left.contains(&after.lower[i].as_str()) || after.lower[i] == "t" && !after.elided(i));
    (!out.is_empty() && clean).then_some(out)
}

/// The rewrite a suggestion may make for `targets`, as one edit from the first word changed to
/// the last: toward vous for `register = vous` or a formality target missed from below,
/// toward tu for `register = tu` or one missed from above. None for an English message, a
/// message without such a target, or one this module cannot rewrite.
pub fn edits(text: &str, targets: &[Target], before: &Report) -> Option<Edit> {
    if before.language != Language::Fr {
        return None;
    }
    let direction = targets.iter().find_map(|t| match (&t.dimension, t.miss(t.dimension.value(before))) {
        (Dimension::Register(Register::Vous), Some(_)) => Some(Direction::ToVous),
        (Dimension::Register(_), Some(_)) => Some(Direction::ToTu),
        (Dimension::Tone(name), Some(Miss::Below(..))) if name == "formality" => Some(Direction::ToVous),
        (Dimension::Tone(name), Some(Miss::Above(..))) if name == "formality" => Some(Direction::ToTu),
        _ => None,
    })?;
    let replacements = rewrite(text, direction)?;
    let (start, end) = (replacements.first()?.start, replacements.last()?.end);
    let shifted: Vec<Replacement> = replacements
        .iter()
        .map(|r| Replacement { start: r.start - start, end: r.end - start, text: r.text.clone() })
        .collect();
    let description = match direction {
        Direction::ToVous => "addressed as vous",
        Direction::ToTu => "addressed as tu",
    };
    Some(Edit {
        text: text[start..end].to_string(),
        span: Utf16Index::new(text).span(start, end),
        replacement: apply(&text[start..end], &shifted),
        class: FixClass::Lossy,
        kind: EditKind::Register,
        description: description.to_string(),
    })
}

/// `text` with `replacements` (in text order, not overlapping) applied.
pub fn apply(text: &str, replacements: &[Replacement]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for r in replacements {
        out.push_str(&text[at..r.start]);
        out.push_str(&r.text);
        at = r.end;
    }
    out + &text[at..]
}

const TU_WORDS: &[&str] = &["tu", "t", "te", "toi", "ton", "ta", "tes", "tien", "tienne", "tiennes"];
const VOUS_WORDS: &[&str] = &["vous", "votre", "vos", "vôtre", "vôtres"];
/// Pronouns that may stand between a subject or `ne` and its verb.
const CLITICS: &[&str] =
    &["le", "la", "les", "l", "lui", "leur", "y", "en", "me", "m", "te", "t", "nous", "vous", "se", "s"];
/// Subjects other than tu and vous: a `vous` after them is an object.
const SUBJECTS: &[&str] = &["je", "j", "nous", "il", "elle", "on", "ils", "elles"];
/// After these, `vous` is stressed (« pour vous » → « pour toi »), unless an infinitive
/// follows (« pour vous inscrire » → « pour t'inscrire »).
const PREPOSITIONS: &[&str] = &[
    "à", "de", "pour", "avec", "chez", "sans", "par", "entre", "contre", "sur", "selon", "envers", "après", "avant",
    "comme", "sauf", "vers",
];
/// Words that start a clause after them (« et profite », « alors profitez »).
const CONJUNCTIONS: &[&str] = &["et", "ou", "puis", "alors", "mais", "donc"];
/// What follows an imperative that is also a noun when it is read as a verb (« Offre-toi »,
/// « Commande ta box », « Réserve vite »).
const VERB_CONTEXT: &[&str] = &[
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "du",
    "ton",
    "ta",
    "tes",
    "votre",
    "vos",
    "ce",
    "cet",
    "cette",
    "ces",
    "nos",
    "notre",
    "vite",
    "dès",
    "maintenant",
    "ici",
    "tout",
    "tous",
    "toutes",
    "en",
    "y",
    "à",
    "au",
    "aux",
    "dans",
    "sur",
    "avant",
    "pendant",
    "jusqu",
    "sans",
    "ta",
    "moi",
    "nous",
];
/// Adverbs between `êtes` and its attribute.
const ADVERBS: &[&str] =
    &["pas", "plus", "bien", "déjà", "très", "toujours", "vraiment", "désormais", "maintenant", "encore"];

/// The verbs, genders and plural markers of `lexicons/register-fr.tsv`, indexed by form.
struct Table {
    verbs: Vec<Verb>,
    /// Present tu, present vous, imperative tu, imperative vous → verb.
    by_form: [HashMap<String, usize>; 4],
    infinitives: HashMap<String, usize>,
    /// Other present forms, and the -er verbs' other forms.
    other_forms: Vec<&'static str>,
    genders: HashMap<&'static str, bool>,
    plurals: Vec<&'static str>,
}

struct Verb {
    /// Present tu, present vous, imperative tu, imperative vous.
    forms: [Option<String>; 4],
    /// Its tu imperative is also a noun.
    noun: bool,
    regular_stem: Option<&'static str>,
}

const PRESENT_TU: usize = 0;
const PRESENT_VOUS: usize = 1;
const IMPERATIVE_TU: usize = 2;
const IMPERATIVE_VOUS: usize = 3;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Table {
            verbs: Vec::new(),
            by_form: Default::default(),
            infinitives: HashMap::new(),
            other_forms: Vec::new(),
            genders: HashMap::new(),
            plurals: Vec::new(),
        };
        for row in register_rows() {
            let (infinitive, verb) = match row {
                RegisterRow::Er { infinitive, noun } => {
                    let stem = &infinitive[..infinitive.len() - 2];
                    let forms = ["es", "ez", "e", "ez"].map(|ending| Some(format!("{stem}{ending}")));
                    (*infinitive, Verb { forms, noun: *noun, regular_stem: Some(stem) })
                }
                RegisterRow::Verb { infinitive, forms, noun } => {
                    (*infinitive, Verb { forms: forms.map(|f| f.map(str::to_string)), noun: *noun, regular_stem: None })
                }
                RegisterRow::Gender { word, feminine } => {
                    table.genders.insert(word, *feminine);
                    continue;
                }
                RegisterRow::Form(word) => {
                    table.other_forms.push(word);
                    continue;
                }
                RegisterRow::Plural(word) => {
                    table.plurals.push(word);
                    continue;
                }
            };
            let k = table.verbs.len();
            for (slot, form) in verb.forms.iter().enumerate() {
                if let Some(form) = form {
                    table.by_form[slot].entry(form.clone()).or_insert(k);
                }
            }
            table.infinitives.insert(infinitive.to_string(), k);
            table.verbs.push(verb);
        }
        table
    })
}

impl Table {
    fn verb(&self, slot: usize, form: &str) -> Option<&Verb> {
        self.by_form[slot].get(form).map(|&k| &self.verbs[k])
    }

    /// `form` of a verb as `slot`, turned into the form of `to`.
    fn convert(&self, slot: usize, form: &str, to: usize) -> Option<&str> {
        self.verb(slot, form)?.forms[to].as_deref()
    }

    fn is_infinitive(&self, word: &str) -> bool {
        self.infinitives.contains_key(word)
    }

    /// A present form of a listed verb that is neither tu's nor vous's (« offrons »,
    /// « attend », « propose »), or a participle of a listed -er verb.
    fn is_other_form(&self, word: &str) -> bool {
        self.other_forms.contains(&word)
            || ["e", "ent", "ons", "é", "ée", "és", "ées"].iter().any(|ending| {
                word.strip_suffix(ending).is_some_and(|stem| {
                    self.infinitives.get(&format!("{stem}er")).is_some_and(|&k| self.verbs[k].regular_stem.is_some())
                })
            })
    }
}

/// The words of a message (runs of letters and digits) and what separates them.
struct Message<'a> {
    text: &'a str,
    words: Vec<(usize, usize)>,
    lower: Vec<String>,
}

impl<'a> Message<'a> {
    fn new(text: &'a str) -> Self {
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            words.push((s, text.len()));
        }
        let lower = words.iter().map(|&(s, e)| text[s..e].to_lowercase()).collect();
        Message { text, words, lower }
    }

    fn word(&self, i: usize) -> &'a str {
        &self.text[self.words[i].0..self.words[i].1]
    }

    fn lower(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    fn gap_before(&self, i: usize) -> &'a str {
        let from = if i == 0 { 0 } else { self.words[i - 1].1 };
        &self.text[from..self.words[i].0]
    }

    fn gap_after(&self, i: usize) -> &'a str {
        let to = self.words.get(i + 1).map_or(self.text.len(), |w| w.0);
        &self.text[self.words[i].1..to]
    }

    /// Word `i` is elided: `t'`, `n'`, `l'`, `qu'`.
    fn elided(&self, i: usize) -> bool {
        matches!(self.gap_after(i), "'" | "’") && i + 1 < self.words.len()
    }

    /// Word `i` and the next are joined by a hyphen (« profite-en », « peux-tu »).
    fn hyphen_after(&self, i: usize) -> bool {
        self.gap_after(i) == "-" && i + 1 < self.words.len()
    }

    fn hyphen_before(&self, i: usize) -> bool {
        i > 0 && self.hyphen_after(i - 1)
    }

    /// A clause starts at word `i`: the message's start, punctuation or a symbol before it,
    /// or a coordinating word (« et profite »).
    fn clause_start(&self, i: usize) -> bool {
        let boundary = |c: char| ".!?…:;,()\"«»–—\n\r".contains(c) || (c as u32 >= 0x2190 && !c.is_alphanumeric());
        i == 0
            || self.gap_before(i).chars().any(boundary)
            || (CONJUNCTIONS.contains(&self.lower(i - 1)) && self.gap_before(i).trim().is_empty())
    }

    /// Word `i` stands where an imperative does: at a clause's start, after `ne` and its
    /// pronouns if any (« Ne t'inquiète pas »).
    fn imperative_position(&self, i: usize) -> bool {
        let (mut k, mut negated, mut pronoun) = (i, false, false);
        while k > 0 && !self.clause_start(k) {
            let previous = self.lower(k - 1);
            if previous == "ne" || (previous == "n" && self.elided(k - 1)) {
                negated = true;
            } else if CLITICS.contains(&previous) {
                pronoun = true;
            } else {
                break;
            }
            k -= 1;
        }
        self.clause_start(k) && (negated || !pronoun)
    }

    /// The sentence of word `i` ends with a question mark.
    fn question(&self, i: usize) -> bool {
        self.text[self.words[i].1..].chars().find(|c| ".!?…\n".contains(*c)) == Some('?')
    }

    /// Word `i` begins with a vowel or a mute h: `te` becomes `t'` before it.
    fn vowel_start(&self, i: usize) -> bool {
        self.lower(i).starts_with(|c: char| "aàâeéèêëiîïoôuûùyh".contains(c))
    }

    /// The message's apostrophe: typographic when it has one.
    fn apostrophe(&self) -> char {
        if self.text.contains('’') { '’' } else { '\'' }
    }

    /// The next word from `i` that is not `ne` or a pronoun before a verb, with the
    /// pronouns `vous` met on the way.
    fn verb_after(&self, mut i: usize) -> (Option<usize>, Vec<usize>) {
        let mut pronouns = Vec::new();
        while i < self.words.len() {
            let word = self.lower(i);
            if word == "ne" || (word == "n" && self.elided(i)) || CLITICS.contains(&word) {
                pronouns.push(i);
                i += 1;
            } else {
                return (Some(i), pronouns);
            }
        }
        (None, pronouns)
    }
}

/// `replacement` written with the capitals of `original`.
fn cased(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    let mut chars = replacement.chars();
    match (original.chars().next(), chars.next()) {
        (Some(o), Some(first)) if o.is_uppercase() => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

struct Rewriter<'a> {
    m: &'a Message<'a>,
    table: &'static Table,
    done: Vec<bool>,
    out: Vec<Replacement>,
}

impl Rewriter<'_> {
    /// Replaces word `i` by `replacement` (written with its capitals).
    fn set(&mut self, i: usize, replacement: &str) {
        let (start, end) = self.m.words[i];
        self.out.push(Replacement { start, end, text: cased(self.m.word(i), replacement) });
        self.done[i] = true;
    }

    /// Replaces words `i` to `j` and what is between them.
    fn set_span(&mut self, i: usize, j: usize, replacement: &str) {
        let (start, end) = (self.m.words[i].0, self.m.words[j].1);
        self.out.push(Replacement { start, end, text: cased(self.m.word(i), replacement) });
        self.done[i..=j].iter_mut().for_each(|d| *d = true);
    }

    /// Object `vous` → `te`, elided before a vowel (« vous offrons » → « t'offrons »).
    fn object_te(&mut self, i: usize) {
        let next = i + 1;
        if next < self.m.words.len() && self.m.vowel_start(next) && self.m.gap_after(i) == " " {
            let (start, end) = (self.m.words[i].0, self.m.words[next].0);
            let text = cased(self.m.word(i), &format!("t{}", self.m.apostrophe()));
            self.out.push(Replacement { start, end, text });
            self.done[i] = true;
        } else {
            self.set(i, "te");
        }
    }

    /// The imperative `form` at word `i` turned into `to` (`IMPERATIVE_VOUS` or
    /// `IMPERATIVE_TU`), with the `s` a tu imperative takes before `-en` and `-y`.
    fn imperative(&self, i: usize, form: &str, from: usize, to: usize) -> Option<Option<String>> {
        let before_en = self.m.hyphen_after(i) && matches!(self.m.lower(i + 1), "en" | "y");
        let bare = if from == IMPERATIVE_TU && before_en { form.strip_suffix('s').unwrap_or(form) } else { form };
        let Some(verb) = self.table.verb(from, bare) else { return Some(None) };
        if verb.noun && from == IMPERATIVE_TU {
            let negated = i > 0 && matches!(self.m.lower(i - 1), "ne" | "n");
            let verb_like = self.m.hyphen_after(i) || negated || VERB_CONTEXT.contains(&self.m.lower(i + 1));
            if !verb_like {
                // « Offre spéciale » or « Offre-la » cannot be told apart here
                return None;
            }
        }
        let mut out = verb.forms[to].clone()?;
        if to == IMPERATIVE_TU && before_en && (out.ends_with('e') || out == "va") {
            out.push('s');
        }
        Some(Some(out))
    }

    fn toward_vous(&mut self) -> Option<()> {
        let m = self.m;
        for i in 0..m.words.len() {
            if self.done[i] {
                continue;
            }
            let word = m.lower(i);
            // an inverted question: « peux-tu » → « pouvez-vous »
            if m.hyphen_after(i) && m.lower(i + 1) == "tu" {
                let form = self.table.convert(PRESENT_TU, word, PRESENT_VOUS)?;
                self.set(i, form);
                self.set(i + 1, "vous");
                continue;
            }
            match word {
                "tu" => {
                    // « pour que tu profites » is a subjunctive (« que vous profitiez »);
                    // « ce que tu aimes » is not
                    let after_que = i > 0 && matches!(m.lower(i - 1), "que" | "qu");
                    if after_que && !(i > 1 && m.lower(i - 2) == "ce") {
                        return None;
                    }
                    self.set(i, "vous");
                    let (verb, _) = m.verb_after(i + 1);
                    let verb = verb?;
                    let form = self.table.convert(PRESENT_TU, m.lower(verb), PRESENT_VOUS)?;
                    self.set(verb, form);
                }
                "t" if m.elided(i) => {
                    if m.hyphen_before(i) {
                        return None; // « va-t'en »
                    }
                    let next = m.lower(i + 1);
                    let subject = matches!(next, "as" | "es") && !(i > 0 && m.lower(i - 1) == "tu");
                    if subject {
                        // informal « t'as », « t'es »: « vous avez », « vous êtes »
                        let form = self.table.convert(PRESENT_TU, next, PRESENT_VOUS)?;
                        self.set_span(i, i + 1, &format!("vous {form}"));
                    } else {
                        let (start, end) = (m.words[i].0, m.words[i + 1].0);
                        self.out.push(Replacement { start, end, text: cased(m.word(i), "vous ") });
                        self.done[i] = true;
                    }
                }
                "te" | "toi" => self.set(i, "vous"),
                "ton" | "ta" => self.set(i, "votre"),
                "tes" => self.set(i, "vos"),
                "tien" | "tienne" | "tiens" | "tiennes" if i > 0 && matches!(m.lower(i - 1), "le" | "la" | "les") => {
                    self.set(i, if m.lower(i - 1) == "les" { "vôtres" } else { "vôtre" });
                }
                "tien" | "tienne" | "tiennes" => return None,
                _ if m.imperative_position(i) => {
                    if let Some(form) = self.imperative(i, word, IMPERATIVE_TU, IMPERATIVE_VOUS)? {
                        self.set(i, &form);
                    }
                }
                _ => {}
            }
        }
        Some(())
    }

    fn toward_tu(&mut self) -> Option<()> {
        let m = self.m;
        if m.lower.iter().any(|w| self.table.plurals.contains(&w.as_str())) {
            return None;
        }
        for i in 0..m.words.len() {
            if self.done[i] {
                continue;
            }
            let word = m.lower(i);
            if m.hyphen_after(i) && m.lower(i + 1) == "vous" {
                if m.question(i) {
                    // « Pouvez-vous » → « Peux-tu »
                    let form = self.table.convert(PRESENT_VOUS, word, PRESENT_TU)?;
                    self.set(i, form);
                    self.set(i + 1, "tu");
                } else {
                    // « Inscrivez-vous » → « Inscris-toi »; « allez-vous-en » is left alone
                    if !m.imperative_position(i) || m.hyphen_after(i + 1) {
                        return None;
                    }
                    let form = self.imperative(i, word, IMPERATIVE_VOUS, IMPERATIVE_TU)??;
                    self.set(i, &form);
                    self.set(i + 1, "toi");
                }
                continue;
            }
            match word {
                "vous" => self.vous(i)?,
                "votre" => {
                    let next = i + 1;
                    if next >= m.words.len() {
                        return None;
                    }
                    let feminine = if m.vowel_start(next) { false } else { self.feminine(m.lower(next))? };
                    self.set(i, if feminine { "ta" } else { "ton" });
                }
                "vos" => self.set(i, "tes"),
                "vôtre" => match m.lower(i.wrapping_sub(1)) {
                    "le" => self.set(i, "tien"),
                    "la" => self.set(i, "tienne"),
                    _ => return None,
                },
                "vôtres" => return None,
                _ => {
                    let imperative = self.table.verb(IMPERATIVE_VOUS, word).is_some();
                    if imperative && m.imperative_position(i) {
                        let form = self.imperative(i, word, IMPERATIVE_VOUS, IMPERATIVE_TU)??;
                        self.set(i, &form);
                    } else if imperative || self.table.verb(PRESENT_VOUS, word).is_some() {
                        // a vous form without its subject: cannot be told
                        return None;
                    }
                }
            }
        }
        Some(())
    }

    /// The gender of a word after `votre`: the table's, else a sure ending.
    fn feminine(&self, word: &str) -> Option<bool> {
        if let Some(&feminine) = self.table.genders.get(word) {
            return Some(feminine);
        }
        if word.ends_with("tion") || word.ends_with("sion") {
            return Some(true);
        }
        word.ends_with("ment").then_some(false)
    }

    /// `vous` at word `i`, as subject, object or stressed pronoun.
    fn vous(&mut self, i: usize) -> Option<()> {
        let m = self.m;
        if m.hyphen_before(i) {
            // « vous » joined to a word not handled as an imperative or a question
            return None;
        }
        if m.hyphen_after(i) {
            return match m.lower(i + 1) {
                "même" => {
                    self.set(i, "toi");
                    Some(())
                }
                _ => None,
            };
        }
        let previous = if i > 0 { m.lower(i - 1) } else { "" };
        let next = m.lower(i + 1);
        if PREPOSITIONS.contains(&previous) {
            if self.table.is_infinitive(next) {
                self.object_te(i);
            } else if next.ends_with("er") || next.ends_with("ir") || next.ends_with("re") || next.ends_with("oir") {
                return None; // perhaps an infinitive the table does not know
            } else {
                self.set(i, "toi");
            }
            return Some(());
        }
        // subject: « vous (ne) (vous) profitez »; after `ne` it is an object (« Ne vous
        // inquiétez pas » is an imperative)
        let (verb, pronouns) = m.verb_after(i + 1);
        if let Some(verb) = verb
            && !matches!(previous, "ne" | "n")
            && let Some(form) = self.table.convert(PRESENT_VOUS, m.lower(verb), PRESENT_TU)
        {
            let subject_before = SUBJECTS.contains(&previous);
            if !subject_before {
                self.set(i, "tu");
                for &p in &pronouns {
                    if m.lower(p) == "vous" {
                        self.object_te(p);
                    }
                }
                self.set(verb, form);
                if matches!(m.lower(verb), "êtes" | "soyez") && self.plural_attribute(verb + 1) {
                    return None;
                }
                if m.lower(verb) == "avez" && m.lower(verb + 1) == "été" && self.plural_attribute(verb + 2) {
                    return None;
                }
                return Some(());
            }
        }
        let object = SUBJECTS.contains(&previous)
            || matches!(previous, "ne" | "n")
            || self.table.is_other_form(next)
            || self.table.is_infinitive(next);
        if object {
            // « nous vous avons choisis »: the participle agrees with a vous that may be plural
            if matches!(next, "a" | "ai" | "avons" | "ont") && self.plural_attribute(i + 2) {
                return None;
            }
            self.object_te(i);
            return Some(());
        }
        // stressed at the end of a clause: « Et vous ? »
        let ends = i + 1 == m.words.len() || m.gap_after(i).chars().any(|c| ".!?…,;:".contains(c));
        if ends {
            self.set(i, "toi");
            return Some(());
        }
        None
    }

    /// The attribute or participle from word `i` (after adverbs) may be plural.
    fn plural_attribute(&self, mut i: usize) -> bool {
        while ADVERBS.contains(&self.m.lower(i)) {
            i += 1;
        }
        let word = self.m.lower(i);
        word.len() > 2 && (word.ends_with('s') || word.ends_with('x'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(text: &str, direction: Direction) -> Option<String> {
        rewrite(text, direction).map(|r| apply(text, &r))
    }

    #[test]
    fn capitals_and_apostrophes_are_kept() {
        assert_eq!(cased("TON", "votre"), "VOTRE");
        assert_eq!(cased("Ton", "votre"), "Votre");
        assert_eq!(cased("T", "vous "), "Vous ");
        assert_eq!(rewritten("Nous vous offrons l’accès", Direction::ToTu).as_deref(), Some("Nous t’offrons l’accès"));
        assert_eq!(rewritten("Nous vous offrons l'accès", Direction::ToTu).as_deref(), Some("Nous t'offrons l'accès"));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let odd = [
            "t'",
            "t’",
            "-tu",
            "tu-",
            "vous-",
            "-vous",
            "Tu",
            "vous",
            "votre",
            "le vôtre",
            "peux-tu",
            "t'as",
            "Ne",
            "n'",
            "TU ES",
            "tu tu tu",
            "vous vous vous",
            "Inscris-toi-",
            "İ tu peux",
            "toi\u{301} tu",
            "😀tu",
        ];
        for text in odd {
            for direction in [Direction::ToVous, Direction::ToTu] {
                if let Some(r) = rewrite(text, direction) {
                    assert!(!apply(text, &r).is_empty());
                }
            }
        }
    }

    #[test]
    fn nothing_to_rewrite_is_none() {
        assert_eq!(rewritten("Soldes d'hiver : -50 %", Direction::ToVous), None);
        assert_eq!(rewritten("Vous profitez de -20 %", Direction::ToVous), None);
        assert_eq!(rewritten("", Direction::ToTu), None);
    }
}
