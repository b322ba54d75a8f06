//! Invariants of the length report on arbitrary text: no panic, spans on char and grapheme
//! boundaries with consistent UTF-16 offsets, monotone lengths, normalisation-blind verdicts.

use std::sync::LazyLock;

use emotics::Checker;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Text built from pieces that exercise every rule: URLs, TLDs, emoji sequences, combining
/// marks, CJK, GSM-7 extension characters, directional marks and plain letters.
fn micromessage() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Z",
        " ",
        "é",
        "e\u{301}",
        "\u{301}",
        "ç",
        "ê",
        "’",
        "…",
        "€",
        "{",
        "日本",
        "😀",
        "👍🏽",
        "👨‍👩‍👧",
        "🇫🇷",
        "©",
        "©️",
        "1️⃣",
        "\u{200D}",
        "\u{FEFF}",
        "\u{202A}",
        "https://",
        "www.",
        "example",
        ".com",
        ".fr",
        "/path",
        "?q=1",
        "@user",
        "@user@example.social",
        "#promo",
        "\n",
        "\r\n",
        "-",
        ".",
        "t.co/abc",
        "Ω",
        "ж",
        "한국",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_string), any::<char>().prop_map(|c| c.to_string())],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

static CHECKER: LazyLock<Checker> = LazyLock::new(Checker::new);

fn utf16(text: &str, byte: usize) -> usize {
    text[..byte].encode_utf16().count()
}

fn grapheme_boundaries(text: &str) -> Vec<usize> {
    let mut b: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
    b.push(text.len());
    b
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_are_on_boundaries_and_consistent(text in micromessage()) {
        let checker = &*CHECKER;
        let report = checker.length(&text);
        let boundaries = grapheme_boundaries(&text);
        for p in &report.profiles {
            if let Some(o) = p.overflow {
                prop_assert!(o.start < o.end && o.end == text.len(), "{}: {:?}", p.name, o);
                prop_assert!(boundaries.contains(&o.start), "{} overflow starts inside a grapheme", p.name);
                prop_assert_eq!(o.start_utf16, utf16(&text, o.start));
                prop_assert_eq!(o.end_utf16, utf16(&text, o.end));
                prop_assert!(!p.valid || p.name == "sms", "{} has an overflow but is valid", p.name);
            }
            for c in p.ucs2_characters.iter().flatten() {
                prop_assert_eq!(&text[c.span.start..c.span.end], c.text.as_str());
                prop_assert_eq!(c.span.start_utf16, utf16(&text, c.span.start));
                prop_assert_eq!(c.span.end_utf16, utf16(&text, c.span.end));
            }
            if let Some(end) = p.valid_range_end_utf16 {
                prop_assert!(end <= text.encode_utf16().count());
            }
        }
    }

    #[test]
    fn appending_never_makes_a_length_shorter_or_an_invalid_text_valid(text in micromessage(), tail in micromessage()) {
        let checker = &*CHECKER;
        let before = checker.length(&text);
        let joined = format!("{text}{tail}");
        let after = checker.length(&joined);
        for (b, a) in before.profiles.iter().zip(&after.profiles) {
            // A URL or mention can absorb what follows it and count less (X, Mastodon); a
            // hashtag can be completed. Every other unit only grows.
            if !matches!(b.name.as_str(), "x" | "mastodon" | "instagram_hashtags") {
                prop_assert!(a.length >= b.length, "{}: {} then {}", b.name, b.length, a.length);
                if !b.valid {
                    prop_assert!(!a.valid, "{} became valid by appending", b.name);
                }
            }
        }
    }

    #[test]
    fn appending_a_plain_word_keeps_invalid_texts_invalid(text in micromessage()) {
        let checker = &*CHECKER;
        let before = checker.length(&text);
        let after = checker.length(&format!("{text} merci"));
        for (b, a) in before.profiles.iter().zip(&after.profiles) {
            prop_assert!(a.length >= b.length, "{}: {} then {}", b.name, b.length, a.length);
            if !b.valid && b.length > 0 {
                prop_assert!(!a.valid, "{} became valid by appending", b.name);
            }
        }
    }

    #[test]
    fn nfc_and_nfd_give_the_same_x_length_and_verdicts(text in micromessage()) {
        let checker = &*CHECKER;
        let nfc: String = text.nfc().collect();
        let nfd: String = text.nfd().collect();
        let a = checker.length(&nfc);
        let b = checker.length(&nfd);
        let (xa, xb) = (a.get("x").unwrap(), b.get("x").unwrap());
        prop_assert_eq!((xa.length, xa.valid), (xb.length, xb.valid));
        // Grapheme counts do not depend on composition. (Mastodon's server does not normalise,
        // so `https://a.comé` has a URL in NFC and none in NFD there: it is left out.)
        for name in ["bluesky", "threads", "push_ios_title"] {
            prop_assert_eq!(a.get(name).unwrap().length, b.get(name).unwrap().length, "{}", name);
        }
    }

    #[test]
    fn any_string_gets_a_report(text in any::<String>()) {
        let checker = &*CHECKER;
        let report = checker.score(&text);
        prop_assert_eq!(report.length.profiles.len(), checker.profiles().len());
    }
}
