//! `flarekit::catalog()`: every `#[endpoint]` declaration is registered once, with what it
//! declares.

use std::collections::BTreeMap;

use flarekit::validate::{Format, Rule};
use flarekit::{EndpointInfo, Kind, Location};

const BASE: &str = "/accounts/<account_id>/email-security/settings/sending_domain_restrictions";
const WRITE: &str = "Cloud Email Security: Write";
const READ: &str = "Cloud Email Security: Read";

fn entry(method: &str, path: &str) -> &'static EndpointInfo {
    let found: Vec<_> = flarekit::catalog().iter().filter(|e| e.method == method && e.path == path).collect();
    assert_eq!(found.len(), 1, "{method} {path}: {found:?}");
    found[0]
}

/// (name, location, kind, required, constraints) of every field.
type FieldRow = (&'static str, Location, Kind, bool, &'static [Rule]);

fn fields(e: &EndpointInfo) -> Vec<FieldRow> {
    e.fields.iter().map(|f| (f.name, f.location, f.kind, f.required, f.constraints)).collect()
}

#[test]
fn method_and_path_are_unique() {
    let mut seen: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for e in flarekit::catalog() {
        if let Some(other) = seen.insert((e.method, e.path), e.type_name) {
            panic!("{} {} is declared twice: {other} and {}", e.method, e.path, e.type_name);
        }
    }
    assert!(seen.len() >= 6, "{seen:?}");
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
                (e.type_name, e.method, e.permissions)
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
    assert_eq!(list.summary, "Lists sending domain restrictions, one page at a time, with sorting and search.");
    assert!(!list.deprecated);
    assert_eq!(
        fields(list),
        [
            ("account_id", Path, String, true, &[Rule::MaxLength(32)][..]),
            ("page", Query, Integer, false, &[Rule::Minimum(1.0)][..]),
            ("per_page", Query, Integer, false, &[Rule::Minimum(1.0), Rule::Maximum(1000.0)][..]),
            ("search", Query, String, false, &[][..]),
            ("order", Query, Other, false, &[][..]),
            ("direction", Query, Other, false, &[][..]),
        ]
    );
    assert_eq!(list.field("per_page").map(|f| f.doc), Some("Results per page, 1 to 1000 (default 20)."));

    let create = entry("POST", BASE);
    assert_eq!(
        fields(create),
        [
            ("account_id", Path, String, true, &[Rule::MaxLength(32)][..]),
            ("domain", Body, String, true, &[][..]),
            ("exclude", Body, List, true, &[][..]),
            ("comments", Body, String, false, &[Rule::MaxLength(1024)][..]),
        ]
    );

    let edit = entry("PATCH", &format!("{BASE}/<sending_domain_restriction_id>"));
    assert_eq!(edit.min_properties, 1);
    assert_eq!(
        fields(edit),
        [
            ("account_id", Path, String, true, &[Rule::MaxLength(32)][..]),
            ("sending_domain_restriction_id", Path, String, true, &[Rule::Format(Format::Uuid)][..]),
            ("domain", Body, String, false, &[][..]),
            ("exclude", Body, List, false, &[][..]),
            ("comments", Body, String, false, &[Rule::MaxLength(1024)][..]),
        ]
    );
    assert!(edit.field("comments").is_some_and(|f| f.nullable));

    let batch = entry("POST", &format!("{BASE}/batch"));
    assert_eq!(
        fields(batch),
        [
            ("account_id", Path, String, true, &[Rule::MaxLength(32)][..]),
            ("deletes", Body, List, true, &[Rule::MaxItems(1000)][..]),
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
