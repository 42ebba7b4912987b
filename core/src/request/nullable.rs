//! [`Nullable`]: a field that can be left out, set, or set to JSON `null`.

use serde::{Serialize, Serializer};

/// A body field of a PATCH request that can say three things: leave the value alone
/// ([`Nullable::Omit`], the default), clear it ([`Nullable::Null`], sent as JSON `null`), or
/// set it ([`Nullable::Set`]).
///
/// ```
/// use flarekit_core::Nullable;
///
/// let keep: Nullable<String> = Nullable::default();
/// assert!(keep.is_omitted());
/// let clear: Nullable<String> = Nullable::Null;
/// assert_eq!(serde_json::to_string(&clear).unwrap(), "null");
/// let set: Nullable<String> = "TLS only".to_string().into();
/// assert_eq!(serde_json::to_string(&set).unwrap(), "\"TLS only\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Nullable<T> {
    /// Leave the field out of the request: the server keeps its value.
    #[default]
    Omit,
    /// Send JSON `null`: the server clears the value.
    Null,
    /// Send this value.
    Set(T),
}

impl<T> Nullable<T> {
    /// `true` for [`Nullable::Omit`].
    pub const fn is_omitted(&self) -> bool {
        matches!(self, Nullable::Omit)
    }

    /// The value, if it is [`Nullable::Set`].
    pub const fn as_set(&self) -> Option<&T> {
        match self {
            Nullable::Set(v) => Some(v),
            _ => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Set(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Set(v) => v.serialize(serializer),
            Nullable::Omit | Nullable::Null => serializer.serialize_none(),
        }
    }
}
