//! The report of one message: the serde types of emotics' JSON contract, and the one place
//! where byte offsets become spans with UTF-16 offsets.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::lang::Language;
use crate::length::sms::Encoding;
use crate::length::{LimitKind, Unit};
use crate::text::span::Span;
use crate::tone::ToneReport;

/// Everything emotics says about one message.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub language: Language,
    pub tone: ToneReport,
    pub length: LengthReport,
}

/// One entry per length profile, serialised as an object keyed by profile name, in profile
/// order.
#[derive(Debug, Clone, Default)]
pub struct LengthReport {
    pub profiles: Vec<ProfileReport>,
}

impl LengthReport {
    /// The result for the profile called `name`.
    pub fn get(&self, name: &str) -> Option<&ProfileReport> {
        self.profiles.iter().find(|p| *p.name == *name)
    }
}

impl Serialize for LengthReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.profiles.len()))?;
        for profile in &self.profiles {
            map.serialize_entry(&profile.name, profile)?;
        }
        map.end()
    }
}

/// How a message measures against one profile.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileReport {
    #[serde(skip)]
    pub name: std::borrow::Cow<'static, str>,
    /// Length in `unit` (segments for SMS).
    pub length: usize,
    pub limit: usize,
    pub unit: Unit,
    pub kind: LimitKind,
    /// Whether the message fits (for X: also not empty and free of U+FFFE/FEFF/FFFF).
    pub valid: bool,
    /// The part that does not fit, from a grapheme boundary to the end of the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overflow: Option<Span>,
    /// X: exclusive UTF-16 end of the longest prefix that fits (twitter-text's
    /// `validRangeEnd + 1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_range_end_utf16: Option<usize>,
    /// SMS: `GSM-7` or `UCS-2`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<Encoding>,
    /// SMS: number of segments billed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segments: Option<usize>,
    /// SMS: septets (GSM-7) or UTF-16 code units (UCS-2) of the whole message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<usize>,
    /// SMS: units in each segment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units_per_segment: Option<Vec<usize>>,
    /// SMS: the characters that are not in GSM-7 and so force UCS-2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ucs2_characters: Option<Vec<CharSpan>>,
    /// Bluesky: grapheme clusters (limit 300).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub graphemes: Option<usize>,
    /// Bluesky: UTF-8 bytes (limit 3000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<usize>,
}

/// A character (or grapheme) of the message and where it is.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CharSpan {
    pub text: String,
    #[serde(flatten)]
    pub span: Span,
}
