//! `length`: every profile's measure is consistent with its unit and limit, one profile at a
//! time or all together, and a custom profile of any unit and limit too.
//!
//! Input: byte 0 picks a unit (and a built-in profile), bytes 1–2 a limit (little-endian,
//! 0..=65535, so overflows happen on short texts), the rest is the text (UTF-8, lossy).
#![no_main]

#[path = "common.rs"]
mod common;

use emotics::length::sms::Encoding;
use emotics::{LimitKind, Profile, ProfileReport, Unit};
use libfuzzer_sys::fuzz_target;
use unicode_segmentation::UnicodeSegmentation;

/// Bits in one SMS, and of the concatenation header.
const SEGMENT_BITS: usize = 1120;
const HEADER_BITS: usize = 48;

fn check_profile(text: &str, p: &ProfileReport, boundaries: &[usize]) {
    let name = &*p.name;
    let len16 = text.encode_utf16().count();
    if let Some(o) = &p.overflow {
        common::check_span(text, o, name);
        assert!(o.start < o.end && o.end == text.len(), "{name}: overflow {o:?} does not run to the end");
        assert!(boundaries.binary_search(&o.start).is_ok(), "{name}: overflow starts inside a grapheme");
        if p.unit != Unit::SmsSegments {
            assert!(!p.valid, "{name}: valid but with an overflow");
        }
    }
    if let Some(end) = p.valid_range_end_utf16 {
        assert!(end <= len16, "{name}: valid_range_end_utf16 {end} > {len16}");
    }
    // Plain counts: valid exactly when within the limit, and then nothing overflows.
    let plain = matches!(
        p.unit,
        Unit::Graphemes
            | Unit::CodePoints
            | Unit::Utf16
            | Unit::Utf8Bytes
            | Unit::DoubleWidth
            | Unit::Threads
            | Unit::Hashtags
            | Unit::Mastodon
            | Unit::SmsSegments
    );
    if plain {
        assert_eq!(p.valid, p.length <= p.limit, "{name}: valid {} but {} / {}", p.valid, p.length, p.limit);
    }
    // (An empty text has nothing to overflow, yet is invalid as one SMS against a limit of 0.)
    if (plain || p.unit == Unit::Bluesky) && !text.is_empty() {
        assert_eq!(p.valid, p.overflow.is_none(), "{name}: valid {} but overflow {:?}", p.valid, p.overflow);
    }
    let graphemes = boundaries.len() - 1;
    match p.unit {
        Unit::Graphemes => assert_eq!(p.length, graphemes, "{name}"),
        Unit::CodePoints => assert_eq!(p.length, text.chars().count(), "{name}"),
        Unit::Utf16 => assert_eq!(p.length, len16, "{name}"),
        Unit::Utf8Bytes => assert_eq!(p.length, text.len(), "{name}"),
        Unit::DoubleWidth => assert!(p.length >= graphemes && p.length <= 2 * graphemes, "{name}: {}", p.length),
        Unit::Threads => assert!(p.length >= graphemes && p.length <= text.len(), "{name}: {}", p.length),
        Unit::Bluesky => {
            assert_eq!((p.length, p.graphemes, p.bytes), (graphemes, Some(graphemes), Some(text.len())), "{name}");
            assert_eq!(p.valid, graphemes <= p.limit && text.len() <= 3000, "{name}");
        }
        Unit::XWeighted => {
            if p.valid {
                assert!(p.length > 0 && p.length <= p.limit, "{name}: valid with length {}", p.length);
            }
            assert!(p.valid_range_end_utf16.is_some(), "{name}: no valid_range_end_utf16");
        }
        Unit::SmsSegments => check_sms(text, p),
        Unit::Mastodon | Unit::Hashtags => {}
    }
    // What fits, fits: the part before the overflow measures within the limit.
    if let Some(o) = &p.overflow
        && matches!(
            p.unit,
            Unit::Graphemes
                | Unit::CodePoints
                | Unit::Utf16
                | Unit::Utf8Bytes
                | Unit::DoubleWidth
                | Unit::Threads
                | Unit::Bluesky
                | Unit::Hashtags
        )
    {
        let prefix = &text[..o.start];
        let profile = Profile::new("prefix", p.unit, p.limit, p.kind);
        let again = common::checker().length_for(prefix, &[profile]);
        let again = &again.profiles[0];
        assert!(again.valid && again.overflow.is_none(), "{name}: the part that fits ({prefix:?}) does not: {again:?}");
    }
}

fn check_sms(text: &str, p: &ProfileReport) {
    let name = &*p.name;
    let per = p.units_per_segment.as_ref().expect("sms: units_per_segment");
    assert_eq!(p.segments, Some(per.len()), "{name}: segments");
    assert_eq!(p.length, per.len(), "{name}: length is the segment count");
    assert!(!per.is_empty(), "{name}: no segment");
    assert_eq!(p.units, Some(per.iter().sum()), "{name}: units");
    let ucs2 = p.ucs2_characters.as_ref().expect("sms: ucs2_characters");
    for c in ucs2 {
        common::check_span(text, &c.span, "ucs2 character");
        assert_eq!(&text[c.span.start..c.span.end], c.text, "{name}: ucs2 character text");
    }
    let encoding = p.encoding.expect("sms: encoding");
    assert_eq!(
        encoding == Encoding::Ucs2,
        !ucs2.is_empty(),
        "{name}: {encoding:?} with {} UCS-2 characters",
        ucs2.len()
    );
    let (bits, biggest) = match encoding {
        Encoding::Gsm7 => (7, 2),
        Encoding::Ucs2 => (16, text.graphemes(true).map(|g| g.encode_utf16().count()).max().unwrap_or(0)),
    };
    // Segments hold at most 140 octets (less the header once there are several), unless a
    // single grapheme is larger than a segment.
    if biggest * bits <= SEGMENT_BITS - HEADER_BITS {
        let capacity = if per.len() == 1 { SEGMENT_BITS } else { SEGMENT_BITS - HEADER_BITS };
        for (i, units) in per.iter().enumerate() {
            assert!(units * bits <= capacity, "{name}: segment {i} holds {units} units of {bits} bits");
        }
        if per.len() > 1 {
            assert!(per.iter().all(|&u| u > 0), "{name}: empty segment in {per:?}");
        }
    }
    if encoding == Encoding::Gsm7 {
        let chars = text.chars().count();
        assert!(p.units.unwrap() >= text.graphemes(true).count() && p.units.unwrap() <= 2 * chars, "{name}: septets");
    } else {
        assert_eq!(p.units, Some(text.encode_utf16().count()), "{name}: UCS-2 units");
    }
}

fuzz_target!(|data: &[u8]| {
    let (selector, limit, text) = match data {
        [s, a, b, rest @ ..] => (*s as usize, usize::from(u16::from_le_bytes([*a, *b])), String::from_utf8_lossy(rest)),
        _ => return,
    };
    let checker = common::checker();
    let boundaries = common::grapheme_boundaries(&text);
    // Every built-in profile at once…
    let all = checker.length(&text);
    assert_eq!(all.profiles.len(), checker.profiles().len());
    for p in &all.profiles {
        check_profile(&text, p, &boundaries);
    }
    // …gives what each one gives alone.
    let profiles = checker.profiles();
    let one = &profiles[selector % profiles.len()];
    let alone = checker.length_for(&text, std::slice::from_ref(one));
    assert_eq!(alone.profiles.len(), 1);
    assert_eq!(&alone.profiles[0], all.get(&one.name).unwrap(), "{} alone differs", one.name);
    // A custom profile of any unit with any limit.
    let unit = Unit::ALL[selector % Unit::ALL.len()];
    let custom = Profile::new("fuzz", unit, limit, LimitKind::Hard);
    let report = checker.length_for(&text, &[custom]);
    assert_eq!(report.profiles.len(), 1);
    check_profile(&text, &report.profiles[0], &boundaries);
    serde_json::to_string(&report).expect("length report serialises");
    assert!(checker.length_for(&text, &[]).profiles.is_empty());
});
