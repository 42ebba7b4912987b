//! [`Validate`]: values that check their own rules, so that a params struct's nested objects,
//! lists and enumerations are checked as deeply as its own fields.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use super::{Kind, Rule, Validator};
use crate::request::Nullable;

/// A value that checks its own rules: an object nested in a request, an enumeration, or a list,
/// `Option` or [`Nullable`] of one. `#[endpoint]` calls it for every field that is not a plain
/// string, number or boolean, with the field's name as the path of what it reports.
///
/// `#[derive(flarekit::Validate)]` implements it from `#[validate(...)]` rules on a struct's
/// fields, or from the wire names of an enum's variants ([`Validate::VALUES`]). Types with
/// nothing to check implement it with an empty `impl`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not say what it allows: it does not implement `flarekit::Validate`",
    label = "a field that is not a plain string, number or boolean needs `#[derive(flarekit::Validate)]` on its type (or an empty `impl flarekit::Validate for …`)"
)]
pub trait Validate {
    /// The values an enumeration takes on the wire, as requests may send them; empty for
    /// every other type. Lists and wrappers give their item's values.
    const VALUES: &'static [&'static str] = &[];

    /// The rules every value of the type meets, as data for the catalog (an identifier's
    /// `max_length`, say); `validate` checks them. Wrappers give their inner type's.
    const RULES: &'static [Rule] = &[];

    /// The shape of the type on the wire, for the catalog ([`Kind::Other`] unless the type
    /// says otherwise: an identifier is a [`Kind::String`]).
    const KIND: Kind = Kind::Other;

    /// `KIND`, `RULES` and `VALUES` together, as `#[endpoint]`'s field table takes them.
    #[doc(hidden)]
    const FACTS: crate::catalog::TypeFacts =
        crate::catalog::TypeFacts { kind: Self::KIND, rules: Self::RULES, values: Self::VALUES };

    /// Records every rule `self` breaks in `v`, each named by its path below the field being
    /// checked (see [`Validator::nested`]).
    #[inline]
    fn validate(&self, v: &mut Validator) {
        let _ = v;
    }
}

macro_rules! nothing_to_check {
    ($($t:ty),*) => {$(impl Validate for $t {})*};
}
nothing_to_check!(
    bool, char, u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64, str, String,
    serde_json::Value, serde_json::Map<String, serde_json::Value>
);

impl Validate for Cow<'_, str> {}

/// Bytes have no rules of their own.
impl Validate for crate::request::Blob {
    const KIND: Kind = Kind::Binary;
}

/// Every line is checked, named by its position (`vectors[2].id`).
impl<T: Validate> Validate for crate::request::Ndjson<T> {
    const VALUES: &'static [&'static str] = T::VALUES;
    const RULES: &'static [Rule] = T::RULES;
    fn validate(&self, v: &mut Validator) {
        self.0.validate(v);
    }
}

/// Maps are not descended into: their keys are data, not field names.
impl<K, V> Validate for BTreeMap<K, V> {}
impl<K, V, S> Validate for HashMap<K, V, S> {}

impl<T: Validate + ?Sized> Validate for &T {
    const VALUES: &'static [&'static str] = T::VALUES;
    const RULES: &'static [Rule] = T::RULES;
    const KIND: Kind = T::KIND;
    fn validate(&self, v: &mut Validator) {
        (**self).validate(v);
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    const VALUES: &'static [&'static str] = T::VALUES;
    const RULES: &'static [Rule] = T::RULES;
    const KIND: Kind = T::KIND;
    fn validate(&self, v: &mut Validator) {
        (**self).validate(v);
    }
}

impl<T: Validate> Validate for Option<T> {
    const VALUES: &'static [&'static str] = T::VALUES;
    const RULES: &'static [Rule] = T::RULES;
    const KIND: Kind = T::KIND;
    fn validate(&self, v: &mut Validator) {
        if let Some(value) = self {
            value.validate(v);
        }
    }
}

impl<T: Validate> Validate for Nullable<T> {
    const VALUES: &'static [&'static str] = T::VALUES;
    const RULES: &'static [Rule] = T::RULES;
    const KIND: Kind = T::KIND;
    fn validate(&self, v: &mut Validator) {
        if let Some(value) = self.as_set() {
            value.validate(v);
        }
    }
}

impl<T: Validate> Validate for [T] {
    const VALUES: &'static [&'static str] = T::VALUES;
    const KIND: Kind = Kind::List;
    fn validate(&self, v: &mut Validator) {
        for (i, item) in self.iter().enumerate() {
            v.item(i, item);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    const VALUES: &'static [&'static str] = T::VALUES;
    const KIND: Kind = Kind::List;
    fn validate(&self, v: &mut Validator) {
        self.as_slice().validate(v);
    }
}

impl<T: Validate, const N: usize> Validate for [T; N] {
    const VALUES: &'static [&'static str] = T::VALUES;
    const KIND: Kind = Kind::List;
    fn validate(&self, v: &mut Validator) {
        self.as_slice().validate(v);
    }
}
