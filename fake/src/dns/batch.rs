//! A batch of record changes (`POST /zones/{zone_id}/dns_records/batch`): the `deletes`, then
//! the `patches`, then the `puts`, then the `posts`, each list in its order and each change
//! checked as the single operation checks it, against the records as the changes before it
//! left them. The changes are made on a copy of the zone's records, which replaces them only
//! when every change succeeded: a failure changes nothing and names the change that failed
//! (`source.pointer` `/posts/1/content`).

use serde_json::{Map, Value};

use super::{find, Change, Zone};
use crate::check;
use crate::envelope::{success, ErrorItem, Failure};
use crate::store::Store;

/// The lists of a batch, in the order Cloudflare applies them.
const LISTS: [&str; 4] = ["deletes", "patches", "puts", "posts"];

/// Runs the batch in `body` on the records of `zone`: 200 with the records each list deleted,
/// changed, replaced and created, or the first failure.
pub(super) fn run(store: &mut Store, zone: &Zone, body: &[u8]) -> Result<(u16, Value), Failure> {
    let body = check::parse_object(body)?;
    let key = zone.id.to_ascii_lowercase();
    let mut work = store.records.get(&key).cloned().unwrap_or_default();
    let now = store.clock.now();
    let mut result = Map::new();
    for list in LISTS {
        let items = match body.get(list) {
            None | Some(Value::Null) => &[][..],
            Some(Value::Array(items)) => items.as_slice(),
            Some(_) => return Err(invalid(&format!("/{list}"), format!("`{list}` must be a list"))),
        };
        let mut done = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let at = format!("/{list}/{i}");
            let Some(sent) = item.as_object() else {
                return Err(invalid(&at, format!("`{list}` holds objects")));
            };
            let record = if list == "posts" {
                zone.create(&mut work, sent, store.next_seq(), &now)
            } else {
                let id = match sent.get("id") {
                    Some(Value::String(id)) => id.as_str(),
                    _ => return Err(invalid(&format!("{at}/id"), "`id` is required, a string")),
                };
                let found = find(&work, id).map_err(|f| f.at(format!("{at}/id")))?;
                match list {
                    "deletes" => Ok(work.rows.remove(found).record),
                    "patches" => zone.change(&mut work, id, sent.clone(), Change::Edit, &now),
                    _ => zone.change(&mut work, id, sent.clone(), Change::Replace, &now),
                }
            };
            done.push(Value::Object(record.map_err(|f| f.under(&at))?));
        }
        result.insert(list.to_owned(), Value::Array(done));
    }
    store.records.insert(key, work);
    Ok((200, success(Value::Object(result), None)))
}

/// A 400 about the member at `pointer`.
fn invalid(pointer: &str, message: impl Into<String>) -> Failure {
    Failure::invalid(vec![ErrorItem::invalid_at(pointer, message)])
}
