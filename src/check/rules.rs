//! The catalogue of `emotics check` rules: their names, default severities and documentation
//! (what `emotics rules` lists and `emotics explain RULE` prints).

use std::fmt;

use serde::{Deserialize, Serialize};

/// How much a finding matters. `error` fails the check (exit 1); `off` disables a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Off,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A rule of `emotics check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    Length,
    ToneTarget,
    Forbidden,
    Required,
    SpamTrigger,
    Shouting,
    Exclamations,
    Emoji,
    Hashtags,
    Mentions,
    Register,
    Language,
    OptOut,
    /// A record that could not be read (always an error: it was not checked).
    Input,
}

/// What `emotics rules` and `emotics explain` say about a rule.
pub struct RuleInfo {
    pub rule: Rule,
    pub name: &'static str,
    pub default: Severity,
    /// Options of its `[rules.NAME]` table besides `severity`.
    pub options: &'static [&'static str],
    pub summary: &'static str,
    pub doc: &'static str,
}

pub const RULES: [RuleInfo; 14] = [
    RuleInfo {
        rule: Rule::Length,
        name: "length",
        default: Severity::Error,
        options: &[],
        summary: "the message is too long for a platform it is meant for",
        doc: "Measures the message with each platform's exact rule (X weighted length, SMS segments, \
Bluesky graphemes and bytes, Google Ads double width…) for every profile in `platforms` \
(default: x and sms; `emotics profiles` lists them, `[[profiles]]` adds your own). The finding \
points at the part that does not fit. A heuristic limit (SMS beyond one segment, push \
truncation, e-mail subjects) is reported at most as a warning: the platform accepts it.\n\n\
  platforms = [\"x\", \"sms\", \"push_ios_title\"]",
    },
    RuleInfo {
        rule: Rule::ToneTarget,
        name: "tone-target",
        default: Severity::Warning,
        options: &["targets"],
        summary: "a tone, emotion or the valence is outside its target range",
        doc: "Each target bounds one score of the report: `valence` (-1..1), `intensity`, \
`positive`/`negative`/`neutral` shares, an emotion (`joy`, `trust`, `fear`, `surprise`, `sadness`, \
`disgust`, `anger`, `anticipation`), a tone (`urgency`, `exclusivity`, `trust`, `freedom`, \
`curiosity`, `value`, `social_proof`, `spamminess`, `formality`, `politeness`) or a dimension of \
your lexicons. Forms: `trust >= 0.3`, `anger < 0.5`, `valence > 0`, `0.2 <= urgency <= 0.8`. \
The finding names the words that pushed the score, or, below a minimum, words that would \
raise it.\n\n  [rules.tone-target]\n  targets = [\"valence >= 0.2\", \"trust >= 0.3\", \"anger < 0.5\"]",
    },
    RuleInfo {
        rule: Rule::Forbidden,
        name: "forbidden",
        default: Severity::Error,
        options: &["words"],
        summary: "the message uses a forbidden word or phrase",
        doc: "Whole words and phrases, matched case-insensitively on word boundaries (`'` and `’` \
alike); a word ending in `*` matches any ending (`gratuit*` matches gratuite, gratuits), a word \
in parentheses may be absent (`100 (%) garanti`) and `a|b` is either word. Use it for \
legal wording (`garanti à vie`), competitor names, words your brand avoids.\n\n  \
[rules.forbidden]\n  words = [\"gratuit*\", \"100 % garanti\", \"cheap\"]",
    },
    RuleInfo {
        rule: Rule::Required,
        name: "required",
        default: Severity::Error,
        options: &["words"],
        summary: "the message lacks a required word or phrase",
        doc: "Every listed word or phrase must appear (same matching as `forbidden`: `(word)` may \
be absent, `a|b` is either, `word*` any ending), e.g. the opt-out mention French marketing SMS \
must carry, in any of its wordings (`STOP 36111`, `STOP au 36111`, `Stop SMS au 36180`).\n\n  \
[rules.required]\n  words = [\"STOP (SMS) (au) 36111|36180\"]",
    },
    RuleInfo {
        rule: Rule::SpamTrigger,
        name: "spam-trigger",
        default: Severity::Warning,
        options: &["threshold"],
        summary: "the message reads as spam (CLIQUEZ ICI, act now, €€€)",
        doc: "A message whose `spamminess` tone reaches `threshold` (default 0.5: one strong cue \
such as `cliquez ici`, or weaker ones together) is reported once, with the cues behind the \
score, strongest first: spam-filter trigger phrases of both languages (`cliquez ici`, `100 % \
gratuit`, `act now`, `risk-free`), repeated currency signs. A weak cue alone (`crédit`, a \
sports `win`) is no finding: filters weigh cues together. Runs of `!` and capitals are left to \
`exclamations` and `shouting` (which tell acronyms from shouting): what is compared is the \
share of the score the other cues carry, a cue repeated counting once.\n\n  \
[rules.spam-trigger]\n  threshold = 0.5",
    },
    RuleInfo {
        rule: Rule::Shouting,
        name: "shouting",
        default: Severity::Warning,
        options: &["max-ratio"],
        summary: "too much of the message is in capitals",
        doc: "The share of letters in words written in capitals (of four letters or more, so \
acronyms such as VIP or SMS do not count) must not exceed `max-ratio` (default 0.3). Checked on \
messages of at least 12 letters.\n\n  [rules.shouting]\n  max-ratio = 0.3",
    },
    RuleInfo {
        rule: Rule::Exclamations,
        name: "exclamations",
        default: Severity::Warning,
        options: &["max"],
        summary: "too many exclamation marks",
        doc: "At most `max` `!` in a message (default 2). The finding points at the first one \
over the limit.\n\n  [rules.exclamations]\n  max = 1",
    },
    RuleInfo {
        rule: Rule::Emoji,
        name: "emoji",
        default: Severity::Warning,
        options: &["max"],
        summary: "too many emoji",
        doc: "At most `max` emoji in a message (default 3; a ZWJ sequence or a flag counts once). \
Emoji cost 2 on X and switch an SMS to UCS-2.\n\n  [rules.emoji]\n  max = 2",
    },
    RuleInfo {
        rule: Rule::Hashtags,
        name: "hashtags",
        default: Severity::Warning,
        options: &["max"],
        summary: "too many hashtags",
        doc: "At most `max` hashtags in a message (default 3).\n\n  [rules.hashtags]\n  max = 2",
    },
    RuleInfo {
        rule: Rule::Mentions,
        name: "mentions",
        default: Severity::Warning,
        options: &["max"],
        summary: "too many @mentions",
        doc: "At most `max` @mentions in a message (default 3).\n\n  [rules.mentions]\n  max = 2",
    },
    RuleInfo {
        rule: Rule::Register,
        name: "register",
        default: Severity::Warning,
        options: &["expected"],
        summary: "French register (tu/vous) mixed in a message or inconsistent across a file",
        doc: "A French message must not mix *tu* and *vous*. Across a file, every message must use \
`expected` (`vous` or `tu`) when set, else the register most of the file's messages use; the \
finding says how many messages use which.\n\n  [rules.register]\n  expected = \"vous\"",
    },
    RuleInfo {
        rule: Rule::Language,
        name: "language",
        default: Severity::Warning,
        options: &["min-words"],
        summary: "the message is not in the file's language",
        doc: "Compares each message's identified language with `language` (top level or per \
override) when it is `fr` or `en`, else with the language most of the file's messages are in. \
Placeholders and markup (`%(name)s`, `{0}`, `<strong>`, `&nbsp;`), command-line options \
(`--force`) and identifiers (`default_shell`) are in no language and are not read. Messages \
shorter than `min-words` such words (default 4) are too short to tell and are skipped.\n\n  \
[rules.language]\n  min-words = 4",
    },
    RuleInfo {
        rule: Rule::OptOut,
        name: "opt-out",
        default: Severity::Off,
        options: &["patterns", "threshold"],
        summary: "a promotional message lacks the opt-out mention (STOP 36111)",
        doc: "French law requires every marketing SMS to say how to stop receiving them: `STOP` \
and a number (`STOP 36111`, `STOP au 36111`, `STOP SMS au 36180`). A message is promotional \
when its `value`, `urgency` or `exclusivity` tone reaches `threshold` (default 0.5); a \
delivery notice or a code is not asked for one. Other countries' wording: `patterns`, \
phrases as in `required` (`(word)` may be absent, `a|b` is either), replacing the French \
form. Off by default: turn it on where the messages are marketing SMS.\n\n  \
[rules.opt-out]\n  severity = \"error\"\n  patterns = [\"reply STOP (to) (opt out|unsubscribe)\"]",
    },
    RuleInfo {
        rule: Rule::Input,
        name: "input",
        default: Severity::Error,
        options: &[],
        summary: "a record could not be read (invalid CSV/JSON/YAML/PO, invalid UTF-8)",
        doc: "A record emotics could not read is reported where it is and was not checked; the \
rest of the file still is. Invalid UTF-8 is replaced by U+FFFD and reported at its first byte. \
This rule cannot be turned off.",
    },
];

impl Rule {
    pub fn info(self) -> &'static RuleInfo {
        RULES.iter().find(|r| r.rule == self).unwrap_or(&RULES[RULES.len() - 1])
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn from_name(name: &str) -> Option<Rule> {
        RULES.iter().find(|r| r.name == name).map(|r| r.rule)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_catalogued_once() {
        for info in &RULES {
            assert_eq!(info.rule.info().name, info.name);
            assert_eq!(Rule::from_name(info.name), Some(info.rule));
            assert_eq!(RULES.iter().filter(|r| r.name == info.name).count(), 1);
        }
    }
}
