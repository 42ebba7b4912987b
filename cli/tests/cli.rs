//! The `flarekit` binary end to end, against a fake API started in the test (or with `--fake`,
//! or as `flarekit fake`): exact output, exit statuses, and what reached the server.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Command, Output, Stdio};

use flarekit::email_security::settings::sending_domain_restrictions::GetSendingDomainRestriction;
use flarekit_fake::MockServer;
use flarekit_tests::{Recorded, Reply, TestServer};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_flarekit");
const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const SDR: [&str; 3] = ["email-security", "settings", "sending-domain-restrictions"];
const READ: &str = "Cloud Email Security: Read";

/// A fake API on its own runtime, so the test thread can block on the child process.
struct Fake {
    runtime: tokio::runtime::Runtime,
    server: MockServer,
}

impl Fake {
    fn start() -> Fake {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        let server =
            runtime.block_on(MockServer::builder().admin_token("admin").token("reader", &[READ]).start()).unwrap();
        Fake { runtime, server }
    }

    /// Runs `flarekit` with the fake's base URL and `token`, then `args`.
    fn run_as(&self, token: &str, args: &[&str]) -> Output {
        let base_url = self.server.base_url();
        let mut all = vec!["--base-url", base_url.as_str(), "--token", token];
        all.extend_from_slice(args);
        flarekit(&all)
    }

    /// `flarekit … email-security settings sending-domain-restrictions VERB ARGS` as admin.
    fn sdr(&self, verb: &str, args: &[&str]) -> Output {
        let mut all: Vec<&str> = SDR.to_vec();
        all.push(verb);
        all.extend_from_slice(args);
        self.run_as("admin", &all)
    }
}

fn flarekit(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("CLOUDFLARE_API_TOKEN")
        .env_remove("CLOUDFLARE_API_KEY")
        .env_remove("CLOUDFLARE_API_USER_SERVICE_KEY")
        .env_remove("CLOUDFLARE_BASE_URL")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The one JSON line a successful command printed (compact: stdout is not a terminal).
fn json_line(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    let text = stdout(o);
    assert!(text.ends_with('\n') && text.trim_end().lines().count() == 1, "one compact line: {text:?}");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn lifecycle_of_a_sending_domain_restriction() {
    let fake = Fake::start();
    let created = json_line(&fake.sdr(
        "create",
        &[
            "--account-id",
            ACCOUNT,
            "--domain",
            "example.com",
            "--exclude",
            "subdomain.example.com",
            "--exclude",
            "legacy.example.com",
            "--comments",
            "TLS only",
        ],
    ));
    let id = created["id"].as_str().unwrap().to_owned();
    let stamp = created["created_at"].clone();
    assert_eq!(
        created,
        json!({
            "id": id,
            "domain": "example.com",
            "exclude": ["subdomain.example.com", "legacy.example.com"],
            "comments": "TLS only",
            "created_at": stamp,
            "modified_at": stamp,
            "last_modified": stamp,
        })
    );

    // list: one page (the default) and --all give the same single item here.
    let page = stdout(&fake.sdr("list", &["--account-id", ACCOUNT]));
    assert_eq!(page, format!("[{}]\n", serde_json::to_string(&created).unwrap()));
    let all = stdout(&fake.sdr("list", &["--account-id", ACCOUNT, "--all"]));
    assert_eq!(all, page);

    let got = fake.sdr("get", &["--account-id", ACCOUNT, "--sending-domain-restriction-id", &id]);
    assert_eq!(json_line(&got), created);

    // edit: `--comments null` sends JSON null, which clears the comment.
    let edited = json_line(&fake.sdr(
        "edit",
        &[
            "--account-id",
            ACCOUNT,
            "--sending-domain-restriction-id",
            &id,
            "--exclude",
            "subdomain.example.com",
            "--comments",
            "null",
        ],
    ));
    let mut expected = created.clone();
    expected.as_object_mut().unwrap().remove("comments");
    expected["exclude"] = json!(["subdomain.example.com"]);
    expected["modified_at"] = edited["modified_at"].clone();
    expected["last_modified"] = edited["modified_at"].clone();
    assert_eq!(edited, expected);
    let stored = fake
        .runtime
        .block_on(fake.server.client().send(GetSendingDomainRestriction::new(ACCOUNT.into(), &id)))
        .unwrap();
    assert_eq!((stored.comments, stored.exclude), (None, Some(vec!["subdomain.example.com".to_owned()])));

    let deleted = fake.sdr("delete", &["--account-id", ACCOUNT, "--sending-domain-restriction-id", &id]);
    assert_eq!(stdout(&deleted), format!("{{\"id\":\"{id}\"}}\n"));
    let gone = fake.sdr("get", &["--account-id", ACCOUNT, "--sending-domain-restriction-id", &id]);
    assert_eq!(gone.status.code(), Some(4), "{}", stderr(&gone));
    assert!(stderr(&gone).contains("HTTP 404"), "{}", stderr(&gone));
    assert_eq!(stdout(&gone), "");
}

#[test]
fn lists_print_one_page_or_stream_every_page_as_one_array() {
    let fake = Fake::start();
    for domain in ["a.example", "b.example", "c.example"] {
        json_line(&fake.sdr("create", &["--account-id", ACCOUNT, "--domain", domain]));
    }
    let domains = |o: &Output| -> Vec<String> {
        let v = json_line(o);
        v.as_array().unwrap().iter().map(|r| r["domain"].as_str().unwrap().to_owned()).collect()
    };
    let sorted = ["--order", "domain", "--direction", "asc", "--per-page", "2"];
    let one = fake.sdr("list", &[&["--account-id", ACCOUNT][..], &sorted].concat());
    assert_eq!(domains(&one), ["a.example", "b.example"]);
    let second = fake.sdr("list", &[&["--account-id", ACCOUNT, "--page", "2"][..], &sorted].concat());
    assert_eq!(domains(&second), ["c.example"]);
    let all = fake.sdr("list", &[&["--account-id", ACCOUNT, "--all"][..], &sorted].concat());
    assert_eq!(domains(&all), ["a.example", "b.example", "c.example"]);
    let from_two = fake.sdr("list", &[&["--account-id", ACCOUNT, "--all", "--page", "2"][..], &sorted].concat());
    assert_eq!(domains(&from_two), ["c.example"]);
    let none = fake.sdr("list", &["--account-id", "0123456789abcdef0123456789abcdef", "--all"]);
    assert_eq!(stdout(&none), "[]\n");
}

#[test]
fn invalid_requests_exit_3_and_send_nothing() {
    // A listener that the CLI is pointed at: any connection would show up as accepted.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let base_url = format!("http://{}/client/v4", listener.local_addr().unwrap());
    let long_id = "x".repeat(33);
    let mut args = vec!["--base-url", &base_url, "--token", "t"];
    args.extend(SDR);
    args.extend(["create", "--account-id", &long_id, "--domain", "example.com"]);
    let out = flarekit(&args);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "error: invalid request (1 violation): `account_id` (max_length): must have at most 32 characters, got 33; \
         nothing was sent\n"
    );
    assert_eq!(stdout(&out), "");
    // edit with no field to change breaks min_properties = 1.
    let mut args = vec!["--base-url", &base_url, "--token", "t"];
    args.extend(SDR);
    args.extend(["edit", "--account-id", ACCOUNT, "--sending-domain-restriction-id", "not-a-uuid"]);
    let out = flarekit(&args);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(err.contains("(2 violations)") && err.contains("(format)") && err.contains("(min_properties)"), "{err}");
    assert_eq!(listener.accept().map_err(|e| e.kind()).err(), Some(std::io::ErrorKind::WouldBlock));
}

#[test]
fn a_read_only_token_gets_a_403_naming_the_permission() {
    let fake = Fake::start();
    let mut args: Vec<&str> = SDR.to_vec();
    args.extend(["create", "--account-id", ACCOUNT, "--domain", "example.com"]);
    let out = fake.run_as("reader", &args);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    // The error names the operation, then what Cloudflare said, then the permission it needs.
    assert!(
        err.starts_with(
            "error: CreateSendingDomainRestriction (POST \
             /accounts/<account_id>/email-security/settings/sending_domain_restrictions): \
             Cloudflare API error: HTTP 403"
        ),
        "{err}"
    );
    assert!(err.contains("needs an API token with the permission \"Cloud Email Security: Write\""), "{err}");
    assert_eq!(stdout(&out), "");
    // The same token may list.
    let mut args: Vec<&str> = SDR.to_vec();
    args.extend(["list", "--account-id", ACCOUNT]);
    assert_eq!(json_line(&fake.run_as("reader", &args)), json!([]));
    // An unknown token is a 401.
    let out = fake.run_as("nobody", &args);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("HTTP 401"), "{}", stderr(&out));
}

#[test]
fn perms_prints_the_least_privilege_permissions() {
    let read = flarekit(&["perms", SDR[0], SDR[1], SDR[2], "list"]);
    assert_eq!((read.status.code(), stdout(&read)), (Some(0), "Cloud Email Security: Read\n".to_owned()));
    let both = flarekit(&["perms", SDR[0], SDR[1], SDR[2], "list", "--", SDR[0], SDR[1], SDR[2], "create"]);
    assert_eq!(stdout(&both), "Cloud Email Security: Write\n");
    // Without `--`, each command ends at its endpoint's name.
    let both = flarekit(&["perms", SDR[0], SDR[1], SDR[2], "get", SDR[0], SDR[1], SDR[2], "delete"]);
    assert_eq!(stdout(&both), "Cloud Email Security: Write\n");
    let unknown = flarekit(&["perms", "email-security", "nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("`nope` is not a command"), "{}", stderr(&unknown));
}

#[test]
fn help_comes_from_the_doc_comments_and_usage_errors_exit_2() {
    let mut args: Vec<&str> = SDR.to_vec();
    args.extend(["create", "--help"]);
    let help = flarekit(&args);
    assert_eq!(help.status.code(), Some(0));
    let text = stdout(&help);
    assert!(text.starts_with("Create a sending domain restriction\n"), "{text}");
    assert!(text.contains("Body member `exclude`."), "{text}");
    assert!(text.contains("--comments <TEXT>") && text.contains("at most 1024 characters"), "{text}");
    assert!(text.contains("Needs a token with \"Cloud Email Security: Write\"."), "{text}");
    let group = flarekit(&["email-security", "settings", "--help"]);
    assert!(stdout(&group).contains("sending-domain-restrictions"), "{}", stdout(&group));

    let mut args: Vec<&str> = SDR.to_vec();
    args.extend(["create", "--account-id", ACCOUNT, "--domain", "example.com", "--bogus", "1"]);
    let out = flarekit(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--bogus"), "{}", stderr(&out));
    let missing = flarekit(&[SDR[0], SDR[1], SDR[2], "create", "--domain", "example.com"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("--account-id"), "{}", stderr(&missing));
    let not_a_number = flarekit(&[SDR[0], SDR[1], SDR[2], "list", "--account-id", ACCOUNT, "--page", "two"]);
    assert_eq!(not_a_number.status.code(), Some(2));
}

#[test]
fn fake_flag_runs_against_an_embedded_server() {
    let mut args = vec!["--fake"];
    args.extend(SDR);
    args.extend(["create", "--account-id", ACCOUNT, "--domain", "example.com"]);
    let created = json_line(&flarekit(&args));
    assert_eq!((&created["domain"], &created["exclude"]), (&json!("example.com"), &json!([])));
}

#[test]
fn transport_errors_exit_5() {
    // A port that was free a moment ago: the connection is refused.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base_url = format!("http://127.0.0.1:{port}/client/v4");
    let out =
        flarekit(&["--base-url", &base_url, "--token", "t", SDR[0], SDR[1], SDR[2], "list", "--account-id", ACCOUNT]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let no_credentials = flarekit(&[SDR[0], SDR[1], SDR[2], "list", "--account-id", ACCOUNT]);
    assert_eq!(no_credentials.status.code(), Some(5));
    assert!(stderr(&no_credentials).contains("--fake"), "{}", stderr(&no_credentials));
}

/// Starts `flarekit fake` with `args`, and its base URL from the first line it prints.
fn spawn_fake(args: &[&str]) -> (std::process::Child, Option<String>, String) {
    let mut child =
        Command::new(BIN).arg("fake").args(args).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base_url = line.trim().strip_prefix("flarekit fake API listening on ").map(str::to_owned);
    (child, base_url, line)
}

/// Runs `check` against a fake started with `args`, and kills it afterwards whatever happens.
fn with_fake(args: &[&str], check: impl FnOnce(&str) + std::panic::UnwindSafe) {
    let (mut child, base_url, line) = spawn_fake(args);
    let result = std::panic::catch_unwind(|| {
        let base_url = base_url.clone().unwrap_or_else(|| panic!("first line: {line:?}"));
        assert!(base_url.starts_with("http://127.0.0.1:") && base_url.ends_with("/client/v4"), "{base_url}");
        check(&base_url);
    });
    child.kill().unwrap();
    child.wait().unwrap();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

fn sdr(base_url: &str, action: &[&str]) -> Value {
    let mut args = vec!["--base-url", base_url, "--token", "secret"];
    args.extend(SDR);
    args.extend(action);
    json_line(&flarekit(&args))
}

#[test]
fn fake_subcommand_serves_until_killed() {
    with_fake(&["--port", "0", "--token", "secret"], |base_url| {
        sdr(base_url, &["create", "--account-id", ACCOUNT, "--domain", "example.com"]);
        assert_eq!(sdr(base_url, &["list", "--account-id", ACCOUNT]).as_array().map(Vec::len), Some(1));
    });
}

#[test]
fn fake_state_survives_a_restart_and_a_bad_file_stops_the_start() {
    let dir = std::env::temp_dir().join(format!("flarekit-cli-state-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // Removed when the test ends, passed or failed.
    let _cleanup = RemoveOnDrop(dir.clone());
    let state = dir.join("fake.json");
    let state = state.to_str().unwrap();
    let args = ["--port", "0", "--token", "secret", "--state", state];
    with_fake(&args, |base_url| {
        sdr(base_url, &["create", "--account-id", ACCOUNT, "--domain", "example.com"]);
    });
    with_fake(&args, |base_url| {
        let listed = sdr(base_url, &["list", "--account-id", ACCOUNT]);
        assert_eq!(listed[0]["domain"], "example.com", "{listed}");
    });
    std::fs::write(state, "{").unwrap();
    let out = Command::new(BIN).arg("fake").args(args).output().unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("is not a state the fake wrote"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(state).unwrap(), "{");
}

/// A scripted server for lists the fake does not serve, on its own runtime (the test thread
/// blocks on the child process).
fn scripted(responder: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> (tokio::runtime::Runtime, TestServer) {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let server = runtime.block_on(TestServer::start(responder));
    (runtime, server)
}

/// One page of a cursor list: `ids` as items, `next` as `result_info.next`, and the deprecated
/// `page`/`total_count` that cursor lists keep at 0.
fn cursor_page(ids: &[&str], next: &str) -> Reply {
    let items: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
    Reply::json(
        200,
        json!({"success": true, "errors": [], "messages": [], "result": items,
               "result_info": {"next": next, "page": 0, "total_count": 0, "per_page": 2}}),
    )
}

fn query_param<'a>(req: &'a Recorded, name: &str) -> Option<&'a str> {
    req.query.as_deref()?.split('&').find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
}

/// `flarekit email-security investigate list --all` against `server`.
fn search_all(server: &TestServer) -> Output {
    let base_url = server.base_url();
    let words = ["email-security", "investigate", "list", "--account-id", ACCOUNT, "--all"];
    flarekit(&[&["--base-url", &base_url, "--token", "t"][..], &words].concat())
}

#[test]
fn all_walks_a_cursor_list_by_its_cursor() {
    let (_rt, server) = scripted(|req| match query_param(req, "cursor") {
        None => cursor_page(&["m1", "m2"], "c2"),
        Some("c2") => cursor_page(&["m3", "m4"], "c3"),
        Some(_) => cursor_page(&["m5"], ""),
    });
    let out = search_all(&server);
    let ids: Vec<String> =
        json_line(&out).as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids, ["m1", "m2", "m3", "m4", "m5"]);
    let requests = server.requests();
    let asked: Vec<(Option<&str>, Option<&str>)> =
        requests.iter().map(|r| (query_param(r, "cursor"), query_param(r, "page"))).collect();
    assert_eq!(asked, [(None, None), (Some("c2"), None), (Some("c3"), None)], "walked by the cursor, never by page");
    assert!(requests.iter().all(|r| r.path == format!("/client/v4/accounts/{ACCOUNT}/email-security/investigate")));
}

#[test]
fn all_stops_with_an_error_when_a_cursor_comes_back() {
    let (_rt, server) = scripted(|_| cursor_page(&["m1"], "same"));
    let out = search_all(&server);
    assert_eq!(out.status.code(), Some(5), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains("the server returned cursor \"same\" a second time"), "{}", stderr(&out));
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn enumerations_are_possible_values_and_checked_before_sending() {
    let help = flarekit(&[SDR[0], SDR[1], SDR[2], "list", "--help"]);
    let text = stdout(&help);
    assert!(text.contains("[possible values: asc, desc]"), "{text}");
    assert!(text.contains("[possible values: domain, created_at]"), "{text}");
    // Shell completion offers the same values.
    let bash = stdout(&flarekit(&["completions", "bash"]));
    assert!(bash.contains(r#"compgen -W "asc desc" -- "${cur}""#), "no completion of --direction's values");
    assert!(bash.contains(r#"compgen -W "domain created_at" -- "${cur}""#), "no completion of --order's values");
    let bad = flarekit(&[SDR[0], SDR[1], SDR[2], "list", "--account-id", ACCOUNT, "--direction", "up"]);
    assert_eq!(bad.status.code(), Some(2), "a usage error: {}", stderr(&bad));
    assert!(stderr(&bad).contains("invalid value 'up' for '--direction <VALUE>'"), "{}", stderr(&bad));
}

#[test]
fn a_raw_body_comes_from_a_file_byte_for_byte_and_a_form_field_from_a_file() {
    let (_rt, server) = scripted(|_| Reply::ok(200, json!({})));
    let dir = std::env::temp_dir().join(format!("flarekit-cli-raw-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("value.bin");
    let bytes: Vec<u8> = (0..=255u8).rev().collect();
    std::fs::write(&file, &bytes).unwrap();
    let base_url = server.base_url();
    let at_file = format!("@{}", file.display());
    let common = ["--base-url", base_url.as_str(), "--token", "t", "kv", "namespaces", "values"];
    let key = ["--account-id", ACCOUNT, "--namespace-id", "ns1", "--key-name", "a/b"];
    let out = flarekit(
        &[&common[..], &["write-key-value-pair"], &key, &["--value", &at_file, "--expiration-ttl", "120"]].concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let with_metadata = ["write-key-value-pair-with-metadata", "--value", "plain text", "--metadata", r#"{"v":1}"#];
    let out = flarekit(&[&common[..], &with_metadata, &key].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).unwrap();

    let reqs = server.requests();
    assert_eq!(reqs[0].path, format!("/client/v4/accounts/{ACCOUNT}/storage/kv/namespaces/ns1/values/a%2Fb"));
    assert_eq!(reqs[0].query.as_deref(), Some("expiration_ttl=120"));
    assert_eq!(reqs[0].header("content-type"), Some("application/octet-stream"));
    assert_eq!(reqs[0].body, bytes, "the file's bytes, not JSON");
    let ct = reqs[1].header("content-type").unwrap();
    let b = ct.strip_prefix("multipart/form-data; boundary=").expect("a form");
    assert_eq!(
        String::from_utf8(reqs[1].body.clone()).unwrap(),
        format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\nplain text\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n{{\"v\":1}}\r\n--{b}--\r\n"
        )
    );
}

#[test]
fn text_and_bytes_responses_are_written_as_they_are_to_stdout_or_a_file() {
    let zone = "www.example.com.\t300\tIN\tA\t192.0.2.1\n";
    let value: Vec<u8> = vec![0, 255, 1, 254, b'\n'];
    let replies = std::sync::Mutex::new(vec![
        Reply::Raw {
            status: 200,
            headers: vec![("content-type".into(), "application/octet-stream".into())],
            body: value.clone(),
        },
        Reply::Raw { status: 200, headers: vec![("content-type".into(), "text/plain".into())], body: zone.into() },
    ]);
    let (_rt, server) = scripted(move |_| replies.lock().unwrap().pop().expect("a reply"));
    let base_url = server.base_url();
    let global = ["--base-url", base_url.as_str(), "--token", "t"];

    let out = flarekit(&[&global[..], &["dns", "records", "export-dns-records", "--zone-id", ACCOUNT]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), zone, "the zone file exactly, not JSON");

    let file = std::env::temp_dir().join(format!("flarekit-cli-kv-{}.bin", std::process::id()));
    let path = file.display().to_string();
    let read = ["kv", "namespaces", "values", "read-key-value-pair", "--account-id", ACCOUNT, "--namespace-id", "ns1"];
    let out = flarekit(&[&global[..], &read, &["--key-name", "k", "--output", &path]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read(&file).unwrap(), value);
    std::fs::remove_file(&file).unwrap();
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        [
            format!("/client/v4/zones/{ACCOUNT}/dns_records/export"),
            format!("/client/v4/accounts/{ACCOUNT}/storage/kv/namespaces/ns1/values/k"),
        ]
    );
}

#[test]
fn a_worker_upload_takes_its_modules_as_files_each_part_named_by_its_file() {
    let (_rt, server) = scripted(|_| Reply::ok(200, json!({"id": "hello", "handlers": ["fetch"]})));
    let dir = std::env::temp_dir().join(format!("flarekit-cli-worker-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("worker.js"), "export default {}").unwrap();
    std::fs::write(dir.join("lib.wasm"), [0u8, 97, 115, 109]).unwrap();
    let js = format!("@{}", dir.join("worker.js").display());
    let wasm = format!("@{}", dir.join("lib.wasm").display());
    let base_url = server.base_url();
    let args = [
        "--base-url",
        &base_url,
        "--token",
        "t",
        "workers",
        "scripts",
        "upload-worker-module",
        "--account-id",
        ACCOUNT,
        "--script-name",
        "hello",
        "--metadata",
        r#"{"main_module":"worker.js"}"#,
        "--modules",
        &js,
        "--modules",
        &wasm,
    ];
    let out = flarekit(&args);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_line(&out)["id"], "hello");
    let req = &server.requests()[0];
    let b = req.header("content-type").unwrap().strip_prefix("multipart/form-data; boundary=").unwrap().to_owned();
    let mut expected = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n{{\"main_module\":\"worker.js\"}}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"worker.js\"; filename=\"worker.js\"\r\nContent-Type: application/javascript+module\r\n\r\nexport default {{}}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"lib.wasm\"; filename=\"lib.wasm\"\r\nContent-Type: application/wasm\r\n\r\n"
    )
    .into_bytes();
    expected.extend_from_slice(&[0, 97, 115, 109]);
    expected.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    assert_eq!(String::from_utf8_lossy(&req.body), String::from_utf8_lossy(&expected));
}

#[test]
fn all_walks_lists_whose_items_and_token_are_members_of_the_result() {
    // Images v2: items in `result.images`, the next token in `result.continuation_token`.
    let (_rt, server) = scripted(|req| {
        let (ids, token) = match query_param(req, "continuation_token") {
            None => (vec!["i1", "i2"], json!("t2")),
            Some("t2") => (vec!["i3"], json!(null)),
            Some(_) => return Reply::json(500, json!({})),
        };
        let images: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
        Reply::ok(200, json!({"images": images, "continuation_token": token}))
    });
    let base_url = server.base_url();
    let words = ["images", "v2", "list-images-v2", "--account-id", ACCOUNT, "--all"];
    let out = flarekit(&[&["--base-url", &base_url, "--token", "t"][..], &words].concat());
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let printed = json_line(&out);
    let ids: Vec<&str> = printed.as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["i1", "i2", "i3"]);
    let asked: Vec<Option<String>> = server.requests().iter().map(|r| r.query.clone()).collect();
    assert_eq!(asked, [None, Some("continuation_token=t2".to_owned())]);

    // A Worker's versions: page numbers, items in `result.items`.
    let (_rt, server) = scripted(|req| {
        let page = query_param(req, "page").unwrap_or("1").to_owned();
        let items = if page == "1" { json!([{"id": "v1"}, {"id": "v2"}]) } else { json!([{"id": "v3"}]) };
        Reply::json(
            200,
            json!({"success": true, "errors": [], "messages": [], "result": {"items": items},
                   "result_info": {"page": page.parse::<u32>().unwrap(), "per_page": 2, "total_pages": 2}}),
        )
    });
    let base_url = server.base_url();
    let words = ["workers", "scripts", "versions", "list", "--account-id", ACCOUNT, "--script-name", "w", "--all"];
    let out = flarekit(&[&["--base-url", &base_url, "--token", "t"][..], &words].concat());
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let printed = json_line(&out);
    let ids: Vec<&str> = printed.as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["v1", "v2", "v3"]);
}

/// Removes a directory when dropped.
struct RemoveOnDrop(std::path::PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
