//! Peak memory of streaming a list through `client.paginate` (1000 items per page) from
//! `bench_server`: 1,000 items against 100,000 items, for two lists: the sending domain
//! restrictions (small items) and a zone's DNS records (`ListDnsRecords`, the 20-variant record
//! union, issue 14). And of keeping the `cf-ray` of each of 100 against 10,000 create calls
//! (`rays`): what an id costs once its response is gone.
//!
//! Each size runs in its own child process (this binary with `--list L --items N`), which
//! reports its peak resident set (`VmHWM` in `/proc/self/status`) after the stream ends, so one
//! run's peak cannot hide the other's.
//!
//! Usage: `bench_memory --url URL [--json PATH]`, or
//! `bench_memory --url URL --list restrictions|dns|rays --items N`.

use futures_util::{Stream, TryStreamExt};

use flarekit::dns::records::ListDnsRecords;
use flarekit::email_security::settings::sending_domain_restrictions::ListSendingDomainRestrictions;
use flarekit::{Client, Credentials};
use flarekit_bench::common::{flarekit_create, median_peaks, vm_hwm_kib};

/// What is measured, by its `--list` name, and the two sizes compared.
const LISTS: [(&str, [u64; 2]); 3] =
    [("restrictions", [1_000, 100_000]), ("dns", [1_000, 100_000]), ("rays", [100, 10_000])];

/// Counts the items of `stream`, each seen once.
async fn count<T>(stream: impl Stream<Item = Result<T, flarekit::Error>>) -> u64 {
    let mut stream = std::pin::pin!(stream);
    let mut seen = 0u64;
    while let Some(item) = stream.try_next().await.expect("page") {
        seen += 1;
        std::hint::black_box(&item);
    }
    seen
}

/// Streams `items` items of `list` and returns (items seen, peak RSS in KiB).
fn child(url: &str, list: &str, items: u64) -> (u64, u64) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let seen = runtime.block_on(async {
        let client =
            Client::builder().base_url(url).credentials(Credentials::api_token("bench-token")).build().expect("client");
        // The server lists as many items as the number after `n` in the id.
        let id = format!("n{items}");
        match list {
            "restrictions" => {
                count(client.paginate(ListSendingDomainRestrictions::new(id.into()).per_page(1000))).await
            }
            "dns" => count(client.paginate(ListDnsRecords::new(id.into()).per_page(1000))).await,
            "rays" => {
                let mut rays = Vec::new();
                for _ in 0..items {
                    let response = client.send_with_meta(flarekit_create()).await.expect("create");
                    rays.push(response.cf_ray.expect("the bench server sends a cf-ray"));
                }
                std::hint::black_box(&rays);
                rays.len() as u64
            }
            other => panic!("--list restrictions|dns|rays, not {other}"),
        }
    });
    (seen, vm_hwm_kib())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let url = flag("--url").expect("--url is required (bench_server prints it)");
    if let Some(items) = flag("--items") {
        let items: u64 = items.parse().expect("--items");
        let list = flag("--list").unwrap_or_else(|| LISTS[0].0.to_owned());
        let (seen, hwm) = child(&url, &list, items);
        assert_eq!(seen, items, "the stream ended early");
        println!("{seen} {hwm}");
        return;
    }
    let mut json = Vec::new();
    for (list, sizes) in LISTS {
        let mut medians = Vec::new();
        for (items, runs, median) in median_peaks(&["--url", &url, "--list", list], "--items", &sizes) {
            println!("{list:<12} {items:>7} items: peak RSS {:>7.1} MiB (runs {runs:?} KiB)", median as f64 / 1024.0);
            medians.push(median);
        }
        let delta = medians[1] as i64 - medians[0] as i64;
        println!("{list:<12} difference {} - {} items: {:+.2} MiB", sizes[1], sizes[0], delta as f64 / 1024.0);
        // The restrictions keep the keys they had before the other lists were added.
        let prefix = if list == "restrictions" { String::new() } else { format!("{list}_") };
        json.push(format!(
            r#""{prefix}rss_{}_kib":{},"{prefix}rss_{}_kib":{},"{prefix}delta_kib":{delta}"#,
            sizes[0], medians[0], sizes[1], medians[1]
        ));
    }
    if let Some(path) = flag("--json") {
        std::fs::write(path, format!("{{{}}}", json.join(","))).expect("write --json");
    }
}
