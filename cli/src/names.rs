//! The command names of the endpoints: one deterministic rule from the declarations.
//!
//! * **Groups** are the declaring module's path after the crate name, each segment in
//!   kebab-case: `flarekit::email_security::settings::sending_domain_restrictions` gives
//!   `email-security settings sending-domain-restrictions`.
//! * **The leaf** is the params struct's name in kebab-case, minus the *resource*: the last
//!   module segment. Its words are dropped from the front of the name after the verb when they
//!   spell it word for word, a word matching in the singular or the plural and with or without
//!   `-ed` (`block_senders` matches `BlockedSender`). A plural resource word is dropped only
//!   after `list` and `batch`, which imply it; elsewhere it stays to tell a call on many
//!   apart from a call on one. So, in `sending_domain_restrictions`:
//!   `CreateSendingDomainRestriction` → `create`, `ListSendingDomainRestrictions` → `list`,
//!   `BatchSendingDomainRestrictions` → `batch`; in `domains`: `DeleteDomain` → `delete`,
//!   `DeleteDomains` → `delete-domains`, `GetDomainVerification` → `get-verification`; in
//!   `investigate`: `GetMessageRaw` → `get-message-raw`.
//! * If two endpoints still get one command (or a command is also a group), each of them
//!   falls back to its whole type name in kebab-case, and [`Commands::collisions`] says so.

use std::collections::BTreeMap;

use flarekit::EndpointInfo;

/// One command that sends an endpoint.
#[derive(Debug, Clone)]
pub struct Leaf {
    /// Group names then the leaf name.
    pub words: Vec<String>,
    /// What it sends.
    pub info: &'static EndpointInfo,
}

/// Every endpoint command, sorted by words.
#[derive(Debug, Clone, Default)]
pub struct Commands {
    /// The commands, sorted.
    pub leaves: Vec<Leaf>,
    /// Names that the rule gave to more than one endpoint (resolved by the fallback), for a test
    /// to fail on.
    pub collisions: Vec<String>,
}

/// `snake_case` (or any `_`-separated name) in kebab-case.
pub fn kebab(snake: &str) -> String {
    snake.trim_matches('_').replace('_', "-").to_ascii_lowercase()
}

/// The lower-case words of a CamelCase name: `GetURLPattern2` → `get`, `url`, `pattern2`.
pub fn camel_words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let boundary = c.is_uppercase()
            && i > 0
            && (chars[i - 1].is_lowercase()
                || chars[i - 1].is_ascii_digit()
                || (chars[i - 1].is_uppercase() && chars.get(i + 1).is_some_and(|n| n.is_lowercase())));
        if (boundary || c == '_') && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        if c != '_' {
            current.extend(c.to_lowercase());
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if word.ends_with("ss") || word.len() < 3 {
        word.to_owned()
    } else {
        word.strip_suffix('s').unwrap_or(word).to_owned()
    }
}

/// The form two words are compared in: singular, without `-ed`.
fn stem(word: &str) -> String {
    let s = singular(word);
    match s.strip_suffix("ed") {
        Some(base) if base.len() >= 3 => base.to_owned(),
        _ => s,
    }
}

/// The leaf name of an endpoint whose resource (last module segment) is `resource`.
pub fn leaf_name(type_name: &str, resource: &str) -> String {
    let words = camel_words(type_name);
    let Some((verb, rest)) = words.split_first() else {
        return String::new();
    };
    let resource: Vec<&str> = resource.split('_').filter(|w| !w.is_empty()).collect();
    let matched = !resource.is_empty()
        && rest.len() >= resource.len()
        && rest.iter().zip(&resource).all(|(a, b)| stem(a) == stem(b));
    let mut out = vec![verb.clone()];
    if matched {
        let last = &rest[resource.len() - 1];
        let plural = singular(last) != *last;
        let leftover = &rest[resource.len()..];
        if plural && leftover.is_empty() && !matches!(verb.as_str(), "list" | "batch") {
            out.extend(rest.iter().cloned());
        } else {
            out.extend(leftover.iter().cloned());
        }
    } else {
        out.extend(rest.iter().cloned());
    }
    out.join("-")
}

/// The module an endpoint is named by: where it is declared, less a `by_hand` module, which
/// holds the hand-declared part of a generated module and is re-exported by it.
pub fn public_module(module_path: &str) -> &str {
    module_path.strip_suffix("::by_hand").unwrap_or(module_path)
}

/// The group names of an endpoint: its public module path after the crate name, in kebab-case.
pub fn group_names(module_path: &str) -> Vec<String> {
    public_module(module_path).split("::").skip(1).map(kebab).collect()
}

impl Commands {
    /// The commands of these endpoints. Deterministic: the order of `catalog` does not matter.
    pub fn new(catalog: &[&'static EndpointInfo]) -> Commands {
        let mut sorted: Vec<&'static EndpointInfo> = catalog.to_vec();
        sorted.sort_by_key(|e| (e.module_path, e.type_name, e.path, e.method.as_str()));
        let mut leaves: Vec<Leaf> = sorted
            .iter()
            .map(|&info| {
                let mut words = group_names(info.module_path);
                let resource = public_module(info.module_path).rsplit("::").next().unwrap_or("");
                let resource = if words.is_empty() { "" } else { resource };
                words.push(leaf_name(info.type_name, resource));
                Leaf { words, info }
            })
            .collect();
        let mut collisions = Vec::new();
        // A name shared by two endpoints, or a command that is also a group: fall back to the
        // whole type name for every endpoint involved.
        let clashes = |leaves: &[Leaf]| -> Vec<usize> {
            let mut by_words: BTreeMap<&[String], Vec<usize>> = BTreeMap::new();
            for (i, l) in leaves.iter().enumerate() {
                by_words.entry(&l.words).or_default().push(i);
            }
            let mut bad: Vec<usize> = by_words.values().filter(|v| v.len() > 1).flatten().copied().collect();
            for (i, l) in leaves.iter().enumerate() {
                let group = leaves.iter().any(|o| o.words.len() > l.words.len() && o.words.starts_with(&l.words));
                if group {
                    bad.push(i);
                }
            }
            bad.sort_unstable();
            bad.dedup();
            bad
        };
        for i in clashes(&leaves) {
            let leaf = &mut leaves[i];
            collisions.push(format!("`{}` ({})", leaf.words.join(" "), leaf.info.type_name));
            if let Some(last) = leaf.words.last_mut() {
                *last = camel_words(leaf.info.type_name).join("-");
            }
        }
        // Still clashing (one type name declared twice in one module path): keep the first.
        let still = clashes(&leaves);
        if !still.is_empty() {
            for &i in &still {
                collisions.push(format!("`{}` ({}) dropped", leaves[i].words.join(" "), leaves[i].info.type_name));
            }
            let mut seen: Vec<Vec<String>> = Vec::new();
            leaves.retain(|l| {
                let dup = seen.iter().any(|s| s.starts_with(&l.words) || l.words.starts_with(s));
                seen.push(l.words.clone());
                !dup
            });
        }
        leaves.sort_by(|a, b| a.words.cmp(&b.words));
        Commands { leaves, collisions }
    }

    /// The commands whose words start with `prefix` (every command under a group, or the one
    /// command it names).
    pub fn under<'a>(&'a self, prefix: &'a [String]) -> impl Iterator<Item = &'a Leaf> + 'a {
        self.leaves.iter().filter(move |l| l.words.starts_with(prefix))
    }

    /// The command with exactly these words.
    pub fn find(&self, words: &[String]) -> Option<&Leaf> {
        self.leaves.iter().find(|l| l.words == words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_names() {
        assert_eq!(camel_words("GetURLPattern2"), ["get", "url", "pattern2"]);
        assert_eq!(camel_words("CreateSendingDomainRestriction"), ["create", "sending", "domain", "restriction"]);
        let r = "sending_domain_restrictions";
        assert_eq!(leaf_name("CreateSendingDomainRestriction", r), "create");
        assert_eq!(leaf_name("ListSendingDomainRestrictions", r), "list");
        assert_eq!(leaf_name("BatchSendingDomainRestrictions", r), "batch");
        assert_eq!(leaf_name("EditSendingDomainRestriction", r), "edit");
        assert_eq!(leaf_name("GetMessageRaw", "investigate"), "get-message-raw");
        assert_eq!(leaf_name("DeleteDomains", "domains"), "delete-domains");
        assert_eq!(leaf_name("DeleteDomain", "domains"), "delete");
        assert_eq!(leaf_name("GetDomainVerification", "domains"), "get-verification");
        assert_eq!(leaf_name("CreateBlockedSender", "block_senders"), "create");
        assert_eq!(leaf_name("ListBlockedSenders", "block_senders"), "list");
        assert_eq!(leaf_name("ListImpersonationRegistryEntries", "impersonation_registry"), "list-entries");
        assert_eq!(leaf_name("ListAllowPolicies", "allow_policies"), "list");
        assert_eq!(
            group_names("flarekit::email_security::settings::url_ignore_patterns"),
            ["email-security", "settings", "url-ignore-patterns"]
        );
    }
}
