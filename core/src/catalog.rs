//! What an endpoint declares, as data: method, path, permissions and every field with its
//! location and constraints. `#[endpoint]` writes one [`EndpointInfo`] per declaration.

use crate::endpoint::Location;
use crate::validate::Rule;

/// The shape of a field's Rust type, as the declaration spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// A string.
    String,
    /// An integer.
    Integer,
    /// A floating-point number.
    Number,
    /// `bool`.
    Boolean,
    /// A list (`Vec`, slice or array).
    List,
    /// Any other type (an enum, a struct, a map).
    Other,
}

/// One field of an endpoint's params struct.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FieldInfo {
    /// The name on the wire (the placeholder, query parameter, body member or header name).
    pub name: &'static str,
    /// Where it goes.
    pub location: Location,
    /// The shape of its type (of the inner type for `Option` and `Nullable`).
    pub kind: Kind,
    /// `false` for `Option` and `Nullable` fields.
    pub required: bool,
    /// `true` for `Nullable` fields, which can send JSON `null`.
    pub nullable: bool,
    /// Its `#[validate(...)]` rules.
    pub constraints: &'static [Rule],
    /// Its doc comment.
    pub doc: &'static str,
    /// Whether it carries `#[deprecated]`.
    pub deprecated: bool,
}

/// One declared endpoint.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct EndpointInfo {
    /// The upper-case method.
    pub method: &'static str,
    /// The path template as declared.
    pub path: &'static str,
    /// The permissions that allow the call; any one suffices.
    pub permissions: &'static [&'static str],
    /// The first line of the struct's doc comment.
    pub summary: &'static str,
    /// The whole doc comment.
    pub doc: &'static str,
    /// Whether the struct carries `#[deprecated]`.
    pub deprecated: bool,
    /// The params struct's name.
    pub type_name: &'static str,
    /// `min_properties` of the body, 0 when unset.
    pub min_properties: usize,
    /// The fields in declaration order.
    pub fields: &'static [FieldInfo],
}

impl FieldInfo {
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn __new(
        name: &'static str,
        location: Location,
        kind: Kind,
        required: bool,
        nullable: bool,
        constraints: &'static [Rule],
        doc: &'static str,
        deprecated: bool,
    ) -> Self {
        FieldInfo { name, location, kind, required, nullable, constraints, doc, deprecated }
    }
}

impl EndpointInfo {
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn __new(
        method: &'static str,
        path: &'static str,
        permissions: &'static [&'static str],
        summary: &'static str,
        doc: &'static str,
        deprecated: bool,
        type_name: &'static str,
        min_properties: usize,
        fields: &'static [FieldInfo],
    ) -> Self {
        EndpointInfo { method, path, permissions, summary, doc, deprecated, type_name, min_properties, fields }
    }

    /// The field with this wire name.
    pub fn field(&self, name: &str) -> Option<&FieldInfo> {
        self.fields.iter().find(|f| f.name == name)
    }
}
