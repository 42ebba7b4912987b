//! End-to-end throughput of the create call: flarekit's `Client::send` against clients written
//! by hand, all against `bench_server`: two on reqwest, one with flarekit's settings and checks
//! (`common::HandClient`) and a bare one as a user writes it (`bare::BareClient`, issue 14), and
//! a bare one on hyper's own client (`bare::BareHyperClient`, the floor).
//!
//! Each mode (sequential, then `--concurrency`-way concurrent) runs `--rounds` rounds of
//! `--requests` calls per client, in blocks of `--block` calls, the clients taking turns block by
//! block (A B C, C B A, …) so that a noisy neighbour hits all alike; each ratio is the median over
//! block groups (`paired::alternate`). One thread for the client (`current_thread` runtime).
//!
//! Usage: `bench_throughput --url URL [--requests 10000] [--concurrency 64] [--rounds 2]
//! [--block 1000] [--only flarekit|hand|bare|hyper] [--sequential-only] [--json PATH]`

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use flarekit::{Client, Credentials};
use flarekit_bench::bare::{BareClient, BareHyperClient};
use flarekit_bench::common::{self, HandClient, HandCreate};
use flarekit_bench::paired::{self, Alternated, Round};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Which {
    Flarekit,
    Hand,
    Bare,
    Hyper,
}

impl Which {
    fn name(self) -> &'static str {
        match self {
            Which::Flarekit => "flarekit",
            Which::Hand => "hand-written",
            Which::Bare => "bare",
            Which::Hyper => "bare-hyper",
        }
    }
}

#[derive(Clone)]
struct Clients {
    flarekit: Client,
    hand: HandClient,
    bare: BareClient,
    hyper: BareHyperClient,
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
            Which::Bare => {
                let r = self.bare.create(&HandCreate::sample()).await.expect("bare create");
                assert_eq!(r.domain, "example.com");
            }
            Which::Hyper => {
                let r = self.hyper.create(&HandCreate::sample()).await.expect("bare hyper create");
                assert_eq!(r.domain, "example.com");
            }
        }
    }
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
                    "bare" => Which::Bare,
                    "hyper" => Which::Hyper,
                    other => panic!("--only flarekit|hand|bare|hyper, not {other}"),
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

/// Prints each client's line and flarekit's ratio against each baseline, and adds them to `json`
/// (`{label}/ratio` against the hand-written client, `{label}/ratio_bare` against the bare one,
/// `{label}/ratio_hyper` against bare hyper).
fn report(label: &str, measured: &Alternated<Which>, json: &mut Vec<String>) {
    for (w, s) in &measured.summaries() {
        println!("{}", s.line(label, w.name(), None));
        json.push(s.json(label, w.name(), None));
    }
    for (baseline, key) in [(Which::Hand, "ratio"), (Which::Bare, "ratio_bare"), (Which::Hyper, "ratio_hyper")] {
        let (Some(paired), Some(f), Some(b)) =
            (measured.ratio(Which::Flarekit, baseline), measured.summary(Which::Flarekit), measured.summary(baseline))
        else {
            continue;
        };
        println!(
            "{label:<11} flarekit / {} throughput: {paired:.3} (median of paired blocks), {:.3} (aggregate)",
            baseline.name(),
            f.calls_per_s / b.calls_per_s
        );
        json.push(format!(r#""{label}/{key}":{paired:.4}"#));
    }
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
            bare: BareClient::new(&args.url, "bench-token"),
            hyper: BareHyperClient::new(&args.url, "bench-token"),
        };
        let order: Vec<Which> = match args.only {
            Some(w) => vec![w],
            None => vec![Which::Flarekit, Which::Hand, Which::Bare, Which::Hyper],
        };
        // Warm up: connections, allocator, branch predictors.
        for &w in &order {
            for _ in 0..500 {
                clients.call(w).await;
            }
        }
        let clients = &clients;
        let (n, block) = (args.requests, args.block);
        let mut json = Vec::new();
        let seq = paired::alternate("sequential", &order, args.rounds, n, block, |w, k| {
            paired::sequential(k, move || clients.call(w))
        })
        .await;
        report("sequential", &seq, &mut json);
        if !args.sequential_only {
            let width = args.concurrency;
            let conc =
                paired::alternate("concurrent", &order, args.rounds, n, block, |w, k| concurrent(clients, w, k, width))
                    .await;
            report("concurrent", &conc, &mut json);
        }
        if let Some(path) = &args.json {
            std::fs::write(path, format!("{{{}}}", json.join(","))).expect("write --json");
        }
    });
}
