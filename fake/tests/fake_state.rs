//! `--state FILE`: the fake's data survives a restart, is written atomically, and a file that
//! is not its state stops it from starting instead of being replaced.

use std::path::PathBuf;

use flarekit::dns::records::{CreateRecord, DnsRecord, ListDnsRecords};
use flarekit::kv::namespaces::values::{ReadKeyValuePair, WriteKeyValuePair};
use flarekit::kv::namespaces::CreateNamespace;
use flarekit::request::Blob;
use flarekit::zones::{CreateZone, CreateZoneAccount, ListZones};
use flarekit_fake::MockServer;
use futures_util::TryStreamExt;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";

/// A directory of its own for a test's state file, removed when the test ends.
struct StateDir(PathBuf);

impl StateDir {
    fn new(test: &str) -> StateDir {
        let dir = std::env::temp_dir().join(format!("flarekit-fake-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        StateDir(dir)
    }

    fn file(&self) -> PathBuf {
        self.0.join("state.json")
    }
}

impl Drop for StateDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn start(path: &PathBuf) -> MockServer {
    MockServer::builder().admin_token("admin").state(path).start().await.expect("the fake starts")
}

#[tokio::test]
async fn the_data_survives_a_restart() {
    let state_dir = StateDir::new("restart");
    let path = state_dir.file();
    let bytes: Vec<u8> = (0..=255u8).collect();
    let (zone_id, namespace) = {
        let server = start(&path).await;
        let client = server.client();
        let account = CreateZoneAccount { id: Some(ACCOUNT.into()) };
        let zone = CreateZone::new(account, "example.com").send(&client).await.expect("a zone");
        CreateRecord::new(zone.id.as_str().into(), DnsRecord::a("home", "198.51.100.7"))
            .send(&client)
            .await
            .expect("a record");
        let namespace = CreateNamespace::new(ACCOUNT.into(), "builds").send(&client).await.expect("a namespace");
        let namespace = namespace.id.expect("an id");
        WriteKeyValuePair::new(ACCOUNT.into(), &namespace, "k", Blob::from(bytes.clone()))
            .send(&client)
            .await
            .expect("a value");
        (zone.id, namespace)
    };
    // Written by rename: no temporary file is left beside it.
    let dir: Vec<_> = std::fs::read_dir(path.parent().expect("a directory"))
        .expect("listed")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(dir, ["state.json"]);

    let server = start(&path).await;
    let client = server.client();
    let zones: Vec<_> = client.paginate(ListZones::new()).try_collect().await.expect("listed");
    assert_eq!(
        zones.iter().map(|z| (z.id.as_str(), z.name.as_str())).collect::<Vec<_>>(),
        [(zone_id.as_str(), "example.com")]
    );
    let records: Vec<DnsRecord> =
        client.paginate(ListDnsRecords::new(zone_id.as_str().into())).try_collect().await.expect("listed");
    assert!(matches!(&records[..], [DnsRecord::A(a)] if a.name == "home.example.com"), "{records:?}");
    let value = ReadKeyValuePair::new(ACCOUNT.into(), &namespace, "k").send(&client).await.expect("read");
    assert_eq!(value.bytes().as_ref(), bytes.as_slice());
    // A new zone after the restart does not take an old id's place.
    let account = CreateZoneAccount { id: Some(ACCOUNT.into()) };
    CreateZone::new(account, "example.org").send(&client).await.expect("another zone");
    let zones: Vec<_> = client.paginate(ListZones::new()).try_collect().await.expect("listed");
    assert_eq!(zones.iter().map(|z| z.name.as_str()).collect::<Vec<_>>(), ["example.com", "example.org"]);
}

#[tokio::test]
async fn a_file_that_is_not_its_state_stops_the_start_and_is_kept() {
    let state_dir = StateDir::new("corrupt");
    let path = state_dir.file();
    for content in ["{\"next_seq\": ", "[]", "{\"unknown\": 1}"] {
        std::fs::write(&path, content).expect("written");
        let err = MockServer::builder().state(&path).start().await.expect_err("refused");
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
        let message = err.to_string();
        assert!(
            message.contains(&path.display().to_string()) && message.contains("is not a state the fake wrote"),
            "{message}"
        );
        assert_eq!(std::fs::read_to_string(&path).expect("still there"), content);
    }
    // A path that cannot be read as a file.
    let dir = path.parent().expect("a directory").to_owned();
    let err = MockServer::builder().state(&dir).start().await.expect_err("refused");
    assert!(err.to_string().starts_with("cannot read the state file"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_changes_are_each_in_the_file_when_answered_and_survive_a_restart() {
    const CLIENTS: usize = 32;
    const WRITES: usize = 20;
    let state_dir = StateDir::new("concurrent");
    let path = state_dir.file();
    let server = start(&path).await;
    let client = server.client();
    let namespace = CreateNamespace::new(ACCOUNT.into(), "load").send(&client).await.expect("a namespace");
    let namespace = namespace.id.expect("an id");
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..CLIENTS {
        let (client, namespace, path) = (client.clone(), namespace.clone(), path.clone());
        tasks.spawn(async move {
            for w in 0..WRITES {
                let key = format!("client-{c}-write-{w}");
                WriteKeyValuePair::new(ACCOUNT.into(), &namespace, &key, Blob::from(key.clone()))
                    .send(&client)
                    .await
                    .expect("written");
                // Answered only once the file holds it, though other clients' writes share it.
                let kept = std::fs::read_to_string(&path).expect("the state file");
                assert!(kept.contains(&format!("\"{key}\"")), "{key} answered before it was kept");
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("a client's writes");
    }
    drop(server);

    let server = start(&path).await;
    let client = server.client();
    for c in 0..CLIENTS {
        for w in 0..WRITES {
            let key = format!("client-{c}-write-{w}");
            let value = ReadKeyValuePair::new(ACCOUNT.into(), &namespace, &key).send(&client).await.expect("kept");
            assert_eq!(value.bytes().as_ref(), key.as_bytes());
        }
    }
}
