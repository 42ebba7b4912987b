//! Identical types are one type. Cloudflare's document repeats shapes inline (Radar's 100-odd
//! answers each spell out the same `meta.dateRange` item), and each inline schema would
//! otherwise be a struct of its own, paid for by every build. An inline type whose definition
//! (members, their types, rules and documented facts) equals another's in the same service is
//! that type: a component type where there is one, else one type named by the words the
//! copies' names end with (`RuleLogging` for `BlockRuleLogging` and `LogRuleLogging`), in the
//! deepest module that holds them all.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::plan::{Operation, Response};
use crate::types::{Def, Module, Ty, TypeDef, TypeRef, Types};

/// Merges identical types in `types` and points every use in `ops` and `types` at the one
/// kept. Returns how many were merged away.
pub fn dedupe(types: &mut Types<'_>, ops: &mut [Operation]) -> usize {
    let index: HashMap<TypeRef, usize> = types.defs.iter().enumerate().map(|(i, d)| (d.at.clone(), i)).collect();
    let n = types.defs.len();
    let mut canon: Vec<usize> = (0..n).collect();
    // Merging two types can make their users equal: repeat until nothing more merges.
    let groups = loop {
        let mut groups: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, def) in types.defs.iter().enumerate() {
            let key = (def.at.module[0].clone(), signature(def, &index, &canon));
            groups.entry(key).or_default().push(i);
        }
        let mut next: Vec<usize> = (0..n).collect();
        for members in groups.values() {
            // A component type is kept; inline copies become it.
            let keep = members.iter().copied().find(|&i| types.defs[i].schema.is_some()).unwrap_or(members[0]);
            for &i in members {
                if types.defs[i].schema.is_none() {
                    next[i] = keep;
                }
            }
        }
        if next == canon {
            break groups;
        }
        canon = next;
    };

    // Where and under what name each kept inline type goes.
    let mut moved: HashMap<usize, TypeRef> = HashMap::new();
    let mut kept_groups: Vec<&Vec<usize>> = groups.values().filter(|m| m.len() > 1).collect();
    kept_groups.sort();
    for members in kept_groups {
        let keep = canon[members[0]];
        if types.defs[keep].schema.is_some() {
            continue;
        }
        let refs: Vec<&TypeRef> = members.iter().map(|&i| &types.defs[i].at).collect();
        let module = common_module(refs.iter().map(|r| &r.module));
        // An enumeration may take one word (`Order`, `Status`): it names the values' role.
        let least = if matches!(types.defs[keep].def, Def::Enum(_)) { 1 } else { 2 };
        let name = common_suffix(refs.iter().map(|r| r.name.as_str()), least);
        let target = match name {
            Some(name) if types.reserve(&module, &name) => TypeRef { module, name },
            _ => continue,
        };
        moved.insert(keep, target);
    }

    let mut map: HashMap<TypeRef, TypeRef> = HashMap::new();
    for (i, def) in types.defs.iter().enumerate() {
        let keep = canon[i];
        let to = moved.get(&keep).cloned().unwrap_or_else(|| types.defs[keep].at.clone());
        if to != def.at {
            map.insert(def.at.clone(), to);
        }
    }
    for (i, &keep) in canon.iter().enumerate() {
        let (request, response) = (types.defs[i].request, types.defs[i].response);
        types.defs[keep].request |= request;
        types.defs[keep].response |= response;
    }
    let before = types.defs.len();
    let defs = std::mem::take(&mut types.defs);
    types.defs = defs.into_iter().enumerate().filter(|(i, _)| canon[*i] == *i).map(|(_, d)| d).collect();
    for def in &mut types.defs {
        if let Some(to) = map.get(&def.at) {
            def.at = to.clone();
        }
        match &mut def.def {
            Def::Struct { members, .. } => members.iter_mut().for_each(|m| rewrite(&mut m.ty, &map)),
            Def::Enum(_) => {}
            Def::Tagged { variants, .. } => variants.iter_mut().for_each(|v| rewrite(&mut v.ty, &map)),
            Def::Kinds(kinds) => kinds.iter_mut().for_each(|(_, t)| rewrite(t, &map)),
        }
    }
    for op in ops {
        op.fields.iter_mut().for_each(|f| rewrite(&mut f.ty, &map));
        if let Response::Envelope(t, _) | Response::Json(t) = &mut op.response {
            rewrite(t, &map);
        }
    }
    before - types.defs.len()
}

/// What a definition says, with the types it uses named by the index of the type kept for them.
fn signature(def: &TypeDef, index: &HashMap<TypeRef, usize>, canon: &[usize]) -> String {
    // An enumeration or a union reads the same sent or read (a request adds its `Validate`
    // impl): the kept copy takes both directions. A struct's members depend on the direction
    // (read-only ones are left out of requests), and a read one is `#[non_exhaustive]`.
    let mut out = match def.def {
        Def::Enum(_) | Def::Tagged { .. } | Def::Kinds(_) => String::from("either|"),
        Def::Struct { .. } => format!("{}{}|", def.request, def.response),
    };
    let ty = |t: &Ty| ty_signature(t, index, canon);
    match &def.def {
        Def::Struct { members, requires_any } => {
            out.push_str("struct");
            let _ = write!(out, "{requires_any:?}");
            for m in members {
                let mut facts = m.facts.clone();
                facts.example = None;
                let _ = write!(
                    out,
                    "|{} {} {} {} {} {:?} {:?}",
                    m.wire,
                    m.rust,
                    ty(&m.ty),
                    m.always,
                    m.required,
                    m.rules,
                    facts
                );
            }
        }
        Def::Enum(values) => {
            let _ = write!(out, "enum|{}", values.join("|"));
        }
        Def::Tagged { tag, variants } => {
            let _ = write!(out, "tagged {tag}");
            for v in variants {
                let _ = write!(out, "|{} {}", v.wire, ty(&v.ty));
            }
        }
        Def::Kinds(kinds) => {
            out.push_str("kinds");
            for (kind, t) in kinds {
                let _ = write!(out, "|{kind:?} {}", ty(t));
            }
        }
    }
    out
}

fn ty_signature(ty: &Ty, index: &HashMap<TypeRef, usize>, canon: &[usize]) -> String {
    match ty {
        Ty::Named(r) => match index.get(r) {
            Some(&i) => format!("#{}", canon[i]),
            None => format!("{r:?}"),
        },
        Ty::Boxed(t) => format!("Box<{}>", ty_signature(t, index, canon)),
        Ty::List(t) => format!("Vec<{}>", ty_signature(t, index, canon)),
        Ty::Map(t) => format!("Map<{}>", ty_signature(t, index, canon)),
        other => format!("{other:?}"),
    }
}

fn rewrite(ty: &mut Ty, map: &HashMap<TypeRef, TypeRef>) {
    match ty {
        Ty::Named(r) => {
            if let Some(to) = map.get(r) {
                *r = to.clone();
            }
        }
        Ty::Boxed(t) | Ty::List(t) | Ty::Map(t) => rewrite(t, map),
        _ => {}
    }
}

/// The deepest module holding all of `modules`.
fn common_module<'a>(mut modules: impl Iterator<Item = &'a Module>) -> Module {
    let mut common = modules.next().cloned().unwrap_or_default();
    for m in modules {
        let same = common.iter().zip(m).take_while(|(a, b)| a == b).count();
        common.truncate(same);
    }
    common
}

/// The words all `names` end with, when they are at least `least` and not one of the names'
/// own first word (`ResultItem` alone says nothing of what it holds, so a struct takes two
/// words at least).
fn common_suffix<'a>(mut names: impl Iterator<Item = &'a str>, least: usize) -> Option<String> {
    let first = pascal_words(names.next()?);
    let mut len = first.len();
    for name in names {
        let words = pascal_words(name);
        len = len.min(first.iter().rev().zip(words.iter().rev()).take_while(|(a, b)| a == b).count());
    }
    (len >= least && len < first.len()).then(|| first[first.len() - len..].concat())
}

/// `SummaryIqiResult` → `["Summary", "Iqi", "Result"]`; digits stay with the word before.
fn pascal_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for c in name.chars() {
        match words.last_mut() {
            Some(w) if !c.is_ascii_uppercase() => w.push(c),
            _ => words.push(c.to_string()),
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_words_all_copies_end_with() {
        let of = |list: &[&str]| common_suffix(list.iter().copied(), 2);
        assert_eq!(of(&["BlockRuleLogging", "LogRuleLogging"]).as_deref(), Some("RuleLogging"));
        assert_eq!(
            of(&["SummaryIqiResultMetaDateRangeItem", "TimeseriesResultMetaDateRangeItem"]).as_deref(),
            Some("ResultMetaDateRangeItem")
        );
        assert_eq!(of(&["DeleteBookmarkResult", "DeleteCustomPageResult"]), None);
        let enums = |list: &[&str]| common_suffix(list.iter().copied(), 1);
        assert_eq!(enums(&["ListDomainsOrder", "ListSendingDomainRestrictionsOrder"]).as_deref(), Some("Order"));
        assert_eq!(enums(&["Order", "ListDomainsOrder"]), None);
    }

    #[test]
    fn the_common_module_is_the_deepest_holding_all() {
        let a: Module = vec!["radar".into(), "http".into(), "summary".into()];
        let b: Module = vec!["radar".into(), "http".into(), "timeseries".into()];
        let c: Module = vec!["radar".into(), "dns".into()];
        assert_eq!(common_module([&a, &b].into_iter()), vec!["radar".to_owned(), "http".to_owned()]);
        assert_eq!(common_module([&a, &b, &c].into_iter()), vec!["radar".to_owned()]);
    }
}
