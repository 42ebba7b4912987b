//! The inputs: an OpenAPI document (Cloudflare's official format), the 2026 operations table,
//! and the join of the two that says which operations are generated.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

/// An OpenAPI 3 document, kept as JSON, with `$ref` resolution.
pub struct Doc {
    pub root: Value,
}

impl Doc {
    pub fn read(path: &Path) -> Result<Doc, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let root: Value = serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
        if root.get("paths").and_then(Value::as_object).is_none() {
            return Err(format!("{} has no `paths`: not an OpenAPI document", path.display()));
        }
        Ok(Doc { root })
    }

    /// The value a local `$ref` (`#/components/…`) points at.
    pub fn pointer(&self, reference: &str) -> Option<&Value> {
        self.root.pointer(reference.strip_prefix('#')?)
    }

    /// `value` with every `$ref` at its top followed (a chain of them included).
    pub fn follow<'a>(&'a self, mut value: &'a Value) -> &'a Value {
        for _ in 0..32 {
            match value.get("$ref").and_then(Value::as_str).and_then(|r| self.pointer(r)) {
                Some(target) => value = target,
                None => break,
            }
        }
        value
    }

    /// The component schema name a `$ref` names, if it names one.
    pub fn schema_name(value: &Value) -> Option<&str> {
        value.get("$ref")?.as_str()?.strip_prefix("#/components/schemas/")
    }

    pub fn schema(&self, name: &str) -> Option<&Value> {
        self.root.pointer(&format!("/components/schemas/{}", name.replace('~', "~0").replace('/', "~1")))
    }

    /// The operation object at `method` (lower case) of `path`, with the path item's own
    /// parameters.
    pub fn operation(&self, path: &str, method: &str) -> Option<(&Value, &Value)> {
        let item = self.root.get("paths")?.get(path)?;
        Some((item, item.get(method)?))
    }

    /// Every (path, method) of the document, in order.
    pub fn operations(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(paths) = self.root.get("paths").and_then(Value::as_object) {
            for (path, item) in paths {
                for method in ["get", "post", "put", "patch", "delete"] {
                    if item.get(method).is_some() {
                        out.push((path.clone(), method.to_uppercase()));
                    }
                }
            }
        }
        out
    }
}

/// One row of the 2026 operations table.
#[derive(Debug, Clone, Deserialize)]
pub struct TableOp {
    pub method: String,
    pub path: String,
    pub operation_id: String,
    pub summary: String,
    #[serde(default)]
    pub token_groups: Option<Vec<String>>,
    #[serde(default)]
    pub deprecated: bool,
    pub in_2024_spec: bool,
    #[serde(default)]
    pub path_2024: Option<String>,
    #[serde(default)]
    pub sdk: Option<Sdk>,
    /// The SDK names were realigned (see [`realign_sdk`]): moved here from the GET beside it,
    /// or, for that GET, its own derived in the same resource.
    #[serde(skip)]
    pub sdk_realigned: bool,
}

/// The names Cloudflare's official SDKs use for an operation.
#[derive(Debug, Clone, Deserialize)]
pub struct Sdk {
    pub service: String,
    pub resource_chain: Vec<String>,
    pub method: String,
}

#[derive(Deserialize)]
struct Table {
    operations: Vec<TableOp>,
}

pub fn read_table(path: &Path) -> Result<Vec<TableOp>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut table: Table =
        serde_json::from_str(&text).map_err(|e| format!("{} is not an operations table: {e}", path.display()))?;
    realign_sdk(&mut table.operations);
    Ok(table.operations)
}

/// The table gives some GETs the SDK names of a write on the same path that has none (the
/// GET of a device network is `devices.networks.delete`, its DELETE has no names): a GET never
/// deletes, updates, edits or creates. Those names move to the write they name (DELETE; PUT or
/// PATCH; POST or PUT, in that order of preference), and the GET is `get` in the same resource,
/// or `list` where the write was a `create` (the path is a collection).
pub fn realign_sdk(rows: &mut [TableOp]) {
    for i in 0..rows.len() {
        let Some(sdk) = rows[i].sdk.clone().filter(|_| rows[i].method == "GET") else { continue };
        let methods: &[&str] = match sdk.method.as_str() {
            "delete" => &["DELETE"],
            "update" => &["PUT", "PATCH"],
            "edit" => &["PATCH", "PUT"],
            "create" => &["POST", "PUT"],
            _ => continue,
        };
        let path = blanked(&rows[i].path);
        let write = methods
            .iter()
            .find_map(|m| rows.iter().position(|r| r.method == *m && r.sdk.is_none() && blanked(&r.path) == path));
        let Some(write) = write else { continue };
        let read = if sdk.method == "create" { "list" } else { "get" };
        rows[i].sdk = Some(Sdk { method: read.to_owned(), ..sdk.clone() });
        rows[write].sdk = Some(sdk);
        rows[i].sdk_realigned = true;
        rows[write].sdk_realigned = true;
    }
}

/// Rows for a document that carries its own permissions (`x-api-token-group`), as the Email
/// Security document does: one per operation, with the SDK names the table gives the same
/// method and path, where it gives any.
pub fn rows_of(doc: &Doc, table: &[TableOp]) -> Vec<TableOp> {
    let sdk: BTreeMap<(String, String), &Sdk> =
        table.iter().filter_map(|row| Some(((row.method.clone(), blanked(&row.path)), row.sdk.as_ref()?))).collect();
    let mut rows = Vec::new();
    for (path, method) in doc.operations() {
        let Some((_, op)) = doc.operation(&path, &method.to_lowercase()) else { continue };
        let text = |key: &str| op.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
        let token_groups = op
            .get("x-api-token-group")
            .and_then(Value::as_array)
            .map(|groups| groups.iter().filter_map(Value::as_str).map(str::to_owned).collect());
        rows.push(TableOp {
            sdk: sdk.get(&(method.clone(), blanked(&path))).map(|s| (*s).clone()),
            operation_id: text("operationId"),
            summary: text("summary"),
            token_groups,
            deprecated: op.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
            in_2024_spec: false,
            path_2024: None,
            sdk_realigned: false,
            method,
            path,
        });
    }
    rows
}

/// A path with every `{name}` blanked to `{}`: how the table and a document are matched.
pub fn blanked(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                out.push('{');
            }
            '}' => {
                depth -= 1;
                out.push('}');
            }
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

/// One operation to generate: its row in the table (names, permissions) and where the
/// document describes it (types).
pub struct Source<'a> {
    pub row: &'a TableOp,
    /// The path as the document spells it.
    pub doc_path: String,
}

/// The join: every table row whose (method, blanked path) the document has, in table order.
/// A newer document (`--spec`) is matched the same way, so operations it adds that the table
/// already lists are picked up.
pub fn join<'a>(doc: &Doc, table: &'a [TableOp]) -> Vec<Source<'a>> {
    let mut by_key: BTreeMap<(String, String), String> = BTreeMap::new();
    for (path, method) in doc.operations() {
        by_key.entry((method, blanked(&path))).or_insert(path);
    }
    table
        .iter()
        .filter_map(|row| {
            let doc_path = by_key.get(&(row.method.clone(), blanked(&row.path)))?;
            Some(Source { row, doc_path: doc_path.clone() })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(method: &str, path: &str, sdk: Option<&str>) -> TableOp {
        TableOp {
            method: method.into(),
            path: path.into(),
            operation_id: format!("{method}-{path}"),
            summary: String::new(),
            token_groups: None,
            deprecated: false,
            in_2024_spec: true,
            path_2024: None,
            sdk: sdk.map(|m| Sdk {
                service: "zero_trust".into(),
                resource_chain: vec!["networks".into()],
                method: m.into(),
            }),
            sdk_realigned: false,
        }
    }

    fn methods(rows: &[TableOp]) -> Vec<(&str, Option<&str>, bool)> {
        rows.iter().map(|r| (r.method.as_str(), r.sdk.as_ref().map(|s| s.method.as_str()), r.sdk_realigned)).collect()
    }

    #[test]
    fn a_get_never_carries_a_write_s_names() {
        let mut rows = vec![
            row("DELETE", "/a/{id}/networks/{network_id}", None),
            row("GET", "/a/{account_id}/networks/{network_id}", Some("delete")),
            row("PUT", "/a/{account_id}/networks/{network_id}", Some("update")),
            row("GET", "/a/{account_id}/lans", Some("create")),
            row("POST", "/a/{account_id}/lans", None),
            // A write that has names of its own keeps them; the GET then keeps the table's.
            row("GET", "/a/{account_id}/exclude", Some("update")),
            row("PUT", "/a/{account_id}/exclude", Some("update")),
        ];
        realign_sdk(&mut rows);
        assert_eq!(
            methods(&rows),
            [
                ("DELETE", Some("delete"), true),
                ("GET", Some("get"), true),
                ("PUT", Some("update"), false),
                ("GET", Some("list"), true),
                ("POST", Some("create"), true),
                ("GET", Some("update"), false),
                ("PUT", Some("update"), false),
            ]
        );
    }
}
