//! A flag's text as the JSON value of its field, by the field's kind.

use flarekit::Kind;
use serde_json::Value;

/// Parses one occurrence of a field's flag.
///
/// * `null` is JSON null for a nullable field (`--comments null` clears the comment); for a
///   nullable string, `'"null"'` is the string `null`.
/// * Strings are taken as they are; integers, numbers and booleans (`true`, `false`) must parse.
/// * A list item that is a JSON array gives all its items (`--ids '[1,2]'`), a JSON object is
///   one item, anything else is one string item.
/// * Any other type (an enum, a struct) is JSON if it parses, else a bare string
///   (`--order domain`).
pub fn parse(kind: Kind, nullable: bool, text: &str) -> Result<Value, String> {
    if nullable && text == "null" {
        return Ok(Value::Null);
    }
    match kind {
        Kind::String => {
            if nullable && text.starts_with('"') {
                if let Ok(Value::String(s)) = serde_json::from_str(text) {
                    return Ok(Value::String(s));
                }
            }
            Ok(Value::String(text.to_owned()))
        }
        Kind::Integer => {
            if let Ok(n) = text.parse::<i64>() {
                Ok(Value::from(n))
            } else if let Ok(n) = text.parse::<u64>() {
                Ok(Value::from(n))
            } else {
                Err(format!("`{text}` is not an integer"))
            }
        }
        Kind::Number => {
            if let Ok(n) = text.parse::<i64>() {
                return Ok(Value::from(n));
            }
            text.parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or_else(|| format!("`{text}` is not a number"))
        }
        Kind::Boolean => match text {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!("`{text}` is not `true` or `false`")),
        },
        // Bytes: `@FILE`, `-` (standard input) or the text itself, read when the request is built.
        Kind::Binary => Ok(Value::String(text.to_owned())),
        Kind::List => match serde_json::from_str::<Value>(text) {
            Ok(v @ (Value::Array(_) | Value::Object(_))) => Ok(v),
            _ => Ok(Value::String(text.to_owned())),
        },
        _ => match serde_json::from_str::<Value>(text) {
            Ok(Value::Null) | Err(_) => Ok(Value::String(text.to_owned())),
            Ok(v) => Ok(v),
        },
    }
}

/// The value of a list field from its flag's occurrences: arrays are spliced in, one `null`
/// (for a nullable field) is the whole value.
pub fn list(occurrences: Vec<Value>) -> Result<Value, String> {
    if occurrences.iter().any(Value::is_null) {
        if occurrences.len() == 1 {
            return Ok(Value::Null);
        }
        return Err("`null` must be the flag's only value".to_owned());
    }
    let mut items = Vec::new();
    for v in occurrences {
        match v {
            Value::Array(more) => items.extend(more),
            one => items.push(one),
        }
    }
    Ok(Value::Array(items))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(parse(Kind::String, true, "null"), Ok(Value::Null));
        assert_eq!(parse(Kind::String, false, "null"), Ok(json!("null")));
        assert_eq!(parse(Kind::String, true, "\"null\""), Ok(json!("null")));
        assert_eq!(parse(Kind::Integer, false, "-3"), Ok(json!(-3)));
        assert!(parse(Kind::Integer, false, "3.5").is_err());
        assert_eq!(parse(Kind::Number, false, "3.5"), Ok(json!(3.5)));
        assert_eq!(parse(Kind::Boolean, false, "true"), Ok(json!(true)));
        assert!(parse(Kind::Boolean, false, "yes").is_err());
        assert_eq!(parse(Kind::Other, false, "domain"), Ok(json!("domain")));
        assert_eq!(parse(Kind::Other, false, "{\"id\":\"a\"}"), Ok(json!({"id": "a"})));
        assert_eq!(parse(Kind::List, false, "7"), Ok(json!("7")));
        let items = vec![json!("a"), json!(["b", "c"]), json!({"id": "d"})];
        assert_eq!(list(items), Ok(json!(["a", "b", "c", {"id": "d"}])));
        assert_eq!(list(vec![Value::Null]), Ok(Value::Null));
        assert!(list(vec![Value::Null, json!("a")]).is_err());
    }
}
