//! Large bodies through flarekit against hand-written reqwest code (issue 14), both against
//! `bench_server`: a KV value of `--kv-bytes` (1 MiB) written (`WriteKeyValuePair`, the raw
//! bytes as the body) and read back (`ReadKeyValuePair`, the raw bytes as the answer), and a
//! Worker module of `--worker-bytes` (10 MiB) uploaded as a multipart form with its metadata
//! (`UploadWorkerModule`). The hand-written side is `bodies`' methods on `HandClient`.
//!
//! Each call runs `--rounds` rounds of its calls per client, each round on new clients (so new
//! connections: how fast a 1 MiB body goes depends on its connection's state, which one process
//! draws at 270 µs a put and the next at 500 µs, whichever client it is), in blocks, the two
//! clients taking turns block by block (A B, B A, …); the ratio is flarekit's calls/s over the
//! hand-written client's, the median over the block pairs of all rounds (`paired::alternate`).
//! Calls are sequential, on one thread (`current_thread` runtime).
//!
//! Usage: `bench_bodies --url URL [--kv-bytes 1048576] [--worker-bytes 10485760]
//! [--kv-calls 500] [--upload-calls 50] [--blocks 10] [--rounds 12] [--only flarekit|hand]
//! [--call kv_put|kv_get|upload] [--json PATH]` (`--only` and `--call` for a profile); each
//! round's calls are split into `--blocks` blocks per client.

use hyper::body::Bytes;

use flarekit::{Client, Credentials};
use flarekit_bench::bodies::{self, SCRIPT};
use flarekit_bench::common::HandClient;
use flarekit_bench::paired::{self, Alternated};

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

#[derive(Debug, Clone, Copy, PartialEq)]
enum Call {
    KvPut,
    KvGet,
    Upload,
}

impl Call {
    fn name(self) -> &'static str {
        match self {
            Call::KvPut => "kv_put",
            Call::KvGet => "kv_get",
            Call::Upload => "upload",
        }
    }
}

struct Bench {
    flarekit: Client,
    hand: HandClient,
    value: Bytes,
    module: Bytes,
}

impl Bench {
    /// One call; panics on failure (a benchmark of failing calls would measure nothing).
    async fn call(&self, call: Call, which: Which) {
        match (call, which) {
            (Call::KvPut, Which::Flarekit) => {
                self.flarekit.send(bodies::flarekit_kv_put(&self.value)).await.expect("flarekit kv put");
            }
            (Call::KvPut, Which::Hand) => self.hand.kv_put(&self.value).await.expect("hand-written kv put"),
            (Call::KvGet, Which::Flarekit) => {
                let value = self.flarekit.send(bodies::flarekit_kv_get()).await.expect("flarekit kv get");
                assert_eq!(value.bytes().len(), self.value.len());
            }
            (Call::KvGet, Which::Hand) => {
                let value = self.hand.kv_get().await.expect("hand-written kv get");
                assert_eq!(value.len(), self.value.len());
            }
            (Call::Upload, Which::Flarekit) => {
                let script = self.flarekit.send(bodies::flarekit_upload(&self.module)).await.expect("flarekit upload");
                assert_eq!(script.id.as_deref(), Some(SCRIPT));
            }
            (Call::Upload, Which::Hand) => {
                let script = self.hand.upload(&self.module).await.expect("hand-written upload");
                assert_eq!(script.id.as_deref(), Some(SCRIPT));
            }
        }
    }
}

/// Prints each client's line and flarekit's ratio, and adds them to `json`.
fn report(call: Call, mib: f64, measured: &Alternated<Which>, json: &mut Vec<String>) {
    let label = call.name();
    for (w, s) in &measured.summaries() {
        println!("{}", s.line(label, w.name(), Some(mib)));
        json.push(s.json(label, w.name(), Some(mib)));
    }
    if let Some(ratio) = measured.ratio(Which::Flarekit, Which::Hand) {
        println!("{label:<11} flarekit / hand-written throughput: {ratio:.3} (median of paired blocks)");
        json.push(format!(r#""{label}/ratio":{ratio:.4}"#));
    }
    json.push(format!(r#""{label}/mib":{mib}"#));
}

fn flarekit_client(url: &str) -> Client {
    Client::builder().base_url(url).credentials(Credentials::api_token("bench-token")).build().expect("flarekit client")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let number = |name: &str, default: usize| flag(name).map_or(default, |v| v.parse().expect(name));
    let url = flag("--url").expect("--url is required (bench_server prints it)");
    let rounds = number("--rounds", 12);
    let kv_calls = number("--kv-calls", 500);
    let upload_calls = number("--upload-calls", 50);
    let blocks = number("--blocks", 10);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let (value, module) =
            (bodies::value(number("--kv-bytes", 1 << 20)), bodies::module(number("--worker-bytes", 10 << 20)));
        let order: Vec<Which> = [Which::Flarekit, Which::Hand]
            .into_iter()
            .filter(|w| flag("--only").map_or(true, |o| w.name().starts_with(&o)))
            .collect();
        let mut json = Vec::new();
        // The put first: the get reads what it wrote (and after a put of its own when alone).
        let calls = [(Call::KvPut, kv_calls), (Call::KvGet, kv_calls), (Call::Upload, upload_calls)];
        for (call, n) in calls.into_iter().filter(|(c, _)| flag("--call").map_or(true, |name| name == c.name())) {
            let block = n.div_ceil(blocks).max(1);
            let mut measured: Option<Alternated<Which>> = None;
            for round in 0..rounds {
                // New clients, so new connections, every round: a 1 MiB body's speed depends on
                // the state of its connection (one process puts at 270 µs, the next at 500 µs,
                // whichever client it is), and each round draws that state anew for both.
                let bench = Bench {
                    flarekit: flarekit_client(&url),
                    hand: HandClient::new(&url, "bench-token"),
                    value: value.clone(),
                    module: module.clone(),
                };
                let bench = &bench;
                if call == Call::KvGet && round == 0 {
                    bench.hand.kv_put(&bench.value).await.expect("hand-written kv put");
                }
                // Warm up: connections, allocator, the buffers of both sides.
                for &w in &order {
                    for _ in 0..5 {
                        bench.call(call, w).await;
                    }
                }
                let label = format!("{} {}/{rounds}", call.name(), round + 1);
                let this = paired::alternate(&label, &order, 1, n, block, |w, k| {
                    paired::sequential(k, move || bench.call(call, w))
                })
                .await;
                match &mut measured {
                    Some(all) => all.extend(this),
                    None => measured = Some(this),
                }
            }
            if let Some(measured) = measured {
                let bytes = if call == Call::Upload { module.len() } else { value.len() };
                report(call, bytes as f64 / f64::from(1 << 20), &measured, &mut json);
            }
        }
        if let Some(path) = flag("--json") {
            std::fs::write(path, format!("{{{}}}", json.join(","))).expect("write --json");
        }
    });
}
