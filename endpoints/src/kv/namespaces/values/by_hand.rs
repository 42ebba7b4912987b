//! The values of a namespace, by key.
//!
//! A value is bytes, stored exactly as sent: [`WriteKeyValuePair`] sends them as the request
//! body, never wrapped in JSON.

use serde_json::Value;

use crate::decode::Payload;
use crate::request::Blob;
use crate::{endpoint, AccountId, Empty};

/// Writes a value under a key, the bytes as they are, optionally expiring.
#[endpoint(PUT, "/accounts/<account_id>/storage/kv/namespaces/<namespace_id>/values/<key_name>",
           perm = ["Workers KV Storage Write"], response = Empty)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteKeyValuePair {
    /// Account identifier.
    pub account_id: AccountId,
    /// Namespace identifier.
    #[validate(max_length = 32)]
    pub namespace_id: String,
    /// The key: any text up to 512 bytes; a `/` or `%` in it stays part of the one key.
    #[validate(max_length = 512)]
    pub key_name: String,
    /// When the key expires, in seconds since the Unix epoch.
    #[param(query)]
    pub expiration: Option<u64>,
    /// How long the key lives, in seconds from now (Cloudflare requires at least 60).
    #[param(query)]
    pub expiration_ttl: Option<u64>,
    /// The value.
    #[param(raw_body)]
    pub value: Blob,
}

/// Writes a value under a key with metadata kept beside it (a multipart form of the two).
#[endpoint(PUT, "/accounts/<account_id>/storage/kv/namespaces/<namespace_id>/values/<key_name>",
           perm = ["Workers KV Storage Write"], response = Empty, body = multipart)]
#[derive(Debug, Clone, PartialEq)]
pub struct WriteKeyValuePairWithMetadata {
    /// Account identifier.
    pub account_id: AccountId,
    /// Namespace identifier.
    #[validate(max_length = 32)]
    pub namespace_id: String,
    /// The key: any text up to 512 bytes; a `/` or `%` in it stays part of the one key.
    #[validate(max_length = 512)]
    pub key_name: String,
    /// When the key expires, in seconds since the Unix epoch.
    #[param(query)]
    pub expiration: Option<u64>,
    /// How long the key lives, in seconds from now (Cloudflare requires at least 60).
    #[param(query)]
    pub expiration_ttl: Option<u64>,
    /// The value.
    pub value: Blob,
    /// Any JSON, returned with the key when keys are listed.
    #[param(json)]
    pub metadata: Value,
}

/// Reads the value of a key: the bytes that were written, with the response's headers (its
/// `expiration`, if it has one).
#[endpoint(GET, "/accounts/<account_id>/storage/kv/namespaces/<namespace_id>/values/<key_name>",
           perm = ["Workers KV Storage Write", "Workers KV Storage Read"], response = Payload, decode_with = crate::decode::payload)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadKeyValuePair {
    /// Account identifier.
    pub account_id: AccountId,
    /// Namespace identifier.
    #[validate(max_length = 32)]
    pub namespace_id: String,
    /// The key.
    #[validate(max_length = 512)]
    pub key_name: String,
}
