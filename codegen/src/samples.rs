//! The answers of the fake (`fake/src/samples.rs`): for every generated operation whose answer is
//! JSON, a valid `result` (or whole body, outside the envelope) built from its response type,
//! which the fake gives for operations it serves no other way.

use std::fmt::Write as _;

use serde_json::Value;

use crate::calls::{Purpose, Values};
use crate::emit;
use crate::plan::{Operation, Response};
use crate::types::{Facts, Rules, TypeDef};

/// The source of the table, sorted by path template and method for a binary search.
pub fn table(ops: &[Operation], types: &[TypeDef]) -> String {
    let values = Values::new(types, Purpose::Answer);
    let mut rows: Vec<(&str, &str, String)> = ops
        .iter()
        .filter_map(|op| {
            let value = match &op.response {
                Response::Envelope(ty, _) | Response::Polled(ty) | Response::EnvelopeOr204(ty) | Response::Json(ty) => {
                    values.value(ty, &Rules::default(), &Facts::default(), 0)
                }
                Response::EnvelopeOrNothing => Value::Null,
                Response::Text | Response::Payload => return None,
            };
            Some((op.template.as_str(), op.method.as_str(), value.to_string()))
        })
        .collect();
    rows.sort();
    rows.dedup();
    let mut out = format!(
        "{}\n\n\
         //! A valid answer of every generated operation whose answer is JSON: the `result` of its\n\
         //! envelope (or its whole body, for one without), built from the response type alone: each\n\
         //! member the type always has, the first value of each enumeration, the first alternative of\n\
         //! each union, empty lists. The fake answers it for an operation it serves no other way.\n\n\
         /// (path template, method, JSON), sorted by template and method.\n\
         pub(crate) const SAMPLES: &[(&str, &str, &str)] = &[\n",
        emit::MARKER
    );
    for (template, method, json) in rows {
        let mut hashes = String::from("#");
        while json.contains(&format!("\"{hashes}")) {
            hashes.push('#');
        }
        let _ = writeln!(out, "    ({template:?}, {method:?}, r{hashes}\"{json}\"{hashes}),");
    }
    out.push_str("];\n");
    out
}
