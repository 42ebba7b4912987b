//! Query pairs and header values: scalars (and lists of them) as text.

use percent_encoding::utf8_percent_encode;
use serde::Serialize;
use serde_json::Value;

use super::body::json::to_value;
use super::path::COMPONENT;
use crate::response::EncodeError;

/// Appends `name=value` pairs to `out` as a query string (without the leading `?`).
///
/// ```
/// let q = flarekit_core::encode::query_string(&[("search", "a&b=c d".to_string()), ("page", "2".into())]);
/// assert_eq!(q, "search=a%26b%3Dc%20d&page=2");
/// ```
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.extend(utf8_percent_encode(name, COMPONENT));
        out.push('=');
        out.extend(utf8_percent_encode(value, COMPONENT));
    }
    out
}

fn scalar(field: &'static str, value: Value) -> Result<Option<String>, EncodeError> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Array(_) | Value::Object(_) => {
            Err(EncodeError::new(field, "must be a scalar (string, number, boolean or enum)"))
        }
    }
}

/// Calls `each` with the text of every item of a list, of a scalar, or of nothing for `None`.
fn each_text<T: Serialize + ?Sized>(
    name: &'static str,
    value: &T,
    mut each: impl FnMut(String),
) -> Result<(), EncodeError> {
    match to_value(name, value)? {
        Value::Array(items) => {
            for item in items {
                if let Some(s) = scalar(name, item)? {
                    each(s);
                }
            }
        }
        other => {
            if let Some(s) = scalar(name, other)? {
                each(s);
            }
        }
    }
    Ok(())
}

/// Adds a query field: `None` adds nothing, a list adds one pair per item, a scalar one pair.
pub fn push_query<T: Serialize + ?Sized>(
    query: &mut Vec<(&'static str, String)>,
    name: &'static str,
    value: &T,
) -> Result<(), EncodeError> {
    each_text(name, value, |s| query.push((name, s)))
}

/// Adds a query field whose list is one comma-joined pair (OpenAPI's `explode: false`):
/// `fields=ClientIP,RayID`. `None` and an empty list add nothing; a scalar is one pair.
///
/// ```
/// let mut q = Vec::new();
/// flarekit_core::encode::push_query_joined(&mut q, "fields", &["ClientIP", "RayID"]).unwrap();
/// assert_eq!(q, [("fields", "ClientIP,RayID".to_string())]);
/// ```
///
/// # Errors
///
/// [`EncodeError`] naming `name` when an item is not a scalar.
pub fn push_query_joined<T: Serialize + ?Sized>(
    query: &mut Vec<(&'static str, String)>,
    name: &'static str,
    value: &T,
) -> Result<(), EncodeError> {
    let mut joined: Option<String> = None;
    each_text(name, value, |s| match &mut joined {
        Some(j) => {
            j.push(',');
            j.push_str(&s);
        }
        None => joined = Some(s),
    })?;
    query.extend(joined.map(|j| (name, j)));
    Ok(())
}

/// Adds a header field: `None` adds nothing; the value must be a scalar.
pub fn push_header<T: Serialize + ?Sized>(
    headers: &mut Vec<(&'static str, String)>,
    name: &'static str,
    value: &T,
) -> Result<(), EncodeError> {
    if let Some(s) = scalar(name, to_value(name, value)?)? {
        headers.push((name, s));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_flattens_lists_and_skips_none() {
        let mut q = Vec::new();
        push_query(&mut q, "page", &Some(2u32)).unwrap();
        push_query(&mut q, "search", &None::<String>).unwrap();
        push_query(&mut q, "id", &vec!["a", "b"]).unwrap();
        push_query(&mut q, "flag", &true).unwrap();
        assert_eq!(q, [("page", "2".to_string()), ("id", "a".into()), ("id", "b".into()), ("flag", "true".into())]);
        let err = push_query(&mut q, "obj", &serde_json::json!({"a": 1})).unwrap_err();
        assert_eq!(err.field(), "obj");
    }
}
