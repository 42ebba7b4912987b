//! Peak memory of streaming a list through `client.paginate` (1000 items per page) from
//! `bench_server`: 1,000 items against 100,000 items.
//!
//! Each size runs in its own child process (this binary with `--items N`), which reports its
//! peak resident set (`VmHWM` in `/proc/self/status`) after the stream ends, so one run's peak
//! cannot hide the other's.
//!
//! Usage: `bench_memory --url URL [--json PATH]`, or `bench_memory --url URL --items N`.

use futures_util::TryStreamExt;

use flarekit::email_security::settings::sending_domain_restrictions::ListSendingDomainRestrictions;
use flarekit::{Client, Credentials};
use flarekit_bench::common::{median_peaks, vm_hwm_kib};

/// Streams `items` items and returns (items seen, peak RSS in KiB).
fn child(url: &str, items: u64) -> (u64, u64) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let seen = runtime.block_on(async {
        let client =
            Client::builder().base_url(url).credentials(Credentials::api_token("bench-token")).build().expect("client");
        let list = ListSendingDomainRestrictions::new(format!("n{items}").into()).per_page(1000);
        let mut stream = std::pin::pin!(client.paginate(list));
        let mut seen = 0u64;
        while let Some(item) = stream.try_next().await.expect("page") {
            seen += 1;
            std::hint::black_box(&item);
        }
        seen
    });
    (seen, vm_hwm_kib())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let url = flag("--url").expect("--url is required (bench_server prints it)");
    if let Some(items) = flag("--items") {
        let items: u64 = items.parse().expect("--items");
        let (seen, hwm) = child(&url, items);
        assert_eq!(seen, items, "the stream ended early");
        println!("{seen} {hwm}");
        return;
    }
    let mut results = Vec::new();
    for (items, runs, median) in median_peaks(&["--url", &url], "--items", &[1_000, 100_000]) {
        println!("paginate {items:>7} items: peak RSS {:>7.1} MiB (runs {runs:?} KiB)", median as f64 / 1024.0);
        results.push((items, median));
    }
    let delta = results[1].1 as f64 - results[0].1 as f64;
    println!("difference 100,000 - 1,000 items: {:+.2} MiB", delta / 1024.0);
    if let Some(path) = flag("--json") {
        let json = format!(
            r#"{{"rss_1000_kib":{},"rss_100000_kib":{},"delta_kib":{}}}"#,
            results[0].1, results[1].1, delta as i64
        );
        std::fs::write(path, json).expect("write --json");
    }
}
