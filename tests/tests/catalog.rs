//! `flarekit::catalog()`: every `#[endpoint]` declaration is registered once, with what it
//! declares.

use std::collections::BTreeMap;

use flarekit::validate::{Format, Rule};
use flarekit::{BodyKind, EndpointInfo, Kind, Location, Method, Pagination, ResponseKind};

const BASE: &str = "/accounts/<account_id>/email-security/settings/sending_domain_restrictions";
const WRITE: &str = "Cloud Email Security: Write";
const READ: &str = "Cloud Email Security: Read";

fn entry(method: &str, path: &str) -> &'static EndpointInfo {
    let found: Vec<_> = flarekit::catalog().iter().filter(|e| e.method.as_str() == method && e.path == path).collect();
    assert_eq!(found.len(), 1, "{method} {path}: {found:?}");
    found[0]
}

/// (name, location, kind, required, rules: the field's own, then its type's) of every field.
type FieldRow = (&'static str, Location, Kind, bool, Vec<Rule>);

fn fields(e: &EndpointInfo) -> Vec<FieldRow> {
    e.fields.iter().map(|f| (f.name, f.location, f.kind, f.required, f.rules().cloned().collect())).collect()
}

/// One declaration per operation and request body kind: an operation that takes two content
/// types (a KV value as raw bytes, or as a form with metadata) is declared once for each.
#[test]
fn method_path_and_body_kind_are_unique() {
    let mut seen: BTreeMap<(&str, &str, String), &str> = BTreeMap::new();
    for e in flarekit::catalog() {
        if let Some(other) = seen.insert((e.method.as_str(), e.path.as_str(), format!("{:?}", e.body)), e.type_name) {
            panic!("{} {} with a {:?} body is declared twice: {other} and {}", e.method, e.path, e.body, e.type_name);
        }
    }
    assert!(seen.len() >= 6, "{seen:?}");
    let kv_put: Vec<&str> = flarekit::catalog()
        .iter()
        .filter(|e| e.method == flarekit::Method::Put && e.path.as_str().ends_with("/values/<key_name>"))
        .map(|e| e.type_name)
        .collect();
    assert_eq!(kv_put.len(), 2, "{kv_put:?}");
}

#[test]
fn every_sending_domain_restriction_operation_is_there() {
    let id = format!("{BASE}/<sending_domain_restriction_id>");
    let batch = format!("{BASE}/batch");
    let got: Vec<(&str, &str, &[&str])> =
        [("POST", BASE), ("GET", BASE), ("GET", &id), ("PATCH", &id), ("DELETE", &id), ("POST", &batch)]
            .into_iter()
            .map(|(m, p)| {
                let e = entry(m, p);
                (e.type_name, e.method.as_str(), e.permissions)
            })
            .collect();
    assert_eq!(
        got,
        [
            ("CreateSendingDomainRestriction", "POST", &[WRITE][..]),
            ("ListSendingDomainRestrictions", "GET", &[WRITE, READ][..]),
            ("GetSendingDomainRestriction", "GET", &[WRITE, READ][..]),
            ("EditSendingDomainRestriction", "PATCH", &[WRITE][..]),
            ("DeleteSendingDomainRestriction", "DELETE", &[WRITE][..]),
            ("BatchSendingDomainRestrictions", "POST", &[WRITE][..]),
        ]
    );
}

#[test]
fn fields_and_constraints_are_as_declared() {
    use Kind::*;
    use Location::*;

    let list = entry("GET", BASE);
    assert_eq!(list.summary, "List sending domain restrictions");
    assert!(!list.deprecated);
    assert_eq!(
        fields(list),
        [
            ("account_id", Path, String, true, vec![Rule::MaxLength(32)]),
            ("page", Query, Integer, false, vec![Rule::Minimum(1.0)]),
            ("per_page", Query, Integer, false, vec![Rule::Minimum(1.0), Rule::Maximum(1000.0)]),
            ("search", Query, String, false, vec![]),
            ("order", Query, Other, false, vec![]),
            ("direction", Query, Other, false, vec![]),
        ]
    );
    assert_eq!(
        list.field("per_page").map(|f| f.doc),
        Some("Query parameter `per_page`. From 1 to 1000. Default `20`.")
    );

    let create = entry("POST", BASE);
    assert_eq!(
        fields(create),
        [
            ("account_id", Path, String, true, vec![Rule::MaxLength(32)]),
            ("comments", Body, String, false, vec![Rule::MaxLength(1024)]),
            ("domain", Body, String, true, vec![]),
            ("exclude", Body, List, true, vec![]),
        ]
    );

    let edit = entry("PATCH", &format!("{BASE}/<sending_domain_restriction_id>"));
    assert_eq!(edit.min_properties, 1);
    assert_eq!(
        fields(edit),
        [
            ("account_id", Path, String, true, vec![Rule::MaxLength(32)]),
            ("sending_domain_restriction_id", Path, String, true, vec![Rule::Format(Format::Uuid)]),
            ("comments", Body, String, false, vec![Rule::MaxLength(1024)]),
            ("domain", Body, String, false, vec![]),
            ("exclude", Body, List, false, vec![]),
        ]
    );
    assert!(edit.field("comments").is_some_and(|f| f.nullable));

    // What the command line and the fake read instead of guessing from names.
    assert_eq!(list.pagination, Some(Pagination::PageNumber { param: "page" }));
    assert_eq!(list.field("direction").map(|f| f.values), Some(&["asc", "desc"][..]));
    assert_eq!(list.field("order").map(|f| f.values), Some(&["domain", "created_at"][..]));
    assert_eq!(list.field("search").map(|f| f.values), Some(&[][..]));
    assert!(list.retry_safe && !create.retry_safe && !edit.retry_safe);
    assert_eq!((create.method, create.body, list.body), (Method::Post, BodyKind::Json, BodyKind::None));
    assert_eq!(create.response, ResponseKind::Envelope);
    assert_eq!(create.path.placeholders().collect::<Vec<_>>(), ["account_id"]);

    let batch = entry("POST", &format!("{BASE}/batch"));
    assert_eq!(
        fields(batch),
        [
            ("account_id", Path, String, true, vec![Rule::MaxLength(32)]),
            ("deletes", Body, List, true, vec![Rule::MaxItems(1000)]),
        ]
    );
}

#[test]
fn catalog_entries_are_the_declarations_own_info() {
    use flarekit::email_security::settings::sending_domain_restrictions::ListSendingDomainRestrictions;
    use flarekit::Endpoint;

    let registered = entry("GET", BASE);
    assert_eq!(registered, ListSendingDomainRestrictions::INFO);
}

#[test]
fn the_declared_pagination_and_response_kinds_are_recorded() {
    let investigate = "/accounts/<account_id>/email-security/investigate";
    let search = entry("GET", investigate);
    assert_eq!(search.pagination, Some(Pagination::Cursor { param: "cursor" }));
    assert_eq!(search.response, ResponseKind::ReadyOrPending);
    let raw = entry("GET", &format!("{investigate}/<investigate_id>/raw"));
    assert_eq!((raw.response, raw.pagination), (ResponseKind::Envelope, None));
    let verification = entry("GET", "/accounts/<account_id>/email-security/settings/domains/<domain_id>/verification");
    assert_eq!(verification.response, ResponseKind::EnvelopeOrNoContent);
    let release = entry("POST", &format!("{investigate}/release"));
    assert_eq!(release.body, BodyKind::JsonValue);
    // Every list that pages says so, by a query field of the name its style uses.
    for e in flarekit::catalog() {
        if let Some(p) = e.pagination {
            assert_eq!(e.method, Method::Get, "{}", e.type_name);
            assert!(e.field(p.param()).is_some_and(|f| f.location == Location::Query), "{}", e.type_name);
        }
    }
}

/// Declared `unregistered`: an endpoint like any other, left out of the link-time registry.
#[flarekit::endpoint(GET, "/zones/<zone_id>/unlisted_things", perm = "Zone Read", response = (), unregistered)]
#[derive(Debug, Clone)]
struct ListUnlistedThings {
    zone_id: flarekit::ZoneId,
}

#[test]
fn unregistered_declarations_are_left_out_and_generated_ones_listed_once() {
    use flarekit::Endpoint;
    let request = ListUnlistedThings { zone_id: "023e105f4ecef8ad9ca31a8372d0c353".into() };
    assert_eq!(request.to_request().unwrap().path, "/zones/023e105f4ecef8ad9ca31a8372d0c353/unlisted_things");
    assert_eq!(ListUnlistedThings::INFO.path, "/zones/<zone_id>/unlisted_things");
    assert!(flarekit::catalog().iter().all(|e| e.type_name != "ListUnlistedThings"));
    // Generated declarations are `unregistered` too: their modules list them, each once.
    let create = |e: &&&EndpointInfo| e.method == Method::Post && e.path == "/zones/<zone_id>/dns_records";
    let found: Vec<&str> = flarekit::catalog().iter().filter(create).map(|e| e.module_path).collect();
    assert_eq!(found, ["flarekit::dns::records"]);
}
