//! Query names with dots, typed filter values, header parameters, and responses that carry
//! values this version does not know — on the wire.

use flarekit::dns::records::{DnsRecord, Flag, ListDnsRecords, Match, RecordOrder, RecordType};
use flarekit::r2::buckets::{Jurisdiction, ListBuckets};
use flarekit::Paginated;
use flarekit_tests::{Reply, TestServer};
use futures_util::TryStreamExt;
use serde_json::json;

const ZONE: &str = "023e105f4ecef8ad9ca31a8372d0c353";

fn records() -> serde_json::Value {
    json!([
        {"id": "r1", "name": "www.example.com", "type": "A", "content": "192.0.2.1", "ttl": 1, "proxied": true, "tags": ["env:prod"]},
        {"id": "r2", "name": "example.com", "type": "MX", "content": "mx.example.com", "priority": 10},
        // A type with structured data.
        {"id": "r3", "name": "example.com", "type": "CAA", "data": {"flags": 0, "tag": "issue", "value": "ca.example"}},
        // A type Cloudflare adds after this version: still listed, kept whole.
        {"id": "r4", "name": "example.com", "type": "NEWTYPE", "content": "x", "meta": {"new": true}},
        // A known type in a shape this version does not expect.
        {"id": "r5", "name": "example.com", "type": "MX", "content": "mx2.example.com"}
    ])
}

#[tokio::test]
async fn dns_filters_go_by_their_dotted_names_with_typed_values() {
    let page = json!({"success": true, "errors": [], "messages": [], "result": records(),
                      "result_info": {"page": 1, "per_page": 5, "total_pages": 1, "count": 5, "total_count": 5}});
    let server = TestServer::with_replies(vec![Reply::json(200, page)]).await;
    let list = ListDnsRecords::new(ZONE.into())
        .kind(RecordType::Cname)
        .name_contains("shop")
        .content_startswith("192.0.2.")
        .proxied(false)
        .r#match(Match::Any)
        .comment_absent(Flag)
        .tag_exact("env:prod")
        .order(RecordOrder::Ttl)
        .per_page(5000);
    let got: Vec<DnsRecord> = server.client("tok").paginate(list).try_collect().await.expect("the list");
    let req = &server.requests()[0];
    assert_eq!(req.path, format!("/client/v4/zones/{ZONE}/dns_records"));
    assert_eq!(
        req.query.as_deref(),
        Some(
            "type=CNAME&name.contains=shop&content.startswith=192.0.2.&proxied=false&match=any&comment.absent=true\
             &tag.exact=env%3Aprod&order=ttl&per_page=5000"
        )
    );

    assert_eq!(got.len(), 5);
    let DnsRecord::A(a) = &got[0] else { panic!("{:?}", got[0]) };
    assert_eq!((a.id.as_deref(), a.name.as_str(), a.content.as_str()), (Some("r1"), "www.example.com", "192.0.2.1"));
    assert_eq!((a.proxied, a.tags.as_deref()), (Some(true), Some(&["env:prod".to_owned()][..])));
    let DnsRecord::Mx(mx) = &got[1] else { panic!("{:?}", got[1]) };
    assert_eq!((mx.content.as_str(), mx.priority), ("mx.example.com", 10.0));
    let DnsRecord::Caa(caa) = &got[2] else { panic!("{:?}", got[2]) };
    let data = &caa.data;
    assert_eq!(
        (data.flags, data.tag.as_deref(), data.value.as_deref()),
        (Some(0.0), Some("issue"), Some("ca.example"))
    );
    assert_eq!(got[2].record_type(), RecordType::Caa);
    // A type Cloudflare adds later, and an MX without its required priority, are kept whole.
    for (i, kind) in [(3, RecordType::Unknown("NEWTYPE".into())), (4, RecordType::Mx)] {
        let DnsRecord::Other(members) = &got[i] else { panic!("{:?}", got[i]) };
        assert_eq!(members["type"], kind.as_str());
        assert_eq!(got[i].record_type(), kind);
        // What came in goes out the same: nothing of the unknown record is lost.
        assert_eq!(serde_json::to_value(&got[i]).unwrap(), records()[i]);
    }
}

#[test]
fn filter_values_are_checked_before_sending() {
    let list = ListDnsRecords::new(ZONE.into()).per_page(5_000_001).name(&"x".repeat(256));
    let err = flarekit::Endpoint::validate(&list).unwrap_err();
    let fields: Vec<&str> = err.violations().iter().map(|v| v.field.as_ref()).collect();
    assert_eq!(fields, ["name", "per_page"]);
    assert_eq!(<ListDnsRecords as Paginated>::page(&ListDnsRecords::new(ZONE.into()).page(3)), 3);
}

#[tokio::test]
async fn a_header_parameter_goes_in_its_header_and_unknown_values_decode() {
    let reply = Reply::ok(
        200,
        json!({"buckets": [
            {"name": "logs", "creation_date": "2024-01-01T00:00:00Z", "jurisdiction": "eu"},
            {"name": "later", "jurisdiction": "mars"}
        ]}),
    );
    let server = TestServer::with_replies(vec![reply]).await;
    let buckets = ListBuckets::new(ZONE.into())
        .jurisdiction(Jurisdiction::Eu)
        .per_page(10)
        .send(&server.client("tok"))
        .await
        .expect("buckets");
    let req = &server.requests()[0];
    assert_eq!(req.header("cf-r2-jurisdiction"), Some("eu"));
    assert_eq!(req.query.as_deref(), Some("per_page=10"));
    assert_eq!(buckets.buckets[0].jurisdiction, Some(Jurisdiction::Eu));
    assert_eq!(buckets.buckets[1].jurisdiction, Some(Jurisdiction::Unknown("mars".into())));
    let field = flarekit::catalog().iter().find(|e| e.type_name == "ListBuckets").unwrap().field("cf-r2-jurisdiction");
    assert_eq!(
        field.map(|f| (f.location, f.values)),
        Some((flarekit::Location::Header, &["default", "eu", "fedramp"][..]))
    );
}

#[tokio::test]
async fn kv_keys_walk_by_result_info_cursor_with_a_limit_until_it_is_empty() {
    use flarekit::kv::namespaces::keys::{Key, ListKeys};
    let page = |names: &[&str], cursor: &str| {
        let keys: Vec<serde_json::Value> = names.iter().map(|n| json!({"name": n})).collect();
        Reply::json(
            200,
            json!({"success": true, "errors": [], "messages": [], "result": keys,
                                "result_info": {"count": names.len(), "cursor": cursor}}),
        )
    };
    let server = TestServer::with_replies(vec![page(&["a", "b"], "c2"), page(&["c"], "")]).await;
    let list = ListKeys::new(ZONE.into(), "ns1").limit(10).prefix("a/");
    let keys: Vec<Key> = server.client("tok").paginate(list).try_collect().await.expect("every key");
    assert_eq!(keys.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
    let queries: Vec<Option<String>> = server.requests().into_iter().map(|r| r.query).collect();
    assert_eq!(queries, [Some("limit=10&prefix=a%2F".to_owned()), Some("limit=10&prefix=a%2F&cursor=c2".to_owned())]);
}

#[tokio::test]
async fn a_list_whose_items_are_in_result_items_walks_its_pages() {
    use flarekit::workers::scripts::versions::{ListVersions, Version};
    let page = |ids: &[&str], page: u32| {
        let items: Vec<serde_json::Value> = ids.iter().map(|id| json!({"id": id, "number": 1})).collect();
        Reply::json(
            200,
            json!({"success": true, "errors": [], "messages": [], "result": {"items": items},
                                "result_info": {"page": page, "per_page": 2, "total_pages": 2}}),
        )
    };
    let server = TestServer::with_replies(vec![page(&["v3", "v2"], 1), page(&["v1"], 2)]).await;
    let versions: Vec<Version> = server
        .client("tok")
        .paginate(ListVersions::new(ZONE.into(), "my-worker").per_page(2))
        .try_collect()
        .await
        .expect("every version");
    assert_eq!(versions.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(), ["v3", "v2", "v1"]);
    let queries: Vec<Option<String>> = server.requests().into_iter().map(|r| r.query).collect();
    assert_eq!(queries, [Some("per_page=2".to_owned()), Some("page=2&per_page=2".to_owned())]);
}

#[tokio::test]
async fn a_list_with_result_info_cursors_after_walks_until_there_is_none() {
    use flarekit::rules::lists::items::{GetListItems, ListItem};
    let list_id = "2c0fc9fa937b11eaa1b71c4d701ab86e";
    let server = TestServer::with_replies(vec![
        Reply::json(
            200,
            json!({"success": true, "errors": [], "messages": [], "result": [{"ip": "192.0.2.1"}, {"ip": "192.0.2.2"}],
                                "result_info": {"cursors": {"after": "yyy", "before": "xxx"}}}),
        ),
        Reply::json(
            200,
            json!({"success": true, "errors": [], "messages": [], "result": [{"ip": "192.0.2.3"}],
                                "result_info": {"cursors": {"before": "yyy"}}}),
        ),
    ])
    .await;
    let items: Vec<ListItem> = server
        .client("tok")
        .paginate(GetListItems::new(ZONE.into(), list_id).per_page(2))
        .try_collect()
        .await
        .expect("every item");
    assert_eq!(
        items.iter().map(|i| i.ip.as_deref().unwrap()).collect::<Vec<_>>(),
        ["192.0.2.1", "192.0.2.2", "192.0.2.3"]
    );
    let queries: Vec<Option<String>> = server.requests().into_iter().map(|r| r.query).collect();
    assert_eq!(queries, [Some("per_page=2".to_owned()), Some("cursor=yyy&per_page=2".to_owned())]);
}

#[tokio::test]
async fn an_offset_list_skips_what_it_has_seen_until_an_empty_page() {
    use flarekit::ai::{Finetune, ListPublicFinetunes};
    let page = |ids: &[&str]| {
        let items: Vec<serde_json::Value> = ids
            .iter()
            .map(|id| json!({"id": id, "name": id, "model": "@cf/meta/llama-3-8b-instruct", "public": true}))
            .collect();
        Reply::json(200, json!({"success": true, "result": items}))
    };
    let server = TestServer::with_replies(vec![page(&["a", "b"]), page(&["c", "d"]), page(&[])]).await;
    let list = ListPublicFinetunes::new(ZONE.into()).limit(2);
    let got: Vec<Finetune> = server.client("tok").paginate(list).try_collect().await.expect("every fine-tune");
    assert_eq!(got.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), ["a", "b", "c", "d"]);
    let queries: Vec<Option<String>> = server.requests().into_iter().map(|r| r.query).collect();
    assert_eq!(
        queries,
        [Some("limit=2".to_owned()), Some("offset=2&limit=2".to_owned()), Some("offset=4&limit=2".to_owned())]
    );
}
