//! [`PathTemplate`]: a declared path such as `/zones/<zone_id>/dns_records/<dns_record_id>`,
//! rendered into a request path and matched against one.

use std::borrow::Cow;
use std::fmt;

use crate::request::encode::{push_segment, push_segments};

/// A path template as declared: literal text with `<placeholder>`s, each of which stands for
/// exactly one path segment, and at its end at most one `<rest..>`, which stands for one or more
/// (a Workers AI model name such as `@cf/meta/llama-3-8b-instruct`).
///
/// ```
/// use flarekit_core::catalog::{PathTemplate, Segment};
///
/// let t = PathTemplate::new("/zones/<zone_id>/dns_records/<dns_record_id>");
/// assert_eq!(t.placeholders().collect::<Vec<_>>(), ["zone_id", "dns_record_id"]);
/// assert_eq!(t.segments().nth(1), Some(Segment::Placeholder("zone_id")));
///
/// let path = t.render(|name| Some(if name == "zone_id" { "z/1".into() } else { "r".into() }));
/// assert_eq!(path.as_deref(), Some("/zones/z%2F1/dns_records/r"));
///
/// let values = t.matches("/zones/z%2F1/dns_records/r").unwrap();
/// assert_eq!(values, [("zone_id", "z/1".to_string()), ("dns_record_id", "r".to_string())]);
/// assert_eq!(t.matches("/zones/z/dns_records"), None);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PathTemplate(#[doc(hidden)] pub &'static str);

/// A piece of a [`PathTemplate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Segment {
    /// Text taken as it is, `/` included.
    Literal(&'static str),
    /// A `<placeholder>`: one percent-encoded path segment.
    Placeholder(&'static str),
    /// A `<rest..>` at the end: one or more segments, the value's `/`s kept and each piece
    /// percent-encoded.
    Rest(&'static str),
}

impl PathTemplate {
    /// The template `template`. `#[endpoint]` checks its syntax at compile time; here an
    /// unclosed `<` is taken as literal text.
    pub const fn new(template: &'static str) -> Self {
        PathTemplate(template)
    }

    /// The template as declared.
    pub const fn as_str(&self) -> &'static str {
        self.0
    }

    /// The template in OpenAPI's spelling: `/zones/{zone_id}` (and `{model_name}` for
    /// `<model_name..>`).
    pub fn openapi(&self) -> String {
        self.0.replace("..>", ">").replace('<', "{").replace('>', "}")
    }

    /// The name of its `<rest..>` placeholder, if it has one.
    pub fn rest(&self) -> Option<&'static str> {
        self.segments().find_map(|s| match s {
            Segment::Rest(name) => Some(name),
            _ => None,
        })
    }

    /// Its literal pieces and placeholders, in order.
    pub fn segments(&self) -> impl Iterator<Item = Segment> + 'static {
        let mut rest = self.0;
        std::iter::from_fn(move || {
            if rest.is_empty() {
                return None;
            }
            if let Some(after) = rest.strip_prefix('<') {
                if let Some(close) = after.find('>') {
                    rest = &after[close + 1..];
                    let name = &after[..close];
                    return Some(match name.strip_suffix("..") {
                        Some(name) => Segment::Rest(name),
                        None => Segment::Placeholder(name),
                    });
                }
            }
            let end = rest[1..].find('<').map_or(rest.len(), |i| i + 1);
            let (literal, tail) = rest.split_at(end);
            rest = tail;
            Some(Segment::Literal(literal))
        })
    }

    /// The placeholders' names, in order.
    pub fn placeholders(&self) -> impl Iterator<Item = &'static str> + 'static {
        self.segments().filter_map(|s| match s {
            Segment::Placeholder(name) | Segment::Rest(name) => Some(name),
            Segment::Literal(_) => None,
        })
    }

    /// The path with each placeholder's value (from `value`) percent-encoded as one segment;
    /// `None` when `value` has none for a placeholder.
    pub fn render<'a>(&self, mut value: impl FnMut(&'static str) -> Option<Cow<'a, str>>) -> Option<String> {
        let mut path = String::with_capacity(self.0.len() + 32);
        for segment in self.segments() {
            match segment {
                Segment::Literal(text) => path.push_str(text),
                Segment::Placeholder(name) => push_segment(&mut path, &value(name)?),
                Segment::Rest(name) => push_segments(&mut path, &value(name)?),
            }
        }
        Some(path)
    }

    /// The placeholders' values, percent-decoded, when `path` (without query) fits the
    /// template: every literal piece matches and each placeholder is one non-empty segment.
    pub fn matches(&self, path: &str) -> Option<Vec<(&'static str, String)>> {
        let mut rest = path;
        let mut values = Vec::new();
        for segment in self.segments() {
            match segment {
                Segment::Literal(text) => rest = rest.strip_prefix(text)?,
                Segment::Placeholder(name) => {
                    let end = rest.find('/').unwrap_or(rest.len());
                    if end == 0 {
                        return None;
                    }
                    values.push((name, percent_decode(&rest[..end])?));
                    rest = &rest[end..];
                }
                Segment::Rest(name) => {
                    if rest.is_empty() || rest.split('/').any(str::is_empty) {
                        return None;
                    }
                    let pieces: Option<Vec<String>> = rest.split('/').map(percent_decode).collect();
                    values.push((name, pieces?.join("/")));
                    rest = "";
                }
            }
        }
        rest.is_empty().then_some(values)
    }

    /// How many literal characters the template has: of two templates matching one path, the
    /// one with more (`…/batch` over `…/<id>`) is the more specific.
    pub fn literal_len(&self) -> usize {
        self.segments()
            .map(|s| match s {
                Segment::Literal(text) => text.len(),
                Segment::Placeholder(_) | Segment::Rest(_) => 0,
            })
            .sum()
    }
}

/// Percent-decodes one path segment; `None` when the result is not UTF-8.
fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Debug for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl PartialEq<str> for PathTemplate {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for PathTemplate {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for PathTemplate {
    fn eq(&self, other: &String) -> bool {
        self.0 == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rest_placeholder_keeps_its_slashes() {
        let t = PathTemplate::new("/accounts/<account_id>/ai/run/<model_name..>");
        assert_eq!(t.placeholders().collect::<Vec<_>>(), ["account_id", "model_name"]);
        assert_eq!(
            (t.rest(), t.openapi().as_str()),
            (Some("model_name"), "/accounts/{account_id}/ai/run/{model_name}")
        );
        let path = t.render(|n| Some(if n == "account_id" { "a".into() } else { "@cf/meta/llama 3?".into() }));
        assert_eq!(path.as_deref(), Some("/accounts/a/ai/run/@cf/meta/llama%203%3F"));
        let m = t.matches("/accounts/a/ai/run/@cf/meta/llama%203%3F").unwrap();
        assert_eq!(m[1], ("model_name", "@cf/meta/llama 3?".to_string()));
        assert_eq!(t.matches("/accounts/a/ai/run/"), None);
        assert_eq!(t.matches("/accounts/a/ai/run/@cf//x"), None);
    }

    #[test]
    fn segments_render_and_match() {
        let t = PathTemplate::new("/accounts/<account_id>/email-security/settings/allow_policies/<policy_id>");
        assert_eq!(
            t.segments().collect::<Vec<_>>(),
            [
                Segment::Literal("/accounts/"),
                Segment::Placeholder("account_id"),
                Segment::Literal("/email-security/settings/allow_policies/"),
                Segment::Placeholder("policy_id"),
            ]
        );
        assert_eq!(t.render(|_| None), None);
        let m = t.matches("/accounts/a%2Fb/email-security/settings/allow_policies/p").unwrap();
        assert_eq!(m, [("account_id", "a/b".to_string()), ("policy_id", "p".to_string())]);
        assert_eq!(t.matches("/accounts//email-security/settings/allow_policies/p"), None);
        assert_eq!(t.matches("/accounts/a/email-security/settings/allow_policies/p/x"), None);
        assert_eq!(t.matches("/accounts/a/email-security/settings/allow_policies/"), None);
        let batch = PathTemplate::new("/accounts/<account_id>/email-security/settings/allow_policies/batch");
        assert!(batch.literal_len() > t.literal_len());
        let unclosed: String = PathTemplate::new("/a/<b")
            .segments()
            .map(|s| match s {
                Segment::Literal(t) => t,
                Segment::Placeholder(_) | Segment::Rest(_) => "?",
            })
            .collect();
        assert_eq!(unclosed, "/a/<b");
        assert_eq!(PathTemplate::new("/a/<b>").openapi(), "/a/{b}");
    }
}
