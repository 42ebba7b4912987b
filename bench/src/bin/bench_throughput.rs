//! End-to-end throughput of the create call: flarekit's `Client::send` against a hand-written
//! reqwest client (same reqwest, same settings), both against `bench_server`.
//!
//! Each mode (sequential, then `--concurrency`-way concurrent) runs `--rounds` rounds of
//! `--requests` calls per client, in blocks of `--block` calls, the clients alternating block by
//! block (A B, B A, …) so that a noisy neighbour hits both alike; the ratio is the median over
//! block pairs. One thread for the client (`current_thread` runtime).
//!
//! Usage: `bench_throughput --url URL [--requests 10000] [--concurrency 64] [--rounds 2]
//! [--block 1000] [--only flarekit|hand] [--sequential-only] [--json PATH]`

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use flarekit::{Client, Credentials};
use flarekit_bench::common::{self, HandClient, HandCreate};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Which {
    Flarekit,
    Hand,
}

impl Which {
    fn name(self) -> &'static str {
        match self {
            Which::Flarekit => "flarekit",
            Which::Hand => "hand-written",
        }
    }
}

#[derive(Clone)]
struct Clients {
    flarekit: Client,
    hand: HandClient,
}

impl Clients {
    /// One create call; panics on failure (a benchmark of failing calls would measure nothing).
    async fn call(&self, which: Which) {
        match which {
            Which::Flarekit => {
                let r = self.flarekit.send(common::flarekit_create()).await.expect("flarekit create");
                assert_eq!(r.domain.as_deref(), Some("example.com"));
            }
            Which::Hand => {
                let r = self.hand.create(&HandCreate::sample()).await.expect("hand-written create");
                assert_eq!(r.domain, "example.com");
            }
        }
    }
}

#[derive(Debug, Clone)]
struct Round {
    calls_per_s: f64,
    latencies: Vec<Duration>,
}

async fn sequential(clients: &Clients, which: Which, n: usize) -> Round {
    let mut latencies = Vec::with_capacity(n);
    let start = Instant::now();
    for _ in 0..n {
        let t = Instant::now();
        clients.call(which).await;
        latencies.push(t.elapsed());
    }
    Round { calls_per_s: n as f64 / start.elapsed().as_secs_f64(), latencies }
}

async fn concurrent(clients: &Clients, which: Which, n: usize, width: usize) -> Round {
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..width {
        let clients = clients.clone();
        let next = next.clone();
        tasks.spawn(async move {
            let mut latencies = Vec::with_capacity(n / width + 1);
            while next.fetch_add(1, Ordering::Relaxed) < n {
                let t = Instant::now();
                clients.call(which).await;
                latencies.push(t.elapsed());
            }
            latencies
        });
    }
    let mut latencies = Vec::with_capacity(n);
    while let Some(part) = tasks.join_next().await {
        latencies.extend(part.expect("bench task"));
    }
    Round { calls_per_s: n as f64 / start.elapsed().as_secs_f64(), latencies }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e6
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// Aggregate calls/s (all calls over all the time of one client's blocks), p50/p99 over every
/// call (µs), and the calls/s of each block.
struct Summary {
    calls_per_s: f64,
    p50_us: f64,
    p99_us: f64,
    blocks: Vec<f64>,
}

fn summarize(blocks: &[Round]) -> Summary {
    let mut all: Vec<Duration> = blocks.iter().flat_map(|r| r.latencies.iter().copied()).collect();
    all.sort_unstable();
    let time: f64 = blocks.iter().map(|r| r.latencies.len() as f64 / r.calls_per_s).sum();
    Summary {
        calls_per_s: all.len() as f64 / time,
        p50_us: percentile(&all, 0.5),
        p99_us: percentile(&all, 0.99),
        blocks: blocks.iter().map(|r| r.calls_per_s).collect(),
    }
}

/// Runs `rounds` × `n` calls per client in blocks of `block` calls, the clients alternating block
/// by block (A B, B A, …) so that neighbouring blocks see the same load on a shared machine.
/// Returns each client's summary and the median over block pairs of flarekit's calls/s divided
/// by the hand-written client's.
async fn mode<F, Fut>(
    label: &str,
    order: &[Which],
    rounds: usize,
    n: usize,
    block: usize,
    mut run: F,
) -> (Vec<(Which, Summary)>, Option<f64>)
where
    F: FnMut(Which, usize) -> Fut,
    Fut: Future<Output = Round>,
{
    let mut results: Vec<(Which, Vec<Round>)> = order.iter().map(|w| (*w, Vec::new())).collect();
    let mut pair_ratios = Vec::new();
    let blocks_per_round = n.div_ceil(block);
    for round in 0..rounds {
        for b in 0..blocks_per_round {
            let calls = block.min(n - b * block);
            let mut this: Vec<Which> = order.to_vec();
            if (round * blocks_per_round + b) % 2 == 1 {
                this.reverse();
            }
            let mut rates = Vec::new();
            for which in this {
                let r = run(which, calls).await;
                rates.push((which, r.calls_per_s));
                if let Some((_, v)) = results.iter_mut().find(|(w, _)| *w == which) {
                    v.push(r);
                }
            }
            let rate = |w: Which| rates.iter().find(|(x, _)| *x == w).map(|(_, r)| *r);
            if let (Some(f), Some(h)) = (rate(Which::Flarekit), rate(Which::Hand)) {
                pair_ratios.push(f / h);
            }
        }
        eprintln!("  {label}: round {} of {rounds} done", round + 1);
    }
    let ratio = (!pair_ratios.is_empty()).then(|| median(pair_ratios));
    (results.into_iter().map(|(w, rs)| (w, summarize(&rs))).collect(), ratio)
}

struct Args {
    url: String,
    requests: usize,
    concurrency: usize,
    rounds: usize,
    block: usize,
    only: Option<Which>,
    sequential_only: bool,
    json: Option<String>,
}

fn parse_args() -> Args {
    let mut args = Args {
        url: String::new(),
        requests: 10_000,
        concurrency: 64,
        rounds: 2,
        block: 1000,
        only: None,
        sequential_only: false,
        json: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--url" => args.url = value(),
            "--requests" => args.requests = value().parse().expect("--requests"),
            "--concurrency" => args.concurrency = value().parse().expect("--concurrency"),
            "--rounds" => args.rounds = value().parse().expect("--rounds"),
            "--block" => args.block = value().parse().expect("--block"),
            "--only" => {
                args.only = Some(match value().as_str() {
                    "flarekit" => Which::Flarekit,
                    "hand" => Which::Hand,
                    other => panic!("--only flarekit|hand, not {other}"),
                })
            }
            "--sequential-only" => args.sequential_only = true,
            "--json" => args.json = Some(value()),
            other => panic!("unknown argument {other}"),
        }
    }
    assert!(!args.url.is_empty(), "--url is required (bench_server prints it)");
    args
}

fn main() {
    let args = parse_args();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let clients = Clients {
            flarekit: Client::builder()
                .base_url(&args.url)
                .credentials(Credentials::api_token("bench-token"))
                .build()
                .expect("flarekit client"),
            hand: HandClient::new(&args.url, "bench-token"),
        };
        let order: Vec<Which> = match args.only {
            Some(w) => vec![w],
            None => vec![Which::Flarekit, Which::Hand],
        };
        // Warm up: connections, allocator, branch predictors.
        for &w in &order {
            for _ in 0..500 {
                clients.call(w).await;
            }
        }
        let n = args.requests;
        let mut json = String::from("{");
        let mut report = |label: &str, (results, ratio): (Vec<(Which, Summary)>, Option<f64>)| {
            for (w, s) in &results {
                let (lo, hi) = s.blocks.iter().fold((f64::MAX, 0f64), |(lo, hi), r| (lo.min(*r), hi.max(*r)));
                println!(
                    "{label:<11} {:<12} {:>9.0} calls/s  p50 {:>7.1} µs  p99 {:>7.1} µs  ({} blocks, {lo:.0} to {hi:.0} calls/s)",
                    w.name(),
                    s.calls_per_s,
                    s.p50_us,
                    s.p99_us,
                    s.blocks.len(),
                );
                if json.len() > 1 {
                    json.push(',');
                }
                json.push_str(&format!(
                    r#""{label}/{}":{{"calls_per_s":{:.1},"p50_us":{:.2},"p99_us":{:.2}}}"#,
                    w.name(),
                    s.calls_per_s,
                    s.p50_us,
                    s.p99_us
                ));
            }
            if let ([(_, f), (_, h)], Some(paired)) = (results.as_slice(), ratio) {
                println!(
                    "{label:<11} flarekit / hand-written throughput: {paired:.3} (median of paired blocks), {:.3} (aggregate)",
                    f.calls_per_s / h.calls_per_s
                );
                json.push_str(&format!(r#","{label}/ratio":{paired:.4}"#));
            }
        };
        let block = args.block;
        let seq = mode("sequential", &order, args.rounds, n, block, |w, k| sequential(&clients, w, k)).await;
        report("sequential", seq);
        if !args.sequential_only {
            let width = args.concurrency;
            let conc =
                mode("concurrent", &order, args.rounds, n, block, |w, k| concurrent(&clients, w, k, width)).await;
            report("concurrent", conc);
        }
        json.push('}');
        if let Some(path) = &args.json {
            std::fs::write(path, json).expect("write --json");
        }
    });
}
