//! Least privilege: the smallest set of token permissions that allows a set of endpoints.

use super::EndpointInfo;

/// The least-privilege set of token permissions that allows every endpoint given: the smallest
/// set that contains one of each endpoint's permissions, preferring read-only permissions when
/// two sets are equally small. Sorted; endpoints that need no permission are ignored.
///
/// ```
/// use flarekit_core::catalog::least_privilege;
/// use flarekit_core::{EndpointInfo, Method};
///
/// let list = EndpointInfo::new(Method::Get, "/x").permissions(&["Cloud Email Security: Write", "Cloud Email Security: Read"]);
/// let create = EndpointInfo::new(Method::Post, "/x").permissions(&["Cloud Email Security: Write"]);
/// assert_eq!(least_privilege([&list]), ["Cloud Email Security: Read"]);
/// assert_eq!(least_privilege([&list, &create]), ["Cloud Email Security: Write"]);
/// ```
pub fn least_privilege<'a>(endpoints: impl IntoIterator<Item = &'a EndpointInfo>) -> Vec<&'static str> {
    let mut needs: Vec<&'static [&'static str]> = Vec::new();
    for e in endpoints {
        if !e.permissions.is_empty() && !needs.contains(&e.permissions) {
            needs.push(e.permissions);
        }
    }
    let mut candidates: Vec<&'static str> = needs.iter().flat_map(|p| p.iter().copied()).collect();
    candidates.sort_unstable();
    candidates.dedup();
    let covers = |set: &[&str]| needs.iter().all(|any| any.iter().any(|p| set.contains(p)));
    let writes = |set: &[&str]| set.iter().filter(|p| !p.ends_with("Read")).count();
    if candidates.len() <= 16 {
        // Exact: every subset, smallest first, then fewest non-read permissions.
        let mut best: Option<Vec<&'static str>> = None;
        for mask in 1u32..(1 << candidates.len()) {
            let set: Vec<&'static str> =
                candidates.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, p)| *p).collect();
            let better = match &best {
                None => true,
                Some(b) => (set.len(), writes(&set)) < (b.len(), writes(b)),
            };
            if better && covers(&set) {
                best = Some(set);
            }
        }
        return best.unwrap_or_default();
    }
    // Greedy for unusually many distinct permissions: take what covers the most, reads first.
    let mut chosen: Vec<&'static str> = Vec::new();
    while !covers(&chosen) {
        let gain =
            |p: &&str| needs.iter().filter(|any| any.contains(p) && !any.iter().any(|q| chosen.contains(q))).count();
        let next = candidates.iter().filter(|p| !chosen.contains(p)).max_by_key(|p| (gain(p), p.ends_with("Read")));
        match next {
            Some(p) => chosen.push(p),
            None => break,
        }
    }
    chosen.sort_unstable();
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::Method;

    const R: &[&str] = &["Mail: Write", "Mail: Read"];
    const W: &[&str] = &["Mail: Write"];
    const DNS: &[&str] = &["DNS: Read", "DNS: Write"];

    fn info(perms: &'static [&'static str]) -> EndpointInfo {
        EndpointInfo::new(Method::Get, "/x").permissions(perms)
    }

    #[test]
    fn least_privilege_prefers_reads_and_reuses_writes() {
        assert_eq!(least_privilege([&info(R)]), ["Mail: Read"]);
        assert_eq!(least_privilege([&info(R), &info(W)]), ["Mail: Write"]);
        assert_eq!(least_privilege([&info(R), &info(DNS)]), ["DNS: Read", "Mail: Read"]);
        assert_eq!(least_privilege([&info(&[])]), Vec::<&str>::new());
        assert_eq!(least_privilege([]), Vec::<&str>::new());
    }
}
