//! Conformance, declarations vs Cloudflare's spec: every operation in
//! `../shared/spec/email-security.openapi.json` has exactly one catalog entry and vice versa,
//! with the same permissions, fields, required-ness, deprecation and constraints. Every
//! difference is listed by operation and field.

use std::collections::BTreeSet;

use flarekit::validate::Rule;
use flarekit::{EndpointInfo, FieldInfo, Kind, Location, Method};
use flarekit_tests::spec::{self, Field, Operation};
use serde_json::Value;

const PREFIX: &str = "/accounts/<account_id>/email-security/";

/// The spec's constraints on a field, in our rule vocabulary, as comparable strings.
fn spec_rules(field: &Field) -> BTreeSet<String> {
    let s = &field.schema;
    let mut out = BTreeSet::new();
    let num = |v: &Value| v.as_f64().map(|n| format!("{n}"));
    for (key, name) in
        [("maxLength", "max_length"), ("minLength", "min_length"), ("minItems", "min_items"), ("maxItems", "max_items")]
    {
        if let Some(n) = num(&s[key]) {
            out.insert(format!("{name}={n}"));
        }
    }
    let exclusive_min = s["exclusiveMinimum"].as_bool() == Some(true);
    let exclusive_max = s["exclusiveMaximum"].as_bool() == Some(true);
    if let Some(n) = num(&s["minimum"]) {
        out.insert(format!("{}={n}", if exclusive_min { "exclusive_minimum" } else { "minimum" }));
    }
    if let Some(n) = num(&s["maximum"]) {
        out.insert(format!("{}={n}", if exclusive_max { "exclusive_maximum" } else { "maximum" }));
    }
    if s["uniqueItems"].as_bool() == Some(true) {
        out.insert("unique_items".into());
    }
    if let Some(p) = s["pattern"].as_str() {
        out.insert(format!("pattern={p}"));
    }
    if let Some(f) = s["format"].as_str().filter(|f| ["uuid", "date-time", "date", "email"].contains(f)) {
        out.insert(format!("format={f}"));
    }
    out
}

/// The values an enumeration allows (of the items, for an array).
fn spec_values(field: &Field) -> BTreeSet<String> {
    let s = &field.schema;
    let values = s["enum"].as_array().or_else(|| s["items"]["enum"].as_array());
    values.into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect()
}

/// Values Cloudflare documents but refuses in requests ("you cannot use this when creating or
/// updating"): declared `#[validate(read_only)]`, so they are missing from the declarations.
const READ_ONLY: &[&str] = &["UNKNOWN"];

/// Every declared value is documented, and every documented one is declared unless requests
/// may not send it.
fn values_agree(theirs: &BTreeSet<String>, mine: &BTreeSet<String>) -> bool {
    mine.is_subset(theirs) && theirs.difference(mine).all(|v| READ_ONLY.contains(&v.as_str()))
}

fn our_rules(field: &FieldInfo) -> BTreeSet<String> {
    field
        .rules()
        .map(|r| match r {
            Rule::MaxLength(n) => format!("max_length={n}"),
            Rule::MinLength(n) => format!("min_length={n}"),
            Rule::MinItems(n) => format!("min_items={n}"),
            Rule::MaxItems(n) => format!("max_items={n}"),
            Rule::Minimum(n) => format!("minimum={n}"),
            Rule::Maximum(n) => format!("maximum={n}"),
            Rule::ExclusiveMinimum(n) => format!("exclusive_minimum={n}"),
            Rule::ExclusiveMaximum(n) => format!("exclusive_maximum={n}"),
            Rule::UniqueItems => "unique_items".into(),
            Rule::Pattern(p) => format!("pattern={p}"),
            Rule::Format(f) => format!("format={}", f.as_str()),
            other => format!("{other:?}"),
        })
        .collect()
}

fn compare(op: &Operation, ours: &EndpointInfo, diffs: &mut Vec<String>) {
    let at = format!("{} {} ({})", op.method, op.path, op.id);
    let our_perms: Vec<&str> = ours.permissions.to_vec();
    // Two operations carry no `x-api-token-group` in the spec; their declarations state the
    // permissions of their sibling operations, and the test prints them instead of comparing.
    if op.permissions.is_empty() {
        println!("note: {at} has no x-api-token-group in the spec; declared {our_perms:?}");
    } else if our_perms != op.permissions {
        diffs.push(format!("{at}: permissions {our_perms:?}, spec says {:?}", op.permissions));
    }
    if ours.min_properties as u64 != op.min_properties.unwrap_or(0) {
        diffs.push(format!("{at}: min_properties {}, spec says {:?}", ours.min_properties, op.min_properties));
    }
    for f in &op.fields {
        let Some(mine) = ours.fields.iter().find(|m| m.name == f.name && m.location.as_str() == f.location) else {
            diffs.push(format!("{at}: {} field `{}` is not declared", f.location, f.name));
            continue;
        };
        let required = f.required || f.location == "path";
        if mine.required != required {
            diffs.push(format!("{at}: field `{}` required={}, spec says {required}", f.name, mine.required));
        }
        if mine.deprecated != f.deprecated {
            diffs.push(format!("{at}: field `{}` deprecated={}, spec says {}", f.name, mine.deprecated, f.deprecated));
        }
        let (theirs, mine_rules) = (spec_rules(f), our_rules(mine));
        if theirs != mine_rules {
            diffs.push(format!("{at}: field `{}` constraints {mine_rules:?}, spec says {theirs:?}", f.name));
        }
        let (theirs, mine_values) = (spec_values(f), mine.values.iter().map(|v| (*v).to_owned()).collect());
        if !values_agree(&theirs, &mine_values) {
            diffs.push(format!("{at}: field `{}` values {mine_values:?}, spec says {theirs:?}", f.name));
        }
    }
    for mine in ours.fields.iter().filter(|m| m.location == flarekit::Location::WholeBody) {
        match &op.whole_body {
            None => diffs.push(format!("{at}: `{}` is the whole body, but the spec's body is not an array", mine.name)),
            Some(body) => {
                let theirs = spec_rules(body);
                let mine_rules = our_rules(mine);
                if theirs != mine_rules || mine.required != body.required {
                    diffs.push(format!(
                        "{at}: whole body `{}` constraints {mine_rules:?} required={}, spec says {theirs:?} required={}",
                        mine.name, mine.required, body.required
                    ));
                }
            }
        }
    }
    if op.whole_body.is_some() && !ours.fields.iter().any(|m| m.location == flarekit::Location::WholeBody) {
        diffs.push(format!("{at}: the spec's body is a bare array; no `whole_body` field is declared"));
    }
    for mine in ours.fields.iter().filter(|m| m.location != flarekit::Location::WholeBody) {
        if !op.fields.iter().any(|f| f.name == mine.name && f.location == mine.location.as_str()) {
            diffs.push(format!("{at}: declared {} field `{}` is not in the spec", mine.location.as_str(), mine.name));
        }
    }
}

#[test]
fn every_spec_operation_is_declared_exactly_as_specified() {
    let Some(spec) = spec::load() else { return };
    let ops = spec.operations();
    assert_eq!(ops.len(), 64, "the spec should have 64 operations");
    let ours: Vec<&EndpointInfo> =
        flarekit::catalog().iter().copied().filter(|e| e.path.as_str().starts_with(PREFIX)).collect();
    let mut diffs = Vec::new();
    for op in &ops {
        let matching: Vec<_> = ours.iter().filter(|e| e.method.as_str() == op.method && e.path == op.path).collect();
        match matching.as_slice() {
            [] => diffs.push(format!("{} {} ({}): not declared", op.method, op.path, op.id)),
            [one] => compare(op, one, &mut diffs),
            many => diffs.push(format!("{} {}: declared {} times", op.method, op.path, many.len())),
        }
    }
    for e in &ours {
        if !ops.iter().any(|op| op.method == e.method.as_str() && e.path == op.path) {
            diffs.push(format!("{} {} ({}): declared but not in the spec", e.method, e.path, e.type_name));
        }
    }
    assert!(
        diffs.is_empty(),
        "{} difference(s) between the declarations and the spec:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}

#[test]
fn the_comparison_can_fail() {
    // A declaration that drifts from the spec is reported, field by field.
    let Some(spec) = spec::load() else { return };
    let op =
        spec.operations().into_iter().find(|o| o.id == "email_security_create_sending_domain_restriction").unwrap();
    static DRIFTED: EndpointInfo =
        EndpointInfo::new(Method::Post, "/accounts/<account_id>/email-security/settings/sending_domain_restrictions")
            .permissions(&["Cloud Email Security: Read"])
            .named("Drifted", "conformance_spec")
            .fields(&[
                FieldInfo::new("account_id", Location::Path, Kind::String).constraints(&[Rule::MaxLength(31)]),
                FieldInfo::new("domain", Location::Body, Kind::String).optional(),
                FieldInfo::new("extra", Location::Query, Kind::String).optional(),
            ]);
    let mut diffs = Vec::new();
    compare(&op, &DRIFTED, &mut diffs);
    let text = diffs.join("\n");
    for expected in [
        "permissions [\"Cloud Email Security: Read\"], spec says [\"Cloud Email Security: Write\"]",
        "field `account_id` constraints {\"max_length=31\"}, spec says {\"max_length=32\"}",
        "field `domain` required=false, spec says true",
        "body field `exclude` is not declared",
        "declared query field `extra` is not in the spec",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn the_catalog_written_as_openapi_has_every_spec_operation_and_its_permissions() {
    let Some(spec) = spec::load() else { return };
    let ours: Vec<&EndpointInfo> =
        flarekit::catalog().iter().copied().filter(|e| e.path.as_str().starts_with(PREFIX)).collect();
    let doc = flarekit::catalog::to_openapi(ours.iter().copied());
    assert_eq!(doc["openapi"], "3.0.3");
    let mut operations = 0;
    for op in spec.operations() {
        let path = op.path.replace('<', "{").replace('>', "}");
        let exported = &doc["paths"][&path][op.method.to_ascii_lowercase()];
        assert!(exported.is_object(), "{} {path} is missing from the exported document", op.method);
        if !op.permissions.is_empty() {
            assert_eq!(exported["x-api-token-group"], serde_json::json!(op.permissions), "{} {path}", op.method);
        }
        operations += 1;
    }
    let exported: usize = doc["paths"].as_object().unwrap().values().map(|item| item.as_object().unwrap().len()).sum();
    assert_eq!((operations, exported), (64, 64));
    // Constraints travel with the parameters and body properties.
    let list = &doc["paths"]["/accounts/{account_id}/email-security/settings/sending_domain_restrictions"]["get"];
    let per_page = list["parameters"].as_array().unwrap().iter().find(|p| p["name"] == "per_page").unwrap();
    assert_eq!(
        (per_page["in"].as_str(), &per_page["schema"]["minimum"], &per_page["schema"]["maximum"]),
        (Some("query"), &serde_json::json!(1), &serde_json::json!(1000))
    );
    let create = &doc["paths"]["/accounts/{account_id}/email-security/settings/sending_domain_restrictions"]["post"];
    let body = &create["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(body["required"], serde_json::json!(["domain", "exclude"]));
    assert_eq!(body["properties"]["comments"]["maxLength"], 1024);
    let release = &doc["paths"]["/accounts/{account_id}/email-security/investigate/release"]["post"];
    assert_eq!(release["requestBody"]["content"]["application/json"]["schema"]["type"], "array");
    // And least privilege over everything we declared is one permission: Write covers it all.
    assert_eq!(flarekit::catalog::least_privilege(ours.iter().copied()), ["Cloud Email Security: Write"]);
    let reads: Vec<&EndpointInfo> = ours.iter().copied().filter(|e| e.method == Method::Get).collect();
    assert_eq!(flarekit::catalog::least_privilege(reads), ["Cloud Email Security: Read"]);
}
