//! Workers AI: running a model, its answer streamed as server-sent events; the public
//! fine-tunes, listed by offset.

use serde::{Deserialize, Serialize, Serializer};

use crate::streaming::EventStream;
use crate::validate::Validator;
use crate::{endpoint, AccountId, Validate};

/// The `stream: true` member of a streamed run: always `true`, so that the answer is the
/// event stream the declaration reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct StreamOn;

impl Serialize for StreamOn {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(true)
    }
}

impl Validate for StreamOn {}

/// A message of a chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct Message {
    /// Who speaks: `system`, `user` or `assistant`.
    pub role: String,
    /// What they say.
    pub content: String,
}

/// Runs a text-generation model and streams its answer as it is generated: one event per piece
/// (`{"response": "…"}`), then `[DONE]`.
///
/// ```no_run
/// use flarekit::ai::{RunModelStreaming, StreamOn};
/// use futures_util::StreamExt;
///
/// # async fn demo(client: flarekit::Client) -> Result<(), flarekit::Error> {
/// let mut events = RunModelStreaming::new("023e105f4ecef8ad9ca31a8372d0c353".into(), "@cf/meta/llama-3-8b-instruct", StreamOn)
///     .prompt("Where did the phrase Hello World come from?")
///     .send(&client)
///     .await?;
/// while let Some(event) = events.next().await {
///     let event = event?;
///     if event.data == "[DONE]" {
///         break;
///     }
///     if let Ok(piece) = event.json::<serde_json::Value>() {
///         print!("{}", piece["response"].as_str().unwrap_or_default());
///     }
/// }
/// # Ok(()) }
/// ```
#[endpoint(POST, "/accounts/<account_id>/ai/run/<model_name..>",
           perm = ["Workers AI Write", "Workers AI Read"], response = EventStream, stream, check = prompt_or_messages)]
#[derive(Debug, Clone, PartialEq)]
pub struct RunModelStreaming {
    /// Account identifier.
    pub account_id: AccountId,
    /// The model, such as `@cf/meta/llama-3-8b-instruct` (its `/`s are part of the path).
    pub model_name: String,
    /// Always `true`: the answer is streamed.
    pub stream: StreamOn,
    /// The prompt (or give `messages`).
    #[validate(min_length = 1)]
    pub prompt: Option<String>,
    /// The chat so far (or give `prompt`).
    pub messages: Option<Vec<Message>>,
    /// At most this many tokens in the answer.
    pub max_tokens: Option<u32>,
    /// Randomness of the answer, 0 to 5.
    #[validate(minimum = 0, maximum = 5)]
    pub temperature: Option<f64>,
}

/// Exactly one of `prompt` and `messages`.
fn prompt_or_messages(run: &RunModelStreaming, v: &mut Validator) {
    v.check(
        "prompt",
        run.prompt.is_some() != run.messages.is_some(),
        "prompt_or_messages",
        "must be given, or `messages` instead, but not both",
    );
}

/// Lists the public fine-tunes, `limit` at a time from `offset`.
#[endpoint(GET, "/accounts/<account_id>/ai/finetunes/public",
           perm = ["Workers AI Write", "Workers AI Read"], response = Vec<Finetune>, paginate = offset)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPublicFinetunes {
    /// Account identifier.
    pub account_id: AccountId,
    /// How many to skip.
    pub offset: Option<u32>,
    /// At most this many per page.
    pub limit: Option<u32>,
    /// The field to sort by.
    #[param(rename = "orderBy")]
    pub order_by: Option<String>,
}

/// A fine-tune of a model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Finetune {
    /// Its identifier.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The model it tunes.
    pub model: String,
    /// Whether it is public.
    pub public: bool,
    /// What it is for.
    pub description: Option<String>,
    /// When it was created (RFC 3339).
    pub created_at: Option<String>,
    /// When it last changed (RFC 3339).
    pub modified_at: Option<String>,
}
