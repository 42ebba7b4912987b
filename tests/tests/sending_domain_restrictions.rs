//! The six sending-domain-restriction operations on the wire: a real HTTP server on 127.0.0.1
//! records the exact request; the test asserts it and the exact value the caller got back.

use flarekit::email_security::settings::allow_policies::BatchAllowPoliciesDeletesItem;
use flarekit::email_security::settings::domains::ListDomainsOrder;
use flarekit::email_security::settings::sending_domain_restrictions::*;
use flarekit::email_security::Direction;
use flarekit::{Endpoint, Error, ErrorKind};
use flarekit_tests::{Reply, TestServer};
use serde_json::json;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const ID: &str = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415";
const TOKEN: &str = "Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY";
const COLLECTION: &str =
    "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/email-security/settings/sending_domain_restrictions";

/// The documented example result.
fn documented() -> serde_json::Value {
    json!({
        "id": ID,
        "domain": "example.com",
        "exclude": ["subdomain.example.com"],
        "comments": "Enforce TLS for all mail from this domain",
        "created_at": "2014-01-01T05:20:00.12345Z",
        "modified_at": "2014-01-01T05:20:00.12345Z",
        "last_modified": "2014-01-01T05:20:00.12345Z"
    })
}

/// Asserts that `got` is the documented example result, field by field (the type is
/// `#[non_exhaustive]`, so it cannot be built here to compare whole).
#[allow(deprecated)]
fn assert_documented(got: &SendingDomainRestriction) {
    let stamp = Some("2014-01-01T05:20:00.12345Z");
    assert_eq!(got.id.as_deref(), Some(ID));
    assert_eq!(got.domain.as_deref(), Some("example.com"));
    assert_eq!(got.exclude.as_deref(), Some(&["subdomain.example.com".to_owned()][..]));
    assert_eq!(got.comments.as_deref(), Some("Enforce TLS for all mail from this domain"));
    assert_eq!(got.created_at.as_deref(), stamp);
    assert_eq!(got.modified_at.as_deref(), stamp);
    assert_eq!(got.last_modified.as_deref(), stamp);
}

/// One item of a batch's `deletes`.
fn delete(id: &str) -> BatchAllowPoliciesDeletesItem {
    BatchAllowPoliciesDeletesItem { id: id.into() }
}

fn assert_common_headers(req: &flarekit_tests::Recorded) {
    assert_eq!(req.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    assert!(req.header("user-agent").is_some_and(|ua| ua.starts_with("flarekit/")));
}

#[tokio::test]
async fn create_reproduces_the_documented_example() {
    let server = TestServer::with_replies(vec![Reply::ok(201, documented())]).await;
    let client = server.client(TOKEN);
    let created =
        CreateSendingDomainRestriction::new(ACCOUNT.into(), "example.com", vec!["subdomain.example.com".into()])
            .send(&client)
            .await
            .unwrap();
    assert_documented(&created);

    let [req] = server.requests().try_into().unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, COLLECTION);
    assert_eq!(req.query, None);
    assert_common_headers(&req);
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(
        std::str::from_utf8(&req.body).unwrap(),
        r#"{"domain":"example.com","exclude":["subdomain.example.com"]}"#
    );
}

#[tokio::test]
async fn list_sends_query_and_keeps_result_info() {
    let server = TestServer::start(|_| {
        Reply::json(
            200,
            json!({"success": true, "errors": [], "messages": [], "result": [documented()],
                   "result_info": {"page": 2, "per_page": 1, "count": 1, "total_count": 3, "total_pages": 3}}),
        )
    })
    .await;
    let client = server.client(TOKEN);
    let list = ListSendingDomainRestrictions::new(ACCOUNT.into())
        .page(2)
        .per_page(1)
        .search("exa mple&co")
        .order(ListDomainsOrder::CreatedAt)
        .direction(Direction::Desc);
    let page = client.send_with_meta(&list).await.unwrap();
    let [item] = &page.result[..] else { panic!("one item expected, got {:?}", page.result) };
    assert_documented(item);
    let info = page.result_info.unwrap();
    assert_eq!((info.page, info.per_page, info.total_count, info.total_pages), (Some(2), Some(1), Some(3), Some(3)));
    assert_eq!(page.cf_ray.as_deref(), Some("8f00c0ffee000000-LHR"));

    // Unset options are left out entirely.
    let all = client.send(ListSendingDomainRestrictions::new(ACCOUNT.into())).await;
    assert_eq!(all.unwrap().len(), 1);

    let reqs = server.requests();
    assert_eq!(reqs[0].method, "GET");
    assert_eq!(reqs[0].path, COLLECTION);
    assert_eq!(
        reqs[0].query.as_deref(),
        Some("page=2&per_page=1&search=exa%20mple%26co&order=created_at&direction=desc")
    );
    assert!(reqs[0].body.is_empty());
    assert_eq!(reqs[0].header("content-type"), None);
    assert_common_headers(&reqs[0]);
    assert_eq!(reqs[1].query, None);
}

#[tokio::test]
async fn get_encodes_the_id_as_one_segment() {
    let server = TestServer::with_replies(vec![Reply::ok(200, documented())]).await;
    let got = GetSendingDomainRestriction::new(ACCOUNT.into(), ID).send(&server.client(TOKEN)).await.unwrap();
    assert_documented(&got);
    let [req] = server.requests().try_into().unwrap();
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, format!("{COLLECTION}/{ID}"));
    assert_common_headers(&req);
}

#[tokio::test]
async fn edit_sets_clears_and_leaves_out() {
    let mut edited = documented();
    edited["comments"] = serde_json::Value::Null;
    edited["exclude"] = json!([]);
    let server = TestServer::start(move |_| Reply::ok(200, edited.clone())).await;
    let client = server.client(TOKEN);
    let result = EditSendingDomainRestriction::new(ACCOUNT.into(), ID)
        .exclude(vec![])
        .clear_comments()
        .send(&client)
        .await
        .unwrap();
    assert_eq!(result.comments, None);
    assert_eq!(result.exclude, Some(Vec::<String>::new()));

    EditSendingDomainRestriction::new(ACCOUNT.into(), ID)
        .domain("example.org")
        .comments("TLS or drop")
        .send(&client)
        .await
        .unwrap();

    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].method, "PATCH");
    assert_eq!(reqs[0].path, format!("{COLLECTION}/{ID}"));
    assert_eq!(std::str::from_utf8(&reqs[0].body).unwrap(), r#"{"comments":null,"exclude":[]}"#);
    assert_eq!(std::str::from_utf8(&reqs[1].body).unwrap(), r#"{"comments":"TLS or drop","domain":"example.org"}"#);
    assert_common_headers(&reqs[1]);
}

#[tokio::test]
async fn edit_with_nothing_to_change_is_refused_before_sending() {
    let server = TestServer::with_replies(vec![]).await;
    let err = EditSendingDomainRestriction::new(ACCOUNT.into(), ID).send(&server.client(TOKEN)).await.unwrap_err();
    let ErrorKind::Validation(v) = err.kind() else { panic!("{err:?}") };
    assert_eq!(v.violations().len(), 1);
    assert_eq!(v.violations()[0].rule, flarekit::validate::Rule::MinProperties(1));
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn delete_and_batch() {
    let second = "0d5e5a3e-7c32-4a7c-9f2d-1b2f0e3c4d5a";
    let server = TestServer::with_replies(vec![
        Reply::ok(200, json!({"id": ID})),
        Reply::ok(200, json!({"deletes": [{"id": ID}, {"id": second}]})),
    ])
    .await;
    let client = server.client(TOKEN);
    let deleted = DeleteSendingDomainRestriction::new(ACCOUNT.into(), ID).send(&client).await.unwrap();
    assert_eq!(deleted.id, ID);
    let batch = BatchSendingDomainRestrictions::new(ACCOUNT.into(), vec![delete(ID), delete(second)])
        .send(&client)
        .await
        .unwrap();
    assert_eq!(batch.deletes.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), [ID, second]);

    let reqs = server.requests();
    assert_eq!((reqs[0].method.as_str(), reqs[0].path.clone()), ("DELETE", format!("{COLLECTION}/{ID}")));
    assert!(reqs[0].body.is_empty() && reqs[0].query.is_none());
    assert_eq!((reqs[1].method.as_str(), reqs[1].path.clone()), ("POST", format!("{COLLECTION}/batch")));
    assert_eq!(reqs[1].json(), json!({"deletes": [{"id": ID}, {"id": second}]}));
}

#[tokio::test]
async fn every_violation_is_reported_and_nothing_is_sent() {
    let server = TestServer::with_replies(vec![]).await;
    let client = server.client(TOKEN);
    let err = ListSendingDomainRestrictions::new("x".repeat(33).into())
        .page(0)
        .per_page(5000)
        .send(&client)
        .await
        .unwrap_err();
    let ErrorKind::Validation(v) = err.kind() else { panic!("{err:?}") };
    let found: Vec<_> = v.violations().iter().map(|v| (v.field.as_ref(), v.rule.name())).collect();
    assert_eq!(found, [("account_id", "max_length"), ("page", "minimum"), ("per_page", "maximum")]);
    assert_eq!(
        err.to_string(),
        "ListSendingDomainRestrictions (GET /accounts/<account_id>/email-security/settings/sending_domain_restrictions): \
         invalid request (3 violations): `account_id` (max_length): must have at most 32 characters, got 33; \
         `page` (minimum): must be at least 1, got 0; `per_page` (maximum): must be at most 1000, got 5000"
    );

    let batch = BatchSendingDomainRestrictions::new(ACCOUNT.into(), vec![delete(ID); 1001]);
    let err = client.send(batch).await.unwrap_err();
    assert!(err.to_string().contains("`deletes` (max_items): must have at most 1000 items, got 1001"), "{err}");

    for bad in ["", ".", ".."] {
        let get = GetSendingDomainRestriction::new(bad.into(), ID);
        let err = client.send(get).await.unwrap_err();
        assert!(err.to_string().contains("`account_id` (path_segment)"), "{bad:?}: {err}");
    }
    let get = GetSendingDomainRestriction::new(ACCOUNT.into(), "../../zones");
    let err = client.send(get).await.unwrap_err();
    assert!(err.to_string().contains("`sending_domain_restriction_id` (format): must be a valid uuid"), "{err}");
    assert!(server.requests().is_empty(), "the server saw {:?}", server.requests());
}

#[tokio::test]
async fn path_values_stay_in_their_segment() {
    let server = TestServer::with_replies(vec![Reply::ok(200, json!([]))]).await;
    let list = ListSendingDomainRestrictions::new(("a/b?c#d%e f\u{e9}").into());
    server.client(TOKEN).send(list).await.unwrap();
    let [req] = server.requests().try_into().unwrap();
    assert_eq!(
        req.path,
        "/client/v4/accounts/a%2Fb%3Fc%23d%25e%20f%C3%A9/email-security/settings/sending_domain_restrictions"
    );
    assert_eq!(req.query, None);
}

#[tokio::test]
async fn a_400_keeps_cloudflare_errors_and_cf_ray() {
    let server = TestServer::with_replies(vec![Reply::json(
        400,
        json!({"success": false, "messages": [], "result": null, "errors": [
            {"code": 1004, "message": "Invalid domain", "documentation_url": "https://developers.cloudflare.com/", "source": {"pointer": "/domain"}},
            {"code": 1005, "message": "Too many excludes"}
        ]}),
    )])
    .await;
    let create = CreateSendingDomainRestriction::new(ACCOUNT.into(), "not a domain", vec![]).comments("c");
    let err = client_send(&server, create).await;
    let ErrorKind::Api(api) = err.kind() else { panic!("{err:?}") };
    assert_eq!(api.status, 400);
    assert_eq!(api.codes().collect::<Vec<_>>(), [1004, 1005]);
    assert_eq!(api.errors[0].documentation_url.as_deref(), Some("https://developers.cloudflare.com/"));
    assert_eq!(api.errors[0].source.as_ref().and_then(|s| s.pointer.as_deref()), Some("/domain"));
    assert_eq!(err.cf_ray(), Some("8f00c0ffee000000-LHR"));
    assert_eq!(
        err.to_string(),
        "CreateSendingDomainRestriction (POST /accounts/<account_id>/email-security/settings/sending_domain_restrictions): \
         Cloudflare API error: HTTP 400 (cf-ray 8f00c0ffee000000-LHR): [1004] Invalid domain (at /domain); [1005] Too many excludes"
    );
    assert_eq!(server.requests()[0].json(), json!({"domain": "not a domain", "exclude": [], "comments": "c"}));
}

async fn client_send<E: Endpoint>(server: &TestServer, endpoint: E) -> Error {
    server.client(TOKEN).send(endpoint).await.err().expect("the call must fail")
}

#[tokio::test]
async fn a_403_names_the_permission_the_endpoint_needs() {
    let server = TestServer::start(|_| {
        Reply::json(403, json!({"success": false, "errors": [{"code": 10000, "message": "Authentication error"}], "messages": [], "result": null}))
    })
    .await;
    let err = client_send(&server, DeleteSendingDomainRestriction::new(ACCOUNT.into(), ID)).await;
    assert_eq!(err.status(), Some(403));
    assert_eq!(
        err.to_string(),
        "DeleteSendingDomainRestriction (DELETE /accounts/<account_id>/email-security/settings/sending_domain_restrictions/<sending_domain_restriction_id>): \
         Cloudflare API error: HTTP 403 (cf-ray 8f00c0ffee000000-LHR): [10000] Authentication error; \
         this endpoint needs an API token with the permission \"Cloud Email Security: Write\""
    );
    let err = client_send(&server, ListSendingDomainRestrictions::new(ACCOUNT.into())).await;
    assert!(
        err.to_string()
            .ends_with("one of the permissions \"Cloud Email Security: Write\" or \"Cloud Email Security: Read\""),
        "{err}"
    );
    assert_eq!(
        ListSendingDomainRestrictions::INFO.permissions,
        ["Cloud Email Security: Write", "Cloud Email Security: Read"]
    );
    assert!(!err.to_string().contains(TOKEN));
}

#[tokio::test]
async fn an_html_502_keeps_status_and_a_snippet() {
    let page = "<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>";
    // Every attempt gets the same page, so the error is the same whether or not GETs are retried.
    let server = TestServer::start(move |_| Reply::Raw {
        status: 502,
        headers: vec![("content-type".into(), "text/html".into()), ("cf-ray".into(), "8f00bad000000000-AMS".into())],
        body: page.as_bytes().to_vec(),
    })
    .await;
    let err = client_send(&server, GetSendingDomainRestriction::new(ACCOUNT.into(), ID)).await;
    let ErrorKind::Api(api) = err.kind() else { panic!("{err:?}") };
    assert_eq!((api.status, api.body_snippet.as_deref()), (502, Some(page)));
    assert!(api.errors.is_empty());
    assert_eq!(err.cf_ray(), Some("8f00bad000000000-AMS"));
}

#[tokio::test]
async fn success_false_in_a_200_and_a_bad_result_are_errors() {
    let server = TestServer::with_replies(vec![
        Reply::json(200, json!({"success": false, "errors": [{"code": 7003, "message": "No route"}], "messages": [], "result": null})),
        Reply::ok(200, json!({"id": 42})),
    ])
    .await;
    let get = GetSendingDomainRestriction::new(ACCOUNT.into(), ID);
    let err = client_send(&server, get.clone()).await;
    assert!(matches!(err.kind(), ErrorKind::Api(api) if api.status == 200 && api.codes().eq([7003])), "{err:?}");
    let err = client_send(&server, get).await;
    let ErrorKind::Decode(d) = err.kind() else { panic!("{err:?}") };
    assert_eq!(
        (d.status, d.body_snippet.as_str()),
        (200, r#"{"errors":[],"messages":[],"result":{"id":42},"success":true}"#)
    );
}

#[tokio::test]
async fn api_key_credentials_go_in_their_headers() {
    let server = TestServer::with_replies(vec![Reply::ok(200, json!([]))]).await;
    let client = flarekit::Client::builder()
        .base_url(server.base_url())
        .credentials(flarekit::Credentials::api_key(
            "user@example.com",
            "c2547eb745079dac9320b638f5e225cf483cc5cfdda41",
        ))
        .default_header("X-Team", "mail")
        .build()
        .unwrap();
    client.send(ListSendingDomainRestrictions::new(ACCOUNT.into())).await.unwrap();
    let [req] = server.requests().try_into().unwrap();
    assert_eq!(req.header("x-auth-email"), Some("user@example.com"));
    assert_eq!(req.header("x-auth-key"), Some("c2547eb745079dac9320b638f5e225cf483cc5cfdda41"));
    assert_eq!(req.header("authorization"), None);
    assert_eq!(req.header("x-team"), Some("mail"));
}
