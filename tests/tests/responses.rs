//! Responses other than the plain envelope, on the wire: GraphQL's `{data, errors}`, partial
//! envelopes, bare JSON.

use flarekit::graphql::Query;
use flarekit::{Endpoint, ErrorKind, ResponseKind};
use flarekit_tests::{Reply, TestServer};
use serde_json::json;

const QUERY: &str = "query Zones($zone: string) { viewer { zones(filter: {zoneTag: $zone}) { zoneTag } } }";

#[tokio::test]
async fn a_graphql_query_sends_query_and_variables_and_returns_data() {
    let data = json!({"viewer": {"zones": [{"zoneTag": "z1"}]}});
    let server = TestServer::with_replies(vec![Reply::json(200, json!({"data": data, "errors": null}))]).await;
    let got = Query::new(QUERY).variables(json!({"zone": "z1"})).send(&server.client("tok")).await.expect("data");
    assert_eq!(got, data);
    let req = &server.requests()[0];
    assert_eq!((req.method.as_str(), req.path.as_str()), ("POST", "/client/v4/graphql"));
    assert_eq!(req.json(), json!({"query": QUERY, "variables": {"zone": "z1"}}));
    assert_eq!(Query::INFO.response, ResponseKind::GraphQl);
    assert!(Query::INFO.retry_safe);
}

#[tokio::test]
async fn graphql_errors_in_a_200_are_an_api_error_with_their_paths() {
    let answer = json!({"data": null, "errors": [
        {"message": "unknown field \"zoneTags\"", "path": ["viewer", "zones", 0], "extensions": {"code": "bad"}},
        {"message": "rate limited"}
    ]});
    let server = TestServer::with_replies(vec![Reply::json(200, answer)]).await;
    let err = Query::new(QUERY).send(&server.client("tok")).await.unwrap_err();
    let ErrorKind::Api(api) = err.kind() else { panic!("{err:?}") };
    assert_eq!(api.status, 200);
    let got: Vec<(&str, Option<&str>)> =
        api.errors.iter().map(|e| (e.message.as_str(), e.source.as_ref().and_then(|s| s.pointer.as_deref()))).collect();
    assert_eq!(got, [("unknown field \"zoneTags\"", Some("/viewer/zones/0")), ("rate limited", None)]);
    // Not retried: the query was answered.
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_graphql_answer_without_data_or_errors_is_a_decode_error() {
    let server = TestServer::with_replies(vec![Reply::json(200, json!({"data": null}))]).await;
    let err = Query::new(QUERY).send(&server.client("tok")).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Decode(d) if d.reason.contains("neither `data` nor `errors`")), "{err}");
}

#[test]
fn an_empty_query_is_refused_before_sending() {
    let err = Query::new("").validate().unwrap_err();
    assert_eq!(err.violations()[0].to_string(), "`query` (min_length): must have at least 1 characters, got 0");
}
