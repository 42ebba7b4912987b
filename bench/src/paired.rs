//! The alternating-block method every timed comparison uses: each client runs blocks of calls
//! in turn, the order reversed every other block (A B C, C B A, …), so that a noisy neighbour on
//! this shared machine hits every client alike; a ratio is the median over block groups of one
//! client's calls/s divided by another's, each pair measured seconds apart.
//!
//! Shared by `bench_throughput` (the create call) and `bench_bodies` (KV values, a Worker upload).

use std::future::Future;
use std::time::{Duration, Instant};

/// One block of calls by one client.
#[derive(Debug, Clone)]
pub struct Round {
    pub calls_per_s: f64,
    pub latencies: Vec<Duration>,
}

/// Runs `call` `n` times one after the other and times each.
pub async fn sequential<F, Fut>(n: usize, mut call: F) -> Round
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    let mut latencies = Vec::with_capacity(n);
    let start = Instant::now();
    for _ in 0..n {
        let t = Instant::now();
        call().await;
        latencies.push(t.elapsed());
    }
    Round { calls_per_s: n as f64 / start.elapsed().as_secs_f64(), latencies }
}

/// Percentile `p` (0 to 1) of sorted durations, in µs.
pub fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e6
}

/// The median (the mean of the middle two for an even count).
pub fn median(mut xs: Vec<f64>) -> f64 {
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
#[derive(Debug, Clone)]
pub struct Summary {
    pub calls_per_s: f64,
    pub p50_us: f64,
    pub p99_us: f64,
    pub blocks: Vec<f64>,
}

impl Summary {
    fn of(blocks: &[Round]) -> Summary {
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

    /// The slowest and the fastest block, in calls/s.
    pub fn range(&self) -> (f64, f64) {
        self.blocks.iter().fold((f64::MAX, 0f64), |(lo, hi), r| (lo.min(*r), hi.max(*r)))
    }

    /// One printed line for client `name`; with `mib` (MiB per call), its MiB/s too.
    pub fn line(&self, label: &str, name: &str, mib: Option<f64>) -> String {
        let (lo, hi) = self.range();
        let rate = mib.map_or(String::new(), |mib| format!(" {:>7.1} MiB/s", self.calls_per_s * mib));
        format!(
            "{label:<11} {name:<12} {:>9.1} calls/s{rate}  p50 {:>8.1} µs  p99 {:>8.1} µs  ({} blocks, {lo:.1} to {hi:.1} calls/s)",
            self.calls_per_s,
            self.p50_us,
            self.p99_us,
            self.blocks.len(),
        )
    }

    /// The JSON member `"{label}/{name}": {calls_per_s, [mib_per_s,] p50_us, p99_us}`.
    pub fn json(&self, label: &str, name: &str, mib: Option<f64>) -> String {
        let rate = mib.map_or(String::new(), |mib| format!(r#""mib_per_s":{:.1},"#, self.calls_per_s * mib));
        format!(
            r#""{label}/{name}":{{"calls_per_s":{:.2},{rate}"p50_us":{:.2},"p99_us":{:.2}}}"#,
            self.calls_per_s, self.p50_us, self.p99_us
        )
    }
}

/// What [`alternate`] measured: each client's blocks, and each block group's rates.
#[derive(Debug, Clone)]
pub struct Alternated<W> {
    blocks: Vec<(W, Vec<Round>)>,
    groups: Vec<Vec<(W, f64)>>,
}

impl<W: Copy + PartialEq> Alternated<W> {
    /// Each client's summary over all its blocks.
    pub fn summaries(&self) -> Vec<(W, Summary)> {
        self.blocks.iter().map(|(w, rounds)| (*w, Summary::of(rounds))).collect()
    }

    /// Adds the blocks of another run of the same clients (a round on fresh connections, say).
    pub fn extend(&mut self, other: Alternated<W>) {
        for (w, rounds) in other.blocks {
            match self.blocks.iter_mut().find(|(x, _)| *x == w) {
                Some((_, mine)) => mine.extend(rounds),
                None => self.blocks.push((w, rounds)),
            }
        }
        self.groups.extend(other.groups);
    }

    /// The median over block groups of `a`'s calls/s divided by `b`'s; `None` when either did not run.
    pub fn ratio(&self, a: W, b: W) -> Option<f64> {
        let rate = |group: &[(W, f64)], w: W| group.iter().find(|(x, _)| *x == w).map(|(_, r)| *r);
        let ratios: Vec<f64> = self.groups.iter().filter_map(|g| Some(rate(g, a)? / rate(g, b)?)).collect();
        (!ratios.is_empty()).then(|| median(ratios))
    }

    /// The summary of `w`.
    pub fn summary(&self, w: W) -> Option<Summary> {
        self.blocks.iter().find(|(x, _)| *x == w).map(|(_, rounds)| Summary::of(rounds))
    }
}

/// Runs `rounds` × `n` calls per client in blocks of `block` calls, the clients of `order`
/// taking turns block by block, the order reversed every other block group.
pub async fn alternate<W, F, Fut>(
    label: &str,
    order: &[W],
    rounds: usize,
    n: usize,
    block: usize,
    mut run: F,
) -> Alternated<W>
where
    W: Copy + PartialEq,
    F: FnMut(W, usize) -> Fut,
    Fut: Future<Output = Round>,
{
    let mut results: Vec<(W, Vec<Round>)> = order.iter().map(|w| (*w, Vec::new())).collect();
    let mut groups = Vec::new();
    let blocks_per_round = n.div_ceil(block);
    for round in 0..rounds {
        for b in 0..blocks_per_round {
            let calls = block.min(n - b * block);
            let mut this: Vec<W> = order.to_vec();
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
            groups.push(rates);
        }
        eprintln!("  {label}: round {} of {rounds} done", round + 1);
    }
    Alternated { blocks: results, groups }
}
