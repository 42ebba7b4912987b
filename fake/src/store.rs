//! The in-memory state: one table of resources per account and family, in creation order;
//! written to a state file as JSON (see `state_file`) and read back by [`Store::load`].

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::clock::Clock;
use crate::kv::Kv;
use crate::workers::Workers;

/// Every account's resources.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Store {
    next_seq: u64,
    #[serde(serialize_with = "family_tables", deserialize_with = "read_family_tables")]
    tables: HashMap<(String, &'static str), Table>,
    /// Every zone, of every account (zone ids are global), in creation order.
    pub zones: Table,
    /// Each zone's DNS records, by the zone's id (lower-case).
    pub records: HashMap<String, Table>,
    /// Workers KV's namespaces and values.
    pub kv: Kv,
    /// Workers scripts and routes.
    pub workers: Workers,
    /// The resources served generically, by their collection's path (filled in).
    pub generic: HashMap<String, Table>,
    /// The server's clock.
    pub clock: Clock,
}

impl Store {
    /// The table of `family` in `account` (empty at first), and the sequence counter that
    /// orders creations.
    pub(crate) fn table(&mut self, account: &str, family: &'static str) -> (&mut Table, &mut u64) {
        let table = self.tables.entry((account.to_owned(), family)).or_default();
        (table, &mut self.next_seq)
    }

    /// The next creation sequence number.
    pub(crate) fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }
}

/// One family's resources in one account.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub(crate) struct Table {
    pub rows: Vec<Row>,
}

/// One resource: its creation sequence number and its JSON representation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Row {
    pub seq: u64,
    pub record: Map<String, Value>,
}

impl Row {
    pub(crate) fn id(&self) -> Option<&str> {
        self.record.get("id").and_then(Value::as_str)
    }
}

impl Table {
    /// The position of the resource with this id (ids compare case-insensitively, as UUIDs do;
    /// a numeric id matches its decimal digits).
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        self.rows.iter().position(|r| match r.record.get("id") {
            Some(Value::String(own)) => own.eq_ignore_ascii_case(id),
            Some(Value::Number(own)) => own.to_string() == id,
            _ => false,
        })
    }
}

/// The Email Security tables as a list of `{account, family, table}`, in a stable order.
fn family_tables<S: Serializer>(tables: &HashMap<(String, &'static str), Table>, s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Entry<'a> {
        account: &'a str,
        family: &'a str,
        table: &'a Table,
    }
    let mut entries: Vec<Entry<'_>> =
        tables.iter().map(|((account, family), table)| Entry { account, family, table }).collect();
    entries.sort_by(|a, b| (a.account, a.family).cmp(&(b.account, b.family)));
    entries.serialize(s)
}

fn read_family_tables<'de, D: Deserializer<'de>>(d: D) -> Result<HashMap<(String, &'static str), Table>, D::Error> {
    #[derive(Deserialize)]
    struct Entry {
        account: String,
        family: String,
        table: Table,
    }
    let mut tables = HashMap::new();
    for entry in Vec::<Entry>::deserialize(d)? {
        let family = crate::family::by_segment(&entry.family)
            .ok_or_else(|| serde::de::Error::custom(format!("no family `{}`", entry.family)))?;
        tables.insert((entry.account, family.segment), entry.table);
    }
    Ok(tables)
}

impl Store {
    /// The state in `path`; an empty one when there is no such file. A file that cannot be
    /// read, or is not a state the fake wrote, is an error that says so (it is never replaced).
    pub(crate) fn load(path: &Path) -> std::io::Result<Store> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Store::default()),
            Err(e) => {
                return Err(std::io::Error::new(
                    e.kind(),
                    format!("cannot read the state file {}: {e}", path.display()),
                ))
            }
        };
        serde_json::from_slice(&bytes).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "the state file {} is not a state the fake wrote ({e}); move it away or fix it",
                    path.display()
                ),
            )
        })
    }
}
