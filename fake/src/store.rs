//! The in-memory state: one table of resources per account and family, in creation order.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::clock::Clock;
use crate::kv::Kv;
use crate::workers::Workers;

/// Every account's resources.
#[derive(Debug, Default)]
pub(crate) struct Store {
    next_seq: u64,
    tables: HashMap<(String, &'static str), Table>,
    /// Every zone, of every account (zone ids are global), in creation order.
    pub zones: Table,
    /// Each zone's DNS records, by the zone's id (lower-case).
    pub records: HashMap<String, Table>,
    /// Workers KV's namespaces and values.
    pub kv: Kv,
    /// Workers scripts and routes.
    pub workers: Workers,
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
#[derive(Debug, Default, Clone)]
pub(crate) struct Table {
    pub rows: Vec<Row>,
}

/// One resource: its creation sequence number and its JSON representation.
#[derive(Debug, Clone)]
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
    /// The position of the resource with this id (ids compare case-insensitively, as UUIDs do).
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.id().is_some_and(|own| own.eq_ignore_ascii_case(id)))
    }
}
