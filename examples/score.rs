//! Scores the messages given as arguments and prints, for each, its valence with the words
//! behind it and whether it fits an X post and one SMS.
//!
//! cargo run --example score -- "Pas mal du tout, cette offre 😍 !!!" "Not bad… but shipping was sooo slow 🙄"

fn main() {
    let checker = emotics::Checker::new();
    for text in std::env::args().skip(1) {
        let report = checker.score(&text);
        println!("{text}");
        println!("  {} valence {:+.2} ({:?})", report.language.code(), report.tone.valence, report.tone.label);
        for explanation in &report.tone.explanations {
            let modifiers: Vec<&str> = explanation.modifiers.iter().map(|m| m.description.as_str()).collect();
            println!("    {:<16} {:+.2} {}", explanation.text, explanation.score, modifiers.join("; "));
        }
        for name in ["x", "sms"] {
            if let Some(p) = report.length.get(name) {
                println!("  {name}: {} / {} {}", p.length, p.limit, if p.valid { "fits" } else { "too long" });
            }
        }
    }
}
