//! Zones and DNS records on the fake, through flarekit's client and as raw HTTP: what a
//! dynamic-DNS updater or an ACME client does, and what Cloudflare refuses.

use flarekit::dns::records::{
    BatchDelete, BatchDnsRecords, BatchPatch, CreateRecord, DeleteRecord, DnsRecord, EditRecord, GetRecord,
    ListDnsRecords, Match, RecordType,
};
use flarekit::user::tokens::{Status, VerifyToken};
use flarekit::zones::{CreateZone, CreateZoneAccount, DeleteZone, GetZone, ListZones};
use flarekit::{Client, Credentials, ZoneId};
use flarekit_fake::{codes, MockServer};
use futures_util::TryStreamExt;
use serde_json::{json, Value};

mod common;
use common::{api_error, api_error_at};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const READER: &str = "dns-reader";

async fn server() -> MockServer {
    MockServer::builder().token(READER, &["DNS Read"]).start().await.expect("the fake starts")
}

/// A new zone `name` in the account, its id.
async fn zone(client: &Client, name: &str) -> ZoneId {
    let account = CreateZoneAccount { id: Some(ACCOUNT.into()) };
    let zone = CreateZone::new(account, name).send(client).await.expect("the zone is created");
    ZoneId::from(zone.id.as_str())
}

/// A raw JSON request with the admin token: the status and the body.
async fn raw(server: &MockServer, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
    common::send_json(server, method, path, &body).await
}

#[tokio::test]
async fn a_zone_is_created_pending_found_by_name_and_deleted_with_its_records() {
    let server = server().await;
    let client = server.client();
    let account = CreateZoneAccount { id: Some(ACCOUNT.into()) };
    let created = CreateZone::new(account.clone(), "Example.com").send(&client).await.expect("created");
    assert_eq!((created.name.as_str(), created.id.len()), ("example.com", 32));
    assert!(created.id.bytes().all(|b| b.is_ascii_hexdigit()), "{}", created.id);
    assert_eq!(created.account.id.as_deref(), Some(ACCOUNT));
    let servers = created.name_servers.clone().expect("name servers");
    assert_eq!(servers.len(), 2);
    assert!(servers[0] != servers[1] && servers.iter().all(|s| s.ends_with(".ns.cloudflare.com")), "{servers:?}");
    let (status, body) = raw(&server, reqwest::Method::GET, &format!("/zones/{}", created.id), json!(null)).await;
    assert_eq!((status, &body["result"]["status"]), (200, &json!("pending")));

    // The same name again is refused; another name is not.
    let (status, code, message) = api_error(CreateZone::new(account, "example.com").send(&client).await);
    assert_eq!((status, code, message.as_str()), (400, codes::ZONE_EXISTS, "example.com already exists"));
    zone(&client, "example.org").await;

    let found: Vec<_> = client.paginate(ListZones::new().name("example.com")).try_collect().await.expect("listed");
    assert_eq!(found.iter().map(|z| z.id.as_str()).collect::<Vec<_>>(), [created.id.as_str()]);
    let all: Vec<_> = client.paginate(ListZones::new().account_id(ACCOUNT)).try_collect().await.expect("listed");
    assert_eq!(all.len(), 2);

    let id = ZoneId::from(created.id.as_str());
    CreateRecord::new(id.clone(), DnsRecord::a("home", "198.51.100.7")).send(&client).await.expect("a record");
    DeleteZone::new(id.clone()).send(&client).await.expect("deleted");
    let (status, code, _) = api_error(GetZone::new(id.clone()).send(&client).await);
    assert_eq!((status, code), (404, codes::NOT_FOUND));
    // Its records went with it: a zone made again under the name starts empty.
    let again = zone(&client, "example.com").await;
    let records: Vec<DnsRecord> = client.paginate(ListDnsRecords::new(again)).try_collect().await.expect("listed");
    assert!(records.is_empty(), "{records:?}");
    let (status, _, _) = api_error(ListDnsRecords::new(id).send(&client).await);
    assert_eq!(status, 404);
}

#[tokio::test]
async fn records_get_qualified_names_and_the_server_defaults() {
    let server = server().await;
    let client = server.client();
    let zone_id = zone(&client, "example.com").await;
    let created = CreateRecord::new(zone_id.clone(), DnsRecord::a("home", "198.51.100.7")).send(&client).await;
    let Ok(DnsRecord::A(a)) = created else { panic!("{created:?}") };
    assert_eq!((a.name.as_str(), a.content.as_str()), ("home.example.com", "198.51.100.7"));
    assert_eq!((a.ttl, a.proxied, a.proxiable), (Some(1.0), Some(false), Some(true)));
    assert_eq!(a.id.as_ref().map(String::len), Some(32));
    assert!(a.created_on.is_some() && a.created_on == a.modified_on);

    let apex = CreateRecord::new(zone_id.clone(), DnsRecord::txt("@", "v=spf1 -all")).send(&client).await;
    let Ok(DnsRecord::Txt(apex)) = apex else { panic!("{apex:?}") };
    assert_eq!((apex.name.as_str(), apex.proxiable), ("example.com", Some(false)));

    let id = a.id.clone().unwrap_or_default();
    let got = GetRecord::new(zone_id.clone(), id.as_str()).send(&client).await.expect("read back");
    assert_eq!(got, DnsRecord::A(a));
}

#[tokio::test]
async fn content_that_does_not_fit_its_type_is_refused_with_cloudflares_codes() {
    let server = server().await;
    let client = server.client();
    let zone_id = zone(&client, "example.com").await;
    let create = |record| CreateRecord::new(zone_id.clone(), record).send(&client);
    assert_eq!(
        api_error(create(DnsRecord::a("home", "2001:db8::7")).await),
        (400, codes::DNS_NOT_IPV4, "Content for A record must be a valid IPv4 address.".into())
    );
    assert_eq!(
        api_error(create(DnsRecord::aaaa("home", "198.51.100.7")).await),
        (400, codes::DNS_NOT_IPV6, "Content for AAAA record must be a valid IPv6 address.".into())
    );
    let (status, code, _) = api_error(create(DnsRecord::cname("www", "not a host")).await);
    assert_eq!((status, code), (400, codes::DNS_VALIDATION));

    let records = format!("/zones/{zone_id}/dns_records");
    let post = |body: Value| raw(&server, reqwest::Method::POST, &records, body);
    let (status, body) = post(json!({"type": "MX", "name": "@", "content": "mail.example.com"})).await;
    assert_eq!((status, &body["errors"][0]["source"]["pointer"]), (400, &json!("/priority")));
    let (status, body) = post(json!({"type": "A", "name": "x", "content": "198.51.100.7", "ttl": 10})).await;
    assert_eq!((status, &body["errors"][0]["source"]["pointer"]), (400, &json!("/ttl")));
    let (status, body) = post(json!({"type": "TXT", "name": "x", "content": "hi", "proxied": true})).await;
    assert_eq!((status, &body["errors"][0]["message"]), (400, &json!("a TXT record cannot be proxied")));
    let (status, body) = post(json!({"type": "SPF", "name": "x", "content": "v=spf1"})).await;
    assert_eq!((status, &body["errors"][0]["source"]["pointer"]), (400, &json!("/type")));
    // Every other error at once: no name, a content of the wrong kind.
    let (status, body) = post(json!({"type": "A", "content": 7})).await;
    let pointers: Vec<&Value> =
        body["errors"].as_array().expect("errors").iter().map(|e| &e["source"]["pointer"]).collect();
    assert_eq!((status, pointers), (400, vec![&json!("/name"), &json!("/content")]));
    let (status, body) = post(json!({"type": "CNAME", "name": "www"})).await;
    assert_eq!((status, &body["errors"][0]["message"]), (400, &json!("`content` is required for a CNAME record")));
    let (status, body) = post(json!({"type": "MX", "name": "@", "content": "mail.example.com", "priority": 10})).await;
    assert_eq!((status, &body["result"]["priority"]), (200, &json!(10)));

    // Nothing refused was kept.
    let listed: Vec<DnsRecord> = client.paginate(ListDnsRecords::new(zone_id)).try_collect().await.expect("listed");
    assert_eq!(listed.iter().map(DnsRecord::record_type).collect::<Vec<_>>(), [RecordType::Mx]);
}

#[tokio::test]
async fn a_cname_shares_its_name_with_nothing_and_no_record_is_made_twice() {
    let server = server().await;
    let client = server.client();
    let zone_id = zone(&client, "example.com").await;
    let create = |record| CreateRecord::new(zone_id.clone(), record).send(&client);
    create(DnsRecord::a("www", "198.51.100.7")).await.expect("an A record");
    assert_eq!(api_error(create(DnsRecord::cname("www", "shop.example.net")).await).1, codes::DNS_NAME_TAKEN);
    assert_eq!(api_error(create(DnsRecord::a("www", "198.51.100.7")).await).1, codes::DNS_IDENTICAL);
    create(DnsRecord::a("www", "198.51.100.8")).await.expect("a second address");
    create(DnsRecord::cname("shop", "shops.example.net")).await.expect("a CNAME");
    assert_eq!(api_error(create(DnsRecord::aaaa("shop", "2001:db8::1")).await).1, codes::DNS_CNAME_THERE);
}

#[tokio::test]
async fn patch_keeps_what_it_does_not_send_put_replaces_and_delete_is_final() {
    let server = server().await;
    let client = server.client();
    let zone_id = zone(&client, "example.com").await;
    let records = format!("/zones/{zone_id}/dns_records");
    let (_, created) = raw(
        &server,
        reqwest::Method::POST,
        &records,
        json!({"type": "A", "name": "home", "content": "198.51.100.7", "proxied": true, "comment": "router", "ttl": 300}),
    )
    .await;
    let id = created["result"]["id"].as_str().expect("an id").to_owned();
    let item = format!("{records}/{id}");
    let (status, patched) = raw(&server, reqwest::Method::PATCH, &item, json!({"content": "203.0.113.9"})).await;
    assert_eq!(status, 200);
    let kept = |r: &Value| (r["content"].clone(), r["proxied"].clone(), r["comment"].clone(), r["ttl"].clone());
    assert_eq!(kept(&patched["result"]), (json!("203.0.113.9"), json!(true), json!("router"), json!(300)));
    assert_eq!(patched["result"]["created_on"], created["result"]["created_on"]);

    let (status, put) =
        raw(&server, reqwest::Method::PUT, &item, json!({"type": "A", "name": "home", "content": "203.0.113.10"}))
            .await;
    assert_eq!(status, 200);
    assert_eq!(kept(&put["result"]), (json!("203.0.113.10"), json!(false), json!(null), json!(1)));
    assert_eq!(put["result"]["id"], json!(id));

    // The typed edit sends the whole record; the answer is the record as stored.
    let edited = EditRecord::new(zone_id.clone(), id.as_str(), DnsRecord::a("home.example.com", "192.0.2.1"))
        .send(&client)
        .await;
    let Ok(DnsRecord::A(edited)) = edited else { panic!("{edited:?}") };
    assert_eq!((edited.content.as_str(), edited.id.as_deref()), ("192.0.2.1", Some(id.as_str())));

    let deleted = DeleteRecord::new(zone_id.clone(), id.as_str()).send(&client).await.expect("deleted");
    assert_eq!(deleted.id.as_deref(), Some(id.as_str()));
    assert_eq!(api_error(GetRecord::new(zone_id.clone(), id.as_str()).send(&client).await).0, 404);
    assert_eq!(api_error(DeleteRecord::new(zone_id, id.as_str()).send(&client).await).0, 404);
}

#[tokio::test]
async fn the_list_filters_by_type_name_content_proxied_and_any() {
    let server = server().await;
    let client = server.client();
    let zone_id = zone(&client, "example.com").await;
    for (name, address) in [("home", "198.51.100.7"), ("shop", "198.51.100.8"), ("shop-eu", "203.0.113.1")] {
        CreateRecord::new(zone_id.clone(), DnsRecord::a(name, address)).send(&client).await.expect("created");
    }
    CreateRecord::new(zone_id.clone(), DnsRecord::txt("shop", "verify=1")).send(&client).await.expect("created");
    let names = |list: ListDnsRecords| {
        let client = client.clone();
        async move {
            let records: Vec<DnsRecord> = client.paginate(list).try_collect().await.expect("listed");
            records
                .iter()
                .map(|r| match r {
                    DnsRecord::A(a) => format!("A {}", a.name),
                    DnsRecord::Txt(t) => format!("TXT {}", t.name),
                    other => format!("{other:?}"),
                })
                .collect::<Vec<_>>()
        }
    };
    let list = || ListDnsRecords::new(zone_id.clone());
    assert_eq!(names(list().kind(RecordType::A).name("shop.example.com")).await, ["A shop.example.com"]);
    assert_eq!(names(list().name("SHOP.example.com.")).await, ["A shop.example.com", "TXT shop.example.com"]);
    assert_eq!(names(list().name_contains("shop").kind(RecordType::Txt)).await, ["TXT shop.example.com"]);
    assert_eq!(names(list().name_startswith("shop-")).await, ["A shop-eu.example.com"]);
    assert_eq!(names(list().content("203.0.113.1")).await, ["A shop-eu.example.com"]);
    assert_eq!(names(list().content_contains("198.51.100.")).await, ["A home.example.com", "A shop.example.com"]);
    assert_eq!(
        names(list().name("home.example.com").content("203.0.113.1").r#match(Match::Any)).await,
        ["A home.example.com", "A shop-eu.example.com"]
    );
    assert_eq!(names(list().proxied(true)).await, Vec::<String>::new());
    // Pages of one walk every record once.
    assert_eq!(names(list().per_page(1)).await.len(), 4);
}

#[tokio::test]
async fn a_read_token_lists_but_cannot_write_and_verify_answers_active() {
    let server = server().await;
    let zone_id = zone(&server.client(), "example.com").await;
    let reader = Client::builder()
        .base_url(server.base_url())
        .credentials(Credentials::api_token(READER))
        .build()
        .expect("a client");
    let listed = reader.send(ListDnsRecords::new(zone_id.clone())).await.expect("a reader lists");
    assert!(listed.is_empty());
    let (status, code, message) =
        api_error(CreateRecord::new(zone_id, DnsRecord::a("x", "192.0.2.1")).send(&reader).await);
    assert_eq!((status, code), (403, codes::AUTHENTICATION));
    assert!(message.contains("\"DNS Write\""), "{message}");

    let verified = VerifyToken::new().send(&reader).await.expect("verified");
    assert_eq!(verified.status, Status::Active);
    let admin = VerifyToken::new().send(&server.client()).await.expect("verified");
    assert!(verified.id.is_some() && admin.id.is_some() && verified.id != admin.id, "{verified:?} {admin:?}");
    assert!(!format!("{verified:?}").contains(READER));
}

#[tokio::test]
async fn a_bind_zone_file_is_imported_exported_and_imported_again_elsewhere() {
    use flarekit::dns::records::{ExportDnsRecords, ImportDnsRecords};
    use flarekit::request::Blob;

    let server = server().await;
    let client = server.client();
    let zone_id = zone(&client, "example.com").await;
    let file = "$ORIGIN example.com.\n$TTL 300\n@ IN A 198.51.100.7\nwww 60 IN CNAME example.com.\n\
                @ IN MX 10 mail.example.net.\nk._domainkey IN TXT \"v=DKIM1; k=rsa; p=MIGf\" ; a key\n\
                www IN A 198.51.100.8 ; refused: beside the CNAME\n";
    let imported = ImportDnsRecords::new(zone_id.clone(), Blob::from(file).with_filename("example.com.zone"))
        .proxied(true)
        .send(&client)
        .await
        .expect("imported");
    assert_eq!((imported.total_records_parsed, imported.recs_added), (Some(5), Some(4)));
    let records: Vec<DnsRecord> =
        client.paginate(ListDnsRecords::new(zone_id.clone())).try_collect().await.expect("listed");
    let Some(DnsRecord::A(apex)) = records.first() else { panic!("{records:?}") };
    // `proxied` applies to the records that can be proxied.
    assert_eq!((apex.name.as_str(), apex.proxied, apex.ttl), ("example.com", Some(true), Some(300.0)));
    assert!(
        matches!(&records[2], DnsRecord::Mx(mx) if mx.priority == 10.0 && mx.proxiable == Some(false)),
        "{records:?}"
    );

    let exported = ExportDnsRecords::new(zone_id).send(&client).await.expect("exported");
    assert!(exported.contains("www.example.com.\t60\tIN\tCNAME\texample.com.\n"), "{exported}");
    assert!(exported.contains("k._domainkey.example.com.\t300\tIN\tTXT\t\"v=DKIM1; k=rsa; p=MIGf\"\n"), "{exported}");

    // The export is a zone file the import reads back: the same four records in another zone.
    let copy = zone(&client, "example.org").await;
    let again = ImportDnsRecords::new(copy.clone(), Blob::from(exported.replace("example.com", "example.org")))
        .send(&client)
        .await
        .expect("imported");
    assert_eq!((again.total_records_parsed, again.recs_added), (Some(4), Some(4)));
}

/// Every record of the zone, in the list's order.
async fn all_records(client: &Client, zone_id: &ZoneId) -> Vec<DnsRecord> {
    client.paginate(ListDnsRecords::new(zone_id.clone())).try_collect().await.expect("listed")
}

/// A new record of the zone, its id.
async fn record_id(client: &Client, zone_id: &ZoneId, record: DnsRecord) -> String {
    let created = CreateRecord::new(zone_id.clone(), record).send(client).await.expect("created");
    created.id().expect("an id").to_owned()
}

#[tokio::test]
async fn a_batch_deletes_then_patches_then_puts_then_posts() {
    let server = server().await;
    let client = server.client();
    let zone_id = zone(&client, "example.com").await;
    let home = record_id(&client, &zone_id, DnsRecord::a("home", "198.51.100.7")).await;
    let old = record_id(&client, &zone_id, DnsRecord::a("old", "198.51.100.9")).await;
    let verify = record_id(&client, &zone_id, DnsRecord::txt("shop", "verify=1")).await;
    let before = all_records(&client, &zone_id).await;

    let done = BatchDnsRecords::new(zone_id.clone())
        .deletes(vec![BatchDelete::new(old.as_str())])
        .patches(vec![BatchPatch {
            proxied: Some(true),
            comment: Some("router".into()),
            ..BatchPatch::new(home.as_str())
        }])
        .puts(vec![DnsRecord::txt("shop", "verify=2").with_id(verify.as_str())])
        // A CNAME can take the name only because the delete went first.
        .posts(vec![DnsRecord::cname("old", "home.example.com")])
        .send(&client)
        .await
        .expect("the batch is applied");

    // The deleted record as it was.
    assert_eq!(done.deletes, [before[1].clone()]);
    let [DnsRecord::A(patched)] = done.patches.as_slice() else { panic!("{done:?}") };
    assert_eq!(
        (patched.id.as_deref(), patched.content.as_str(), patched.proxied, patched.comment.as_deref()),
        (Some(home.as_str()), "198.51.100.7", Some(true), Some("router"))
    );
    let [DnsRecord::Txt(put)] = done.puts.as_slice() else { panic!("{done:?}") };
    assert_eq!(
        (put.id.as_deref(), put.name.as_str(), put.content.as_str()),
        (Some(verify.as_str()), "shop.example.com", "verify=2")
    );
    let [DnsRecord::Cname(posted)] = done.posts.as_slice() else { panic!("{done:?}") };
    assert_eq!((posted.name.as_str(), &posted.content), ("old.example.com", &json!("home.example.com")));
    assert!(posted.id.as_ref().is_some_and(|id| id.len() == 32 && ![&home, &old, &verify].contains(&id)), "{posted:?}");

    // The zone holds exactly what the batch answered: the deleted record is gone.
    assert_eq!(
        all_records(&client, &zone_id).await,
        [done.patches[0].clone(), done.puts[0].clone(), done.posts[0].clone()]
    );
    assert_eq!(api_error(GetRecord::new(zone_id, old.as_str()).send(&client).await).0, 404);
}

#[tokio::test]
async fn a_batch_with_one_bad_change_changes_nothing_and_names_it() {
    let server = server().await;
    let client = server.client();
    let zone_id = zone(&client, "example.com").await;
    let home = record_id(&client, &zone_id, DnsRecord::a("home", "198.51.100.7")).await;
    let www = record_id(&client, &zone_id, DnsRecord::a("www", "198.51.100.8")).await;
    let before = all_records(&client, &zone_id).await;
    let batch = || {
        BatchDnsRecords::new(zone_id.clone())
            .deletes(vec![BatchDelete::new(www.as_str())])
            .patches(vec![BatchPatch { content: Some("203.0.113.9".into()), ..BatchPatch::new(home.as_str()) }])
    };

    // The last change is not an IPv4 address: Cloudflare's code and message, about that change.
    let bad = batch().posts(vec![DnsRecord::txt("shop", "verify=1"), DnsRecord::a("shop", "2001:db8::1")]);
    assert_eq!(
        api_error_at(bad.send(&client).await),
        (
            400,
            codes::DNS_NOT_IPV4,
            "Content for A record must be a valid IPv4 address.".into(),
            Some("/posts/1/content".into())
        )
    );
    assert_eq!(all_records(&client, &zone_id).await, before);

    // A CNAME beside a record of its name, checked against the batch's own earlier changes.
    let beside = batch().posts(vec![DnsRecord::txt("shop", "verify=1"), DnsRecord::cname("shop", "shops.example.net")]);
    let taken = "A record named shop.example.com already exists; a CNAME cannot share its name.";
    assert_eq!(
        api_error_at(beside.send(&client).await),
        (400, codes::DNS_NAME_TAKEN, taken.into(), Some("/posts/1/name".into()))
    );
    assert_eq!(all_records(&client, &zone_id).await, before);

    // A record that is not there, or that an earlier delete of the same batch removed.
    let missing = batch().puts(vec![DnsRecord::a("www", "198.51.100.9").with_id(www.as_str())]);
    assert_eq!(
        api_error_at(missing.send(&client).await),
        (404, codes::NOT_FOUND, format!("DNS record {www} not found"), Some("/puts/0/id".into()))
    );
    assert_eq!(all_records(&client, &zone_id).await, before);

    // What the typed client refuses before sending, the fake refuses on the wire.
    let batch_path = format!("/zones/{zone_id}/dns_records/batch");
    let put = json!({"puts": [{"type": "A", "name": "www", "content": "198.51.100.9"}]});
    let (status, body) = raw(&server, reqwest::Method::POST, &batch_path, put).await;
    assert_eq!(
        (status, &body["success"], &body["errors"][0]["source"]["pointer"]),
        (400, &json!(false), &json!("/puts/0/id"))
    );
    let (status, body) = raw(&server, reqwest::Method::POST, &batch_path, json!({"posts": {"type": "A"}})).await;
    assert_eq!((status, &body["errors"][0]["source"]["pointer"]), (400, &json!("/posts")));
    assert_eq!(all_records(&client, &zone_id).await, before);

    // Without the bad change, the same batch goes through.
    let done = batch().posts(vec![DnsRecord::txt("shop", "verify=1")]).send(&client).await.expect("applied");
    assert_eq!((done.deletes.len(), done.patches.len(), done.puts.len(), done.posts.len()), (1, 1, 0, 1));
    let after = all_records(&client, &zone_id).await;
    assert_eq!(
        after.iter().map(|r| r.id().unwrap_or_default()).collect::<Vec<_>>(),
        [home.as_str(), done.posts[0].id().unwrap_or_default()]
    );
}
