//! Reading a `multipart/form-data` body: its parts, each with its name, file name, content
//! type and bytes.

use crate::envelope::{codes, Failure};

/// One part of a form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    #[serde(with = "crate::base64::serde_bytes")]
    pub body: Vec<u8>,
}

/// The 400 for a form the fake cannot read, saying why.
pub(crate) fn malformed(why: impl std::fmt::Display) -> Failure {
    Failure::new(400, codes::MALFORMED_JSON, format!("Malformed multipart body: {why}"))
}

/// The parts of a request body that must be a form; `what` names the upload for the error when
/// it is not one (`a Worker`).
pub(crate) fn request_parts(content_type: &str, body: &[u8], what: &str) -> Result<Vec<Part>, Failure> {
    let boundary = boundary(content_type)
        .ok_or_else(|| malformed(format!("{what} is uploaded as multipart/form-data, not `{content_type}`")))?;
    parse(boundary, body).map_err(malformed)
}

/// The part named `name`, or the 400 that says there is none.
pub(crate) fn named<'a>(parts: &'a [Part], name: &str) -> Result<&'a Part, Failure> {
    parts.iter().find(|p| p.name == name).ok_or_else(|| malformed(format!("no `{name}` part")))
}

/// The boundary of a `multipart/form-data` content type, if it is one.
pub(crate) fn boundary(content_type: &str) -> Option<&str> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim().eq_ignore_ascii_case("boundary").then(|| value.trim().trim_matches('"'))
    })
}

/// The parts of `body`, separated by `boundary`; an error says what is malformed.
pub(crate) fn parse(boundary: &str, body: &[u8]) -> Result<Vec<Part>, String> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut rest = body.strip_prefix(delimiter).ok_or("the body does not start with the boundary")?;
    let mut parts = Vec::new();
    loop {
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        rest = rest.strip_prefix(b"\r\n").ok_or("a boundary is not followed by a line break")?;
        let head_end = find(rest, b"\r\n\r\n").ok_or("a part has no end to its headers")?;
        let head = std::str::from_utf8(&rest[..head_end]).map_err(|_| "a part's headers are not UTF-8")?;
        rest = &rest[head_end + 4..];
        let mut closing = b"\r\n".to_vec();
        closing.extend_from_slice(delimiter);
        let body_end = find(rest, &closing).ok_or("a part is not closed by the boundary")?;
        parts.push(part(head, rest[..body_end].to_vec())?);
        rest = &rest[body_end + closing.len()..];
    }
}

fn part(head: &str, body: Vec<u8>) -> Result<Part, String> {
    let (mut name, mut filename, mut content_type) = (None, None, None);
    for line in head.split("\r\n") {
        let Some((header, value)) = line.split_once(':') else { continue };
        if header.trim().eq_ignore_ascii_case("content-type") {
            content_type = Some(value.trim().to_owned());
        } else if header.trim().eq_ignore_ascii_case("content-disposition") {
            for param in value.split(';').skip(1) {
                let Some((key, v)) = param.split_once('=') else { continue };
                let v = v.trim().trim_matches('"').to_owned();
                match key.trim() {
                    "name" => name = Some(v),
                    "filename" => filename = Some(v),
                    _ => {}
                }
            }
        }
    }
    let name = name.ok_or("a part has no name in its Content-Disposition")?;
    Ok(Part { name, filename, content_type, body })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_keep_their_bytes_names_and_types() {
        let body = b"--xyz\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\n\x00\r\n\xff\r\n\
                     --xyz\r\nContent-Disposition: form-data; name=\"worker.js\"; filename=\"worker.js\"\r\n\
                     Content-Type: application/javascript+module\r\n\r\nexport default {}\r\n--xyz--\r\n";
        let parts = parse("xyz", body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!((parts[0].name.as_str(), parts[0].body.as_slice()), ("value", &b"\x00\r\n\xff"[..]));
        assert_eq!(parts[1].filename.as_deref(), Some("worker.js"));
        assert_eq!(parts[1].content_type.as_deref(), Some("application/javascript+module"));
        assert_eq!(boundary("multipart/form-data; boundary=\"xyz\""), Some("xyz"));
        assert_eq!(boundary("application/json"), None);
        assert!(parse("xyz", b"--xyz\r\nContent-Disposition: form-data\r\n\r\nx\r\n--xyz--").is_err());
        assert!(parse("xyz", b"--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end").is_err());
    }
}
