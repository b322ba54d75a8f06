//! The report of one message: the serde types of emotics' JSON contract, and the one place
//! where byte offsets become spans with UTF-16 offsets.

pub mod fields;

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

/// How a message measures against one profile. Serialized by hand (below) with its detail's
/// fields in its own object: a report has 31 profiles, and serde's `flatten` writes them
/// through a map.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileReport {
    #[cfg_attr(feature = "wasm", serde(skip))]
    pub name: std::borrow::Cow<'static, str>,
    /// Length in `unit` (segments for SMS).
    pub length: usize,
    pub limit: usize,
    pub unit: Unit,
    pub kind: LimitKind,
    /// Whether the message fits (for X: also not empty and free of U+FFFE/FEFF/FFFF).
    pub valid: bool,
    /// The part that does not fit, from a grapheme boundary to the end of the message.
    #[cfg_attr(feature = "wasm", serde(skip_serializing_if = "Option::is_none"))]
    pub overflow: Option<Span>,
    /// What X, SMS and Bluesky profiles know beyond a length, as fields of the profile's
    /// JSON object. An enum rather than a field for each, so that the report of every profile
    /// stays small (a message has 31 of them).
    #[cfg_attr(feature = "wasm", serde(flatten, skip_serializing_if = "Option::is_none"))]
    pub detail: Option<ProfileDetail>,
}

impl Serialize for ProfileReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let details = match &self.detail {
            None => 0,
            Some(ProfileDetail::X { .. }) => 1,
            Some(ProfileDetail::Sms(_)) => 5,
            Some(ProfileDetail::Bluesky { .. }) => 2,
        };
        let mut s = serializer.serialize_struct("ProfileReport", 5 + usize::from(self.overflow.is_some()) + details)?;
        s.serialize_field("length", &self.length)?;
        s.serialize_field("limit", &self.limit)?;
        s.serialize_field("unit", &self.unit)?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("valid", &self.valid)?;
        if let Some(overflow) = &self.overflow {
            s.serialize_field("overflow", overflow)?;
        }
        match &self.detail {
            None => {}
            Some(ProfileDetail::X { valid_range_end_utf16 }) => {
                s.serialize_field("valid_range_end_utf16", valid_range_end_utf16)?;
            }
            Some(ProfileDetail::Sms(sms)) => {
                s.serialize_field("encoding", &sms.encoding)?;
                s.serialize_field("segments", &sms.segments)?;
                s.serialize_field("units", &sms.units)?;
                s.serialize_field("units_per_segment", &sms.units_per_segment)?;
                s.serialize_field("ucs2_characters", &sms.ucs2_characters)?;
            }
            Some(ProfileDetail::Bluesky { graphemes, bytes }) => {
                s.serialize_field("graphemes", graphemes)?;
                s.serialize_field("bytes", bytes)?;
            }
        }
        s.end()
    }
}

/// What some units know beyond a length.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ProfileDetail {
    X {
        /// Exclusive UTF-16 end of the longest prefix that fits (twitter-text's
        /// `validRangeEnd + 1`).
        valid_range_end_utf16: usize,
    },
    Sms(Box<SmsReport>),
    Bluesky {
        /// Grapheme clusters (limit 300).
        graphemes: usize,
        /// UTF-8 bytes (limit 3000).
        bytes: usize,
    },
}

/// How a message splits into SMS.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SmsReport {
    /// `GSM-7` or `UCS-2`.
    pub encoding: Encoding,
    /// Segments billed.
    pub segments: usize,
    /// Septets (GSM-7) or UTF-16 code units (UCS-2) of the whole message.
    pub units: usize,
    /// Units in each segment.
    pub units_per_segment: Vec<usize>,
    /// The characters that are not in GSM-7 and so force UCS-2.
    pub ucs2_characters: Vec<CharSpan>,
}

impl ProfileReport {
    /// The SMS split, for an SMS profile.
    pub fn sms(&self) -> Option<&SmsReport> {
        match &self.detail {
            Some(ProfileDetail::Sms(sms)) => Some(sms),
            _ => None,
        }
    }

    /// Why the message does not fit, or `None` when it does. Every format names the reason
    /// the same way: X counts an empty post as invalid, which is not its being too long.
    pub fn unfit(&self) -> Option<Unfit> {
        if self.valid {
            None
        } else if self.length == 0 {
            Some(Unfit::Empty)
        } else if self.unit == Unit::XWeighted && self.length <= self.limit {
            Some(Unfit::InvalidCharacter)
        } else {
            Some(Unfit::TooLong)
        }
    }
}

/// Why a message does not fit a profile ([`ProfileReport::unfit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unfit {
    /// Nothing to post (X refuses an empty post).
    Empty,
    /// An X post holding U+FFFE, U+FEFF or U+FFFF, which X refuses whatever its length.
    InvalidCharacter,
    /// Over the limit (for Bluesky, also over 3,000 bytes within 300 graphemes).
    TooLong,
}

/// A character (or grapheme) of the message and where it is.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharSpan {
    pub text: String,
    // for tsify's TypeScript type: the JSON is written as flattened by `serialize` below
    #[cfg_attr(feature = "wasm", serde(flatten))]
    pub span: Span,
}

impl Serialize for CharSpan {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("CharSpan", 5)?;
        s.serialize_field("text", &self.text)?;
        self.span.serialize_fields(&mut s)?;
        s.end()
    }
}
