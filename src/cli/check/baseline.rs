//! Baselines: accept the findings a project already has so that only new ones fail.
//!
//! A finding is recorded by its file, rule, key, message text and finding message (not its
//! line: adding a row above must not make old findings new). Editing a message makes its
//! findings new, which is the point. The file is JSON, sorted, one entry per finding, so it
//! reviews well in a diff.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::located::{FileResult, Located};

#[derive(Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash, Clone)]
struct Entry {
    path: String,
    rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    text: String,
    message: String,
}

#[derive(Serialize, Deserialize)]
struct Baseline {
    version: u32,
    findings: Vec<Entry>,
}

fn entry(d: &Located) -> Entry {
    Entry {
        path: d.path.to_string(),
        rule: d.rule.name().to_string(),
        key: d.key.map(str::to_string),
        text: d.text.to_string(),
        message: d.message.to_string(),
    }
}

/// Writes every finding of `results`; returns how many.
pub fn write(path: &Path, results: &[FileResult]) -> Result<usize, String> {
    let mut findings: Vec<Entry> = results.iter().flat_map(FileResult::findings).map(|d| entry(&d)).collect();
    findings.sort();
    let count = findings.len();
    let json = serde_json::to_string_pretty(&Baseline { version: 1, findings }).map_err(|e| e.to_string())?;
    std::fs::write(path, json + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(count)
}

/// Removes the findings recorded in the baseline (each entry accepts one finding); returns
/// the rest and how many were removed.
pub fn filter(path: &Path, mut results: Vec<FileResult>) -> Result<(Vec<FileResult>, usize), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let baseline: Baseline = serde_json::from_str(&text)
        .map_err(|e| format!("{}:{}:{}: invalid baseline: {e}", path.display(), e.line(), e.column()))?;
    if baseline.version != 1 {
        return Err(format!("{}: unsupported baseline version {}", path.display(), baseline.version));
    }
    let mut budget: HashMap<Entry, usize> = HashMap::new();
    for e in baseline.findings {
        *budget.entry(e).or_default() += 1;
    }
    let mut removed = 0;
    for result in &mut results {
        result.retain(|d| match budget.get_mut(&entry(d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                removed += 1;
                false
            }
            _ => true,
        });
    }
    Ok((results, removed))
}
