//! The request logs a zone received, as a stream of JSON lines.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::streaming::NdjsonStream;
use crate::{endpoint, Validate, ZoneId};

/// One log record: the fields that `fields` asked for (or Cloudflare's default set).
pub type LogRecord = Map<String, Value>;

/// How timestamps in the records are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
#[serde(rename_all = "lowercase")]
pub enum Timestamps {
    /// Unix seconds.
    Unix,
    /// Unix nanoseconds (the default).
    Unixnano,
    /// RFC 3339 text.
    Rfc3339,
}

/// Gets the zone's request logs of a time frame, one record per line, read as they arrive
/// (never buffered whole: a frame can hold millions of records).
///
/// ```no_run
/// use flarekit::logs::received::GetLogsReceived;
/// use futures_util::StreamExt;
///
/// # async fn demo(client: flarekit::Client) -> Result<(), flarekit::Error> {
/// let mut logs = GetLogsReceived::new("023e105f4ecef8ad9ca31a8372d0c353".into(), "2026-12-01T10:00:00Z", "2026-12-01T10:01:00Z")
///     .fields(vec!["ClientIP".into(), "RayID".into()])
///     .send(&client)
///     .await?;
/// while let Some(record) = logs.next().await {
///     println!("{}", record?["RayID"]);
/// }
/// # Ok(()) }
/// ```
#[endpoint(GET, "/zones/<zone_id>/logs/received", perm = ["Logs Write", "Logs Read"], response = NdjsonStream<LogRecord>, stream)]
#[derive(Debug, Clone, PartialEq)]
pub struct GetLogsReceived {
    /// Zone identifier.
    pub zone_id: ZoneId,
    /// The frame's first instant (inclusive): RFC 3339, or Unix seconds or nanoseconds.
    pub start: String,
    /// The frame's end (exclusive), in the same forms.
    pub end: String,
    /// The record fields to return (Cloudflare's default set when absent).
    #[param(explode = false)]
    pub fields: Option<Vec<String>>,
    /// The fraction of records to return, sampled at random (0 to 1).
    #[validate(minimum = 0, maximum = 1)]
    pub sample: Option<f64>,
    /// At most this many records.
    #[validate(minimum = 1)]
    pub count: Option<u64>,
    /// How timestamps are written.
    pub timestamps: Option<Timestamps>,
}
