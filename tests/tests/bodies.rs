//! Request bodies other than JSON, on the wire: raw bytes, multipart forms and text, checked
//! byte for byte as a loopback server received them.

use flarekit::dns::records::{ExportDnsRecords, ImportDnsRecords};
use flarekit::kv::namespaces::values::{ReadKeyValuePair, WriteKeyValuePair, WriteKeyValuePairWithMetadata};
use flarekit::request::Blob;
use flarekit::workers::scripts::{ScriptMetadata, UploadWorkerModule};
use flarekit::{BodyKind, Endpoint, ErrorKind, Kind, Location, ResponseKind};
use flarekit_tests::{Recorded, Reply, TestServer};
use serde_json::json;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const ZONE: &str = "9a7806061c88ada191ed06f989cc3dac";

/// The request's content-length, which must be the body's (no chunked encoding).
fn content_length(req: &Recorded) -> usize {
    assert_eq!(req.header("transfer-encoding"), None);
    req.header("content-length").expect("a content-length").parse().expect("a number")
}

#[tokio::test]
async fn a_kv_value_is_the_raw_body_and_its_key_one_segment() {
    let server = TestServer::with_replies(vec![Reply::ok(200, json!({}))]).await;
    let value: Vec<u8> = (0..=255u8).collect();
    WriteKeyValuePair::new(ACCOUNT.into(), "ns1", "dir/50%/k y", Blob::from(value.clone()))
        .expiration_ttl(3600)
        .send(&server.client("tok"))
        .await
        .expect("written");
    let reqs = server.requests();
    let req = &reqs[0];
    assert_eq!(req.method, "PUT");
    assert_eq!(req.path, format!("/client/v4/accounts/{ACCOUNT}/storage/kv/namespaces/ns1/values/dir%2F50%25%2Fk%20y"));
    assert_eq!(req.query.as_deref(), Some("expiration_ttl=3600"));
    assert_eq!(req.header("content-type"), Some("application/octet-stream"));
    assert_eq!(content_length(req), 256);
    // The bytes exactly, not `{"value": …}`.
    assert_eq!(req.body, value);
    assert_eq!(WriteKeyValuePair::INFO.body, BodyKind::Raw { content_type: "application/octet-stream" });
    let field = WriteKeyValuePair::INFO.fields.iter().find(|f| f.name == "value").expect("the value field");
    assert_eq!((field.location, field.kind), (Location::WholeBody, Kind::Binary));
}

#[tokio::test]
async fn a_kv_value_with_metadata_is_a_two_part_form() {
    let server = TestServer::with_replies(vec![Reply::ok(200, json!(null))]).await;
    let value = Blob::from("hello");
    WriteKeyValuePairWithMetadata::new(ACCOUNT.into(), "ns1", "greeting", value, json!({"lang": "en"}))
        .send(&server.client("tok"))
        .await
        .expect("written");
    let req = &server.requests()[0];
    let b = req.boundary();
    let expected = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\nhello\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n{{\"lang\":\"en\"}}\r\n\
         --{b}--\r\n"
    );
    assert_eq!(String::from_utf8(req.body.clone()).unwrap(), expected);
    assert_eq!(content_length(req), expected.len());
}

fn worker_upload(main: &str) -> UploadWorkerModule {
    let js =
        Blob::from("import { add } from './lib.wasm';\nexport default { fetch() { return new Response(add(1, 2)) } }")
            .with_filename("worker.js")
            .with_content_type("application/javascript+module");
    // Large enough to be sent from its own buffer, not copied next to its headers.
    let wasm = Blob::from(vec![0u8; 20_000]).with_filename("lib.wasm").with_content_type("application/wasm");
    UploadWorkerModule::new(
        ACCOUNT.into(),
        "hello-world",
        ScriptMetadata::main_module(main).compatibility_date("2024-08-01"),
        vec![js, wasm],
    )
}

fn script_reply() -> Reply {
    Reply::ok(
        200,
        json!({"id": "hello-world", "etag": "e1", "handlers": ["fetch"], "created_on": "2024-08-01T00:00:00Z"}),
    )
}

#[tokio::test]
async fn a_worker_upload_sends_metadata_then_each_module_under_its_file_name() {
    let server = TestServer::with_replies(vec![script_reply()]).await;
    let script = worker_upload("worker.js").send(&server.client("tok")).await.expect("uploaded");
    assert_eq!((script.id.as_deref(), script.handlers.as_slice()), (Some("hello-world"), &["fetch".to_owned()][..]));

    let req = &server.requests()[0];
    assert_eq!(
        (req.method.as_str(), req.path.as_str()),
        ("PUT", "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/workers/scripts/hello-world")
    );
    let b = req.boundary();
    let mut expected = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n\
         {{\"main_module\":\"worker.js\",\"compatibility_date\":\"2024-08-01\"}}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"worker.js\"; filename=\"worker.js\"\r\n\
         Content-Type: application/javascript+module\r\n\r\n\
         import {{ add }} from './lib.wasm';\nexport default {{ fetch() {{ return new Response(add(1, 2)) }} }}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"lib.wasm\"; filename=\"lib.wasm\"\r\n\
         Content-Type: application/wasm\r\n\r\n"
    )
    .into_bytes();
    expected.extend_from_slice(&[0u8; 20_000]);
    expected.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    assert_eq!(req.body.len(), expected.len());
    assert!(req.body == expected, "the form differs from the expected bytes");
    assert_eq!(content_length(req), expected.len());
    assert_eq!(UploadWorkerModule::INFO.body, BodyKind::Multipart);
}

#[tokio::test]
async fn a_main_module_that_names_no_part_sends_nothing() {
    let server = TestServer::with_replies(vec![script_reply()]).await;
    let err = worker_upload("index.js").send(&server.client("tok")).await.unwrap_err();
    let ErrorKind::Validation(v) = err.kind() else { panic!("{err:?}") };
    assert_eq!(
        v.violations().iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["`metadata.main_module` (part_name): must name one of the uploaded modules"]
    );
    let no_modules = UploadWorkerModule::new(ACCOUNT.into(), "hello-world", ScriptMetadata::default(), vec![]);
    let err = no_modules.validate().unwrap_err();
    let fields: Vec<&str> = err.violations().iter().map(|v| v.field.as_ref()).collect();
    assert_eq!(fields, ["modules", "metadata"], "{err}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_multipart_upload_retried_after_a_503_resends_identical_bytes() {
    let busy = Reply::json(503, json!({"success": false, "errors": [{"code": 10013, "message": "busy"}]}));
    let server = TestServer::with_replies(vec![busy, script_reply()]).await;
    // PUT is idempotent: a 503 is retried.
    worker_upload("worker.js").send(&server.client("tok")).await.expect("uploaded on the second attempt");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].boundary(), reqs[1].boundary());
    assert!(reqs[0].body == reqs[1].body && reqs[0].body.len() > 20_000);
}

#[tokio::test]
async fn a_dns_import_uploads_the_file_and_proxied_as_text() {
    let reply = Reply::ok(200, json!({"recs_added": 2, "total_records_parsed": 2}));
    let server = TestServer::with_replies(vec![reply]).await;
    let zone_file = "www.example.com. 300 IN A 192.0.2.1\nmail.example.com. 300 IN A 192.0.2.2\n";
    let imported = ImportDnsRecords::new(ZONE.into(), Blob::from(zone_file).with_filename("example.com.txt"))
        .proxied(true)
        .send(&server.client("tok"))
        .await
        .expect("imported");
    assert_eq!(imported.recs_added, Some(2));
    let req = &server.requests()[0];
    assert_eq!(req.path, format!("/client/v4/zones/{ZONE}/dns_records/import"));
    let b = req.boundary();
    assert_eq!(
        String::from_utf8(req.body.clone()).unwrap(),
        format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"example.com.txt\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n{zone_file}\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"proxied\"\r\n\r\ntrue\r\n--{b}--\r\n"
        )
    );
}

#[tokio::test]
async fn a_dns_export_is_text_and_a_kv_read_is_bytes() {
    let zone = "www.example.com.\t300\tIN\tA\t192.0.2.1\n";
    let value: Vec<u8> = vec![0, 159, 146, 150];
    let server = TestServer::with_replies(vec![
        Reply::Raw { status: 200, headers: vec![("content-type".into(), "text/plain".into())], body: zone.into() },
        Reply::Raw {
            status: 200,
            headers: vec![
                ("content-type".into(), "application/octet-stream".into()),
                ("expiration".into(), "1767225600".into()),
            ],
            body: value.clone(),
        },
        Reply::Raw { status: 200, headers: vec![], body: vec![0xff, 0xfe] },
    ])
    .await;
    let client = server.client("tok");
    assert_eq!(ExportDnsRecords::new(ZONE.into()).send(&client).await.expect("exported"), zone);
    let read = ReadKeyValuePair::new(ACCOUNT.into(), "ns1", "k").send(&client).await.expect("read");
    assert_eq!(read.bytes().as_ref(), &value[..]);
    assert_eq!(
        (read.content_type(), read.header("Expiration")),
        (Some("application/octet-stream"), Some("1767225600"))
    );
    // The value is never shown by Debug: it may be a secret.
    assert!(format!("{read:?}").contains("len: 4"), "{read:?}");
    let err = ExportDnsRecords::new(ZONE.into()).send(&client).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Decode(d) if d.reason.contains("not UTF-8")), "{err}");
    let reqs = server.requests();
    assert_eq!(reqs[0].path, format!("/client/v4/zones/{ZONE}/dns_records/export"));
    assert!(reqs.iter().all(|r| r.body.is_empty() && r.header("content-type").is_none()));
    assert_eq!(
        (ExportDnsRecords::INFO.response, ReadKeyValuePair::INFO.response),
        (ResponseKind::Text, ResponseKind::Payload)
    );
}

#[tokio::test]
async fn worker_bindings_are_typed_and_a_kind_this_version_lacks_goes_as_given() {
    use flarekit::workers::scripts::Binding;
    let server = TestServer::with_replies(vec![script_reply()]).await;
    let mut upload = worker_upload("worker.js");
    let later: serde_json::Value = json!({"type": "vectorize", "name": "INDEX", "index_name": "docs"});
    let serde_json::Value::Object(later) = later else { unreachable!() };
    upload.metadata.bindings = Some(vec![
        Binding::PlainText { name: "GREETING".into(), text: "hi".into() },
        Binding::SecretText { name: "API_KEY".into(), text: "s3cr3t".into() },
        Binding::Other(later),
    ]);
    assert!(!format!("{upload:?}").contains("s3cr3t"), "a secret binding is not shown");
    upload.send(&server.client("tok")).await.expect("uploaded");
    let req = &server.requests()[0];
    let body = String::from_utf8_lossy(&req.body).into_owned();
    let metadata = body.split("\r\n\r\n").nth(1).and_then(|rest| rest.split("\r\n").next()).expect("the metadata part");
    let metadata: serde_json::Value = serde_json::from_str(metadata).expect("JSON metadata");
    assert_eq!(
        metadata["bindings"],
        json!([
            {"type": "plain_text", "name": "GREETING", "text": "hi"},
            {"type": "secret_text", "name": "API_KEY", "text": "s3cr3t"},
            {"type": "vectorize", "name": "INDEX", "index_name": "docs"}
        ])
    );
}

#[tokio::test]
async fn vectors_are_uploaded_as_json_lines_and_checked_line_by_line() {
    use flarekit::request::Ndjson;
    use flarekit::vectorize::indexes::{InsertVectors, UnparsableBehavior, Vector};
    let server = TestServer::with_replies(vec![Reply::ok(200, json!({"mutationId": "m1"}))]).await;
    let vector = |id: &str, values: Vec<f32>| Vector { id: id.into(), values, metadata: None };
    let lines = Ndjson(vec![vector("a", vec![0.5, 1.0]), vector("b", vec![0.25, -1.0])]);
    let insert =
        InsertVectors::new(ACCOUNT.into(), "docs-index", lines).unparsable_behavior(UnparsableBehavior::Discard);
    let done = insert.send(&server.client("tok")).await.expect("inserted");
    assert_eq!(done.mutation_id.as_deref(), Some("m1"));
    let req = &server.requests()[0];
    assert_eq!(req.path, format!("/client/v4/accounts/{ACCOUNT}/vectorize/v2/indexes/docs-index/insert"));
    assert_eq!(req.query.as_deref(), Some("unparsable-behavior=discard"));
    assert_eq!(req.header("content-type"), Some("application/x-ndjson"));
    // Whole numbers go as integers (`1`, not `1.0`).
    assert_eq!(
        String::from_utf8_lossy(&req.body),
        "{\"id\":\"a\",\"values\":[0.5,1]}\n{\"id\":\"b\",\"values\":[0.25,-1]}\n"
    );

    let bad =
        InsertVectors::new(ACCOUNT.into(), "docs-index", Ndjson(vec![vector("a", vec![1.0]), vector("", vec![])]));
    let err = bad.validate().unwrap_err();
    let fields: Vec<&str> = err.violations().iter().map(|v| v.field.as_ref()).collect();
    assert_eq!(fields, ["vectors[1].id", "vectors[1].values"], "{err}");
}
