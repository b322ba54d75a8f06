//! In-process, single-threaded throughput of the library, for `scripts/bench`.
//!
//!     bench_throughput corpus OUT_DIR N     writes OUT_DIR/{mixed,en,fr}.jsonl, N messages
//!                                           each, from the dev datasets ($EMOTICS_DATASETS,
//!                                           else ../shared/datasets; generated without them);
//!                                           prints their source and its en/fr text counts
//!     bench_throughput run FILE TASK        TASK: score | length | valence, or length:NAME
//!                                           for one length profile; prints one JSON line:
//!                                           messages, best pass in seconds, passes, heap
//!                                           allocations per message, a checksum
//!
//! Timing covers scoring only (the corpus is read first): a warm-up, then whole passes over
//! the corpus until 5 passes or 3 s, keeping the one that took the least CPU time (the
//! thread's run time from /proc, so other processes on a shared machine count less; its wall
//! time is reported too). Allocations are counted in one more pass, outside the timed ones.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[path = "../benches/support/mod.rs"]
mod support;

/// The system allocator, counting allocations while `COUNTING` is set.
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["corpus", dir, n] => write_corpora(dir, n.parse().expect("N must be a number")),
        ["run", file, task] => run(file, task),
        _ => Err("usage: bench_throughput corpus OUT_DIR N | run FILE score|length|length:NAME|valence".into()),
    };
    if let Err(error) = result {
        eprintln!("bench_throughput: {error}");
        std::process::exit(2);
    }
}

fn write_corpora(dir: &str, n: usize) -> Result<(), String> {
    let datasets = support::datasets_dir();
    let mut messages = support::load_datasets(&datasets);
    let source = if messages.is_empty() {
        eprintln!("bench_throughput: {} not found, using a generated corpus", datasets.display());
        messages = support::generated();
        "a small generated set (the dev datasets were missing)".to_string()
    } else {
        "the dev datasets (`shared/datasets/*.jsonl`)".to_string()
    };
    let count = |lang: &str| messages.iter().filter(|m| m.lang == lang).count();
    // What the corpora were cycled from, for the report.
    println!("{}", serde_json::json!({ "source": source, "en": count("en"), "fr": count("fr") }));
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    for (name, texts) in support::corpora(&messages, n) {
        let path = format!("{dir}/{name}.jsonl");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).map_err(|e| format!("{path}: {e}"))?);
        for (id, text) in texts.iter().enumerate() {
            let line = serde_json::json!({ "id": id, "text": text });
            writeln!(out, "{line}").map_err(|e| e.to_string())?;
        }
        out.flush().map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn read_texts(file: &str) -> Result<Vec<String>, String> {
    let content = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    content
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let value: serde_json::Value = serde_json::from_str(l).map_err(|e| format!("{file}: {e}"))?;
            value["text"].as_str().map(str::to_string).ok_or_else(|| format!("{file}: a line has no text"))
        })
        .collect()
}

fn run(file: &str, task: &str) -> Result<(), String> {
    let texts = read_texts(file)?;
    let mut checker = emotics::Checker::new();
    let valence = support::Valence::new();
    // `length:NAME`: that profile alone, to see what each one costs.
    let task = match task.split_once(':') {
        Some(("length", name)) => {
            let Some(profile) = checker.profiles().iter().find(|p| *p.name == *name).cloned() else {
                return Err(format!("unknown profile `{name}`"));
            };
            checker = checker.with_profiles(vec![profile]);
            "length"
        }
        _ => task,
    };
    // One function per task; each returns a number derived from the result, summed into a
    // checksum so nothing is optimised away.
    let one: Box<dyn Fn(&str) -> f64> = match task {
        "score" => Box::new(|t| checker.score(t).tone.valence),
        "length" => Box::new(|t| checker.length(t).profiles.first().map_or(0, |p| p.length) as f64),
        "valence" => Box::new(|t| valence.score(t)),
        _ => return Err(format!("unknown task `{task}` (score, length, length:NAME, valence)")),
    };
    let pass = |texts: &[String]| -> f64 { texts.iter().map(|t| one(black_box(t))).sum() };

    black_box(pass(&texts[..texts.len().min(1_000)]));
    let (mut best_cpu, mut best_wall) = (Duration::MAX, Duration::MAX);
    let mut passes = 0;
    let mut checksum = 0.0;
    let started = Instant::now();
    while passes < 5 && (passes == 0 || started.elapsed() < Duration::from_secs(3)) {
        let (t0, c0) = (Instant::now(), thread_cpu());
        checksum = black_box(pass(&texts));
        let (wall, cpu) = (t0.elapsed(), thread_cpu().saturating_sub(c0));
        let cpu = if cpu.is_zero() { wall } else { cpu };
        if cpu < best_cpu {
            (best_cpu, best_wall) = (cpu, wall);
        }
        passes += 1;
    }

    ALLOCATIONS.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    black_box(pass(&texts));
    COUNTING.store(false, Ordering::Relaxed);
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) as f64 / texts.len().max(1) as f64;

    println!(
        "{}",
        serde_json::json!({
            "messages": texts.len(),
            "seconds": best_wall.as_secs_f64(),
            "cpu_seconds": best_cpu.as_secs_f64(),
            "passes": passes,
            "allocs_per_message": (allocations * 10.0).round() / 10.0,
            "checksum": checksum,
        })
    );
    Ok(())
}

/// CPU time this thread has run (the first field of /proc/thread-self/schedstat, in ns);
/// zero where that file is missing, and the caller then uses wall time.
fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}
