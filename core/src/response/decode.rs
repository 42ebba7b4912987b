//! Decoders for responses that are not just a Cloudflare envelope around a `result`.
//!
//! Most endpoints answer `2xx` with the envelope, which `#[endpoint]` decodes by default. A few
//! answer otherwise: `204 No Content`, `202 Accepted` with a `Location` to poll, or a raw
//! message body. Name one of these functions with `decode_with` and declare the matching
//! `response` type:
//!
//! | decoder | `response =` | what it accepts |
//! | --- | --- | --- |
//! | [`envelope_or_no_content::<T>`](envelope_or_no_content) | `Option<T>` | `204` or an empty body → `None`; an envelope → its `result` |
//! | [`ready_or_pending::<T>`](ready_or_pending) | [`Polled<T>`] | `202` + `Location` → [`Polled::Pending`]; an envelope → [`Polled::Ready`] |
//! | [`raw_body`] | `Vec<u8>` | any body, bytes as received |
//! | [`text`] | `String` | a UTF-8 body (a zone file, a CSV) |
//! | [`payload`] | [`Payload`] | any body with its headers, bytes shared, not copied (a KV value and its `expiration`) |
//! | [`json::<T>`](json()) | `T` | bare JSON, no envelope around it |
//! | [`graphql::<T>`](graphql) | `T` | GraphQL's `{data, errors}`: `errors` are an error even in a `200` |
//!
//! With `flarekit`:
//!
//! ```text
//! /// Search messages; a long search answers 202 with the URL to poll.
//! #[endpoint(GET, "/accounts/<account_id>/email-security/investigate",
//!            perm = "Cloud Email Security: Read", response = Polled<Vec<Message>>,
//!            decode_with = flarekit::decode::ready_or_pending)]
//! pub struct Investigate { /* … */ }
//! ```
//!
//! and then:
//!
//! ```
//! use flarekit_core::decode::{ready_or_pending, Polled};
//! use flarekit_core::transport::{HeaderValue, HttpResponse};
//!
//! let mut response = HttpResponse::new(202, "");
//! response.headers.insert("location", HeaderValue::from_static("/accounts/a/email-security/investigate?job=7"));
//! match ready_or_pending::<Vec<String>>(&response)?.result {
//!     Polled::Ready(messages) => println!("{} messages", messages.len()),
//!     Polled::Pending { location } => println!("still searching; poll {location}"),
//! }
//! # Ok::<(), flarekit_core::Error>(())
//! ```
//!
//! A decoder of your own has the same signature:
//! `fn(&HttpResponse) -> Result<ApiResponse<T>, Error>`. Decoders see only `2xx` responses;
//! every other status is an error before they run.

use std::fmt;

use bytes::Bytes;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Deserialize;

use super::envelope::decode_envelope;
use super::error::{Error, ErrorKind};
use super::failure::{snippet, ApiError, DecodeError};
use super::{ApiMessage, ApiResponse, CfRay, MessageSource};
use crate::transport::{header_text, HeaderMap, HttpResponse};

const SNIPPET: usize = 512;

fn is_blank(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
}

fn bare<T>(result: T, response: &HttpResponse) -> ApiResponse<T> {
    let mut out = ApiResponse::new(result, response.status);
    out.cf_ray = CfRay::of(&response.headers);
    out
}

/// `204 No Content` or an empty body is `None`; otherwise the envelope's `result` (a `null` or
/// missing `result` is `None` too). For `response = Option<T>`.
///
/// ```
/// use flarekit_core::decode::envelope_or_no_content;
/// use flarekit_core::transport::HttpResponse;
///
/// let empty = HttpResponse::new(204, "");
/// assert_eq!(envelope_or_no_content::<u32>(&empty)?.result, None);
///
/// let body = br#"{"success":true,"errors":[],"messages":[],"result":7}"#.to_vec();
/// let full = HttpResponse::new(200, body);
/// assert_eq!(envelope_or_no_content::<u32>(&full)?.result, Some(7));
/// # Ok::<(), flarekit_core::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::Api`] for a `success: false` envelope, [`ErrorKind::Decode`] for a body that is
/// not an envelope or whose `result` does not fit `T`.
pub fn envelope_or_no_content<T: DeserializeOwned>(response: &HttpResponse) -> Result<ApiResponse<Option<T>>, Error> {
    if response.status == 204 || is_blank(&response.body) {
        return Ok(bare(None, response));
    }
    decode_envelope::<Option<T>>(response)
}

/// The answer of an endpoint that either has its result now or is still working on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Polled<T> {
    /// The result is there (a `2xx` other than `202` with the envelope).
    Ready(T),
    /// `202 Accepted`: the work goes on; ask `location` (the `Location` header, as sent) later.
    Pending {
        /// Where to poll for the result.
        location: String,
    },
}

impl<T> Polled<T> {
    /// The result, if it is ready.
    pub fn ready(self) -> Option<T> {
        match self {
            Polled::Ready(result) => Some(result),
            Polled::Pending { .. } => None,
        }
    }

    /// Whether the work is still going on.
    pub fn is_pending(&self) -> bool {
        matches!(self, Polled::Pending { .. })
    }
}

/// `202 Accepted` with a `Location` header is [`Polled::Pending`]; any other `2xx` is the
/// envelope's `result` as [`Polled::Ready`]. For `response = Polled<T>`.
///
/// A `202` body, if it is an envelope, contributes its `messages`; a `202` whose envelope says
/// `success: false` is that error.
///
/// ```
/// use flarekit_core::decode::{ready_or_pending, Polled};
/// use flarekit_core::transport::{HeaderValue, HttpResponse};
///
/// let mut accepted = HttpResponse::new(202, "");
/// accepted.headers.insert("location", HeaderValue::from_static("/accounts/a/jobs/7"));
/// assert_eq!(ready_or_pending::<u32>(&accepted)?.result, Polled::Pending { location: "/accounts/a/jobs/7".into() });
///
/// let body = br#"{"success":true,"errors":[],"messages":[],"result":[1,2]}"#.to_vec();
/// let done = HttpResponse::new(200, body);
/// assert_eq!(ready_or_pending::<Vec<u32>>(&done)?.result, Polled::Ready(vec![1, 2]));
/// # Ok::<(), flarekit_core::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::Decode`] for a `202` without a `Location` header or a body that is not an envelope
/// fitting `T`; [`ErrorKind::Api`] for a `success: false` envelope.
pub fn ready_or_pending<T: DeserializeOwned>(response: &HttpResponse) -> Result<ApiResponse<Polled<T>>, Error> {
    if response.status != 202 {
        return Ok(decode_envelope::<T>(response)?.map(Polled::Ready));
    }
    let location = match response.header("location").map(str::trim) {
        Some(location) if !location.is_empty() => location.to_owned(),
        _ => return Err(decode_error(response, "202 Accepted without a `Location` header to poll".into())),
    };
    let mut out = bare(Polled::Pending { location }, response);
    if !is_blank(&response.body) {
        match decode_envelope::<IgnoredAny>(response) {
            Ok(envelope) => {
                out.messages = envelope.messages;
                out.result_info = envelope.result_info;
            }
            Err(api) if matches!(api.kind(), ErrorKind::Api(_)) => return Err(api),
            // A body that is not an envelope adds nothing to the Location.
            Err(_) => {}
        }
    }
    Ok(out)
}

/// The body exactly as received (a raw message, a file). For `response = Vec<u8>`.
///
/// ```
/// use flarekit_core::decode::raw_body;
/// use flarekit_core::transport::HttpResponse;
///
/// let eml = HttpResponse::new(200, b"Subject: hi\r\n\r\nbody".to_vec());
/// assert_eq!(raw_body(&eml)?.result, b"Subject: hi\r\n\r\nbody");
/// # Ok::<(), flarekit_core::Error>(())
/// ```
///
/// # Errors
///
/// None: every body is accepted. (The `Result` is the signature every decoder has.)
pub fn raw_body(response: &HttpResponse) -> Result<ApiResponse<Vec<u8>>, Error> {
    Ok(bare(response.body.to_vec(), response))
}

/// The body as text (a BIND zone file, a CSV), which must be UTF-8. For `response = String`.
///
/// ```
/// use flarekit_core::decode::text;
/// use flarekit_core::transport::HttpResponse;
///
/// let zone = HttpResponse::new(200, b"www 300 IN A 192.0.2.1\n".to_vec());
/// assert_eq!(text(&zone)?.result, "www 300 IN A 192.0.2.1\n");
/// # Ok::<(), flarekit_core::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::Decode`] for a body that is not UTF-8, naming the first bad byte's offset.
pub fn text(response: &HttpResponse) -> Result<ApiResponse<String>, Error> {
    match std::str::from_utf8(&response.body) {
        Ok(text) => Ok(bare(text.to_owned(), response)),
        Err(e) => Err(decode_error(response, format!("the text body is not UTF-8 (at byte {})", e.valid_up_to()))),
    }
}

fn decode_error(response: &HttpResponse, reason: String) -> Error {
    DecodeError {
        status: response.status,
        cf_ray: response.cf_ray().map(str::to_owned),
        reason,
        body_snippet: snippet(&response.body, SNIPPET),
    }
    .into()
}

/// A body as received, with the response's headers: what [`payload`] decodes.
///
/// The bytes are shared with the response, not copied. `Debug` shows their length, never
/// them (a KV value may be a secret).
#[derive(Clone, PartialEq, Eq)]
pub struct Payload {
    bytes: Bytes,
    headers: HeaderMap,
}

impl Payload {
    /// The bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The bytes, owned.
    pub fn into_bytes(self) -> Bytes {
        self.bytes
    }

    /// The first value of header `name` (case-insensitive) if it is UTF-8 text: `expiration` of
    /// a KV value, say.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(header_text)
    }

    /// The `content-type` header.
    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    /// Every header, as received (names are lower-case).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

impl fmt::Debug for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Payload").field("len", &self.bytes.len()).field("headers", &self.headers).finish()
    }
}

/// The body with its headers, as received, the bytes shared rather than copied. For
/// `response = Payload`.
///
/// ```
/// use flarekit_core::decode::payload;
/// use flarekit_core::transport::{HeaderValue, HttpResponse};
///
/// let mut kv = HttpResponse::new(200, b"\x00\x01".to_vec());
/// kv.headers.insert("expiration", HeaderValue::from_static("1767225600"));
/// let value = payload(&kv)?.result;
/// assert_eq!((value.bytes().as_ref(), value.header("Expiration")), (&b"\x00\x01"[..], Some("1767225600")));
/// # Ok::<(), flarekit_core::Error>(())
/// ```
///
/// # Errors
///
/// None: every body is accepted.
pub fn payload(response: &HttpResponse) -> Result<ApiResponse<Payload>, Error> {
    Ok(bare(Payload { bytes: response.body.clone(), headers: response.headers.clone() }, response))
}

/// Bare JSON, without Cloudflare's envelope around it. For `response = T`.
///
/// ```
/// use flarekit_core::decode::json;
/// use flarekit_core::transport::HttpResponse;
///
/// let bare = HttpResponse::new(200, br#"{"keys":[1,2]}"#.to_vec());
/// assert_eq!(json::<serde_json::Value>(&bare)?.result["keys"][1], 2);
/// # Ok::<(), flarekit_core::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::Decode`] for a body that is not JSON fitting `T`.
pub fn json<T: DeserializeOwned>(response: &HttpResponse) -> Result<ApiResponse<T>, Error> {
    match serde_json::from_slice(&response.body) {
        Ok(result) => Ok(bare(result, response)),
        Err(e) => Err(decode_error(response, format!("invalid JSON: {e}"))),
    }
}

#[derive(Deserialize)]
struct GraphQlAnswer<T> {
    #[serde(default = "Option::default")]
    data: Option<T>,
    #[serde(default)]
    errors: Option<Vec<GraphQlError>>,
}

#[derive(Deserialize)]
struct GraphQlError {
    #[serde(default)]
    message: String,
    #[serde(default)]
    path: Vec<serde_json::Value>,
}

/// GraphQL's answer: `data`, unless `errors` has any, which are an [`ErrorKind::Api`] even in
/// a `200` (GraphQL reports a bad query that way). Each error is an [`ApiMessage`] whose
/// `source.pointer` is its `path` (`/viewer/zones/0`). For `response = T`.
///
/// ```
/// use flarekit_core::decode::graphql;
/// use flarekit_core::transport::HttpResponse;
/// use flarekit_core::ErrorKind;
///
/// let ok = HttpResponse::new(200, br#"{"data":{"n":1},"errors":null}"#.to_vec());
/// assert_eq!(graphql::<serde_json::Value>(&ok)?.result["n"], 1);
///
/// let body = br#"{"data":null,"errors":[{"message":"unknown field","path":["viewer","zones"]}]}"#;
/// let bad = HttpResponse::new(200, body.to_vec());
/// let err = graphql::<serde_json::Value>(&bad).unwrap_err();
/// let ErrorKind::Api(api) = err.kind() else { panic!() };
/// assert_eq!(api.errors[0].message, "unknown field");
/// # Ok::<(), flarekit_core::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::Api`] when `errors` is not empty; [`ErrorKind::Decode`] for a body that is not
/// a GraphQL answer, or has no `data`.
pub fn graphql<T: DeserializeOwned>(response: &HttpResponse) -> Result<ApiResponse<T>, Error> {
    let answer: GraphQlAnswer<T> = serde_json::from_slice(&response.body)
        .map_err(|e| decode_error(response, format!("invalid GraphQL answer: {e}")))?;
    let errors = answer.errors.unwrap_or_default();
    if !errors.is_empty() {
        let errors = errors
            .into_iter()
            .map(|e| {
                let mut message = ApiMessage { message: e.message, ..ApiMessage::default() };
                if !e.path.is_empty() {
                    let pointer = e.path.iter().fold(String::new(), |mut p, seg| {
                        p.push('/');
                        match seg {
                            serde_json::Value::String(s) => p.push_str(s),
                            other => p.push_str(&other.to_string()),
                        }
                        p
                    });
                    message.source = Some(MessageSource { pointer: Some(pointer) });
                }
                message
            })
            .collect();
        return Err(ApiError {
            status: response.status,
            errors,
            messages: Vec::new(),
            cf_ray: response.cf_ray().map(str::to_owned),
            body_snippet: None,
        }
        .into());
    }
    match answer.data {
        Some(data) => Ok(bare(data, response)),
        None => Err(decode_error(response, "the GraphQL answer has neither `data` nor `errors`".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::HeaderName;
    use bytes::Bytes;

    fn resp(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        let mut response = HttpResponse::new(status, Bytes::copy_from_slice(body.as_bytes()));
        response.headers.insert("cf-ray", "8a1b2c3d4e5f-LHR".parse().unwrap());
        for (name, value) in headers {
            response.headers.append(HeaderName::from_bytes(name.as_bytes()).unwrap(), value.parse().unwrap());
        }
        response
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Thing {
        id: u32,
    }

    #[test]
    fn no_content_and_empty_bodies_are_none() {
        for (status, body) in [(204, ""), (200, ""), (200, " \n"), (204, "ignored")] {
            let r = envelope_or_no_content::<Thing>(&resp(status, &[], body)).unwrap();
            assert_eq!((r.result, r.status), (None, status), "{status} {body:?}");
            assert_eq!(r.cf_ray.as_deref(), Some("8a1b2c3d4e5f-LHR"));
        }
    }

    #[test]
    fn an_envelope_is_its_result() {
        let r = envelope_or_no_content::<Thing>(&resp(200, &[], r#"{"success":true,"result":{"id":3}}"#)).unwrap();
        assert_eq!(r.result, Some(Thing { id: 3 }));
        let r = envelope_or_no_content::<Thing>(&resp(200, &[], r#"{"success":true,"result":null}"#)).unwrap();
        assert_eq!(r.result, None);
        let err =
            envelope_or_no_content::<Thing>(&resp(200, &[], r#"{"success":true,"result":{"id":"x"}}"#)).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Decode(_)), "{err:?}");
        let err = envelope_or_no_content::<Thing>(&resp(
            200,
            &[],
            r#"{"success":false,"errors":[{"code":9,"message":"no"}]}"#,
        ))
        .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Api(_)), "{err:?}");
    }

    #[test]
    fn accepted_with_location_is_pending() {
        let r = ready_or_pending::<Vec<Thing>>(&resp(202, &[("Location", "/jobs/1")], "")).unwrap();
        assert_eq!(r.result, Polled::Pending { location: "/jobs/1".into() });
        assert!(r.result.is_pending());
        assert_eq!((r.status, r.cf_ray.as_deref()), (202, Some("8a1b2c3d4e5f-LHR")));

        let r = ready_or_pending::<Vec<Thing>>(&resp(
            202,
            &[("location", "/jobs/2")],
            r#"{"success":true,"errors":[],"messages":[{"code":1,"message":"queued"}],"result":null}"#,
        ))
        .unwrap();
        assert_eq!(r.result, Polled::Pending { location: "/jobs/2".into() });
        assert_eq!(r.messages[0].message, "queued");

        // A body that is not an envelope does not hide the Location.
        let r = ready_or_pending::<Vec<Thing>>(&resp(202, &[("location", "/jobs/3")], "accepted")).unwrap();
        assert_eq!(r.result.ready(), None);
    }

    #[test]
    fn accepted_without_location_or_with_failure_is_an_error() {
        for headers in [&[][..], &[("location", "  ")][..]] {
            let err = ready_or_pending::<Thing>(&resp(202, headers, "")).unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::Decode(d) if d.reason.contains("Location")), "{err:?}");
        }
        let err = ready_or_pending::<Thing>(&resp(
            202,
            &[("location", "/jobs/1")],
            r#"{"success":false,"errors":[{"code":9,"message":"no"}]}"#,
        ))
        .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Api(_)), "{err:?}");
    }

    #[test]
    fn other_success_is_ready() {
        let r = ready_or_pending::<Vec<Thing>>(&resp(
            200,
            &[("location", "/ignored")],
            r#"{"success":true,"result":[{"id":1}],"result_info":{"page":1}}"#,
        ))
        .unwrap();
        assert_eq!(r.result, Polled::Ready(vec![Thing { id: 1 }]));
        assert_eq!(r.result_info.and_then(|i| i.page), Some(1));
        let err = ready_or_pending::<Vec<Thing>>(&resp(200, &[], "")).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Decode(_)), "{err:?}");
    }

    #[test]
    fn raw_body_is_the_bytes_as_received() {
        let bytes = b"\x00\xffSubject: x\r\n\r\n{\"success\":false}".to_vec();
        let response = HttpResponse::new(200, bytes.clone());
        let r = raw_body(&response).unwrap();
        assert_eq!((r.result, r.status, r.result_info, r.cf_ray), (bytes, 200, None, None));
        assert_eq!(raw_body(&resp(200, &[], "")).unwrap().result, Vec::<u8>::new());
    }
}
