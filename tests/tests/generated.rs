//! The generated declarations against their inputs, read here independently of the generator:
//! Cloudflare's 2024 document (types, parameters) and the 2026 operations table (names,
//! permissions). Every operation both have, under SDK names, in a service the overrides do not
//! keep by hand, is in the catalog (those a module declares by hand once, anywhere; the rest
//! in the SDK's module), with the table's method, path and permissions, each of the document's
//! path, query and header parameters as a field in its place with its required-ness, constraints
//! and values; operations without SDK names, where declared (their modules come from their
//! paths), are checked the same way; operations only the table has, where the overrides
//! declare them by hand, are in the catalog with the table's permissions; and the catalog
//! declares nothing else in the generated services.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;

use flarekit::validate::Rule;
use flarekit::{EndpointInfo, Location};
use flarekit_tests::spec;
use serde_json::Value;

fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/spec/cloudflare");
    if dir.exists() {
        return Some(dir);
    }
    assert!(!std::env::var("CI").is_ok_and(|v| v == "true"), "CI=true and {} is missing", dir.display());
    eprintln!("skipping: {} is absent; this test needs ../shared", dir.display());
    None
}

fn read(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn follow<'a>(doc: &'a Value, mut v: &'a Value) -> &'a Value {
    while let Some(r) = v.get("$ref").and_then(Value::as_str) {
        match doc.pointer(&r[1..]) {
            Some(t) => v = t,
            None => break,
        }
    }
    v
}

/// A parameter's schema with references and a lone `allOf` part followed.
fn param_schema<'a>(doc: &'a Value, p: &'a Value) -> &'a Value {
    let mut s = follow(doc, p.get("schema").unwrap_or(&Value::Null));
    if let Some([only]) = s.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
        s = follow(doc, only);
    }
    s
}

#[test]
fn every_generated_operation_is_its_inputs_and_nothing_else() {
    let Some(dir) = shared() else { return };
    let doc = read(dir.join("openapi.2024-08-06.json"));
    let table = read(dir.join("operations.2026-07-21.json"));
    let overrides = read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../codegen/overrides.json"));
    let coverage = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../COVERAGE.md"))
        .expect("COVERAGE.md is generated beside the workspace manifest");
    let hand: HashSet<&str> = overrides["hand_written_services"]
        .as_object()
        .expect("hand_written_services")
        .keys()
        .map(String::as_str)
        .collect();
    // Operations a module declares by hand: in the catalog once, checked by their own tests.
    let by_hand: HashSet<&str> = overrides["by_hand"]
        .as_object()
        .expect("by_hand")
        .values()
        .flat_map(|m| m["operations"].as_array().expect("operations"))
        .filter_map(Value::as_str)
        .collect();
    let mut hand_checked = 0;

    let mut doc_ops: BTreeMap<(String, String), (&Value, &Value)> = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in ["get", "post", "put", "patch", "delete"] {
            if let Some(op) = item.get(method) {
                doc_ops.entry((method.to_uppercase(), spec::blank(path))).or_insert((item, op));
            }
        }
    }
    let mut catalog: BTreeMap<(String, String), Vec<&'static EndpointInfo>> = BTreeMap::new();
    for e in flarekit::catalog() {
        catalog.entry((e.method.as_str().to_owned(), spec::blank(e.path.as_str()))).or_default().push(e);
    }

    let mut failures: Vec<String> = Vec::new();
    let mut expected: HashSet<(String, String)> = HashSet::new();
    let mut services: BTreeSet<String> = BTreeSet::new();
    let mut checked_params = 0;
    let mut derived = 0;
    for row in table["operations"].as_array().expect("operations") {
        let method = row["method"].as_str().expect("method").to_owned();
        let key = (method.clone(), spec::blank(row["path"].as_str().expect("path")));
        let declared_by_hand = row["operation_id"].as_str().is_some_and(|id| by_hand.contains(id));
        let doc_op = doc_ops.get(&key);
        // Operations only the table has are expected where a module declares them by hand.
        if doc_op.is_none() && !declared_by_hand {
            continue;
        }
        let sdk = row.get("sdk");
        let service = sdk.and_then(|s| s["service"].as_str());
        if service.is_some_and(|s| hand.contains(s)) {
            continue;
        }
        expected.insert(key.clone());
        let at = format!("{method} {}", row["path"].as_str().unwrap_or(""));
        let entries = catalog.get(&key);
        if declared_by_hand {
            // Once, or once per request shape (a KV value written raw or as multipart).
            match entries {
                Some(_) => hand_checked += 1,
                None => failures.push(format!("{at}: declared by hand in the overrides, not in the catalog")),
            }
            // With no document to check it against, the table's permissions at least.
            for e in entries.into_iter().flatten().filter(|_| doc_op.is_none()) {
                let groups = token_groups(row);
                if e.permissions != groups.as_slice() {
                    failures.push(format!("{at}: permissions {:?}, the table says {groups:?}", e.permissions));
                }
            }
            if let Some(s) = service {
                services.insert(s.to_owned());
            }
            continue;
        }
        let Some((item, op)) = doc_op else { continue };
        let Some(sdk) = sdk else {
            // Named from its path: checked where it is declared.
            if entries.is_some() {
                derived += 1;
            } else {
                continue;
            }
            let Some([e]) = entries.map(Vec::as_slice) else { continue };
            check_operation(&doc, &coverage, &at, &key, row, item, op, e, &mut failures, &mut checked_params);
            continue;
        };
        services.insert(service.unwrap_or_default().to_owned());
        let Some(entries) = entries else {
            failures.push(format!("{at}: not in the catalog"));
            continue;
        };
        let [e] = entries.as_slice() else {
            failures.push(format!("{at}: declared {} times", entries.len()));
            continue;
        };

        // Where the SDKs put it.
        let mut module = vec!["flarekit".to_owned(), service.unwrap_or_default().to_owned()];
        module.extend(
            sdk["resource_chain"].as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_owned),
        );
        if e.module_path.replace("r#", "") != module.join("::") {
            failures.push(format!("{at}: in {}, not {}", e.module_path, module.join("::")));
        }
        check_operation(&doc, &coverage, &at, &key, row, item, op, e, &mut failures, &mut checked_params);
    }

    // Nothing in the generated services that no input has.
    for (key, entries) in &catalog {
        for e in entries {
            let service = e.module_path.split("::").nth(1).unwrap_or("").trim_start_matches("r#");
            if services.contains(service) && !expected.contains(key) {
                failures.push(format!("{} {}: declared in {} but in no input", key.0, e.path, e.module_path));
            }
        }
    }
    println!(
        "{} operations in {} generated services checked against the inputs ({derived} named from their \
         paths, {hand_checked} declared by hand), {checked_params} query and header parameters; {} failure(s)",
        expected.len(),
        services.len(),
        failures.len()
    );
    assert_eq!(hand_checked, by_hand.len(), "every operation the overrides declare by hand is in the catalog");
    assert!(expected.len() > 1000, "only {} operations expected: are the inputs complete?", expected.len());
    assert!(derived > 50, "only {derived} operations named from their paths");
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

/// The table's token groups of an operation, each once: the permissions its declaration has.
fn token_groups(row: &Value) -> Vec<&str> {
    let mut groups: Vec<&str> = Vec::new();
    for g in row.get("token_groups").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    groups
}

/// Permissions, deprecation and parameters of one declaration against its row and document
/// operation.
#[allow(clippy::too_many_arguments)]
fn check_operation(
    doc: &Value,
    coverage: &str,
    at: &str,
    key: &(String, String),
    row: &Value,
    item: &Value,
    op: &Value,
    e: &EndpointInfo,
    failures: &mut Vec<String>,
    checked_params: &mut usize,
) {
    {
        let groups = token_groups(row);
        if e.permissions != groups.as_slice() {
            failures.push(format!("{at}: permissions {:?}, the table says {groups:?}", e.permissions));
        }
        let deprecated = row["deprecated"].as_bool().unwrap_or(false) || op["deprecated"].as_bool().unwrap_or(false);
        if e.deprecated != deprecated {
            failures.push(format!("{at}: deprecated is {}, the inputs say {deprecated}", e.deprecated));
        }

        // Parameters: the path item's, overridden by the operation's.
        let mut params: Vec<&Value> = Vec::new();
        for list in [item.get("parameters"), op.get("parameters")] {
            for p in list.and_then(Value::as_array).into_iter().flatten() {
                let p = follow(doc, p);
                params.retain(|q| (q.get("name"), q.get("in")) != (p.get("name"), p.get("in")));
                params.push(p);
            }
        }
        let path_fields: Vec<&flarekit::FieldInfo> = e.fields.iter().filter(|f| f.location == Location::Path).collect();
        let placeholders = e.path.placeholders().count();
        if path_fields.len() != placeholders || placeholders != key.1.matches("{}").count() {
            failures.push(format!("{at}: {} path fields for {placeholders} placeholders", path_fields.len()));
        }
        for p in params {
            let (Some(name), Some(location)) = (p["name"].as_str(), p["in"].as_str()) else { continue };
            let location = match location {
                "query" => Location::Query,
                "header" => Location::Header,
                _ => continue,
            };
            let Some(field) = e.fields.iter().find(|f| f.name == name && f.location == location) else {
                let listed = format!("{}: {} `{name}`", e.type_name, p["in"].as_str().unwrap_or(""));
                if !coverage.contains(&listed) {
                    failures.push(format!("{at}: parameter {name} ({location:?}) is missing and not in COVERAGE.md"));
                }
                continue;
            };
            *checked_params += 1;
            let required = p["required"].as_bool().unwrap_or(false);
            if field.required != required && e.pagination.map(|pg| pg.param()) != Some(name) {
                failures.push(format!("{at}: {name} required is {}, the document says {required}", field.required));
            }
            let schema = param_schema(doc, p);
            let mut want: Vec<Rule> = Vec::new();
            match schema["type"].as_str() {
                Some("string") => {
                    if let Some(n) = schema["maxLength"].as_u64() {
                        want.push(Rule::MaxLength(n as usize));
                    }
                }
                Some("integer" | "number") => {
                    if let (Some(n), false) = (schema["minimum"].as_f64(), schema["exclusiveMinimum"] == true) {
                        want.push(Rule::Minimum(n));
                    }
                    if let (Some(n), false) = (schema["maximum"].as_f64(), schema["exclusiveMaximum"] == true) {
                        want.push(Rule::Maximum(n));
                    }
                }
                Some("array") => {
                    if let Some(n) = schema["maxItems"].as_u64() {
                        want.push(Rule::MaxItems(n as usize));
                    }
                }
                _ => {}
            }
            for rule in want {
                if !field.constraints.contains(&rule) {
                    failures.push(format!("{at}: {name} lacks {rule:?} (has {:?})", field.constraints));
                }
            }
            if let Some(values) = schema["enum"].as_array() {
                let values: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
                if !values.is_empty() && field.values != values.as_slice() {
                    failures.push(format!("{at}: {name} takes {:?}, the document says {values:?}", field.values));
                }
            }
        }
    }
}

/// The caller always sends a parameter, so its documentation never calls it read-only (the
/// document marks shared identifier schemas `readOnly` for the response types' sake).
#[test]
fn no_parameter_is_documented_as_read_only() {
    let mut dirs = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../endpoints/src")];
    let (mut files, mut wrong) = (0, Vec::new());
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("a source directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            files += 1;
            let text = std::fs::read_to_string(&path).expect("a source file");
            let parameter = |l: &&str| l.contains("/// Path parameter") || l.contains("/// Query parameter");
            let said = text.lines().filter(parameter).filter(|l| l.contains("Read-only"));
            wrong.extend(said.map(|l| format!("{}: {}", path.display(), l.trim())));
        }
    }
    assert!(files > 500, "only {files} files under endpoints/src");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
