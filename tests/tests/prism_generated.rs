//! Conformance of every generated operation against Prism serving the document it was generated
//! from (Cloudflare's 2024 document; Email Security's own): each is built as a caller would (`calls.rs`, written by flarekit-codegen: a value for every
//! required field, the document's example where it meets the field's rules, else one made from
//! them), sent once through the real client, and Prism must accept the request. A request Prism
//! refuses is a failure unless it is listed below as a quirk of the document, with its reason.
//!
//! Prism's answers are not judged here (`decode_examples.rs` decodes every answer the document
//! describes); answers Prism itself builds against the document's schema are counted.

#[path = "prism_generated/calls.rs"]
mod calls;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use flarekit::transport::{BoxFuture, Header, HttpRequest, HttpResponse, Transport};
use flarekit::{Client, Credentials};
// The call table builds its calls with these.
use flarekit_tests::calls::{blob, call, json, Call, ACCOUNT, ZONE};
use flarekit_tests::prism::{Exchange, Prism, Recording};
use flarekit_tests::spec;
use serde_json::Value;

/// Operations whose request Prism refuses for a reason not told apart mechanically below, each
/// with the reason, each the document's own. Each fixed one fails this test until it leaves the
/// list.
const QUIRKS: &[(&str, &str, &str)] = &[
    ("POST", "/accounts/<account_id>/alerting/v3/policies", OVERLAPPING_ONE_OF),
    ("POST", "/accounts/<account_id>/rulesets/<ruleset_id>/rules", READ_ONLY_REQUIRED),
    ("PATCH", "/accounts/<account_id>/rulesets/<ruleset_id>/rules/<rule_id>", READ_ONLY_REQUIRED),
    ("POST", "/zones/<zone_id>/rulesets/<ruleset_id>/rules", READ_ONLY_REQUIRED),
    ("PATCH", "/zones/<zone_id>/rulesets/<ruleset_id>/rules/<rule_id>", READ_ONLY_REQUIRED),
    (
        "PUT",
        "/accounts/<account_id>/workers/dispatch/namespaces/<dispatch_namespace>/scripts/<script_name>",
        NOTHING_REQUIRED,
    ),
    ("PUT", "/zones/<zone_id>/bot_management", NOTHING_REQUIRED),
    ("PUT", "/zones/<zone_id>/rate_limits/<rate_limit_id>", UNDESCRIBED_REQUIRED),
    ("DELETE", "/zones/<zone_id>/filters", READ_ONLY_BODY),
    ("PUT", "/zones/<zone_id>/filters", READ_ONLY_BODY),
    ("DELETE", "/zones/<zone_id>/firewall/rules", READ_ONLY_BODY),
    ("PATCH", "/zones/<zone_id>/firewall/rules/<rule_id>", READ_ONLY_BODY),
    ("PUT", "/accounts/<account_id>/r2/buckets/<bucket_name>/sippy", NOTHING_REQUIRED),
    ("GET", "/accounts/<account_id>/ai/authors/search", INTEGER_ACCOUNT),
    ("GET", "/accounts/<account_id>/ai/finetunes", INTEGER_ACCOUNT),
    ("POST", "/accounts/<account_id>/ai/finetunes", INTEGER_ACCOUNT),
    ("POST", "/accounts/<account_id>/ai/finetunes/<finetune_id>/finetune-assets", INTEGER_ACCOUNT),
    ("GET", "/accounts/<account_id>/ai/models/search", INTEGER_ACCOUNT),
    ("GET", "/accounts/<account_id>/ai/tasks/search", INTEGER_ACCOUNT),
    ("POST", "/zones/<zone_id>/dns_records", READ_ONLY_REQUIRED),
    ("PUT", "/zones/<zone_id>/dns_records/<dns_record_id>", READ_ONLY_REQUIRED),
    ("DELETE", "/accounts/<account_id>/images/v1/keys/<signing_key_name>", PATTERN_EXAMPLE),
    ("PUT", "/accounts/<account_id>/images/v1/keys/<signing_key_name>", PATTERN_EXAMPLE),
    ("POST", "/accounts/<account_id>/images/v1/variants", PATTERN_EXAMPLE),
    ("DELETE", "/accounts/<account_id>/images/v1/variants/<variant_id>", PATTERN_EXAMPLE),
    ("GET", "/accounts/<account_id>/images/v1/variants/<variant_id>", PATTERN_EXAMPLE),
    ("PATCH", "/accounts/<account_id>/images/v1/variants/<variant_id>", PATTERN_EXAMPLE),
    ("GET", "/accounts/<account_id>/pages/projects/<project_name>/domains/<domain_name>", PATTERN_EXAMPLE),
    ("PATCH", "/accounts/<account_id>/pages/projects/<project_name>/domains/<domain_name>", PATTERN_EXAMPLE),
    ("PATCH", "/zones/<zone_id>/dns_records/<dns_record_id>", READ_ONLY_REQUIRED),
];

const READ_ONLY_BODY: &str = "the body's one required member, `id`, is read-only in the document: the request type \
                             leaves it out (OpenAPI requires read-only members of responses only), and Prism asks \
                             for it; the document's quirk";
const INTEGER_ACCOUNT: &str = "the document types `account_id` as an integer here (example 48546000), where every \
                               other operation takes Cloudflare's 32 hexadecimal digits, which the call sends";
const READ_ONLY_REQUIRED: &str = "the document requires members it marks read-only in the body sent (a DNS \
                                  record's `id`, `created_on`, `modified_on`, `proxiable`; a ruleset rule's \
                                  `version`, `last_updated`): Prism holds the request to that, Cloudflare sets them \
                                  itself";
const PATTERN_EXAMPLE: &str = "the document's pattern refuses its own example (`^[a-zA-Z0-9]$` beside `hero`, \
                               `^[a-z0-9][a-z0-9-]*$` beside a domain name): the type leaves the pattern out, as \
                               COVERAGE.md lists, and sends the example; Prism holds it to the pattern";
const OVERLAPPING_ONE_OF: &str = "a `oneOf` whose alternatives overlap (a UUID of at most 36 characters, and any \
                                  string): every identifier matches both, which `oneOf` refuses, the document's own \
                                  example included; the document's quirk";
const NOTHING_REQUIRED: &str = "the body is a `oneOf` of alternatives that require no member: a body of the members \
                                the operation requires (none here) matches every alternative, which `oneOf` refuses; \
                                the document's quirk";
const UNDESCRIBED_REQUIRED: &str = "the body requires `id`, a member it does not describe (the rule's id is in the \
                                    path): the type cannot send it; the document's quirk";

/// Adds headers to every request: the API key, its email and a user service key beside the
/// token, for operations whose document asks for several credentials together.
#[derive(Debug)]
struct AllCredentials(Arc<dyn Transport>);

impl Transport for AllCredentials {
    fn execute(&self, mut request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, flarekit::TransportError>> {
        for (name, value) in [
            ("x-auth-email", "user@example.com"),
            ("x-auth-key", "prism-key"),
            ("x-auth-user-service-key", "v1.0-prism"),
        ] {
            request.headers.push(Header { name: name.into(), value: value.into(), sensitive: true });
        }
        self.0.execute(request)
    }
}

/// A document of `../shared/spec`, by its path there.
fn document(file: &str) -> Option<(PathBuf, Value)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/spec").join(file);
    if path.exists() {
        let text = std::fs::read_to_string(&path).expect("read the document");
        return Some((path, serde_json::from_str(&text).expect("the document is JSON")));
    }
    assert!(!std::env::var("CI").is_ok_and(|v| v == "true"), "CI=true and {} is missing", path.display());
    eprintln!("skipping: {} is missing; this test needs ../shared", path.display());
    None
}

/// The document's operation at `method` and a template (`<name>` placeholders).
fn operation<'a>(doc: &'a Value, method: &str, template: &str) -> Option<&'a Value> {
    let path = spec::blank(template);
    doc.get("paths")?.as_object()?.iter().find(|(p, _)| spec::blank(p) == path)?.1.get(method.to_lowercase())
}

/// No security requirement of the operation is met by a token alone or by an API key and its
/// email alone (it asks for all three together, or for a user service key), where Cloudflare
/// takes any one credential.
fn neither_token_nor_key_suffices(doc: &Value, op: &Value) -> bool {
    let security = op.get("security").or_else(|| doc.get("security")).and_then(Value::as_array);
    security.is_some_and(|alternatives| {
        alternatives.iter().all(|r| {
            let mut names: Vec<&str> =
                r.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
            names.sort_unstable();
            names != ["api_token"] && names != ["api_email", "api_key"]
        })
    })
}

/// The request body is required but the document gives it no schema: there is nothing to send
/// (Cloudflare's SDKs send none), and Prism wants a body.
fn requires_a_body_it_does_not_describe(op: &Value) -> bool {
    let body = op.get("requestBody");
    body.and_then(|b| b.get("required")).and_then(Value::as_bool).unwrap_or(false)
        && body
            .and_then(|b| b.get("content"))
            .and_then(Value::as_object)
            .is_some_and(|c| c.values().all(|media| media.get("schema").is_none()))
}

fn client(prism: &Prism, credentials: Credentials, recording: Recording) -> Client {
    Client::builder()
        .base_url(prism.base_url())
        .credentials(credentials)
        .max_retries(0)
        .transport(Arc::new(recording))
        .build()
        .expect("client")
}

/// What Prism said to the call, or why nothing reached it.
async fn exchange(client: &Client, log: &Mutex<Vec<Exchange>>, call: Call) -> Result<Exchange, String> {
    let before = log.lock().unwrap_or_else(PoisonError::into_inner).len();
    let result = call(client).await;
    let exchange = log.lock().unwrap_or_else(PoisonError::into_inner).get(before).cloned();
    match (exchange, result) {
        (Some(x), _) => Ok(x),
        (None, Err(e)) => Err(format!("nothing reached Prism: {e}")),
        (None, Ok(())) => Err("nothing reached Prism".to_owned()),
    }
}

/// Why Prism refused the request, if it did: each of its messages once.
fn refusal(x: &Exchange) -> Option<String> {
    let violations: Vec<Value> = x.violations.as_deref().and_then(|v| serde_json::from_str(v).ok()).unwrap_or_default();
    let mut messages: Vec<String> = violations
        .iter()
        .filter(|v| v.pointer("/location/0").and_then(Value::as_str) == Some("request"))
        .filter_map(|v| v.get("message").and_then(Value::as_str).map(str::to_owned))
        .collect();
    messages.dedup();
    let refused = !messages.is_empty() || matches!(x.status, 401 | 415 | 422);
    refused.then(|| format!("{}: {} ({})", x.status, messages.join("; "), x.request))
}

#[tokio::test(flavor = "multi_thread")]
async fn every_generated_operation_is_accepted_by_prism() {
    accepted_by_prism("cloudflare/openapi.2024-08-06.json", calls::CALLS, QUIRKS).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_email_security_operation_is_accepted_by_prism() {
    accepted_by_prism("email-security.openapi.json", calls::EMAIL_SECURITY_CALLS, &[]).await;
}

/// Sends each call to Prism serving `file`: each must be accepted, or be one of `quirks`.
async fn accepted_by_prism(file: &str, calls: &[(&str, &str, Call)], quirks: &[(&str, &str, &str)]) {
    let Some((path, doc)) = document(file) else { return };
    let Some(prism) = Prism::start(&path) else { return };
    let inner: Arc<dyn Transport> =
        Arc::new(flarekit::HyperTransport::new(Duration::from_secs(30), 32 << 20).expect("transport"));
    let (recording, log) = Recording::new(inner.clone());
    let (key_recording, key_log) = Recording::new(inner.clone());
    let (all_recording, all_log) = Recording::new(Arc::new(AllCredentials(inner)));
    let token = client(&prism, Credentials::api_token("prism-token"), recording);
    let key = client(&prism, Credentials::api_key("user@example.com", "prism-key"), key_recording);
    let all = client(&prism, Credentials::api_token("prism-token"), all_recording);

    let mut failures = Vec::new();
    let mut quirks_seen = Vec::new();
    let (mut several_credentials, mut undescribed_bodies, mut answers_off_schema) = (0, 0, 0);
    for &(method, path, call) in calls {
        let at = format!("{method} {path}");
        let op = operation(&doc, method, path);
        // A token first, then an API key and its email; every credential at once where the
        // document takes neither alone.
        let mut outcome = exchange(&token, &log, call).await;
        if matches!(&outcome, Ok(x) if x.status == 401) {
            outcome = exchange(&key, &key_log, call).await;
        }
        if matches!(&outcome, Ok(x) if x.status == 401) && op.is_some_and(|op| neither_token_nor_key_suffices(&doc, op))
        {
            several_credentials += 1;
            outcome = exchange(&all, &all_log, call).await;
        }
        if let Ok(x) = &outcome {
            let on_response = x.violations.as_deref().is_some_and(|v| v.contains("\"response\""));
            answers_off_schema += usize::from(on_response);
        }
        let refused = match &outcome {
            Ok(x) => refusal(x),
            Err(e) => Some(e.clone()),
        };
        // Prism refuses the missing body, saying so or not (its answer is then a bare 422).
        let undescribed = refused
            .as_deref()
            .is_some_and(|r| r.starts_with("422: Body parameter is required (") || r.starts_with("422:  ("))
            && op.is_some_and(requires_a_body_it_does_not_describe);
        match (refused, quirks.iter().find(|(m, p, _)| *m == method && *p == path)) {
            (Some(_), None) if undescribed => undescribed_bodies += 1,
            (None, None) => {}
            (Some(why), None) => failures.push(format!("{at}: {why}")),
            (Some(why), Some(quirk)) => {
                println!("QUIRKWHY {at}: {why}");
                quirks_seen.push(quirk)
            }
            (None, Some(_)) => failures.push(format!("{at}: accepted, but listed as a quirk")),
        }
    }
    for (method, path, why) in &quirks_seen {
        println!("known quirk: {method} {path}: {why}");
    }
    println!(
        "{file}: {} generated operations sent to Prism. Document quirks: {several_credentials} take neither a \
         token nor a key alone (sent every credential), {undescribed_bodies} require a body they give no schema (none \
         sent, as Cloudflare's SDKs), {} listed; {answers_off_schema} answer(s) Prism built off the \
         document's own schema",
        calls.len(),
        quirks_seen.len()
    );
    assert_eq!(quirks_seen.len(), quirks.len(), "every listed quirk is exercised");
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}
