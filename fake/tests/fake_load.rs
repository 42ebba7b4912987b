//! The fake under load and faults: 32 clients make over 10,000 mixed calls (KV writes, reads
//! and deletes, DNS record creates and deletes) in two rounds; every write is there once,
//! every delete gone, and the process's memory after the second round is within 8 MiB of the
//! first. During the first, malformed, mistyped and oversized bodies, unknown routes and
//! clients that stall (in their headers, or in their body) each get their error while the
//! others carry on.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use flarekit::dns::records::{CreateRecord, DeleteRecord, DnsRecord, ListDnsRecords};
use flarekit::kv::namespaces::keys::{Key, ListKeys};
use flarekit::kv::namespaces::values::{DeleteValue, ReadKeyValuePair, WriteKeyValuePair};
use flarekit::kv::namespaces::CreateNamespace;
use flarekit::request::Blob;
use flarekit::zones::{CreateZone, CreateZoneAccount};
use flarekit::{Client, Credentials, ZoneId};
use flarekit_fake::{codes, MockServer};
use futures_util::TryStreamExt;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const CLIENTS: usize = 32;
/// Calls per client per round: 32 × 157 × 2 rounds = 10,048 calls.
const CALLS: usize = 157;

/// The process's resident memory, in KiB.
fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("a VmRSS line");
    line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("a number")
}

fn value(client: usize, call: usize) -> Vec<u8> {
    format!("client {client} call {call}").into_bytes()
}

/// One client's round: what it wrote and did not delete, as KV keys and DNS names.
async fn round(client: Client, id: usize, round: usize, zone: ZoneId, ns: String) -> (Vec<String>, Vec<String>) {
    let (mut keys, mut names, mut records) = (Vec::new(), Vec::new(), Vec::new());
    for call in 0..CALLS {
        let key = format!("r{round}/c{id}/k{call}");
        match call % 4 {
            0 => {
                let write = WriteKeyValuePair::new(ACCOUNT.into(), &ns, &key, Blob::from(value(id, call)));
                write.send(&client).await.expect("written");
                keys.push(key);
            }
            1 => {
                let name = format!("h{round}-{id}-{call}.example.com");
                let address = format!("10.{id}.{}.{}", call / 256, call % 256);
                let created = CreateRecord::new(zone.clone(), DnsRecord::a(&name, &address)).send(&client).await;
                let Ok(DnsRecord::A(a)) = created else { panic!("{created:?}") };
                records.push((a.id.unwrap_or_default(), name.clone()));
                names.push(name);
            }
            2 => {
                let written = format!("r{round}/c{id}/k{}", call - 2);
                let read = ReadKeyValuePair::new(ACCOUNT.into(), &ns, &written).send(&client).await.expect("read");
                assert_eq!(read.bytes().as_ref(), value(id, call - 2).as_slice(), "{written}");
            }
            _ if call % 8 == 3 => {
                let gone = keys.pop().expect("a key to delete");
                DeleteValue::new(ACCOUNT.into(), &ns, &gone).send(&client).await.expect("deleted");
            }
            _ => {
                let (id, name) = records.pop().expect("a record to delete");
                DeleteRecord::new(zone.clone(), id.as_str()).send(&client).await.expect("deleted");
                names.retain(|n| *n != name);
            }
        }
    }
    (keys, names)
}

/// Sends `body` to `path` with the admin token; the status and the first error's code.
async fn raw(server: &MockServer, method: reqwest::Method, path: &str, body: Vec<u8>) -> (u16, Value) {
    let response = reqwest::Client::new()
        .request(method, format!("{}{path}", server.base_url()))
        .bearer_auth(server.admin_token())
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("the fake answers");
    let status = response.status().as_u16();
    let body: Value = serde_json::from_slice(&response.bytes().await.expect("a body")).expect("JSON");
    (status, body["errors"][0]["code"].clone())
}

/// The faults, each answered while the load goes on.
async fn faults(server: &MockServer, zone: &ZoneId, ns: &str) {
    let records = format!("/zones/{zone}/dns_records");
    assert_eq!(
        raw(server, reqwest::Method::POST, &records, b"{\"type\": ".to_vec()).await,
        (400, codes::MALFORMED_JSON.into())
    );
    let mistyped = br#"{"type": "A", "name": 7, "content": "198.51.100.7"}"#.to_vec();
    assert_eq!(raw(server, reqwest::Method::POST, &records, mistyped).await, (400, codes::INVALID.into()));
    assert_eq!(
        raw(server, reqwest::Method::GET, "/zones/nothing/here/at/all", vec![]).await,
        (404, codes::NO_ROUTE.into())
    );
    let value = format!("/accounts/{ACCOUNT}/storage/kv/namespaces/{ns}/values/big");
    assert_eq!(raw(server, reqwest::Method::PUT, &value, vec![0; 33 << 20]).await, (413, codes::TOO_LARGE.into()));

    // A client that sends half its headers and stops: the fake closes its connection after the
    // read timeout (1 s here), and serves the others meanwhile.
    let address = server.base_url().trim_start_matches("http://").split('/').next().expect("host:port").to_owned();
    let mut stalled = tokio::net::TcpStream::connect(&address).await.expect("connected");
    stalled.write_all(b"GET /client/v4/zones HTTP/1.1\r\nHost: 127.0.0.1\r\n").await.expect("half a request");
    let started = Instant::now();
    let mut buf = [0u8; 64];
    let read = tokio::time::timeout(Duration::from_secs(10), stalled.read(&mut buf)).await.expect("closed in time");
    assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
    assert!(started.elapsed() >= Duration::from_millis(900), "closed after {:?}", started.elapsed());

    // A client that sends its headers and then too little of its body: a 408.
    let mut slow = tokio::net::TcpStream::connect(&address).await.expect("connected");
    let head = format!(
        "PUT /client/v4{value} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {}\r\nContent-Length: 100\r\n\r\nonly part",
        server.admin_token()
    );
    slow.write_all(head.as_bytes()).await.expect("a partial body");
    let mut answer = Vec::new();
    let _ =
        tokio::time::timeout(Duration::from_secs(10), slow.read_to_end(&mut answer)).await.expect("answered in time");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains(&format!("\"code\":{}", codes::TIMEOUT)), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_calls_from_32_clients_lose_nothing_duplicate_nothing_and_stay_flat() {
    let server = MockServer::builder().read_timeout(Duration::from_secs(1)).start().await.expect("the fake starts");
    // Fresh clients for each round and each check: with a 1 s read timeout the fake closes
    // connections idle for a second, and a pooled one could be reused just as it closes.
    let connect = || {
        Client::builder()
            .base_url(server.base_url())
            .credentials(Credentials::api_token(server.admin_token()))
            .build()
            .expect("a client")
    };
    let admin = connect();
    let zone = CreateZone::new(CreateZoneAccount { id: Some(ACCOUNT.into()) }, "example.com").send(&admin).await;
    let zone = ZoneId::from(zone.expect("a zone").id.as_str());
    let ns = CreateNamespace::new(ACCOUNT.into(), "load").send(&admin).await.expect("a namespace").id.expect("an id");
    let mut memory = Vec::new();
    for n in 0..2 {
        let tasks: Vec<_> =
            (0..CLIENTS).map(|id| tokio::spawn(round(connect(), id, n, zone.clone(), ns.clone()))).collect();
        // The faults in the first round: the second, like it but for them, measures the memory.
        if n == 0 {
            faults(&server, &zone, &ns).await;
        }
        let (mut keys, mut names) = (BTreeSet::new(), BTreeSet::new());
        for task in tasks {
            let (k, d) = task.await.expect("a client's round");
            keys.extend(k);
            names.extend(d);
        }
        // Every write that was not deleted is there, once; every delete is gone.
        let admin = connect();
        let prefix = format!("r{n}/");
        let listed: Vec<Key> =
            admin.paginate(ListKeys::new(ACCOUNT.into(), &ns).prefix(&prefix)).try_collect().await.expect("listed");
        let listed: Vec<String> = listed.into_iter().map(|k| k.name).collect();
        assert_eq!(listed.len(), keys.len(), "duplicated or lost KV keys");
        assert_eq!(listed.into_iter().collect::<BTreeSet<_>>(), keys);
        let records: Vec<DnsRecord> = admin
            .paginate(ListDnsRecords::new(zone.clone()).name_startswith(&format!("h{n}-")))
            .try_collect()
            .await
            .expect("listed");
        let listed: Vec<String> =
            records.iter().filter_map(|r| if let DnsRecord::A(a) = r { Some(a.name.clone()) } else { None }).collect();
        assert_eq!(listed.len(), names.len(), "duplicated or lost DNS records");
        assert_eq!(listed.into_iter().collect::<BTreeSet<_>>(), names);
        // Clear the round, so that the next starts from the same state.
        for key in &keys {
            DeleteValue::new(ACCOUNT.into(), &ns, key).send(&admin).await.expect("cleared");
        }
        for record in &records {
            if let DnsRecord::A(a) = record {
                DeleteRecord::new(zone.clone(), a.id.as_deref().unwrap_or_default())
                    .send(&admin)
                    .await
                    .expect("cleared");
            }
        }
        memory.push(rss_kib());
    }
    eprintln!("resident memory after each round: {memory:?} KiB");
    assert!(memory[1] <= memory[0] + 8 * 1024, "memory grew from {} KiB to {} KiB", memory[0], memory[1]);
}
