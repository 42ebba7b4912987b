//! The words of a flarekit declaration, defined once for everyone who speaks them: the
//! `#[endpoint]` macro parses them, the runtime (`flarekit-core`, which re-exports them) acts on
//! them, and a generator maps an OpenAPI document onto them.
//!
//! Each enum has its wire or OpenAPI name ([`Method::as_str`]) and the inverse
//! ([`Method::from_name`]); a macro that writes a variant into generated code takes its name
//! from `Debug`, which is exactly the variant's identifier.

#![no_std]
#![forbid(unsafe_code)]

mod format;
pub mod table;

use core::fmt;

pub use format::Format;

/// The HTTP method of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// Every method, in declaration order.
    pub const ALL: &'static [Method] = &[Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete];

    /// The upper-case method name as it goes on the wire.
    ///
    /// ```
    /// assert_eq!(flarekit_vocab::Method::Patch.as_str(), "PATCH");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// The method of an upper-case wire name; `None` for any other text.
    ///
    /// ```
    /// use flarekit_vocab::Method;
    /// assert_eq!(Method::from_name("DELETE"), Some(Method::Delete));
    /// assert_eq!(Method::from_name("delete"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.iter().copied().find(|m| m.as_str() == name)
    }

    /// Whether repeating the request has the same effect as sending it once (RFC 9110 §9.2.2).
    ///
    /// ```
    /// use flarekit_vocab::Method;
    /// assert!(Method::Put.is_idempotent());
    /// assert!(!Method::Post.is_idempotent());
    /// ```
    pub const fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

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

    /// Every location, in declaration order.
    pub const ALL: &'static [Location] =
        &[Location::Path, Location::Query, Location::Body, Location::WholeBody, Location::Header];

    /// The location's one-letter code in a field [`table`].
    pub const fn code(self) -> u8 {
        match self {
            Location::Path => b'p',
            Location::Query => b'q',
            Location::Body => b'b',
            Location::WholeBody => b'w',
            Location::Header => b'h',
        }
    }

    /// The location of a [`code`](Location::code); `None` for any other byte.
    pub fn from_code(code: u8) -> Option<Location> {
        Location::ALL.iter().copied().find(|l| l.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_names_round_trip() {
        for &m in Method::ALL {
            assert_eq!(Method::from_name(m.as_str()), Some(m));
        }
        assert_eq!(Method::from_name("HEAD"), None);
    }

    #[test]
    fn location_codes_round_trip() {
        for &l in Location::ALL {
            assert_eq!(Location::from_code(l.code()), Some(l));
        }
        assert_eq!(Location::from_code(b'x'), None);
    }
}
