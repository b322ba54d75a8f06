//! Times the lengths of one long message alone (all 31 profiles, as the length thread of
//! `score` measures them), for issue #24.
//!
//!     length_time FILE [RUNS]    FILE: the message (a trailing newline is dropped); prints
//!                                the seconds of each run and a checksum of the reports
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: length_time FILE [RUNS]");
    let runs: usize = args.next().map_or(3, |n| n.parse().expect("RUNS is a number"));
    let text = std::fs::read_to_string(path).expect("a UTF-8 file");
    let text = text.strip_suffix('\n').unwrap_or(&text);
    let checker = emotics::Checker::new();
    let profiles = checker.profiles().to_vec();
    for _ in 0..runs {
        let start = Instant::now();
        let report = std::hint::black_box(checker.length_for(text, &profiles));
        let seconds = start.elapsed().as_secs_f64();
        let checksum: usize = report.profiles.iter().map(|p| p.length).sum();
        println!("{seconds:.3} s (checksum {checksum})");
    }
}
