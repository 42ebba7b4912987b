//! Cloudflare's response envelope: `success`, `errors`, `messages`, `result`, `result_info`.

use serde_json::{json, Map, Value};

/// The error codes the fake answers with.
///
/// 10000, 10007, 6007, 7001, 7003, 1061 and the DNS codes (1004, 9005, 9006, 81053, 81054,
/// 81058) are codes the real API answers for the same conditions; the others are the fake's
/// own, stable so that tests can match them.
pub mod codes {
    /// A zone of this name already exists (400).
    pub const ZONE_EXISTS: i64 = 1061;
    /// A DNS record's content does not fit its type (400; a CNAME's target that is no hostname).
    pub const DNS_VALIDATION: i64 = 1004;
    /// An A record's content is not an IPv4 address (400).
    pub const DNS_NOT_IPV4: i64 = 9005;
    /// An AAAA record's content is not an IPv6 address (400).
    pub const DNS_NOT_IPV6: i64 = 9006;
    /// A CNAME would share its name with another record (400).
    pub const DNS_NAME_TAKEN: i64 = 81053;
    /// A record would share its name with a CNAME (400).
    pub const DNS_CNAME_THERE: i64 = 81054;
    /// The same record (type, name and content) already exists (400).
    pub const DNS_IDENTICAL: i64 = 81058;
    /// No Worker script of this name in the account (404).
    pub const SCRIPT_NOT_FOUND: i64 = 10007;
    /// No credentials, unknown credentials, or a token without the needed permission (401, 403).
    pub const AUTHENTICATION: i64 = 10000;
    /// The body is not valid JSON, or not a JSON object (400).
    pub const MALFORMED_JSON: i64 = 6007;
    /// A value breaks the operation's constraints (400).
    pub const INVALID: i64 = 1001;
    /// No resource with this id in the account (404).
    pub const NOT_FOUND: i64 = 1002;
    /// Another resource already has this value (409).
    pub const DUPLICATE: i64 = 1003;
    /// The body is larger than the fake accepts (413).
    pub const TOO_LARGE: i64 = 1007;
    /// The request's body did not arrive in time (408).
    pub const TIMEOUT: i64 = 1008;
    /// The fake itself failed (500).
    pub const INTERNAL: i64 = 1006;
    /// The path exists, the method does not (405).
    pub const METHOD_NOT_ALLOWED: i64 = 7001;
    /// No route for the URI (404).
    pub const NO_ROUTE: i64 = 7003;
}

/// One entry of `errors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorItem {
    pub code: i64,
    pub message: String,
    pub pointer: Option<String>,
}

impl ErrorItem {
    pub(crate) fn new(code: i64, message: impl Into<String>) -> Self {
        ErrorItem { code, message: message.into(), pointer: None }
    }

    /// A validation error about the body member at `pointer` (a JSON pointer).
    pub(crate) fn invalid_at(pointer: &str, message: impl Into<String>) -> Self {
        ErrorItem { code: codes::INVALID, message: message.into(), pointer: Some(pointer.to_owned()) }
    }

    fn to_json(&self) -> Value {
        let mut e = json!({"code": self.code, "message": self.message});
        if let Some(p) = &self.pointer {
            e["source"] = json!({"pointer": p});
        }
        e
    }
}

/// A failed call: the status and every error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub status: u16,
    pub errors: Vec<ErrorItem>,
}

impl Failure {
    pub(crate) fn new(status: u16, code: i64, message: impl Into<String>) -> Self {
        Failure { status, errors: vec![ErrorItem::new(code, message)] }
    }

    /// A 400 with these validation errors.
    pub(crate) fn invalid(errors: Vec<ErrorItem>) -> Self {
        Failure { status: 400, errors }
    }

    /// Sets the pointer of the (first) error.
    pub(crate) fn at(mut self, pointer: impl Into<String>) -> Self {
        if let Some(e) = self.errors.first_mut() {
            e.pointer = Some(pointer.into());
        }
        self
    }

    /// The same failure about a part of the body: each error's pointer below `prefix` (a JSON
    /// pointer: `/posts/1`), or `prefix` itself where it had none.
    pub(crate) fn under(mut self, prefix: &str) -> Self {
        for e in &mut self.errors {
            e.pointer = Some(format!("{prefix}{}", e.pointer.as_deref().unwrap_or_default()));
        }
        self
    }

    pub(crate) fn to_json(&self) -> Value {
        json!({
            "success": false,
            "errors": self.errors.iter().map(ErrorItem::to_json).collect::<Vec<_>>(),
            "messages": [],
            "result": null,
        })
    }
}

/// A successful envelope around `result`.
pub(crate) fn success(result: Value, result_info: Option<Value>) -> Value {
    let mut body = Map::new();
    body.insert("success".into(), Value::Bool(true));
    body.insert("errors".into(), json!([]));
    body.insert("messages".into(), json!([]));
    body.insert("result".into(), result);
    if let Some(info) = result_info {
        body.insert("result_info".into(), info);
    }
    Value::Object(body)
}

/// A 200 with the page of `items` the query's `page` and `per_page` ask for (page 1 and
/// `per_page` `default_per_page` unless asked), and its `result_info`.
pub(crate) fn page_for(items: Vec<Value>, query: &Map<String, Value>, default_per_page: u64) -> (u16, Value) {
    let number = |name: &str, default: u64| query.get(name).and_then(Value::as_u64).unwrap_or(default);
    page_of(items, number("page", 1), number("per_page", default_per_page))
}

/// A 200 with page `page` of `items`, `per_page` at a time, and its `result_info`.
fn page_of(items: Vec<Value>, page: u64, per_page: u64) -> (u16, Value) {
    let (page, per_page) = (page.max(1), per_page.max(1));
    let total = items.len() as u64;
    let start = usize::try_from((page - 1).saturating_mul(per_page)).unwrap_or(usize::MAX);
    let rows: Vec<Value> =
        items.into_iter().skip(start).take(usize::try_from(per_page).unwrap_or(usize::MAX)).collect();
    let info = json!({
        "page": page,
        "per_page": per_page,
        "count": rows.len(),
        "total_count": total,
        "total_pages": total.div_ceil(per_page),
    });
    (200, success(Value::Array(rows), Some(info)))
}

/// What the fake answers a request that succeeded: Cloudflare's JSON envelope, or bytes as they
/// are, with their headers (a KV value).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Answer {
    Json(u16, Value),
    Bytes { headers: Vec<(&'static str, String)>, body: Vec<u8> },
}

impl Answer {
    /// A JSON answer of this status and body.
    pub(crate) fn json((status, body): (u16, Value)) -> Answer {
        Answer::Json(status, body)
    }
}
