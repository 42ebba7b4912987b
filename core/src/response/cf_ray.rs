//! [`CfRay`]: the id Cloudflare gives each request, as a successful call reports it.

use std::fmt;
use std::ops::Deref;

use crate::transport::{header_text, HeaderMap, HeaderValue, CF_RAY};

/// The `cf-ray` header of a response: the id Cloudflare support asks for. It shares the bytes
/// the response's header arrived in (no copy), and reads as a `&str`:
///
/// ```
/// use flarekit_core::CfRay;
///
/// let ray = CfRay::new("8a1b2c3d4e5f6789-LHR").expect("text");
/// assert_eq!(&*ray, "8a1b2c3d4e5f6789-LHR");
/// assert!(ray.ends_with("-LHR"));
/// let reported: Option<CfRay> = Some(ray);
/// assert_eq!(reported.as_deref(), Some("8a1b2c3d4e5f6789-LHR"));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CfRay(HeaderValue);

impl CfRay {
    /// `ray` as a `cf-ray`; `None` if it could not be a header value (a control character).
    pub fn new(ray: &str) -> Option<CfRay> {
        HeaderValue::from_str(ray).ok().map(CfRay)
    }

    /// The `cf-ray` of `headers`, if it is there and is text.
    pub(crate) fn of(headers: &HeaderMap) -> Option<CfRay> {
        // ASCII (every cf-ray Cloudflare sends) is UTF-8, and `is_ascii` checks a word at a time.
        let text = |v: &&HeaderValue| v.as_bytes().is_ascii() || header_text(v).is_some();
        headers.get(&CF_RAY).filter(text).cloned().map(CfRay)
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        // Every `CfRay` holds text: `new` takes a `&str`, `of` checks.
        header_text(&self.0).unwrap_or_default()
    }
}

impl Deref for CfRay {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for CfRay {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for CfRay {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for CfRay {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for CfRay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for CfRay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_the_header_text() {
        let mut headers = HeaderMap::new();
        assert_eq!(CfRay::of(&headers), None);
        headers.insert(CF_RAY.clone(), HeaderValue::from_static("8a1b2c3d4e5f-LHR"));
        let ray = CfRay::of(&headers).unwrap();
        assert_eq!(
            (ray.as_str(), format!("{ray}"), format!("{ray:?}")),
            ("8a1b2c3d4e5f-LHR", "8a1b2c3d4e5f-LHR".into(), "\"8a1b2c3d4e5f-LHR\"".into())
        );
        assert_eq!(ray, "8a1b2c3d4e5f-LHR");
        // Bytes that are not UTF-8 are no cf-ray; UTF-8 beyond ASCII is kept.
        headers.insert(CF_RAY.clone(), HeaderValue::from_bytes(b"\xff-LHR").unwrap());
        assert_eq!(CfRay::of(&headers), None);
        assert_eq!(CfRay::new("é-LHR").as_deref(), Some("é-LHR"));
        assert_eq!(CfRay::new("a\nb"), None);
    }
}
