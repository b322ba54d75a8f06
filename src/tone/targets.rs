//! Tone targets: `trust >= 0.3`, `anger < 0.5`, `valence > 0`, `0.2 <= urgency <= 0.8`, and
//! the French register suggestions aim at: `register = vous` (or `formal`), `register = tu`
//! (or `informal`).

use std::fmt;

use crate::report::Report;
use crate::tone::rules::Register;

/// Which score of the report a target bounds.
#[derive(Debug, Clone, PartialEq)]
pub enum Dimension {
    /// `valence`, `intensity`, `positive`, `negative`, `neutral`.
    Valence(&'static str),
    /// An emotion (`emotions.trust` names the emotion where a tone has the same name).
    Emotion(String),
    /// A tone or custom dimension.
    Tone(String),
    /// How a French message addresses the reader: `Vous` or `Tu`. Its value is 1 when the
    /// message addresses the reader that way only, or not at all (nothing to change), else 0.
    Register(Register),
}

impl Dimension {
    pub fn name(&self) -> &str {
        match self {
            Dimension::Valence(name) => name,
            Dimension::Emotion(name) | Dimension::Tone(name) => name,
            Dimension::Register(_) => "register",
        }
    }

    /// The dimension name explanations carry.
    pub fn explained_as(&self) -> &str {
        match self {
            Dimension::Valence(_) => "valence",
            other => other.name(),
        }
    }

    pub fn value(&self, report: &Report) -> f64 {
        let tone = &report.tone;
        match self {
            Dimension::Valence("valence") => tone.valence,
            Dimension::Valence("intensity") => tone.intensity,
            Dimension::Valence("positive") => tone.positive,
            Dimension::Valence("negative") => tone.negative,
            Dimension::Valence(_) => tone.neutral,
            Dimension::Emotion(name) => tone.emotions.get(name).unwrap_or(0.0),
            Dimension::Tone(name) => tone.tones.get(name).unwrap_or(0.0),
            Dimension::Register(wanted) => {
                let other = if *wanted == Register::Vous { Register::Tu } else { Register::Vous };
                if tone.register == other || tone.register == Register::Mixed { 0.0 } else { 1.0 }
            }
        }
    }
}

const VALENCE_SCORES: [&str; 5] = ["valence", "intensity", "positive", "negative", "neutral"];

/// A bound on one dimension: `min <= value <= max`, each end inclusive or not.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub dimension: Dimension,
    pub min: Option<(f64, bool)>,
    pub max: Option<(f64, bool)>,
}

/// How a value misses a target.
pub enum Miss {
    Below(f64, bool),
    Above(f64, bool),
}

impl Target {
    /// Parses a target; `emotions` and `tones` are the known dimension names.
    pub fn parse(text: &str, emotions: &[String], tones: &[String]) -> Result<Target, String> {
        let tokens: Vec<&str> = split_operators(text);
        if tokens.first() == Some(&"register") {
            return parse_register(&tokens, text);
        }
        let dimension_at = tokens.iter().position(|t| t.parse::<f64>().is_err() && !is_operator(t));
        let Some(at) = dimension_at else {
            return Err(format!("`{text}` names no dimension"));
        };
        let dimension = resolve(tokens[at], emotions, tones)?;
        let mut target = Target { dimension, min: None, max: None };
        let number = |t: &str| t.parse::<f64>().map_err(|_| format!("`{t}` is not a number in `{text}`"));
        match (&tokens[..at], &tokens[at + 1..]) {
            ([], [op, value]) => target.bound_after(op, number(value)?, text)?,
            ([value, op], []) => target.bound_after(&flip(op), number(value)?, text)?,
            ([low, op1], [op2, high]) if op1.starts_with('<') && op2.starts_with('<') => {
                target.bound_after(&flip(op1), number(low)?, text)?;
                target.bound_after(op2, number(high)?, text)?;
            }
            _ => return Err(format!("`{text}`: expected `name >= number`, `name <= number` or `low <= name <= high`")),
        }
        Ok(target)
    }

    fn bound_after(&mut self, op: &str, value: f64, text: &str) -> Result<(), String> {
        match op {
            ">=" => self.min = Some((value, true)),
            ">" => self.min = Some((value, false)),
            "<=" => self.max = Some((value, true)),
            "<" => self.max = Some((value, false)),
            "==" | "=" => {
                self.min = Some((value, true));
                self.max = Some((value, true));
            }
            _ => return Err(format!("unknown comparison `{op}` in `{text}` (use >=, >, <=, < or ==)")),
        }
        Ok(())
    }

    /// Whether `value` misses the target, and how.
    pub fn miss(&self, value: f64) -> Option<Miss> {
        if let Some((min, inclusive)) = self.min
            && (value < min || (!inclusive && value == min))
        {
            return Some(Miss::Below(min, inclusive));
        }
        if let Some((max, inclusive)) = self.max
            && (value > max || (!inclusive && value == max))
        {
            return Some(Miss::Above(max, inclusive));
        }
        None
    }
}

/// `register = vous` (`formal`) or `register = tu` (`informal`): met when the message
/// addresses the reader that way, or not at all.
fn parse_register(tokens: &[&str], text: &str) -> Result<Target, String> {
    let register = match tokens[1..] {
        ["=" | "==", "vous" | "formal"] => Register::Vous,
        ["=" | "==", "tu" | "informal"] => Register::Tu,
        _ => {
            return Err(format!(
                "`{text}`: a register target is `register = vous` (or `formal`) or `register = tu` (or `informal`)"
            ));
        }
    };
    Ok(Target { dimension: Dimension::Register(register), min: Some((1.0, true)), max: None })
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Dimension::Register(register) = self.dimension {
            return write!(f, "register = {}", if register == Register::Vous { "vous" } else { "tu" });
        }
        let op = |inclusive: bool, strict: &'static str, loose: &'static str| if inclusive { loose } else { strict };
        match (self.min, self.max) {
            (Some((a, ai)), Some((b, bi))) => {
                write!(f, "{a} {} {} {} {b}", op(ai, "<", "<="), self.dimension.name(), op(bi, "<", "<="))
            }
            (Some((a, ai)), None) => write!(f, "{} {} {a}", self.dimension.name(), op(ai, ">", ">=")),
            (None, Some((b, bi))) => write!(f, "{} {} {b}", self.dimension.name(), op(bi, "<", "<=")),
            (None, None) => f.write_str(self.dimension.name()),
        }
    }
}

fn is_operator(token: &str) -> bool {
    token.chars().all(|c| matches!(c, '<' | '>' | '='))
}

fn flip(op: &str) -> String {
    op.chars()
        .map(|c| match c {
            '<' => '>',
            '>' => '<',
            c => c,
        })
        .collect()
}

/// `trust>=0.3` and `trust >= 0.3` alike: words, numbers and operators.
fn split_operators(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = None;
    let mut operator = false;
    for (i, c) in text.char_indices() {
        let is_op = matches!(c, '<' | '>' | '=');
        if (c.is_whitespace() || start.is_some() && is_op != operator)
            && let Some(s) = start.take()
        {
            tokens.push(&text[s..i]);
        }
        if !c.is_whitespace() && start.is_none() {
            start = Some(i);
            operator = is_op;
        }
    }
    if let Some(s) = start {
        tokens.push(&text[s..]);
    }
    tokens
}

/// A dimension name: the valence scores, then tones (the marketing meaning of `trust`), then
/// emotions; `emotions.NAME` and `tones.NAME` choose explicitly.
fn resolve(name: &str, emotions: &[String], tones: &[String]) -> Result<Dimension, String> {
    if let Some(valence) = VALENCE_SCORES.iter().find(|v| **v == name) {
        return Ok(Dimension::Valence(valence));
    }
    let (family, bare) = match name.split_once('.') {
        Some((family @ ("emotions" | "tones"), bare)) => (Some(family), bare),
        _ => (None, name),
    };
    if family != Some("emotions") && tones.iter().any(|t| t == bare) {
        return Ok(Dimension::Tone(bare.to_string()));
    }
    if family != Some("tones") && emotions.iter().any(|e| e == bare) {
        return Ok(Dimension::Emotion(bare.to_string()));
    }
    let mut known: Vec<&str> = VALENCE_SCORES.to_vec();
    known.extend(tones.iter().map(String::as_str));
    known.extend(emotions.iter().map(String::as_str).filter(|e| !tones.iter().any(|t| t == e)));
    let suggestion =
        crate::text::similar::closest(bare, &known).map(|c| format!("; did you mean `{c}`?")).unwrap_or_default();
    Err(format!("unknown dimension `{name}` (known: {}){suggestion}", known.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn forms() {
        let (emotions, tones) = (names(&["anger", "trust"]), names(&["trust", "urgency"]));
        let parse = |s: &str| Target::parse(s, &emotions, &tones);
        let t = parse("trust >= 0.3").unwrap();
        assert_eq!((t.dimension.clone(), t.min, t.max), (Dimension::Tone("trust".into()), Some((0.3, true)), None));
        assert_eq!(parse("emotions.trust>0").unwrap().dimension, Dimension::Emotion("trust".into()));
        let t = parse("0.2 <= urgency < 0.8").unwrap();
        assert_eq!((t.min, t.max), (Some((0.2, true)), Some((0.8, false))));
        assert_eq!(t.to_string(), "0.2 <= urgency < 0.8");
        assert_eq!(parse("0 >= anger").unwrap().max, Some((0.0, true)));
        assert!(parse("urgenzy >= 1").unwrap_err().contains("did you mean `urgency`?"));
        assert!(parse("urgency >= high").is_err());
        assert!(parse("urgency").is_err());
        let t = parse("valence > 0").unwrap();
        assert!(t.miss(0.0).is_some() && t.miss(0.1).is_none());
    }

    #[test]
    fn register_targets() {
        let parse = |s: &str| Target::parse(s, &[], &[]);
        let vous = parse("register = vous").unwrap();
        assert_eq!(vous.dimension, Dimension::Register(Register::Vous));
        assert_eq!(parse("register=formal").unwrap(), vous);
        assert_eq!(vous.to_string(), "register = vous");
        assert_eq!(parse("register == informal").unwrap().to_string(), "register = tu");
        for bad in ["register = polite", "register >= 0.5", "register"] {
            assert!(parse(bad).unwrap_err().contains("`register = vous` (or `formal`)"), "{bad}");
        }
    }
}
