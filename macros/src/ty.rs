//! Syntactic classification of field types: what `#[validate]` rules can apply to.

use quote::ToTokens;
use syn::{GenericArgument, PathArguments, Type};

/// The shape of the value inside `Option` / `Nullable` / references.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    String,
    Integer,
    Float,
    Bool,
    List,
    Other,
}

impl Class {
    /// "this field is {description}".
    pub fn description(self) -> &'static str {
        match self {
            Class::String => "a string",
            Class::Integer => "an integer",
            Class::Float => "a floating-point number",
            Class::Bool => "a boolean",
            Class::List => "a list",
            Class::Other => "another type",
        }
    }
}

/// How a value may be absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    /// Always present.
    None,
    /// `Option<T>`: left out when `None`.
    Option,
    /// `Nullable<T>`: left out when `Omit`, JSON `null` when `Null`.
    Nullable,
}

/// A field type, classified.
#[derive(Clone, Copy)]
pub struct Shape<'a> {
    pub wrapper: Wrapper,
    pub class: Class,
    /// The type left after peeling wrappers and references.
    pub inner: &'a Type,
}

/// Classifies `ty`: peels references, `Option<..>` and `Nullable<..>` (any path whose last
/// segment has that name), then looks at what is left.
pub fn classify(ty: &Type) -> Shape<'_> {
    let mut wrapper = Wrapper::None;
    let mut ty = ty;
    loop {
        ty = match ty {
            Type::Reference(r) => &r.elem,
            Type::Paren(p) => &p.elem,
            Type::Group(g) => &g.elem,
            Type::Path(p) if p.qself.is_none() => {
                let Some(last) = p.path.segments.last() else { break };
                let kind = match last.ident.to_string().as_str() {
                    "Option" => Wrapper::Option,
                    "Nullable" => Wrapper::Nullable,
                    _ => break,
                };
                let Some(arg) = single_type_arg(&last.arguments) else { break };
                if wrapper == Wrapper::None {
                    wrapper = kind;
                }
                arg
            }
            _ => break,
        };
    }
    Shape { wrapper, class: class_of(ty), inner: ty }
}

fn class_of(ty: &Type) -> Class {
    match ty {
        Type::Slice(_) | Type::Array(_) => Class::List,
        Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else { return Class::Other };
            match last.ident.to_string().as_str() {
                "String" | "str" => Class::String,
                "Box" | "Cow" if type_args(&last.arguments).last().is_some_and(is_str) => Class::String,
                "Vec" => Class::List,
                "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => {
                    Class::Integer
                }
                "f32" | "f64" => Class::Float,
                "bool" => Class::Bool,
                _ => Class::Other,
            }
        }
        _ => Class::Other,
    }
}

fn is_str(ty: &&Type) -> bool {
    matches!(ty, Type::Path(p) if p.qself.is_none() && p.path.is_ident("str"))
}

fn type_args(args: &PathArguments) -> Vec<&Type> {
    match args {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|arg| match arg {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn single_type_arg(args: &PathArguments) -> Option<&Type> {
    match type_args(args).as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

impl Shape<'_> {
    /// Whether the value can break rules of its own (`flarekit::Validate`): anything but a plain
    /// string, number or boolean, or a list of them (whose `Validate` impls check nothing).
    /// `#[endpoint]` and `#[derive(Validate)]` call `Validate` exactly for these.
    pub fn checks_itself(&self) -> bool {
        match self.class {
            Class::Other => true,
            Class::List => {
                list_item(self.inner).map_or(true, |item| matches!(classify(item).class, Class::Other | Class::List))
            }
            Class::String | Class::Integer | Class::Float | Class::Bool => false,
        }
    }
}

/// The item type of a list type as [`classify`] leaves it (`Vec<T>`, `[T]`, `[T; N]`).
pub(crate) fn list_item(ty: &Type) -> Option<&Type> {
    match ty {
        Type::Slice(s) => Some(&s.elem),
        Type::Array(a) => Some(&a.elem),
        Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            if last.ident == "Vec" {
                single_type_arg(&last.arguments)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Whether `ty` is `Option<inner>` (any path ending in `Option`, around a path ending in
/// `inner`).
pub fn is_option_of(ty: &Type, inner: &str) -> bool {
    let Type::Path(p) = ty else { return false };
    let Some(last) = p.path.segments.last() else { return false };
    if p.qself.is_some() || last.ident != "Option" {
        return false;
    }
    matches!(
        single_type_arg(&last.arguments),
        Some(Type::Path(arg)) if arg.qself.is_none()
            && arg.path.segments.last().is_some_and(|s| s.ident == inner && s.arguments.is_none())
    )
}

/// The type as a user wrote it, for messages: `Vec<String>`, not `Vec < String >`.
pub fn display(ty: &Type) -> String {
    let raw = ty.to_token_stream().to_string();
    let mut out = String::with_capacity(raw.len());
    let chars: Vec<char> = raw.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let glue_prev = matches!(prev, Some('<' | '&' | ':' | '(' | '['));
            let glue_next = matches!(next, Some('<' | '>' | ',' | ':' | ')' | ']' | ';'));
            if glue_prev || glue_next {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(src: &str) -> (Wrapper, Class, String) {
        let ty: Type = syn::parse_str(src).unwrap();
        let s = classify(&ty);
        (s.wrapper, s.class, display(s.inner))
    }

    #[test]
    fn classifies_the_inner_type() {
        use Class::*;
        assert_eq!(shape("String"), (Wrapper::None, String, "String".into()));
        assert_eq!(shape("Option<std::string::String>"), (Wrapper::Option, String, "std::string::String".into()));
        assert_eq!(shape("flarekit::Nullable<u32>"), (Wrapper::Nullable, Integer, "u32".into()));
        assert_eq!(shape("&'static str").1, String);
        assert_eq!(shape("Box<str>").1, String);
        assert_eq!(shape("Cow<'static, str>").1, String);
        assert_eq!(shape("Box<u8>").1, Other);
        assert_eq!(shape("Option<f64>").1, Float);
        assert_eq!(shape("bool").1, Bool);
        assert_eq!(shape("Vec<String>"), (Wrapper::None, List, "Vec<String>".into()));
        assert_eq!(shape("&'static [u8]").1, List);
        assert_eq!(shape("[u8; 4]").1, List);
        assert_eq!(shape("Option<Option<i64>>"), (Wrapper::Option, Integer, "i64".into()));
        assert_eq!(shape("Mode").1, Other);
        assert_eq!(shape("HashMap<String, u32>"), (Wrapper::None, Other, "HashMap<String, u32>".into()));
        assert_eq!(shape("Option<(u8, u8)>").1, Other);
    }

    #[test]
    fn list_items() {
        let item = |src: &str| {
            let ty: Type = syn::parse_str(src).unwrap();
            list_item(classify(&ty).inner).map(display)
        };
        assert_eq!(item("Vec<Policy>").as_deref(), Some("Policy"));
        assert_eq!(item("Option<std::vec::Vec<Vec<u8>>>").as_deref(), Some("Vec<u8>"));
        assert_eq!(item("&'a [Kind]").as_deref(), Some("Kind"));
        assert_eq!(item("[u8; 4]").as_deref(), Some("u8"));
        assert_eq!(item("String"), None);
        assert_eq!(item("HashSet<u8>"), None);
    }

    #[test]
    fn option_of() {
        let ty = |src: &str| syn::parse_str::<Type>(src).unwrap();
        assert!(is_option_of(&ty("Option<u32>"), "u32"));
        assert!(is_option_of(&ty("std::option::Option<std::string::String>"), "String"));
        assert!(!is_option_of(&ty("Option<u64>"), "u32"));
        assert!(!is_option_of(&ty("u32"), "u32"));
        assert!(!is_option_of(&ty("Option<Option<u32>>"), "u32"));
        assert!(!is_option_of(&ty("Nullable<u32>"), "u32"));
    }
}
