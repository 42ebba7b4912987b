//! `--all`: every page of a list, one request at a time, walked by the same
//! [`PageWalk`](flarekit::paginate::PageWalk) as `client.paginate`: by the declared style
//! (page numbers, cursors or offsets), ended on the strongest signal the server gives, and
//! stopped with an error rather than an endless loop when the server repeats a page or a cursor.
//! Where a page keeps its items (and, for some lists, its next cursor) in members of `result`,
//! the catalog's [`PageShape`](flarekit::PageShape) says which.

use flarekit::paginate::{NextPage, PageWalk};
use flarekit::{Client, EndpointInfo, Pagination};
use serde_json::Value;

use super::output::Printer;
use super::request::Values;
use super::Failure;

/// Fetches and prints every page from the one `values` asks for.
pub async fn all(
    client: &Client,
    info: &'static EndpointInfo,
    pagination: Pagination,
    mut values: Values,
    printer: &mut Printer,
) -> Result<(), Failure> {
    let param = pagination.param();
    // Unset: the walk starts at page 1 or offset 0.
    let first = values.get(param).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()).unwrap_or(0);
    let Some(mut walk) = PageWalk::new(info, first) else {
        return Err(Failure::Other(format!("{} {} is not a paginated list", info.method, info.path)));
    };
    loop {
        let mut response = client.send_parts(info, values.to_request(info)?).await?;
        let shape = info.page_shape;
        let cursor = match shape.cursor.and_then(|member| response.result.get_mut(member)).map(Value::take) {
            Some(Value::String(cursor)) => Some(cursor),
            _ => None,
        };
        let list = match shape.items {
            Some(member) => response.result.get_mut(member).map(Value::take).unwrap_or(Value::Null),
            None => response.result,
        };
        let items = match list {
            Value::Array(items) => items,
            Value::Null => Vec::new(),
            other => {
                let place = shape.items.map_or("the result".to_owned(), |member| format!("result.{member}"));
                return Err(Failure::Other(format!(
                    "expected a list in {place} of {} {}, got {}",
                    info.method,
                    info.path,
                    kind_of(&other)
                )));
            }
        };
        printer.items(&items).map_err(Failure::io)?;
        match walk.next(Ok(items.len()), response.result_info.as_deref(), cursor.as_deref())? {
            None => break,
            Some(NextPage::Page(n) | NextPage::Offset(n)) => values.set(info, param, Value::from(n)),
            Some(NextPage::Cursor(cursor)) => values.set(info, param, Value::String(cursor)),
            Some(_) => return Err(Failure::Other("the list asked for a kind of page this tool does not know".into())),
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
