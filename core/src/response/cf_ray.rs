//! [`CfRay`]: the id Cloudflare gives each request, as a successful call reports it.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use crate::transport::{HeaderMap, HeaderValue, CF_RAY};

/// The bytes a [`CfRay`] holds in place. Cloudflare's are 20: 16 hex digits, `-` and the data
/// center's three letters. 22 makes the whole value 24 bytes, as large as a `String`.
const INLINE: usize = 22;

/// The `cf-ray` header of a response: the id Cloudflare support asks for. It reads as a `&str`:
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
///
/// Its text is copied out of the response, into the value itself (no allocation for an id of
/// Cloudflare's length). So keeping a `CfRay` keeps 24 bytes, not the buffer the response's
/// headers were read into, which a header value shares: kilobytes per response.
#[derive(Clone)]
pub struct CfRay(Text);

/// UTF-8 text: in place up to [`INLINE`] bytes, else on the heap (a proxy's `cf-ray` can be
/// anything a header can hold).
#[derive(Clone)]
enum Text {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<[u8]>),
}

impl CfRay {
    /// `ray` as a `cf-ray`; `None` if it could not be a header value (a control character).
    pub fn new(ray: &str) -> Option<CfRay> {
        // http's own rule for a header value, not a copy of it.
        HeaderValue::from_str(ray).is_ok().then(|| CfRay::copy(ray.as_bytes()))
    }

    /// The `cf-ray` of `headers`, if it is there and is text.
    pub(crate) fn of(headers: &HeaderMap) -> Option<CfRay> {
        let ray = headers.get(&CF_RAY)?.as_bytes();
        // ASCII (every cf-ray Cloudflare sends) is UTF-8, and `is_ascii` checks a word at a time.
        (ray.is_ascii() || std::str::from_utf8(ray).is_ok()).then(|| CfRay::copy(ray))
    }

    /// A copy of `text`, which is UTF-8.
    fn copy(text: &[u8]) -> CfRay {
        let mut bytes = [0; INLINE];
        match (bytes.get_mut(..text.len()), u8::try_from(text.len())) {
            (Some(place), Ok(len)) => {
                place.copy_from_slice(text);
                CfRay(Text::Inline { len, bytes })
            }
            _ => CfRay(Text::Heap(text.into())),
        }
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        let bytes = match &self.0 {
            Text::Inline { len, bytes } => bytes.get(..usize::from(*len)).unwrap_or_default(),
            Text::Heap(bytes) => bytes,
        };
        // Every `CfRay` holds UTF-8: `new` takes a `&str`, `of` checks. Safe code cannot skip
        // the check; it runs when the id is read (for a log line, a support ticket), not per call.
        std::str::from_utf8(bytes).unwrap_or_default()
    }
}

impl PartialEq for CfRay {
    fn eq(&self, other: &CfRay) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for CfRay {}

impl Hash for CfRay {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
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

    /// Ids of every length read back as given, whether held in place or on the heap, and two
    /// equal ids are equal (and hash alike) however they are held.
    #[test]
    fn every_length_reads_back() {
        use std::collections::hash_map::DefaultHasher;
        let hash = |ray: &CfRay| {
            let mut h = DefaultHasher::new();
            ray.hash(&mut h);
            h.finish()
        };
        for len in [0, 1, 20, INLINE - 1, INLINE, INLINE + 1, 200] {
            let text: String = "8a1b2c3d4e5f6789-LHR".chars().cycle().take(len).collect();
            let ray = CfRay::new(&text).unwrap();
            let mut headers = HeaderMap::new();
            headers.insert(CF_RAY.clone(), HeaderValue::from_str(&text).unwrap());
            let read = CfRay::of(&headers).unwrap();
            assert_eq!((ray.as_str(), read.as_str()), (text.as_str(), text.as_str()), "length {len}");
            assert!(matches!(ray.0, Text::Inline { .. }) == (len <= INLINE), "length {len}");
            assert_eq!((ray.clone(), hash(&ray)), (read.clone(), hash(&read)));
        }
        // Multi-byte text across the boundary: 11 two-byte characters fill the 22 bytes.
        for text in ["é".repeat(11), "é".repeat(12)] {
            assert_eq!(CfRay::new(&text).unwrap(), text.as_str());
        }
        // As large as a `String`, with or without the `Option`.
        assert_eq!((std::mem::size_of::<CfRay>(), std::mem::size_of::<Option<CfRay>>()), (24, 24));
    }
}
