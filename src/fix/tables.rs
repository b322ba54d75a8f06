//! The data of the fit plan: character repairs (`data/fix/characters.tsv`) and shorter forms
//! (`data/fix/abbreviations.tsv`); of tone suggestions: the substitution bank
//! (`lexicons/substitutions.tsv`) and the French tu ↔ vous table (`lexicons/register-fr.tsv`).
//! Embedded and read once.

use std::sync::OnceLock;

use super::FixClass;
use crate::lang::Language;

/// What replaces a character that GSM-7 lacks, and whether that keeps the meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub replacement: String,
    pub class: FixClass,
    /// The character's Unicode name, as findings and edits show it.
    pub name: &'static str,
}

/// A shorter form of a phrase in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Abbreviation {
    pub language: Language,
    pub phrase: &'static str,
    pub short: &'static str,
}

/// The alternatives of a phrase in one language (the substitution bank).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substitution {
    pub language: Language,
    pub phrase: &'static str,
    pub alternatives: Vec<&'static str>,
}

/// A row of the French tu ↔ vous table (`lexicons/register-fr.tsv`).
#[cfg(feature = "rewrite")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterRow {
    /// A regular -er verb by its infinitive; `noun` when its tu imperative is also a noun.
    Er { infinitive: &'static str, noun: bool },
    /// An irregular verb: present tu, present vous, imperative tu, imperative vous (`None`:
    /// no imperative).
    Verb { infinitive: &'static str, forms: [Option<&'static str>; 4], noun: bool },
    /// The gender of a word that may follow `votre` (`true`: feminine).
    Gender { word: &'static str, feminine: bool },
    /// Another present form of a listed verb, neither tu nor vous.
    Form(&'static str),
    /// A word that says `vous` addresses several people.
    Plural(&'static str),
}

#[cfg(feature = "rewrite")]
static REGISTER: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons-register-fr.tsv"));
static SUBSTITUTIONS: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons-substitutions.tsv"));
static CHARACTERS: &str = include_str!(concat!(env!("OUT_DIR"), "/data-fix-characters.tsv"));
static ABBREVIATIONS: &str = include_str!(concat!(env!("OUT_DIR"), "/data-fix-abbreviations.tsv"));

/// The repair of `c`, if the table has one.
pub fn repair(c: char) -> Option<&'static Repair> {
    static TABLE: OnceLock<Vec<(char, Repair)>> = OnceLock::new();
    let table = loaded(&TABLE, CHARACTERS, parse_characters);
    table.binary_search_by_key(&c, |(k, _)| *k).ok().map(|i| &table[i].1)
}

/// The shorter forms of the phrases of `language`, longest phrase first.
pub fn abbreviations(language: Language) -> impl Iterator<Item = &'static Abbreviation> {
    static TABLE: OnceLock<Vec<Abbreviation>> = OnceLock::new();
    loaded(&TABLE, ABBREVIATIONS, parse_abbreviations).iter().filter(move |a| a.language == language)
}

/// The substitution bank's phrases of `language`.
pub fn substitutions(language: Language) -> impl Iterator<Item = &'static Substitution> {
    static TABLE: OnceLock<Vec<Substitution>> = OnceLock::new();
    loaded(&TABLE, SUBSTITUTIONS, parse_substitutions).iter().filter(move |s| s.language == language)
}

/// The rows of the French tu ↔ vous table.
#[cfg(feature = "rewrite")]
pub fn register_rows() -> &'static [RegisterRow] {
    static TABLE: OnceLock<Vec<RegisterRow>> = OnceLock::new();
    loaded(&TABLE, REGISTER, parse_register)
}

/// An embedded table, read at its first use.
fn loaded<T>(
    cell: &'static OnceLock<Vec<T>>,
    text: &'static str,
    parse: fn(&'static str) -> Result<Vec<T>, String>,
) -> &'static [T] {
    cell.get_or_init(|| {
        // every embedded table is read by the test suite
        #[allow(clippy::expect_used)]
        parse(text).expect("the embedded tables are checked by the test suite")
    })
}

fn parse_substitutions(text: &'static str) -> Result<Vec<Substitution>, String> {
    let mut table = Vec::new();
    for (line, fields) in rows(text) {
        let [language, phrase, alternatives] = fields[..] else {
            return Err(format!("substitutions.tsv:{line}: expected 3 columns"));
        };
        let language = language.parse().map_err(|_| format!("substitutions.tsv:{line}: unknown language"))?;
        let alternatives: Vec<&str> = alternatives.split('|').map(str::trim).filter(|a| !a.is_empty()).collect();
        if alternatives.is_empty() || phrase.trim().is_empty() {
            return Err(format!("substitutions.tsv:{line}: a phrase and at least one alternative"));
        }
        table.push(Substitution { language, phrase, alternatives });
    }
    Ok(table)
}

#[cfg(feature = "rewrite")]
fn parse_register(text: &'static str) -> Result<Vec<RegisterRow>, String> {
    let mut table = Vec::new();
    for (line, fields) in rows(text) {
        let (kind, word, value) = match fields[..] {
            [kind, word] => (kind, word, ""),
            [kind, word, value] => (kind, word, value),
            _ => return Err(format!("register-fr.tsv:{line}: expected 2 or 3 columns")),
        };
        if word.is_empty() || word.chars().any(|c| !c.is_alphabetic() && c != '-') {
            return Err(format!("register-fr.tsv:{line}: `{word}` is not a word"));
        }
        let noun = |value: &str| match value {
            "" => Ok(false),
            "noun" => Ok(true),
            other => Err(format!("register-fr.tsv:{line}: unknown flag `{other}` (expected `noun` or nothing)")),
        };
        table.push(match kind {
            "er" if word.ends_with("er") => RegisterRow::Er { infinitive: word, noun: noun(value)? },
            "verb" => {
                let parts: Vec<&'static str> = value.split('|').collect();
                let (forms, flag) = match parts[..] {
                    [a, b, c, d] => ([a, b, c, d], ""),
                    [a, b, c, d, flag] => ([a, b, c, d], flag),
                    _ => {
                        return Err(format!(
                            "register-fr.tsv:{line}: four forms separated by `|`, then `noun` or nothing"
                        ));
                    }
                };
                let forms = forms.map(|f| (!f.is_empty() && f != "-").then_some(f));
                let noun = noun(flag)?;
                if forms[0].is_none() || forms[1].is_none() || forms[2].is_none() != forms[3].is_none() {
                    return Err(format!("register-fr.tsv:{line}: both present forms, both imperatives or neither"));
                }
                RegisterRow::Verb { infinitive: word, forms, noun }
            }
            "m" | "f" => RegisterRow::Gender { word, feminine: kind == "f" },
            "form" => RegisterRow::Form(word),
            "plural" => RegisterRow::Plural(word),
            _ => return Err(format!("register-fr.tsv:{line}: unknown kind `{kind}` (or an -er verb not in -er)")),
        });
    }
    Ok(table)
}

/// The data rows of a table (after its header), with their line numbers in the embedded
/// table (`build.rs` embeds it without its comments and blank lines).
fn rows(text: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .skip(1)
        .map(|(i, line)| (i + 1, line.split('\t').collect()))
}

/// `U+2019` or `U+002E U+002E U+002E` as text (empty for none).
fn code_points(field: &str) -> Option<String> {
    field.split_whitespace().map(|cp| char::from_u32(u32::from_str_radix(cp.strip_prefix("U+")?, 16).ok()?)).collect()
}

fn parse_characters(text: &'static str) -> Result<Vec<(char, Repair)>, String> {
    let mut table = Vec::new();
    for (line, fields) in rows(text) {
        let [from, to, class, name] = fields[..] else {
            return Err(format!("characters.tsv:{line}: expected 4 columns"));
        };
        let from =
            code_points(from).and_then(|s| s.chars().next()).ok_or(format!("characters.tsv:{line}: bad character"))?;
        let replacement = code_points(to).ok_or(format!("characters.tsv:{line}: bad replacement"))?;
        let class = match class {
            "safe" => FixClass::Safe,
            "lossy" => FixClass::Lossy,
            other => return Err(format!("characters.tsv:{line}: unknown class `{other}`")),
        };
        table.push((from, Repair { replacement, class, name }));
    }
    super::order::sort_by_key(&mut table, |(c, _)| [u64::from(*c), 0, 0, 0]);
    Ok(table)
}

fn parse_abbreviations(text: &'static str) -> Result<Vec<Abbreviation>, String> {
    let mut table = Vec::new();
    for (line, fields) in rows(text) {
        let [language, phrase, short] = fields[..] else {
            return Err(format!("abbreviations.tsv:{line}: expected 3 columns"));
        };
        let language = language.parse().map_err(|_| format!("abbreviations.tsv:{line}: unknown language"))?;
        table.push(Abbreviation { language, phrase, short });
    }
    // a longer phrase first, so that `rendez-vous` is not read as `rendez` and `vous`
    super::order::sort_by_key(&mut table, |a| [super::order::down(a.phrase.len()), 0, 0, 0]);
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::length::sms::gsm7_septets;

    #[test]
    fn every_character_repaired_is_outside_gsm7_and_every_replacement_inside() {
        let table = parse_characters(CHARACTERS).unwrap();
        assert!(table.len() > 60);
        for (c, repair) in &table {
            assert!(gsm7_septets(*c).is_none(), "U+{:04X} {} is GSM-7 already", *c as u32, repair.name);
            assert!(
                repair.replacement.chars().all(|r| gsm7_septets(r).is_some()),
                "{}: replacement not GSM-7",
                repair.name
            );
        }
        assert!(table.windows(2).all(|w| w[0].0 < w[1].0), "each character once");
        assert_eq!(repair('’').map(|r| (r.replacement.as_str(), r.class)), Some(("'", FixClass::Safe)));
        assert_eq!(repair('œ').map(|r| (r.replacement.as_str(), r.class)), Some(("oe", FixClass::Lossy)));
        assert_eq!(repair('\u{200B}').map(|r| r.replacement.as_str()), Some(""));
        assert_eq!(repair('é'), None, "é is GSM-7");
    }

    #[test]
    fn abbreviations_are_shorter_and_gsm7() {
        let table = parse_abbreviations(ABBREVIATIONS).unwrap();
        assert!(table.iter().any(|a| a.language == Language::Fr) && table.iter().any(|a| a.language == Language::En));
        for a in &table {
            let septets = |s: &str| s.chars().map(|c| gsm7_septets(c).unwrap_or(99)).sum::<usize>();
            assert!(septets(a.short) < septets(a.phrase), "{} → {} is not shorter in GSM-7", a.phrase, a.short);
        }
    }

    #[test]
    fn the_substitution_bank_reads_with_alternatives_that_differ() {
        let table = parse_substitutions(SUBSTITUTIONS).unwrap();
        assert!(table.iter().filter(|s| s.language == Language::Fr).count() >= 30);
        assert!(table.iter().filter(|s| s.language == Language::En).count() >= 25);
        for s in &table {
            assert!(s.alternatives.iter().all(|a| !a.eq_ignore_ascii_case(s.phrase)), "{}", s.phrase);
        }
        assert!(parse_substitutions("language\tphrase\talternatives\nfr\tgratuit\t|\n").unwrap_err().contains(":2:"));
    }

    #[test]
    #[cfg(feature = "rewrite")]
    fn the_register_table_reads_and_its_bad_rows_are_errors() {
        let table = parse_register(REGISTER).unwrap();
        assert!(table.iter().filter(|r| matches!(r, RegisterRow::Er { .. })).count() >= 80);
        assert!(table.iter().filter(|r| matches!(r, RegisterRow::Verb { .. })).count() >= 45);
        let header = "kind\tword\tvalue\n";
        assert!(parse_register(format!("{header}er\tfinir\t\n").leak()).unwrap_err().contains(":2:"));
        assert!(parse_register(format!("{header}verb\têtre\tes|êtes\n").leak()).unwrap_err().contains("four forms"));
        assert!(parse_register(format!("{header}er\taimer\tverb\n").leak()).unwrap_err().contains("unknown flag"));
        assert!(parse_register(format!("{header}m\tcode postal\n").leak()).unwrap_err().contains("not a word"));
    }

    #[test]
    fn bad_rows_are_errors_with_their_line() {
        assert!(
            parse_characters("# c\nchar\treplacement\tclass\tname\nU+2019\tU+0027\tsure\tX\n")
                .unwrap_err()
                .contains(":3:")
        );
        assert!(parse_characters("char\treplacement\tclass\tname\nX\t\tsafe\tX\n").is_err());
        assert!(parse_abbreviations("language\tphrase\tshort\nde\tbitte\tbt\n").unwrap_err().contains(":2:"));
    }
}
