//! What the rules check: the string, item list or number of a field's value, whatever wraps it.

use std::borrow::Cow;

use crate::request::Nullable;

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
    /// Bytes sent as they are ([`Blob`](crate::request::Blob)): a raw body or a file part.
    Binary,
    /// Any other type (an enum, a struct, a map).
    Other,
}

/// A value whose length `max_length`, `min_length`, `pattern` and `format` check.
///
/// Implemented for strings and for `Option` / [`Nullable`] of them (an absent value passes).
#[diagnostic::on_unimplemented(
    message = "this rule applies to strings, and `{Self}` is not one",
    label = "string rules (max_length, min_length, pattern, format) need a String, &str, Option<String> or Nullable<String>"
)]
pub trait StrValue {
    /// The string to check, or `None` when the value is absent.
    fn str_value(&self) -> Option<&str>;
}

/// A value whose item count `min_items`, `max_items` and `unique_items` check.
#[diagnostic::on_unimplemented(
    message = "this rule applies to lists, and `{Self}` is not one",
    label = "list rules (min_items, max_items, unique_items) need a Vec, a slice, or Option/Nullable of one"
)]
pub trait ListValue {
    /// The item type.
    type Item;
    /// The items, or `None` when the value is absent.
    fn items(&self) -> Option<&[Self::Item]>;
}

/// A value that `minimum`, `maximum` and their exclusive forms check.
#[diagnostic::on_unimplemented(
    message = "this rule applies to numbers, and `{Self}` is not one",
    label = "number rules (minimum, maximum, exclusive_minimum, exclusive_maximum) need an integer, a float, or Option/Nullable of one"
)]
pub trait NumberValue {
    /// The number, or `None` when the value is absent.
    fn number(&self) -> Option<f64>;
}

impl StrValue for str {
    fn str_value(&self) -> Option<&str> {
        Some(self)
    }
}
impl StrValue for String {
    fn str_value(&self) -> Option<&str> {
        Some(self)
    }
}
impl StrValue for Box<str> {
    fn str_value(&self) -> Option<&str> {
        Some(self)
    }
}
impl StrValue for Cow<'_, str> {
    fn str_value(&self) -> Option<&str> {
        Some(self)
    }
}
impl<T: ListValue + ?Sized> ListValue for &T {
    type Item = T::Item;
    fn items(&self) -> Option<&[Self::Item]> {
        (**self).items()
    }
}
impl<T> ListValue for Vec<T> {
    type Item = T;
    fn items(&self) -> Option<&[T]> {
        Some(self)
    }
}
impl<T> ListValue for crate::request::Ndjson<T> {
    type Item = T;
    fn items(&self) -> Option<&[T]> {
        Some(&self.0)
    }
}
impl<T> ListValue for [T] {
    type Item = T;
    fn items(&self) -> Option<&[T]> {
        Some(self)
    }
}
impl<T, const N: usize> ListValue for [T; N] {
    type Item = T;
    fn items(&self) -> Option<&[T]> {
        Some(self)
    }
}
impl<T: ListValue> ListValue for Option<T> {
    type Item = T::Item;
    fn items(&self) -> Option<&[Self::Item]> {
        self.as_ref().and_then(ListValue::items)
    }
}
impl<T: ListValue> ListValue for Nullable<T> {
    type Item = T::Item;
    fn items(&self) -> Option<&[Self::Item]> {
        self.as_set().and_then(ListValue::items)
    }
}

macro_rules! wrappers {
    ($($tr:ident :: $m:ident -> $out:ty),*) => {$(
        impl<T: $tr + ?Sized> $tr for &T {
            fn $m(&self) -> Option<$out> {
                (**self).$m()
            }
        }
        impl<T: $tr> $tr for Option<T> {
            fn $m(&self) -> Option<$out> {
                self.as_ref().and_then($tr::$m)
            }
        }
        impl<T: $tr> $tr for Nullable<T> {
            fn $m(&self) -> Option<$out> {
                self.as_set().and_then($tr::$m)
            }
        }
    )*};
}
wrappers!(StrValue::str_value -> &str, NumberValue::number -> f64);

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl NumberValue for $t {
            #[allow(clippy::cast_lossless, clippy::cast_precision_loss)]
            fn number(&self) -> Option<f64> {
                Some(*self as f64)
            }
        }
    )*};
}
numbers!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64);
