//! Peak memory of a streamed download: `DownloadSimplePcap` (a `ByteStream`) reading 1 MiB
//! against reading 1 GiB from a loopback server on 127.0.0.1, each size in its own child
//! process, three runs each, alternating; the median peak RSS (`VmHWM`) of each and their
//! difference are printed. A stream in flat memory makes the difference small (the target:
//! at most 16 MiB); a buffered body would make it about 1 GiB.
//!
//! Usage: `bench_stream [--json PATH]`, or `bench_stream --bytes N` (one child run).

use std::io::Write;
use std::net::TcpListener;

use futures_util::TryStreamExt;

use flarekit::magic_transit::pcaps::download::DownloadSimplePcap;
use flarekit::{Client, Credentials};
use flarekit_bench::common::{median_peaks, vm_hwm_kib};

/// Serves one download of `bytes` bytes (from one reused 64 KiB buffer) on a thread.
fn serve(bytes: u64) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let port = listener.local_addr().expect("port").port();
    std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().expect("accept");
        let mut head = [0u8; 4096];
        let _ = std::io::Read::read(&mut socket, &mut head);
        let header =
            format!("HTTP/1.1 200 OK\r\ncontent-type: application/vnd.tcpdump.pcap\r\ncontent-length: {bytes}\r\n\r\n");
        socket.write_all(header.as_bytes()).expect("head");
        let block = vec![0xa5u8; 64 * 1024];
        let mut left = bytes;
        while left > 0 {
            let n = left.min(block.len() as u64) as usize;
            socket.write_all(&block[..n]).expect("body");
            left -= n as u64;
        }
    });
    port
}

/// Downloads `bytes` bytes and returns (bytes received, peak RSS in KiB).
fn child(bytes: u64) -> (u64, u64) {
    let port = serve(bytes);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let received = runtime.block_on(async {
        let client = Client::builder()
            .base_url(format!("http://127.0.0.1:{port}/client/v4"))
            .credentials(Credentials::api_token("bench-token"))
            .build()
            .expect("client");
        let download = DownloadSimplePcap::new("a".into(), "p").send(&client).await.expect("the head");
        let mut download = std::pin::pin!(download);
        let mut received = 0u64;
        while let Some(chunk) = download.try_next().await.expect("a chunk") {
            received += chunk.len() as u64;
            std::hint::black_box(&chunk);
        }
        received
    });
    (received, vm_hwm_kib())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    if let Some(bytes) = flag("--bytes") {
        let bytes: u64 = bytes.parse().expect("--bytes");
        let (received, hwm) = child(bytes);
        assert_eq!(received, bytes, "the download ended early");
        println!("{received} {hwm}");
        return;
    }
    const SMALL: u64 = 1 << 20;
    const LARGE: u64 = 1 << 30;
    let mut medians = Vec::new();
    for (bytes, runs, median) in median_peaks(&[], "--bytes", &[SMALL, LARGE]) {
        println!("stream {:>5} MiB: peak RSS {:>6.1} MiB (runs {runs:?} KiB)", bytes >> 20, median as f64 / 1024.0);
        medians.push(median);
    }
    let delta = medians[1] as f64 - medians[0] as f64;
    println!("difference 1 GiB - 1 MiB streamed: {:+.2} MiB (target: at most 16 MiB)", delta / 1024.0);
    if let Some(path) = flag("--json") {
        let json =
            format!(r#"{{"rss_1mib_kib":{},"rss_1gib_kib":{},"delta_kib":{}}}"#, medians[0], medians[1], delta as i64);
        std::fs::write(&path, json).expect("write --json");
    }
}
