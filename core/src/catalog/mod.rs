//! What an endpoint declares, as data: method, path, permissions and every field with its
//! location and constraints. `#[endpoint]` writes one [`EndpointInfo`] per declaration.

use crate::request::validate::Rule;

/// Where a field of an endpoint's params struct goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Location {
    /// A `<placeholder>` of the path template.
    Path,
    /// The query string.
    Query,
    /// A member of the JSON body.
    Body,
    /// The whole JSON body (`#[param(whole_body)]`), e.g. a bare array.
    WholeBody,
    /// A request header.
    Header,
}

impl Location {
    /// The lower-case name OpenAPI uses for the location (`path`, `query`, `body`, `header`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Body | Location::WholeBody => "body",
            Location::Header => "header",
        }
    }
}

/// The shape of a field's Rust type, as the declaration spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// A string.
    String,
    /// An integer.
    Integer,
    /// A floating-point number.
    Number,
    /// `bool`.
    Boolean,
    /// A list (`Vec`, slice or array).
    List,
    /// Any other type (an enum, a struct, a map).
    Other,
}

/// One field of an endpoint's params struct.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FieldInfo {
    /// The name on the wire (the placeholder, query parameter, body member or header name).
    pub name: &'static str,
    /// Where it goes.
    pub location: Location,
    /// The shape of its type (of the inner type for `Option` and `Nullable`).
    pub kind: Kind,
    /// `false` for `Option` and `Nullable` fields.
    pub required: bool,
    /// `true` for `Nullable` fields, which can send JSON `null`.
    pub nullable: bool,
    /// Its `#[validate(...)]` rules.
    pub constraints: &'static [Rule],
    /// Its doc comment.
    pub doc: &'static str,
    /// Whether it carries `#[deprecated]`.
    pub deprecated: bool,
}

/// One declared endpoint.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct EndpointInfo {
    /// The upper-case method.
    pub method: &'static str,
    /// The path template as declared.
    pub path: &'static str,
    /// The permissions that allow the call; any one suffices.
    pub permissions: &'static [&'static str],
    /// The first line of the struct's doc comment.
    pub summary: &'static str,
    /// The whole doc comment.
    pub doc: &'static str,
    /// Whether the struct carries `#[deprecated]`.
    pub deprecated: bool,
    /// The params struct's name.
    pub type_name: &'static str,
    /// The module that declares it, e.g. `flarekit::email_security::settings::sending_domain_restrictions`.
    pub module_path: &'static str,
    /// `min_properties` of the body, 0 when unset.
    pub min_properties: usize,
    /// The fields in declaration order.
    pub fields: &'static [FieldInfo],
}

impl FieldInfo {
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn __new(
        name: &'static str,
        location: Location,
        kind: Kind,
        required: bool,
        nullable: bool,
        constraints: &'static [Rule],
        doc: &'static str,
        deprecated: bool,
    ) -> Self {
        FieldInfo { name, location, kind, required, nullable, constraints, doc, deprecated }
    }
}

impl EndpointInfo {
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn __new(
        method: &'static str,
        path: &'static str,
        permissions: &'static [&'static str],
        summary: &'static str,
        doc: &'static str,
        deprecated: bool,
        type_name: &'static str,
        module_path: &'static str,
        min_properties: usize,
        fields: &'static [FieldInfo],
    ) -> Self {
        EndpointInfo {
            method,
            path,
            permissions,
            summary,
            doc,
            deprecated,
            type_name,
            module_path,
            min_properties,
            fields,
        }
    }

    /// The field with this wire name.
    pub fn field(&self, name: &str) -> Option<&FieldInfo> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// The least-privilege set of token permissions that allows every endpoint given: the smallest
/// set that contains one of each endpoint's permissions, preferring read-only permissions when
/// two sets are equally small. Sorted; endpoints that need no permission are ignored.
///
/// ```
/// use flarekit_core::catalog::least_privilege;
/// # use flarekit_core::{EndpointInfo, Location};
/// # const fn info(method: &'static str, perms: &'static [&'static str]) -> EndpointInfo {
/// #     EndpointInfo::__new(method, "/x", perms, "", "", false, "X", "demo", 0, &[])
/// # }
/// let list = info("GET", &["Cloud Email Security: Write", "Cloud Email Security: Read"]);
/// let create = info("POST", &["Cloud Email Security: Write"]);
/// assert_eq!(least_privilege([&list]), ["Cloud Email Security: Read"]);
/// assert_eq!(least_privilege([&list, &create]), ["Cloud Email Security: Write"]);
/// ```
pub fn least_privilege<'a>(endpoints: impl IntoIterator<Item = &'a EndpointInfo>) -> Vec<&'static str> {
    let mut needs: Vec<&'static [&'static str]> = Vec::new();
    for e in endpoints {
        if !e.permissions.is_empty() && !needs.contains(&e.permissions) {
            needs.push(e.permissions);
        }
    }
    let mut candidates: Vec<&'static str> = needs.iter().flat_map(|p| p.iter().copied()).collect();
    candidates.sort_unstable();
    candidates.dedup();
    let covers = |set: &[&str]| needs.iter().all(|any| any.iter().any(|p| set.contains(p)));
    let writes = |set: &[&str]| set.iter().filter(|p| !p.ends_with("Read")).count();
    if candidates.len() <= 16 {
        // Exact: every subset, smallest first, then fewest non-read permissions.
        let mut best: Option<Vec<&'static str>> = None;
        for mask in 1u32..(1 << candidates.len()) {
            let set: Vec<&'static str> =
                candidates.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, p)| *p).collect();
            let better = match &best {
                None => true,
                Some(b) => (set.len(), writes(&set)) < (b.len(), writes(b)),
            };
            if better && covers(&set) {
                best = Some(set);
            }
        }
        return best.unwrap_or_default();
    }
    // Greedy for unusually many distinct permissions: take what covers the most, reads first.
    let mut chosen: Vec<&'static str> = Vec::new();
    while !covers(&chosen) {
        let gain =
            |p: &&str| needs.iter().filter(|any| any.contains(p) && !any.iter().any(|q| chosen.contains(q))).count();
        let next = candidates.iter().filter(|p| !chosen.contains(p)).max_by_key(|p| (gain(p), p.ends_with("Read")));
        match next {
            Some(p) => chosen.push(p),
            None => break,
        }
    }
    chosen.sort_unstable();
    chosen
}

fn schema_of(field: &FieldInfo) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::{json, Value};
    let num = |n: f64| {
        if n.fract() == 0.0 && n.abs() < 9e15 {
            json!(n as i64)
        } else {
            json!(n)
        }
    };
    let mut s = serde_json::Map::new();
    let ty = match field.kind {
        Kind::String => Some("string"),
        Kind::Integer => Some("integer"),
        Kind::Number => Some("number"),
        Kind::Boolean => Some("boolean"),
        Kind::List => Some("array"),
        Kind::Other => None,
    };
    if let Some(ty) = ty {
        s.insert("type".into(), json!(ty));
    }
    if field.nullable {
        s.insert("nullable".into(), json!(true));
    }
    for rule in field.constraints {
        let (key, value): (&str, Value) = match rule {
            Rule::MaxLength(n) => ("maxLength", json!(n)),
            Rule::MinLength(n) => ("minLength", json!(n)),
            Rule::Pattern(p) => ("pattern", json!(p)),
            Rule::Format(f) => ("format", json!(f.as_str())),
            Rule::Minimum(n) => ("minimum", num(*n)),
            Rule::Maximum(n) => ("maximum", num(*n)),
            Rule::ExclusiveMinimum(n) => {
                s.insert("exclusiveMinimum".into(), json!(true));
                ("minimum", num(*n))
            }
            Rule::ExclusiveMaximum(n) => {
                s.insert("exclusiveMaximum".into(), json!(true));
                ("maximum", num(*n))
            }
            Rule::MinItems(n) => ("minItems", json!(n)),
            Rule::MaxItems(n) => ("maxItems", json!(n)),
            Rule::UniqueItems => ("uniqueItems", json!(true)),
            _ => continue,
        };
        s.insert(key.into(), value);
    }
    if !field.doc.is_empty() {
        s.insert("description".into(), json!(field.doc));
    }
    s
}

/// An OpenAPI 3.0 document of the endpoints given: paths, parameters, request bodies with
/// their constraints, and `x-api-token-group` permissions.
///
/// ```
/// # use flarekit_core::{EndpointInfo, FieldInfo, Kind, Location};
/// # use flarekit_core::validate::Rule;
/// static INFO: EndpointInfo = EndpointInfo::__new("GET", "/zones/<zone_id>", &["Zone: Read"], "Get a zone.", "", false, "GetZone", "zones", 0,
///     &[FieldInfo::__new("zone_id", Location::Path, Kind::String, true, false, &[Rule::MaxLength(32)], "", false)]);
/// let doc = flarekit_core::catalog::to_openapi([&INFO]);
/// let op = &doc["paths"]["/zones/{zone_id}"]["get"];
/// assert_eq!(op["x-api-token-group"][0], "Zone: Read");
/// assert_eq!(op["parameters"][0]["schema"]["maxLength"], 32);
/// ```
pub fn to_openapi<'a>(endpoints: impl IntoIterator<Item = &'a EndpointInfo>) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let mut paths = Map::new();
    for e in endpoints {
        let path = e.path.replace('<', "{").replace('>', "}");
        let mut parameters = Vec::new();
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut whole_body = None;
        for f in e.fields {
            if f.location == Location::WholeBody {
                whole_body = Some(Value::Object(schema_of(f)));
                continue;
            }
            if f.location == Location::Body {
                properties.insert(f.name.into(), Value::Object(schema_of(f)));
                if f.required {
                    required.push(json!(f.name));
                }
                continue;
            }
            let mut p = json!({
                "name": f.name,
                "in": f.location.as_str(),
                "required": f.required || f.location == Location::Path,
                "schema": Value::Object(schema_of(f)),
            });
            if f.deprecated {
                p["deprecated"] = json!(true);
            }
            parameters.push(p);
        }
        let mut op = json!({
            "summary": e.summary,
            "description": e.doc,
            "operationId": e.type_name,
            "x-api-token-group": e.permissions,
            "parameters": parameters,
            "responses": {"default": {"description": "Cloudflare's response envelope"}},
        });
        if e.deprecated {
            op["deprecated"] = json!(true);
        }
        if let Some(schema) = whole_body {
            op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": schema}}});
        } else if !properties.is_empty() {
            let mut schema = json!({"type": "object", "properties": properties});
            if !required.is_empty() {
                schema["required"] = Value::Array(required);
            }
            if e.min_properties > 0 {
                schema["minProperties"] = json!(e.min_properties);
            }
            op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": schema}}});
        }
        let item = paths.entry(path).or_insert_with(|| json!({}));
        item[e.method.to_ascii_lowercase()] = op;
    }
    json!({
        "openapi": "3.0.3",
        "info": {"title": "flarekit: declared Cloudflare endpoints", "version": env!("CARGO_PKG_VERSION")},
        "servers": [{"url": crate::DEFAULT_BASE_URL}],
        "paths": paths,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: &[&str] = &["Mail: Write", "Mail: Read"];
    const W: &[&str] = &["Mail: Write"];
    const DNS: &[&str] = &["DNS: Read", "DNS: Write"];

    fn info(perms: &'static [&'static str]) -> EndpointInfo {
        EndpointInfo::__new("GET", "/x", perms, "", "", false, "X", "demo", 0, &[])
    }

    #[test]
    fn least_privilege_prefers_reads_and_reuses_writes() {
        assert_eq!(least_privilege([&info(R)]), ["Mail: Read"]);
        assert_eq!(least_privilege([&info(R), &info(W)]), ["Mail: Write"]);
        assert_eq!(least_privilege([&info(R), &info(DNS)]), ["DNS: Read", "Mail: Read"]);
        assert_eq!(least_privilege([&info(&[])]), Vec::<&str>::new());
        assert_eq!(least_privilege([]), Vec::<&str>::new());
    }
}
