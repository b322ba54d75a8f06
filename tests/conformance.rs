//! The public length vectors (tests/conformance, copied from the platforms' reference
//! implementations with their licences): every vector must pass.

use emotics::length::LengthRules;
use emotics::length::x::XConfig;
use emotics::{Checker, ProfileDetail};
use serde_json::Value;

fn jsonl(path: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn yaml(path: &str) -> serde_yaml::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_yaml::from_str(&text).unwrap()
}

fn code_point_index(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

#[test]
fn x_weighted_length_vectors() {
    let rules = LengthRules::builtin();
    let vectors = jsonl("tests/conformance/x/validate-weighted.jsonl");
    assert_eq!(vectors.len(), 44);
    let mut failures = Vec::new();
    for v in &vectors {
        let text = v["text"].as_str().unwrap();
        let config = if v["config"] == "v2" { XConfig::v2() } else { XConfig::v3() };
        let got = rules.x_length(text, &config);
        let expected = &v["expected"];
        let want = (
            expected["weightedLength"].as_u64().unwrap() as usize,
            expected["valid"].as_bool().unwrap(),
            expected["validRangeEnd"].as_u64().unwrap() as usize + 1,
        );
        if (got.weighted_length, got.valid, got.valid_range_end_utf16) != want {
            failures.push(format!(
                "{}: got {:?}, want {want:?}",
                v["description"],
                (got.weighted_length, got.valid, got.valid_range_end_utf16)
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), vectors.len(), failures.join("\n"));
}

/// Runs extraction cases whose `expected` is a list of URL strings; returns how many ran and
/// the failures.
fn url_list_cases<'a>(
    rules: &LengthRules,
    cases: impl Iterator<Item = &'a serde_yaml::Value>,
    label: &str,
) -> (usize, Vec<String>) {
    let mut count = 0;
    let mut failures = Vec::new();
    for case in cases {
        let text = case["text"].as_str().unwrap();
        let expected: Vec<&str> = case["expected"].as_sequence().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
        let got: Vec<&str> = rules.urls(text, true).iter().map(|u| &text[u.start..u.end]).collect();
        count += 1;
        // Mastodon's URLs are X's that have a protocol
        let with_protocol: Vec<_> = rules.urls(text, true).into_iter().filter(|u| u.has_protocol(text)).collect();
        assert_eq!(rules.urls(text, false), with_protocol, "{text:?}");
        if got != expected {
            failures.push(format!(
                "[{label}] {}: {text:?}: got {got:?}, want {expected:?}",
                case["description"].as_str().unwrap_or("")
            ));
        }
    }
    (count, failures)
}

#[test]
fn x_every_tld_is_extracted() {
    let rules = LengthRules::builtin();
    let tests = yaml("tests/conformance/x/tlds.yml");
    let sections = ["country", "generic"].map(|s| tests["tests"][s].as_sequence().unwrap());
    let (count, failures) = url_list_cases(&rules, sections.iter().flat_map(|cases| cases.iter()), "tlds");
    assert_eq!(count, 1574);
    assert!(failures.is_empty(), "{} failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn x_url_extraction_vectors() {
    let rules = LengthRules::builtin();
    let tests = yaml("tests/conformance/x/extract.yml");
    let sections = ["urls", "tco_urls_with_params"].map(|s| tests["tests"][s].as_sequence().unwrap());
    let (mut count, mut failures) = url_list_cases(&rules, sections.iter().flat_map(|cases| cases.iter()), "urls");
    let indexed =
        ["urls_with_indices", "urls_with_directional_markers"].map(|s| tests["tests"][s].as_sequence().unwrap());
    for case in indexed.iter().flat_map(|cases| cases.iter()) {
        let text = case["text"].as_str().unwrap();
        let expected: Vec<(String, u64, u64)> = case["expected"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["url"].as_str().unwrap().to_string(),
                    e["indices"][0].as_u64().unwrap(),
                    e["indices"][1].as_u64().unwrap(),
                )
            })
            .collect();
        let got: Vec<(String, u64, u64)> = rules
            .urls(text, true)
            .iter()
            .map(|u| {
                (
                    text[u.start..u.end].to_string(),
                    code_point_index(text, u.start) as u64,
                    code_point_index(text, u.end) as u64,
                )
            })
            .collect();
        count += 1;
        if got != expected {
            failures.push(format!("[with indices] {text:?}: got {got:?}, want {expected:?}"));
        }
    }
    assert_eq!(count, 108);
    assert!(failures.is_empty(), "{} of {count} failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn sms_vectors() {
    let checker = Checker::new();
    let vectors = jsonl("tests/conformance/sms/vectors.jsonl");
    assert_eq!(vectors.len(), 68);
    let mut failures = Vec::new();
    for v in &vectors {
        let text = v["text"].as_str().unwrap();
        let report = checker.length(text);
        let sms = report.get("sms").unwrap().sms().unwrap();
        let encoding = serde_json::to_value(sms.encoding).unwrap();
        let mut ok = encoding == v["encoding"] && Some(sms.segments) == v["segments"].as_u64().map(|s| s as usize);
        if let Some(units) = v["units"].as_u64() {
            ok &= sms.units == units as usize;
        }
        if let Some(per_segment) = v["units_per_segment"].as_array() {
            let want: Vec<usize> = per_segment.iter().map(|u| u.as_u64().unwrap() as usize).collect();
            ok &= sms.units_per_segment == want;
        }
        if !ok {
            failures.push(format!(
                "{}: {text:?}: got {encoding} {:?} {:?} {:?}",
                v["description"], sms.segments, sms.units, sms.units_per_segment
            ));
        }
    }
    assert!(failures.is_empty(), "{} failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn bluesky_vectors() {
    let checker = Checker::new();
    let vectors = jsonl("tests/conformance/bluesky/vectors.jsonl");
    assert_eq!(vectors.len(), 14);
    for v in &vectors {
        let text = v["text"].as_str().unwrap();
        let report = checker.length(text);
        let Some(ProfileDetail::Bluesky { graphemes, bytes }) = report.get("bluesky").unwrap().detail else {
            panic!("no Bluesky detail for {text:?}");
        };
        if let Some(want) = v["graphemes"].as_u64() {
            assert_eq!(graphemes, want as usize, "graphemes of {text:?}");
        }
        if let Some(want) = v["bytes"].as_u64() {
            assert_eq!(bytes, want as usize, "bytes of {text:?}");
        }
    }
}
