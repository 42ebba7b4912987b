//! Pagination over a real loopback server: `client.paginate(list)` (items) and
//! `client.pages(list)` (pages) walk a list to its end on the signal the server gives, and fail
//! with `ErrorKind::Pagination` instead of looping when the server repeats a page or a cursor.

use flarekit::email_security::settings::sending_domain_restrictions::ListSendingDomainRestrictions;
use flarekit::{endpoint, ErrorKind};
use flarekit_tests::{Recorded, Reply, TestServer};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::{json, Value};

const LIST_PATH: &str = "/client/v4/accounts/acc/email-security/settings/sending_domain_restrictions";

fn list() -> ListSendingDomainRestrictions {
    ListSendingDomainRestrictions::new("acc".into()).per_page(2)
}

/// The value of query parameter `name` in a recorded request.
fn query_param(request: &Recorded, name: &str) -> Option<String> {
    let query = request.query.as_deref()?;
    query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=').map(str::to_owned))
}

/// The page a request asks for (1 when it names none).
fn page_of(request: &Recorded) -> u32 {
    query_param(request, "page").map_or(1, |p| p.parse().unwrap_or(0))
}

fn restrictions(ids: &[&str]) -> Value {
    Value::Array(ids.iter().map(|id| json!({"id": id, "domain": format!("{id}.example.com"), "exclude": []})).collect())
}

fn page_reply(result: Value, info: Value) -> Reply {
    Reply::json(200, json!({"success": true, "errors": [], "messages": [], "result": result, "result_info": info}))
}

/// (path, query) of every request the server received.
fn requests(server: &TestServer) -> Vec<(String, Option<String>)> {
    server.requests().into_iter().map(|r| (r.path, r.query)).collect()
}

fn list_requests(queries: &[&str]) -> Vec<(String, Option<String>)> {
    queries.iter().map(|q| (LIST_PATH.to_owned(), Some((*q).to_owned()))).collect()
}

fn ids<'a>(
    items: impl IntoIterator<
        Item = &'a flarekit::email_security::settings::sending_domain_restrictions::SendingDomainRestriction,
    >,
) -> Vec<String> {
    items.into_iter().filter_map(|r| r.id.clone()).collect()
}

#[tokio::test]
async fn total_pages_ends_the_walk() {
    let server = TestServer::start(|r| {
        let page = page_of(r);
        let items = match page {
            1 => restrictions(&["a", "b"]),
            2 => restrictions(&["c", "d"]),
            3 => restrictions(&["e"]),
            _ => return Reply::json(500, json!({"unexpected": page})),
        };
        page_reply(items, json!({"page": page, "per_page": 2, "count": 2, "total_count": 5, "total_pages": 3}))
    })
    .await;
    let client = server.client("token");

    let items: Vec<_> = client.paginate(list()).try_collect().await.unwrap();
    assert_eq!(ids(&items), ["a", "b", "c", "d", "e"]);
    assert_eq!(requests(&server), list_requests(&["per_page=2", "page=2&per_page=2", "page=3&per_page=2"]));

    // The same walk one page at a time, starting from page 2.
    let pages: Vec<_> = client.pages(list().page(2)).try_collect().await.unwrap();
    let got: Vec<(Option<u64>, Vec<String>)> =
        pages.iter().map(|p| (p.result_info.as_ref().and_then(|i| i.page), ids(&p.result))).collect();
    assert_eq!(got, [(Some(2), vec!["c".to_owned(), "d".to_owned()]), (Some(3), vec!["e".to_owned()])]);
    assert_eq!(requests(&server)[3..], list_requests(&["page=2&per_page=2", "page=3&per_page=2"]));
}

#[tokio::test]
async fn without_totals_an_empty_page_ends_the_walk() {
    // No per_page, count or totals: only an empty page says the list is over.
    let server = TestServer::start(|r| {
        let page = page_of(r);
        let items = match page {
            1 => restrictions(&["a", "b"]),
            2 => restrictions(&["c", "d"]),
            3 => restrictions(&[]),
            _ => return Reply::json(500, json!({"unexpected": page})),
        };
        page_reply(items, json!({"page": page}))
    })
    .await;
    let items: Vec<_> = server.client("token").paginate(list()).try_collect().await.unwrap();
    assert_eq!(ids(&items), ["a", "b", "c", "d"]);
    assert_eq!(requests(&server), list_requests(&["per_page=2", "page=2&per_page=2", "page=3&per_page=2"]));
}

#[tokio::test]
async fn without_totals_a_short_page_ends_the_walk() {
    let server = TestServer::start(|r| {
        let page = page_of(r);
        let items = match page {
            1 => restrictions(&["a", "b"]),
            2 => restrictions(&["c"]),
            _ => return Reply::json(500, json!({"unexpected": page})),
        };
        page_reply(items, json!({"page": page, "per_page": 2}))
    })
    .await;
    let pages: Vec<_> = server.client("token").pages(list()).try_collect().await.unwrap();
    assert_eq!(pages.iter().map(|p| ids(&p.result)).collect::<Vec<_>>(), [vec!["a", "b"], vec!["c"]]);
    assert_eq!(requests(&server), list_requests(&["per_page=2", "page=2&per_page=2"]));
}

#[tokio::test]
async fn a_server_that_repeats_page_one_is_an_error_not_an_endless_stream() {
    let server = TestServer::start(|_| page_reply(restrictions(&["a", "b"]), json!({"page": 1, "per_page": 2}))).await;
    let client = server.client("token");

    let mut items = std::pin::pin!(client.paginate(list()));
    let mut got = Vec::new();
    let err = loop {
        match items.next().await {
            Some(Ok(item)) => got.extend(item.id),
            Some(Err(e)) => break e,
            None => panic!("the stream ended without an error after {got:?}"),
        }
    };
    assert_eq!(got, ["a", "b"]);
    let ErrorKind::Pagination(p) = err.kind() else { panic!("expected ErrorKind::Pagination, got {err:?}") };
    assert_eq!(p.path(), "/accounts/<account_id>/email-security/settings/sending_domain_restrictions");
    assert_eq!(err.operation().map(|op| op.type_name), Some("ListSendingDomainRestrictions"));
    assert!(err.to_string().contains("asked for page 2 and the server answered with page 1"), "{err}");
    assert!(items.next().await.is_none(), "the stream ends after the error");
    assert_eq!(requests(&server), list_requests(&["per_page=2", "page=2&per_page=2"]));
}

/// List things, by cursor.
#[endpoint(GET, "/accounts/<account_id>/things", perm = "X", response = Vec<u32>, paginate = cursor)]
#[derive(Debug, Clone)]
pub struct ListThings {
    pub account_id: String,
    pub cursor: Option<String>,
}

fn things() -> ListThings {
    ListThings { account_id: "acc".into(), cursor: None }
}

fn cursor_reply(result: Value, next: &str) -> Reply {
    let info = json!({"count": result_len(&result), "next": next});
    page_reply(result, info)
}

fn result_len(result: &Value) -> usize {
    result.as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn cursor_pages_end_on_an_empty_cursor() {
    let server = TestServer::start(|r| match query_param(r, "cursor").as_deref() {
        None => cursor_reply(json!([1, 2]), "c1"),
        Some("c1") => cursor_reply(json!([3, 4]), "c2"),
        Some("c2") => cursor_reply(json!([5]), ""),
        Some(other) => Reply::json(500, json!({"unexpected": other})),
    })
    .await;
    let client = server.client("token");
    let items: Vec<u32> = client.paginate(things()).try_collect().await.unwrap();
    assert_eq!(items, [1, 2, 3, 4, 5]);
    let path = "/client/v4/accounts/acc/things".to_owned();
    assert_eq!(
        requests(&server),
        [(path.clone(), None), (path.clone(), Some("cursor=c1".into())), (path, Some("cursor=c2".into()))]
    );

    let pages: Vec<_> = client.pages(things()).try_collect().await.unwrap();
    let got: Vec<(Vec<u32>, Option<String>)> =
        pages.into_iter().map(|p| (p.result, p.result_info.and_then(|i| i.next))).collect();
    assert_eq!(got, [(vec![1, 2], Some("c1".into())), (vec![3, 4], Some("c2".into())), (vec![5], Some(String::new()))]);
}

#[tokio::test]
async fn a_repeated_cursor_is_an_error() {
    let server = TestServer::start(|r| {
        match query_param(r, "cursor").as_deref() {
            None => cursor_reply(json!([1]), "c1"),
            Some("c1") => cursor_reply(json!([2]), "c2"),
            // Back to a cursor it already gave: walking on would loop forever.
            Some("c2") => cursor_reply(json!([3]), "c1"),
            Some(other) => Reply::json(500, json!({"unexpected": other})),
        }
    })
    .await;
    let client = server.client("token");
    let mut items = std::pin::pin!(client.paginate(things()));
    let mut got = Vec::new();
    let err = loop {
        match items.next().await {
            Some(Ok(item)) => got.push(item),
            Some(Err(e)) => break e,
            None => panic!("the stream ended without an error after {got:?}"),
        }
    };
    assert_eq!(got, [1, 2]);
    assert!(matches!(err.kind(), ErrorKind::Pagination(p) if p.path() == "/accounts/<account_id>/things"), "{err:?}");
    assert!(err.to_string().contains("the server returned cursor \"c1\" a second time"), "{err}");
    let path = "/client/v4/accounts/acc/things".to_owned();
    assert_eq!(
        requests(&server),
        [(path.clone(), None), (path.clone(), Some("cursor=c1".into())), (path, Some("cursor=c2".into()))]
    );
}

/// Cursor-style `result_info` (Email Security's bulk jobs, search) keeps `page` and
/// `total_count` fields that always say 0: they must not stop or derail a walk.
#[tokio::test]
async fn zero_page_and_total_count_from_cursor_style_info_are_ignored() {
    let server = TestServer::start(|r| {
        let info = |count: usize| json!({"page": 0, "total_count": 0, "per_page": 2, "count": count});
        match page_of(r) {
            1 => page_reply(restrictions(&["a", "b"]), info(2)),
            2 => page_reply(restrictions(&["c"]), info(1)),
            _ => Reply::json(500, json!({"unexpected": r.query})),
        }
    })
    .await;
    let items: Vec<_> = server.client("token").paginate(list()).try_collect().await.unwrap();
    assert_eq!(ids(&items), ["a", "b", "c"]);
    assert_eq!(requests(&server), list_requests(&["per_page=2", "page=2&per_page=2"]));
}

/// Investigate's search answers 202 + `Location` while it is still running: in the middle of a
/// walk that is an error, not an empty last page.
#[endpoint(GET, "/accounts/<account_id>/search", perm = "X", response = flarekit::decode::Polled<Vec<u32>>,
           decode_with = flarekit::decode::ready_or_pending, paginate = cursor)]
#[derive(Debug, Clone)]
pub struct Search {
    pub account_id: String,
    pub cursor: Option<String>,
}

#[tokio::test]
async fn a_pending_page_mid_walk_is_an_error() {
    let server = TestServer::start(|r| match query_param(r, "cursor").as_deref() {
        None => cursor_reply(json!([1, 2]), "c1"),
        _ => Reply::Raw {
            status: 202,
            headers: vec![("location".into(), "/client/v4/accounts/acc/search?job=7".into())],
            body: br#"{"success":true,"errors":[],"messages":[],"result":[]}"#.to_vec(),
        },
    })
    .await;
    let client = server.client("token");
    let mut items = std::pin::pin!(client.paginate(Search { account_id: "acc".into(), cursor: None }));
    assert_eq!(items.next().await.map(Result::ok), Some(Some(1)));
    assert_eq!(items.next().await.map(Result::ok), Some(Some(2)));
    let err = items.next().await.expect("an error, not the end").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Search (GET /accounts/<account_id>/search): pagination stopped: the server is still preparing this page; \
         poll /client/v4/accounts/acc/search?job=7"
    );
    assert!(items.next().await.is_none());
}

/// A page of Images v2: the items in `result.images`, the next token in
/// `result.continuation_token` (not in `result_info`).
fn image_page(ids: &[&str], token: Value) -> Reply {
    let images: Vec<Value> = ids.iter().map(|id| json!({"id": id, "variants": []})).collect();
    Reply::json(
        200,
        json!({"success": true, "errors": [], "messages": [],
               "result": {"images": images, "continuation_token": token}}),
    )
}

#[tokio::test]
async fn a_token_in_the_result_walks_images_v2_to_its_end() {
    use flarekit::images::v2::ListImagesV2;

    let server = TestServer::start(|r| match query_param(r, "continuation_token").as_deref() {
        None => image_page(&["i1", "i2"], json!("t2")),
        Some("t2") => image_page(&["i3"], json!("t3")),
        Some("t3") => image_page(&["i4"], Value::Null),
        Some(other) => Reply::json(500, json!({"unexpected": other})),
    })
    .await;
    let list = ListImagesV2::new("acc".into()).per_page(10);
    let images: Vec<_> = server.client("token").paginate(list).try_collect().await.unwrap();
    let got: Vec<&str> = images.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(got, ["i1", "i2", "i3", "i4"]);
    let path = "/client/v4/accounts/acc/images/v2".to_owned();
    assert_eq!(
        requests(&server),
        [
            (path.clone(), Some("per_page=10".into())),
            (path.clone(), Some("continuation_token=t2&per_page=10".into())),
            (path, Some("continuation_token=t3&per_page=10".into())),
        ]
    );
    // The catalog says where the items and the token are, for walks without the type.
    let shape = <ListImagesV2 as flarekit::Endpoint>::INFO.page_shape;
    assert_eq!((shape.items, shape.cursor), (Some("images"), Some("continuation_token")));
    assert_eq!(
        <ListImagesV2 as flarekit::Endpoint>::INFO.pagination,
        Some(flarekit::Pagination::Cursor { param: "continuation_token" })
    );
}

#[tokio::test]
async fn a_token_in_the_result_given_twice_is_an_error() {
    use flarekit::images::v2::ListImagesV2;

    let server = TestServer::start(|_| image_page(&["i1"], json!("again"))).await;
    let list = ListImagesV2::new("acc".into());
    let err = server.client("token").paginate(list).try_collect::<Vec<_>>().await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Pagination(_)), "{err:?}");
    assert!(err.to_string().contains("the server returned cursor \"again\" a second time"), "{err}");
    assert_eq!(server.requests().len(), 2);
}
