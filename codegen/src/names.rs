//! Naming: modules, types, fields and variants, each by one documented rule.
//!
//! - A module is the SDK's service and resource chain, each in snake case (`dns::records`).
//! - An operation's type is the SDK method in PascalCase followed by its resource: the last
//!   element of the resource chain (the service when the chain is empty), singular unless the
//!   method lists (`list`, `list_*`) or works on many (`bulk_*`): `create` on
//!   `sending_domain_restrictions` is `CreateSendingDomainRestriction`, `list` is
//!   `ListSendingDomainRestrictions`. Two operations of a module that would share a name are
//!   told apart by their operation ids instead (reported in the coverage).
//! - A component schema's type is its name without the document's group prefix (`zones_zone` is
//!   `Zone`), with the prefix kept where two would meet in one module.
//! - An inline object or enumeration is named by its parent and its member (`ZoneMeta`).

/// Rust's keywords, strict and reserved, that an identifier must escape with `r#`.
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// The words of a name written in any case: `sending_domain-restrictions`, `requireSignedURLs`,
/// `name.contains`, `match[]`.
pub fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                // The end of an acronym: `URLs` in `signedURLs`, `HTTPServer`.
                Some(p) if p.is_ascii_uppercase() => {
                    next.is_some_and(|n| n.is_ascii_lowercase()) && !is_plural_s(&chars, i)
                }
                _ => false,
            };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `URLs`: the lower-case `s` after an acronym is its plural, not a new word.
fn is_plural_s(chars: &[char], i: usize) -> bool {
    chars.get(i + 1) == Some(&'s') && chars.get(i + 2).map_or(true, |c| !c.is_ascii_lowercase())
}

pub fn snake(name: &str) -> String {
    let mut s = words(name).join("_");
    if s.is_empty() {
        s.push_str("value");
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

pub fn pascal(name: &str) -> String {
    let mut s: String = words(name)
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + cs.as_str(),
                None => String::new(),
            }
        })
        .collect();
    if s.is_empty() {
        s.push_str("Value");
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    s
}

/// `name` as an identifier: keywords escaped (`r#type`), or suffixed with `_` where they
/// cannot be raw (`self_`).
pub fn ident(name: &str) -> String {
    if NOT_RAW.contains(&name) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// The file name of a module (`type.rs` for `r#type`).
pub fn file_stem(module: &str) -> &str {
    module.strip_prefix("r#").unwrap_or(module)
}

/// The singular of an English plural as resource names use them.
pub fn singular(word: &str) -> String {
    const SAME: &[&str] = &["status", "settings", "analytics", "dns", "access", "address", "ips", "series", "data"];
    if SAME.iter().any(|s| word.ends_with(s)) {
        return word.to_owned();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "shes", "ches", "xes"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return format!("{stem}{}", &suffix[..suffix.len() - 2]);
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.is_empty() => stem.to_owned(),
        _ => word.to_owned(),
    }
}

/// The type name of an operation (see the module docs).
pub fn operation_type(method: &str, resource: &str) -> String {
    let many = method == "list" || method.starts_with("list_") || method.starts_with("bulk_");
    let resource = if many { resource.to_owned() } else { singular(resource) };
    format!("{}{}", pascal(method), pascal(&resource))
}

/// A component schema's name without its group prefix: `zones_zone` → `zone`.
pub fn component_stem(name: &str) -> &str {
    match name.split_once('_') {
        Some((_, rest)) if !rest.is_empty() => rest,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_every_case() {
        assert_eq!(words("requireSignedURLs"), ["require", "signed", "urls"]);
        assert_eq!(words("name.contains"), ["name", "contains"]);
        assert_eq!(words("sending_domain-restrictions"), ["sending", "domain", "restrictions"]);
        assert_eq!(words("HTTPServer"), ["http", "server"]);
        assert_eq!(words("match[]"), ["match"]);
        assert_eq!(words("ipv4Cidr"), ["ipv4", "cidr"]);
    }

    #[test]
    fn operation_types_are_verb_and_resource() {
        assert_eq!(operation_type("create", "sending_domain_restrictions"), "CreateSendingDomainRestriction");
        assert_eq!(operation_type("list", "sending_domain_restrictions"), "ListSendingDomainRestrictions");
        assert_eq!(operation_type("bulk_delete", "policies"), "BulkDeletePolicies");
        assert_eq!(operation_type("get", "policies"), "GetPolicy");
        assert_eq!(operation_type("edit", "settings"), "EditSettings");
        assert_eq!(operation_type("purge", "cache"), "PurgeCache");
        assert_eq!(operation_type("delete", "addresses"), "DeleteAddress");
        assert_eq!(operation_type("get", "status"), "GetStatus");
    }

    #[test]
    fn identifiers_escape_keywords() {
        assert_eq!(ident("type"), "r#type");
        assert_eq!(ident("self"), "self_");
        assert_eq!(ident("zone"), "zone");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(pascal("2fa"), "V2fa");
        assert_eq!(component_stem("dns-records_dns-record"), "dns-record");
    }
}
