//! Cloudflare's response envelope: `success`, `errors`, `messages`, `result`, `result_info`.

use std::fmt;

use serde::de::{self, DeserializeOwned, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::error::Error;
use super::failure::{snippet, ApiError, DecodeError};
use super::{ApiMessage, ApiResponse, CfRay, ResultInfo};
use crate::transport::HttpResponse;

const SNIPPET: usize = 512;

#[derive(Deserialize)]
struct Envelope<T> {
    #[serde(default)]
    success: Option<bool>,
    #[serde(default, deserialize_with = "lenient_messages")]
    errors: Vec<ApiMessage>,
    #[serde(default, deserialize_with = "lenient_messages")]
    messages: Vec<ApiMessage>,
    #[serde(default = "Option::default")]
    result: Option<T>,
    #[serde(default)]
    result_info: Option<Box<ResultInfo>>,
}

/// `errors` / `messages` entries are objects, but plain strings and `null` are tolerated (and
/// other entries skipped). A missing or `null` list is empty.
fn lenient_messages<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ApiMessage>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Entry {
        Full(ApiMessage),
        Text(String),
        Other(IgnoredAny),
    }
    /// Collects the entries straight into the messages (no intermediate list of entries; the
    /// common empty list allocates nothing).
    struct Entries;
    impl<'de> Visitor<'de> for Entries {
        type Value = Vec<ApiMessage>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_seq(self)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut messages = Vec::new();
            while let Some(entry) = seq.next_element::<Entry>()? {
                match entry {
                    Entry::Full(m) => messages.push(m),
                    Entry::Text(message) => messages.push(ApiMessage { message, ..ApiMessage::default() }),
                    Entry::Other(_) => {}
                }
            }
            Ok(messages)
        }
    }
    d.deserialize_option(Entries)
}

fn decode_error(response: &HttpResponse, reason: impl Into<String>) -> DecodeError {
    DecodeError {
        status: response.status,
        cf_ray: response.cf_ray().map(str::to_owned),
        reason: reason.into(),
        body_snippet: snippet(&response.body, SNIPPET),
    }
}

/// Decodes a 2xx response's envelope into a typed result.
///
/// `success: false` becomes [`ErrorKind::Api`](crate::ErrorKind::Api); a body that is empty, not
/// JSON, or whose `result` does not fit `T` becomes [`ErrorKind::Decode`](crate::ErrorKind::Decode).
/// A missing or `null` `result` is accepted when `T` accepts `null` (`()`, `Option<_>`).
// Inlined into each endpoint's `decode` (one copy per response type either way): the envelope's
// fields then move into the `ApiResponse` once, 44 instructions of a 9,400-instruction decode.
#[inline]
pub fn decode_envelope<T: DeserializeOwned>(response: &HttpResponse) -> Result<ApiResponse<T>, Error> {
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Err(decode_error(response, "empty body where a JSON envelope was expected").into());
    }
    let envelope: Envelope<T> =
        serde_json::from_slice(&response.body).map_err(|e| decode_error(response, format!("invalid envelope: {e}")))?;
    if envelope.success == Some(false) {
        return Err(ApiError {
            status: response.status,
            errors: envelope.errors,
            messages: envelope.messages,
            cf_ray: response.cf_ray().map(str::to_owned),
            body_snippet: None,
        }
        .into());
    }
    let result = match envelope.result {
        Some(r) => r,
        None => T::deserialize(serde_json::Value::Null)
            .map_err(|_| decode_error(response, "the envelope has no `result`"))?,
    };
    Ok(ApiResponse {
        result,
        result_info: envelope.result_info,
        messages: envelope.messages,
        status: response.status,
        cf_ray: CfRay::of(&response.headers),
    })
}

/// The error for a non-2xx response: Cloudflare's `errors` when the body is an envelope, else
/// the status with a snippet of whatever the body was (an HTML page from a proxy, say).
///
/// The permissions a 403 names come from the operation, which the client records on the
/// [`Error`] (see [`Error::operation`]).
pub fn error_from_response(response: &HttpResponse) -> ApiError {
    let cf_ray = response.cf_ray().map(str::to_owned);
    match serde_json::from_slice::<Envelope<IgnoredAny>>(&response.body) {
        Ok(env) if !env.errors.is_empty() || env.success.is_some() => {
            ApiError { status: response.status, errors: env.errors, messages: env.messages, cf_ray, body_snippet: None }
        }
        _ => ApiError {
            status: response.status,
            errors: Vec::new(),
            messages: Vec::new(),
            cf_ray,
            body_snippet: Some(snippet(&response.body, SNIPPET)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::ErrorKind;

    fn resp(status: u16, body: &str) -> HttpResponse {
        let mut response = HttpResponse::new(status, bytes::Bytes::copy_from_slice(body.as_bytes()));
        response.headers.insert("cf-ray", "8a1b2c3d4e5f-LHR".parse().unwrap());
        response
    }

    #[test]
    fn decodes_result_and_info_and_tolerates_unknown_fields() {
        let r: ApiResponse<Vec<u32>> = decode_envelope(&resp(
            200,
            r#"{"success":true,"errors":[],"messages":["note"],"result":[1,2],"result_info":{"page":1,"per_page":2,"total_pages":3,"x":1},"extra":true}"#,
        ))
        .unwrap();
        assert_eq!(r.result, [1, 2]);
        assert_eq!(r.result_info.unwrap().total_pages, Some(3));
        assert_eq!(r.messages[0].message, "note");
        assert_eq!(r.cf_ray.as_deref(), Some("8a1b2c3d4e5f-LHR"));
    }

    /// Radar answers `{result, success}` only; other APIs leave `success` out too.
    #[test]
    fn partial_envelopes_decode() {
        let r: ApiResponse<Vec<u32>> = decode_envelope(&resp(200, r#"{"result":[4,2],"success":true}"#)).unwrap();
        assert_eq!((r.result, r.messages.len(), r.result_info), (vec![4, 2], 0, None));
        let r: ApiResponse<Option<u32>> = decode_envelope(&resp(200, r#"{"result":null}"#)).unwrap();
        assert_eq!(r.result, None);
        let r: ApiResponse<crate::response::Empty> =
            decode_envelope(&resp(200, r#"{"success":true,"errors":null,"result":{"later":"field"}}"#)).unwrap();
        assert_eq!(r.result, crate::response::Empty {});
    }

    #[test]
    fn null_result_fits_unit_but_not_a_struct() {
        let r: ApiResponse<()> = decode_envelope(&resp(200, r#"{"success":true,"result":null}"#)).unwrap();
        assert_eq!(r.result, ());
        let err = decode_envelope::<Vec<u8>>(&resp(200, r#"{"success":true}"#)).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Decode(d) if d.reason.contains("no `result`")), "{err}");
    }

    #[test]
    fn success_false_in_2xx_is_an_api_error() {
        let err = decode_envelope::<()>(&resp(
            200,
            r#"{"success":false,"errors":[{"code":1001,"message":"bad"}],"messages":[],"result":null}"#,
        ))
        .unwrap_err();
        let ErrorKind::Api(api) = err.kind() else { panic!("{err:?}") };
        assert_eq!((api.status, api.codes().collect::<Vec<_>>()), (200, vec![1001]));
    }

    #[test]
    fn garbage_and_empty_bodies_are_decode_errors() {
        for body in ["", "  ", "<html>", "{\"result\": [1,", "\u{0}\u{1}"] {
            let err = decode_envelope::<Vec<u8>>(&resp(200, body)).unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::Decode(_)), "{body:?}");
        }
    }

    #[test]
    fn html_error_page_keeps_status_and_snippet() {
        let page = format!("<html><body>502 Bad Gateway{}</body></html>", "x".repeat(2000));
        let e = error_from_response(&resp(502, &page));
        assert_eq!(e.status, 502);
        let s = e.body_snippet.unwrap();
        assert!(s.starts_with("<html><body>502 Bad Gateway") && s.len() < 600, "{s}");
    }
}
