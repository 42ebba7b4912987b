//! Workers KV on the fake, through flarekit's client: namespaces, values as bytes (raw or with
//! metadata), expiry on the server's clock, keys by prefix and cursor, bulk writes and deletes.

use std::time::Duration;

use flarekit::kv::namespaces::keys::{BulkDeleteKeys, BulkUpdateKeys, BulkUpdateKeysBodyItem, Key, ListKeys};
use flarekit::kv::namespaces::metadata::GetMetadata;
use flarekit::kv::namespaces::values::{
    DeleteValue, ReadKeyValuePair, WriteKeyValuePair, WriteKeyValuePairWithMetadata,
};
use flarekit::kv::namespaces::{CreateNamespace, DeleteNamespace, GetNamespace, ListNamespaces, UpdateNamespace};
use flarekit::request::Blob;
use flarekit::{AccountId, Client};
use flarekit_fake::{codes, MockServer};
use futures_util::TryStreamExt;
use serde_json::json;

mod common;
use common::status;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";

fn account() -> AccountId {
    ACCOUNT.into()
}

async fn namespace(client: &Client, title: &str) -> String {
    let created = CreateNamespace::new(account(), title).send(client).await.expect("a namespace");
    created.id.expect("an id")
}

#[tokio::test]
async fn namespaces_are_created_listed_renamed_and_deleted() {
    let server = MockServer::start().await.expect("the fake starts");
    let client = server.client();
    let builds = namespace(&client, "builds").await;
    namespace(&client, "sessions").await;
    assert_eq!(builds.len(), 32);
    assert_eq!(status(CreateNamespace::new(account(), "builds").send(&client).await), (409, codes::DUPLICATE));

    let all: Vec<_> = client.paginate(ListNamespaces::new(account())).try_collect().await.expect("listed");
    assert_eq!(all.iter().map(|n| n.title.as_str()).collect::<Vec<_>>(), ["builds", "sessions"]);
    UpdateNamespace::new(account(), &builds, "artefacts").send(&client).await.expect("renamed");
    let got = GetNamespace::new(account(), &builds).send(&client).await.expect("read");
    assert_eq!((got.title.as_str(), got.id.as_deref()), ("artefacts", Some(builds.as_str())));
    // Another account sees none of them.
    let other: Vec<_> = client
        .paginate(ListNamespaces::new("0123456789abcdef0123456789abcdef".into()))
        .try_collect()
        .await
        .expect("listed");
    assert!(other.is_empty());

    DeleteNamespace::new(account(), &builds).send(&client).await.expect("deleted");
    assert_eq!(status(GetNamespace::new(account(), &builds).send(&client).await).0, 404);
    let write = WriteKeyValuePair::new(account(), &builds, "k", Blob::from("v")).send(&client).await;
    assert_eq!(status(write).0, 404);
}

#[tokio::test]
async fn values_are_the_bytes_written_with_metadata_beside_them() {
    let server = MockServer::start().await.expect("the fake starts");
    let client = server.client();
    let ns = namespace(&client, "builds").await;
    let wasm: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let key = "build/42/app.wasm";
    WriteKeyValuePair::new(account(), &ns, key, Blob::from(wasm.clone())).send(&client).await.expect("written");
    let read = ReadKeyValuePair::new(account(), &ns, key).send(&client).await.expect("read");
    assert_eq!(read.bytes().as_ref(), wasm.as_slice());
    assert_eq!((read.content_type(), read.header("expiration")), (Some("application/octet-stream"), None));

    // With metadata: a two-part form. The metadata is listed with the key and read on its own.
    let manifest = Blob::from(b"\x00{\"not\": json}\xff".to_vec());
    WriteKeyValuePairWithMetadata::new(account(), &ns, "build/42/manifest", manifest, json!({"sha": "9f2c"}))
        .send(&client)
        .await
        .expect("written");
    let read = ReadKeyValuePair::new(account(), &ns, "build/42/manifest").send(&client).await.expect("read");
    assert_eq!(read.bytes().as_ref(), b"\x00{\"not\": json}\xff");
    let metadata = GetMetadata::new(account(), &ns, "build/42/manifest").send(&client).await.expect("metadata");
    assert_eq!(serde_json::to_value(metadata).expect("JSON"), json!({"sha": "9f2c"}));
    let keys: Vec<Key> = client.paginate(ListKeys::new(account(), &ns)).try_collect().await.expect("listed");
    assert_eq!(
        keys.iter().map(|k| (k.name.as_str(), k.metadata.clone())).collect::<Vec<_>>(),
        [("build/42/app.wasm", None), ("build/42/manifest", Some(json!({"sha": "9f2c"}))),]
    );

    DeleteValue::new(account(), &ns, key).send(&client).await.expect("deleted");
    assert_eq!(status(ReadKeyValuePair::new(account(), &ns, key).send(&client).await), (404, codes::NOT_FOUND));
}

#[tokio::test]
async fn values_expire_on_the_servers_clock() {
    let server = MockServer::start().await.expect("the fake starts");
    let client = server.client();
    let ns = namespace(&client, "sessions").await;
    let write = |key: &'static str, ttl: u64| {
        WriteKeyValuePair::new(account(), &ns, key, Blob::from("token")).expiration_ttl(ttl).send(&client)
    };
    write("short", 60).await.expect("written");
    write("long", 3600).await.expect("written");
    let (status_code, _) = status(write("too-short", 59).await);
    assert_eq!(status_code, 400);

    let read = ReadKeyValuePair::new(account(), &ns, "short").send(&client).await.expect("still there");
    let expiration: u64 = read.header("expiration").expect("an expiration").parse().expect("seconds");
    let keys: Vec<Key> = client.paginate(ListKeys::new(account(), &ns)).try_collect().await.expect("listed");
    assert_eq!(keys.iter().find(|k| k.name == "short").and_then(|k| k.expiration), Some(expiration));

    server.advance_clock(Duration::from_secs(61));
    assert_eq!(status(ReadKeyValuePair::new(account(), &ns, "short").send(&client).await).0, 404);
    let keys: Vec<Key> = client.paginate(ListKeys::new(account(), &ns)).try_collect().await.expect("listed");
    assert_eq!(keys.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(), ["long"]);
    server.advance_clock(Duration::from_secs(3600));
    let keys: Vec<Key> = client.paginate(ListKeys::new(account(), &ns)).try_collect().await.expect("listed");
    assert!(keys.is_empty(), "{keys:?}");
}

#[tokio::test]
async fn keys_list_by_prefix_and_cursor_and_bulk_writes_apply_all_or_none() {
    let server = MockServer::start().await.expect("the fake starts");
    let client = server.client();
    let ns = namespace(&client, "flags").await;
    let item = |key: String, value: &str| {
        let mut item = BulkUpdateKeysBodyItem::default();
        (item.key, item.value) = (Some(key), Some(value.to_owned()));
        item
    };
    let mut items: Vec<_> = (0..25).map(|i| item(format!("flag/{i:02}"), "on")).collect();
    items.push(item("other".into(), "x"));
    let mut binary = item("blob".into(), "AAEC/w==");
    binary.base64 = Some(true);
    items.push(binary);
    let done = BulkUpdateKeys::new(account(), &ns, items).send(&client).await.expect("written");
    assert_eq!(done.and_then(|d| d.get("successful_key_count").cloned()), Some(json!(27)));
    let blob = ReadKeyValuePair::new(account(), &ns, "blob").send(&client).await.expect("read");
    assert_eq!(blob.bytes().as_ref(), [0, 1, 2, 255]);

    // Ten a page, by cursor: 25 flags in three pages, in order, each once.
    let list = ListKeys::new(account(), &ns).prefix("flag/").limit(10);
    let keys: Vec<Key> = client.paginate(list).try_collect().await.expect("listed");
    let expected: Vec<String> = (0..25).map(|i| format!("flag/{i:02}")).collect();
    assert_eq!(keys.iter().map(|k| k.name.clone()).collect::<Vec<_>>(), expected);
    let first = client.send_with_meta(ListKeys::new(account(), &ns).prefix("flag/").limit(10)).await.expect("a page");
    let cursor = first.result_info.as_ref().and_then(|i| i.next_cursor()).expect("a cursor").to_owned();
    assert_eq!(first.result.len(), 10);
    let last = ListKeys::new(account(), &ns).prefix("flag/").limit(10).cursor(&cursor);
    let second = client.send_with_meta(last).await.expect("the next page");
    assert_eq!(second.result.first().map(|k| k.name.as_str()), Some("flag/10"));
    let bogus = ListKeys::new(account(), &ns).cursor("not-a-cursor");
    assert_eq!(status(client.send(bogus).await).0, 400);

    // One bad item (an expiration in the past) and nothing is written.
    let mut late = item("late".into(), "x");
    late.expiration = Some(1.0);
    let refused = BulkUpdateKeys::new(account(), &ns, vec![item("fine".into(), "x"), late]).send(&client).await;
    assert_eq!(status(refused).0, 400);
    assert_eq!(status(ReadKeyValuePair::new(account(), &ns, "fine").send(&client).await).0, 404);

    let gone: Vec<String> = (0..20).map(|i| format!("flag/{i:02}")).collect();
    BulkDeleteKeys::new(account(), &ns, gone).send(&client).await.expect("deleted");
    let keys: Vec<Key> = client.paginate(ListKeys::new(account(), &ns)).try_collect().await.expect("listed");
    assert_eq!(keys.len(), 7, "{keys:?}");
}
