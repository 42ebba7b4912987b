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

/// Declared in this crate, registered: the catalog lists it beside flarekit's own.
#[flarekit::endpoint(DELETE, "/zones/<zone_id>/listed_things", perm = "Zone Write", response = ())]
#[derive(Debug, Clone)]
struct DeleteListedThings {
    zone_id: flarekit::ZoneId,
}

#[test]
fn a_declaration_in_another_crate_is_registered_once() {
    use flarekit::Endpoint;
    let found: Vec<_> = flarekit::catalog().iter().filter(|e| e.type_name == "DeleteListedThings").collect();
    assert_eq!(found, [&DeleteListedThings::INFO]);
    assert_eq!(found[0].module_path, "catalog");
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

/// A query with every rule and flag the field table writes.
#[flarekit::endpoint(GET, "/accounts/<account_id>/codes/<code_id>", perm = "Codes Read", response = serde_json::Value, unregistered)]
#[derive(Debug, Clone)]
pub struct EveryCode {
    /// The account; a doc with the table's own codes `5:;*?` and more than ASCII: é.
    pub account_id: flarekit::AccountId,
    #[validate(format = "uuid", max_length = 36, min_length = 36, pattern = "^[0-9a-f-]+:?;?$")]
    pub code_id: String,
    #[validate(minimum = -1.5, maximum = 1e300)]
    pub score: Option<f64>,
    #[validate(exclusive_minimum = 0, exclusive_maximum = 2.5)]
    pub ratio: Option<f32>,
    #[param(explode = false)]
    #[validate(min_items = 1, max_items = 5, unique_items)]
    pub tags: Option<Vec<String>>,
    pub kinds: Vec<flarekit::email_security::settings::PatternType>,
    #[deprecated]
    pub old: Option<bool>,
    #[param(header = "x-trace")]
    pub trace: Option<String>,
}

/// A multipart form with each kind of part.
#[flarekit::endpoint(PUT, "/accounts/<account_id>/codes", perm = "Codes Write", response = serde_json::Value, body = multipart, unregistered)]
#[derive(Debug, Clone)]
pub struct EveryPart {
    pub account_id: String,
    #[param(json)]
    pub metadata: Option<serde_json::Value>,
    #[param(parts)]
    pub files: Vec<flarekit::request::Blob>,
}

/// Body members that can be `null`.
#[flarekit::endpoint(PATCH, "/accounts/<account_id>/codes", perm = "Codes Write", response = serde_json::Value, unregistered)]
#[derive(Debug, Clone)]
pub struct EveryNull {
    pub account_id: String,
    pub count: flarekit::Nullable<u32>,
    #[param(required)]
    pub note: Option<String>,
}

/// What `#[endpoint]` writes as a table reads back as the `FieldInfo`s written out by hand.
#[test]
fn the_field_table_reads_back_as_declared() {
    use flarekit::{Endpoint, FieldInfo, PartKind, Validate};
    use Kind::*;
    use Location::*;

    let mut account_id = FieldInfo::new("account_id", Path, <flarekit::AccountId as Validate>::KIND);
    account_id.type_rules = <flarekit::AccountId as Validate>::RULES;
    account_id.doc = "The account; a doc with the table's own codes `5:;*?` and more than ASCII: é.";
    let mut kinds = FieldInfo::new("kinds", Query, List);
    kinds.values = <flarekit::email_security::settings::PatternType as Validate>::VALUES;
    let mut old = FieldInfo::new("old", Query, Boolean).optional();
    old.deprecated = true;
    let expected = [
        account_id,
        FieldInfo::new("code_id", Path, String).constraints(&[
            Rule::Format(Format::Uuid),
            Rule::MaxLength(36),
            Rule::MinLength(36),
            Rule::Pattern("^[0-9a-f-]+:?;?$"),
        ]),
        FieldInfo::new("score", Query, Number).optional().constraints(&[Rule::Minimum(-1.5), Rule::Maximum(1e300)]),
        FieldInfo::new("ratio", Query, Number)
            .optional()
            .constraints(&[Rule::ExclusiveMinimum(0.0), Rule::ExclusiveMaximum(2.5)]),
        FieldInfo::new("tags", Query, List).optional().joined().constraints(&[
            Rule::MinItems(1),
            Rule::MaxItems(5),
            Rule::UniqueItems,
        ]),
        kinds,
        old,
        FieldInfo::new("x-trace", Header, String).optional(),
    ];
    // The type's own rules, which the table takes from the type, not from text.
    assert!(!<flarekit::AccountId as Validate>::RULES.is_empty());
    assert_eq!(EveryCode::INFO.fields.as_slice(), &expected[..]);

    let mut metadata = FieldInfo::new("metadata", Body, Other).optional().part(PartKind::Json);
    metadata.values = <serde_json::Value as Validate>::VALUES;
    let expected = [
        FieldInfo::new("account_id", Path, String),
        metadata,
        FieldInfo::new("files", Body, List).part(PartKind::Named),
    ];
    assert_eq!(EveryPart::INFO.fields.as_slice(), &expected[..]);

    // `#[param(required)]` on an `Option`: required, and `None` is sent as `null`.
    let (mut count, mut note) =
        (FieldInfo::new("count", Body, Integer).optional(), FieldInfo::new("note", Body, String));
    (count.nullable, note.nullable) = (true, true);
    let expected = [FieldInfo::new("account_id", Path, String), count, note];
    assert_eq!(EveryNull::INFO.fields.as_slice(), &expected[..]);
}
