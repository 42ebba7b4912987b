//! The fake's errors on the wire: validation (400 with pointers), authentication (401),
//! permissions (403), unknown ids and routes (404), methods (405) and duplicates (409).

use flarekit::email_security::settings::sending_domain_restrictions::{
    CreateSendingDomainRestriction, ListSendingDomainRestrictions,
};
use flarekit::email_security::settings::PatternType;
use flarekit::email_security::settings::{block_senders as bs, trusted_domains as td};
use flarekit::{Client, Credentials, Error, ErrorKind};
use flarekit_fake::{codes, MockServer};
use serde_json::{json, Value};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const ADMIN: &str = "admin-token";
const READER: &str = "reader-token";

async fn server() -> MockServer {
    MockServer::builder()
        .admin_token(ADMIN)
        .token(READER, &["Cloud Email Security: Read"])
        .start()
        .await
        .expect("the fake starts")
}

fn collection(server: &MockServer, family: &str) -> String {
    format!("{}/accounts/{ACCOUNT}/email-security/settings/{family}", server.base_url())
}

/// Sends a raw request and returns the status and the JSON body.
async fn raw(method: reqwest::Method, url: &str, token: Option<&str>, body: Option<&str>) -> (u16, Value) {
    let mut request = reqwest::Client::new().request(method, url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.header("content-type", "application/json").body(body.to_owned());
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, serde_json::from_slice(&response.bytes().await.unwrap()).unwrap())
}

fn envelope(errors: Value) -> Value {
    json!({"success": false, "errors": errors, "messages": [], "result": null})
}

fn restriction(domain: &str) -> CreateSendingDomainRestriction {
    CreateSendingDomainRestriction::new(ACCOUNT.into(), domain, vec![])
}

#[tokio::test]
async fn malformed_json_is_a_400() {
    let server = server().await;
    let url = collection(&server, "sending_domain_restrictions");
    let (status, body) = raw(reqwest::Method::POST, &url, Some(ADMIN), Some("{\"domain\": ")).await;
    assert_eq!(status, 400);
    assert_eq!(body["success"], false);
    assert_eq!(body["errors"][0]["code"], codes::MALFORMED_JSON);
    assert!(body["errors"][0]["message"].as_str().unwrap().starts_with("Malformed JSON in request body"), "{body}");
    let (status, body) = raw(reqwest::Method::POST, &url, Some(ADMIN), Some("[1, 2]")).await;
    assert_eq!(status, 400);
    assert_eq!(body["errors"][0]["source"]["pointer"], "");
}

#[tokio::test]
async fn every_violation_is_reported_with_its_pointer() {
    let server = server().await;
    let url = collection(&server, "sending_domain_restrictions");
    let long = "x".repeat(1025);
    let payload = json!({"domain": 5, "comments": long}).to_string();
    let (status, body) = raw(reqwest::Method::POST, &url, Some(ADMIN), Some(&payload)).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        // In the order the declaration lists the fields (the document's, alphabetical).
        envelope(json!([
            {"code": codes::INVALID, "message": "`comments` must have at most 1024 characters, got 1025",
             "source": {"pointer": "/comments"}},
            {"code": codes::INVALID, "message": "`domain` must be a string", "source": {"pointer": "/domain"}},
            {"code": codes::INVALID, "message": "`exclude` is required", "source": {"pointer": "/exclude"}},
        ]))
    );

    let block = collection(&server, "block_senders");
    // The document lists `UNKNOWN` among the pattern types, so a value outside them is refused.
    let payload = json!({"pattern": "", "is_regex": false, "pattern_type": "IPV6"}).to_string();
    let (status, body) = raw(reqwest::Method::POST, &block, Some(ADMIN), Some(&payload)).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["errors"],
        json!([
            {"code": codes::INVALID, "message": "`pattern` must have at least 1 characters, got 0",
             "source": {"pointer": "/pattern"}},
            {"code": codes::INVALID, "message": "`pattern_type` must be one of EMAIL, DOMAIN, IP, UNKNOWN",
             "source": {"pointer": "/pattern_type"}},
        ])
    );
}

#[tokio::test]
async fn edits_need_a_field_and_null_only_where_nullable() {
    let server = server().await;
    let created = server.client().send(restriction("example.com")).await.unwrap();
    let url = format!("{}/{}", collection(&server, "sending_domain_restrictions"), created.id.unwrap());
    let (status, body) = raw(reqwest::Method::PATCH, &url, Some(ADMIN), Some("{}")).await;
    assert_eq!(status, 400);
    assert_eq!(body["errors"][0]["message"], "at least 1 of the fields must be given, got 0");
    let (status, body) = raw(reqwest::Method::PATCH, &url, Some(ADMIN), Some(r#"{"domain": null}"#)).await;
    assert_eq!((status, &body["errors"][0]["source"]["pointer"]), (400, &json!("/domain")));
    assert_eq!(body["errors"][0]["message"], "`domain` must not be null");
    let (status, body) = raw(reqwest::Method::PATCH, &url, Some(ADMIN), Some(r#"{"comments": null}"#)).await;
    assert_eq!(status, 200);
    assert_eq!(body["result"].get("comments"), None);
}

#[tokio::test]
async fn path_and_query_parameters_are_validated() {
    let server = server().await;
    let long_account = "a".repeat(33);
    let url = format!("{}/accounts/{long_account}/email-security/settings/trusted_domains", server.base_url());
    let (status, body) = raw(reqwest::Method::GET, &url, Some(ADMIN), None).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        envelope(json!([{"code": codes::INVALID,
            "message": "path parameter `account_id` must have at most 32 characters, got 33"}]))
    );
    let (status, body) =
        raw(reqwest::Method::GET, &format!("{}/not-a-uuid", collection(&server, "trusted_domains")), Some(ADMIN), None)
            .await;
    assert_eq!(status, 400);
    assert_eq!(body["errors"][0]["message"], "path parameter `trusted_domain_id` must be a valid uuid");
    let (status, body) = raw(
        reqwest::Method::GET,
        &format!("{}?per_page=1001&page=0&order=size", collection(&server, "trusted_domains")),
        Some(ADMIN),
        None,
    )
    .await;
    assert_eq!(status, 400);
    let messages: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap()).collect();
    assert_eq!(
        messages,
        [
            "query parameter `page` must be at least 1, got 0",
            "query parameter `per_page` must be at most 1000, got 1001",
            "query parameter `order` must be one of pattern, created_at",
        ]
    );
    let (status, body) =
        raw(reqwest::Method::GET, &format!("{}?order=size", collection(&server, "trusted_domains")), Some(ADMIN), None)
            .await;
    assert_eq!(status, 400);
    assert_eq!(body["errors"][0]["message"], "query parameter `order` must be one of pattern, created_at");
    let (status, body) = raw(
        reqwest::Method::GET,
        &format!("{}?per_page=many", collection(&server, "trusted_domains")),
        Some(ADMIN),
        None,
    )
    .await;
    assert_eq!(
        (status, body["errors"][0]["message"].as_str()),
        (400, Some("query parameter `per_page` must be an integer"))
    );
}

#[tokio::test]
async fn the_typed_client_sees_the_400_the_server_sends() {
    // Validation the client does not make: a value its enum keeps as `Unknown` (for responses)
    // that the server refuses.
    let server = server().await;
    let blocked = |pattern_type| bs::CreateBlockSender::new(ACCOUNT.into(), false, "x", pattern_type);
    let result = server.client().send(blocked(PatternType::Unknown("IPV6".into()))).await;
    let Some(ErrorKind::Api(e)) = result.as_ref().err().map(Error::kind) else {
        panic!("expected a 400, got {result:?}")
    };
    assert_eq!(e.status, 400);
    assert_eq!(e.errors[0].source.as_ref().and_then(|s| s.pointer.as_deref()), Some("/pattern_type"));
    assert_eq!(e.errors[0].message, "`pattern_type` must be one of EMAIL, DOMAIN, IP, UNKNOWN");
    // Not kept: "the API's own `UNKNOWN` is read-only: the client refuses it before sending".
    // The generated `PatternType` lists `UNKNOWN` as an ordinary value, so nothing refuses it.
}

#[tokio::test]
async fn no_or_unknown_credentials_are_a_401() {
    let server = server().await;
    let url = collection(&server, "sending_domain_restrictions");
    let (status, body) = raw(reqwest::Method::GET, &url, None, None).await;
    assert_eq!(status, 401);
    assert_eq!(
        body,
        envelope(json!([{"code": 10000, "message":
            "Authentication error: no credentials: send `Authorization: Bearer <API token>` or X-Auth-Key and X-Auth-Email"}]))
    );
    let (status, body) = raw(reqwest::Method::GET, &url, Some("guess"), None).await;
    assert_eq!(
        (status, body["errors"][0]["message"].as_str()),
        (401, Some("Authentication error: the API token is not valid"))
    );
    assert!(!body.to_string().contains("guess"), "the token is never echoed");

    let wrong =
        Client::builder().base_url(server.base_url()).credentials(Credentials::api_token("wrong")).build().unwrap();
    let result = wrong.send(ListSendingDomainRestrictions::new(ACCOUNT.into())).await;
    assert_eq!(result.unwrap_err().status(), Some(401));

    // X-Auth-Key with X-Auth-Email carries a configured token too.
    let keyed = Client::builder()
        .base_url(server.base_url())
        .credentials(Credentials::api_key("me@example.com", ADMIN))
        .build()
        .unwrap();
    let list = keyed.send(ListSendingDomainRestrictions::new(ACCOUNT.into())).await.unwrap();
    assert!(list.is_empty());
}

#[tokio::test]
async fn a_read_only_token_reads_and_gets_a_403_on_writes() {
    let server = server().await;
    let reader =
        Client::builder().base_url(server.base_url()).credentials(Credentials::api_token(READER)).build().unwrap();
    let list = reader.send(ListSendingDomainRestrictions::new(ACCOUNT.into())).await.unwrap();
    assert!(list.is_empty());
    let result = reader.send(restriction("example.com")).await;
    let Some(ErrorKind::Api(e)) = result.as_ref().err().map(Error::kind) else {
        panic!("expected a 403, got {result:?}")
    };
    assert_eq!(e.status, 403);
    assert_eq!(e.errors[0].code, Some(codes::AUTHENTICATION));
    assert_eq!(
        e.errors[0].message,
        "Authentication error: the API token lacks the permission \"Cloud Email Security: Write\", which POST \
         /accounts/{account_id}/email-security/settings/sending_domain_restrictions needs"
    );
    // The permissions come from the operation the error names.
    let err = result.as_ref().unwrap_err();
    assert_eq!(err.operation().map(|op| op.permissions), Some(&["Cloud Email Security: Write"][..]));
    assert!(
        err.to_string()
            .contains("this endpoint needs an API token with the permission \"Cloud Email Security: Write\""),
        "{err}"
    );
    // Nothing was created.
    let all = server.client().send(ListSendingDomainRestrictions::new(ACCOUNT.into())).await.unwrap();
    assert!(all.is_empty());
}

#[tokio::test]
async fn duplicates_are_a_409() {
    let server = server().await;
    let client = server.client();
    client.send(restriction("example.com")).await.unwrap();
    let result = client.send(restriction("EXAMPLE.com")).await;
    let Some(ErrorKind::Api(e)) = result.as_ref().err().map(Error::kind) else {
        panic!("expected a 409, got {result:?}")
    };
    assert_eq!(e.status, 409);
    assert_eq!(e.errors[0].code, Some(codes::DUPLICATE));
    assert_eq!(e.errors[0].message, "a sending domain restriction with this domain (EXAMPLE.com) already exists");
    assert_eq!(e.errors[0].source.as_ref().and_then(|s| s.pointer.as_deref()), Some("/domain"));

    let trusted = |pattern: &str| td::CreateTrustedDomain::new(ACCOUNT.into(), false, false, false, pattern);
    client.send(trusted("partner.example")).await.unwrap();
    assert_eq!(client.send(trusted("partner.example")).await.unwrap_err().status(), Some(409));

    let block = |pattern_type| bs::CreateBlockSender::new(ACCOUNT.into(), false, "1.2.3.4", pattern_type);
    client.send(block(PatternType::Ip)).await.unwrap();
    // Same pattern, another type: no duplicate; same pattern and type: 409.
    client.send(block(PatternType::Domain)).await.unwrap();
    let result = client.send(block(PatternType::Ip)).await;
    let Some(ErrorKind::Api(e)) = result.as_ref().err().map(Error::kind) else { panic!("expected a 409") };
    assert_eq!(
        (e.status, e.errors[0].message.as_str()),
        (409, "a blocked sender with this pattern and pattern_type (1.2.3.4, IP) already exists")
    );

    // An edit onto another resource's key is a duplicate too.
    let other = client.send(restriction("other.example")).await.unwrap();
    let url = format!("{}/{}", collection(&server, "sending_domain_restrictions"), other.id.unwrap());
    let (status, body) = raw(reqwest::Method::PATCH, &url, Some(ADMIN), Some(r#"{"domain": "example.com"}"#)).await;
    assert_eq!((status, &body["errors"][0]["code"]), (409, &json!(codes::DUPLICATE)));
}

#[tokio::test]
async fn unknown_routes_and_methods() {
    let server = server().await;
    // A path no declaration has (whatever services the build includes).
    let url = format!("{}/accounts/{ACCOUNT}/no-such-product/things", server.base_url());
    let (status, body) = raw(reqwest::Method::GET, &url, Some(ADMIN), None).await;
    assert_eq!(status, 404);
    assert_eq!(body["errors"][0]["code"], codes::NO_ROUTE);
    let (status, body) =
        raw(reqwest::Method::PUT, &collection(&server, "sending_domain_restrictions"), Some(ADMIN), Some("{}")).await;
    assert_eq!(status, 405);
    assert_eq!(body["errors"][0]["code"], codes::METHOD_NOT_ALLOWED);
    assert_eq!(
        body["errors"][0]["message"],
        format!(
            "Method PUT not allowed for /client/v4/accounts/{ACCOUNT}/email-security/settings/sending_domain_restrictions; allowed: GET, POST"
        )
    );
    let (status, body) = raw(
        reqwest::Method::GET,
        &format!("{}/accounts/{ACCOUNT}/email-security/investigate", server.base_url()),
        Some(ADMIN),
        None,
    )
    .await;
    // An operation the fake keeps no state for answers what its type decodes: here an empty list.
    assert_eq!((status, &body["success"], &body["result"]), (200, &json!(true), &json!([])));
}

#[tokio::test]
async fn the_server_stops_when_dropped() {
    let server = server().await;
    let url = collection(&server, "sending_domain_restrictions");
    let (status, _) = raw(reqwest::Method::GET, &url, Some(ADMIN), None).await;
    assert_eq!(status, 200);
    drop(server);
    tokio::task::yield_now().await;
    let fresh = reqwest::Client::new();
    assert!(fresh.get(&url).bearer_auth(ADMIN).send().await.is_err());
}
