//! Inserting vectors into an index, as lines of JSON.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::request::Ndjson;
use crate::{endpoint, AccountId, Validate};

crate::open_enum! {
    /// What the index does with lines it cannot parse.
    pub enum UnparsableBehavior {
        /// Refuse the whole upload.
        Error = "error",
        /// Skip them.
        Discard = "discard",
    }
}

/// A vector to insert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct Vector {
    /// Its identifier in the index.
    #[validate(min_length = 1, max_length = 64)]
    pub id: String,
    /// Its components.
    #[validate(min_items = 1)]
    pub values: Vec<f32>,
    /// Metadata kept with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Value>>,
}

/// Inserts vectors into an index, sent as newline-delimited JSON (`application/x-ndjson`).
#[endpoint(POST, "/accounts/<account_id>/vectorize/v2/indexes/<index_name>/insert",
           perm = "Vectorize Write", response = Mutation)]
#[derive(Debug, Clone, PartialEq)]
pub struct InsertVectors {
    /// Account identifier.
    pub account_id: AccountId,
    /// The index's name.
    #[validate(pattern = "^([a-z]+[a-z0-9_-]*[a-z0-9]+)$")]
    pub index_name: String,
    /// What to do with a line that does not parse.
    #[param(query, rename = "unparsable-behavior")]
    pub unparsable_behavior: Option<UnparsableBehavior>,
    /// The vectors, one per line.
    #[param(raw_body)]
    #[validate(min_items = 1)]
    pub vectors: Ndjson<Vector>,
}

/// What an insert answers: the id of the change, applied asynchronously.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Mutation {
    /// The change's identifier.
    #[serde(rename = "mutationId")]
    pub mutation_id: Option<String>,
}
