//! `--all`: every page of a list, one request at a time, ended on the strongest signal the
//! server gives (as `flarekit::paginate` does for typed lists): `total_pages`, else
//! `total_count`, else a short or empty page; for cursors, no next cursor or an empty page. A
//! server that serves a page or cursor other than the one asked, or a cursor twice, is an error
//! rather than an endless loop.

use std::collections::HashSet;

use flarekit::{Client, EndpointInfo};
use serde_json::Value;

use super::command::Paging;
use super::output::Printer;
use super::request::Values;
use super::Failure;

/// Fetches and prints every page from the one `values` asks for.
pub async fn all(
    client: &Client,
    info: &'static EndpointInfo,
    paging: Paging,
    mut values: Values,
    printer: &mut Printer,
) -> Result<(), Failure> {
    let mut page: u64 = values.get("page").and_then(Value::as_u64).unwrap_or(1);
    let mut seen: u64 = 0;
    let mut cursors: HashSet<String> = HashSet::new();
    loop {
        if paging == Paging::Page {
            values.set(info, "page", Value::from(page));
        }
        let response = client.send_parts(info, values.to_request(info)?).await?;
        let items = match response.result {
            Value::Array(items) => items,
            Value::Null => Vec::new(),
            other => {
                return Err(Failure::Other(format!(
                    "expected a list as the result of {} {}, got {}",
                    info.method,
                    info.path,
                    kind_of(&other)
                )))
            }
        };
        let count = items.len() as u64;
        seen += count;
        printer.items(&items).map_err(Failure::io)?;
        let info_ = response.result_info.unwrap_or_default();
        let nonzero = |n: Option<u64>| n.filter(|&n| n != 0);
        match paging {
            Paging::Page => {
                if let Some(got) = nonzero(info_.page) {
                    if got != page {
                        return Err(Failure::Other(format!(
                            "asked {} for page {page} and the server answered with page {got}",
                            info.path
                        )));
                    }
                }
                let last = match (nonzero(info_.total_pages), nonzero(info_.total_count), info_.per_page) {
                    (Some(total), _, _) => page >= total,
                    (None, Some(total), _) => seen >= total,
                    (None, None, Some(per_page)) => count < per_page,
                    (None, None, None) => false,
                };
                if last || count == 0 {
                    break;
                }
                page += 1;
            }
            Paging::Cursor => match info_.next.filter(|c| !c.is_empty()) {
                Some(cursor) if count > 0 => {
                    if !cursors.insert(cursor.clone()) {
                        return Err(Failure::Other(format!("the server returned cursor {cursor:?} a second time")));
                    }
                    values.set(info, "cursor", Value::String(cursor));
                }
                _ => break,
            },
        }
    }
    printer.end().map_err(Failure::io)
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
