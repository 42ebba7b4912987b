//! [`Nullable`]: a field that can be left out, set, or set to JSON `null`.

use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

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
///
/// `Omit` has no JSON form: serializing it is an error, never `null` (which would clear the
/// value on the server). `#[endpoint]` leaves omitted fields out; a struct of your own that
/// holds a `Nullable` must skip it too, which `#[derive(flarekit::Validate)]` checks at compile
/// time:
///
/// ```
/// use flarekit_core::Nullable;
///
/// #[derive(serde::Serialize)]
/// struct Patch {
///     #[serde(skip_serializing_if = "Nullable::is_omitted")]
///     comment: Nullable<String>,
/// }
/// assert_eq!(serde_json::to_string(&Patch { comment: Nullable::Omit }).unwrap(), "{}");
///
/// #[derive(serde::Serialize)]
/// struct Forgot {
///     comment: Nullable<String>,
/// }
/// let err = serde_json::to_string(&Forgot { comment: Nullable::Omit }).unwrap_err();
/// assert!(err.to_string().contains("skip_serializing_if"));
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

/// `null` reads as [`Nullable::Null`], a value as [`Nullable::Set`]; a member that is absent
/// reads as [`Nullable::Omit`] where it is `#[serde(default)]`.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.map_or(Nullable::Null, Nullable::Set))
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Set(v) => v.serialize(serializer),
            Nullable::Null => serializer.serialize_none(),
            Nullable::Omit => Err(S::Error::custom(
                "`Nullable::Omit` cannot be serialized (it would be sent as `null` and clear the value): \
                 skip it with `#[serde(skip_serializing_if = \"Nullable::is_omitted\")]`",
            )),
        }
    }
}
