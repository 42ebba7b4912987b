//! Worker scripts: uploaded as modules, and their versions.

use serde::{Deserialize, Serialize};

use crate::request::Blob;
use crate::validate::Validator;
use crate::{endpoint, AccountId, Validate};

/// Uploads a Worker in module syntax: its metadata and modules as the parts of a multipart form.
///
/// ```
/// use flarekit::request::Blob;
/// use flarekit::workers::scripts::{ScriptMetadata, UploadWorkerModule};
///
/// let worker = Blob::from("export default { fetch() { return new Response('hi') } }")
///     .with_filename("worker.js")
///     .with_content_type("application/javascript+module");
/// let upload = UploadWorkerModule::new(
///     "023e105f4ecef8ad9ca31a8372d0c353".into(),
///     "hello",
///     ScriptMetadata::main_module("worker.js").compatibility_date("2024-08-01"),
///     vec![worker],
/// );
/// assert!(flarekit::Endpoint::validate(&upload).is_ok());
/// ```
#[endpoint(PUT, "/accounts/<account_id>/workers/scripts/<script_name>",
           perm = ["Workers Scripts Write"], response = Script, body = multipart, check = entry_point_is_uploaded)]
#[derive(Debug, Clone, PartialEq)]
pub struct UploadWorkerModule {
    /// Account identifier.
    pub account_id: AccountId,
    /// The script's name, used in URLs and routes.
    #[validate(pattern = "^[a-z0-9_][a-z0-9-_]*$")]
    pub script_name: String,
    /// The deployment to roll back to, instead of the uploaded code.
    #[param(query)]
    #[validate(format = "uuid")]
    pub rollback_to: Option<String>,
    /// Which module runs, and the Worker's configuration.
    #[param(json)]
    pub metadata: ScriptMetadata,
    /// The modules (JavaScript, WebAssembly, source maps), each a part named by its file name.
    #[param(parts)]
    #[validate(min_items = 1)]
    pub modules: Vec<Blob>,
}

/// `main_module` (or `body_part`) must name an uploaded module: Cloudflare refuses the upload
/// otherwise, and this way nothing is sent.
fn entry_point_is_uploaded(upload: &UploadWorkerModule, v: &mut Validator) {
    let uploaded = |name: &String| upload.modules.iter().any(|m| m.filename() == Some(name.as_str()));
    const RULE: &str = "part_name";
    const REQUIREMENT: &str = "must name one of the uploaded modules";
    if let Some(main) = &upload.metadata.main_module {
        v.check("metadata.main_module", uploaded(main), RULE, REQUIREMENT);
    }
    if let Some(body_part) = &upload.metadata.body_part {
        v.check("metadata.body_part", uploaded(body_part), RULE, REQUIREMENT);
    }
    v.check(
        "metadata",
        upload.metadata.main_module.is_some() || upload.metadata.body_part.is_some(),
        "entry_point",
        "must name the entry point in `main_module` (or `body_part`)",
    );
}

/// The `metadata` part of a Worker upload.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[non_exhaustive]
pub struct ScriptMetadata {
    /// The module that exports the handlers (module syntax).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_module: Option<String>,
    /// The part that adds the `fetch` listener (service-worker syntax).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_part: Option<String>,
    /// The Workers runtime version to behave as (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compatibility_date: Option<String>,
    /// Runtime features switched on or off beyond the compatibility date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compatibility_flags: Option<Vec<String>>,
    /// The bindings the Worker sees (variables, KV namespaces, secrets …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bindings: Option<Vec<Binding>>,
    /// Binding types to keep from the previous version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keep_bindings: Option<Vec<String>>,
    /// Tags of the script.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

impl Binding {
    /// A secret text: `name` in the Worker's environment, `text` its value (never shown by
    /// `Debug`). What [`secrets::UpdateSecret`](super::secrets::UpdateSecret) sends.
    pub fn secret_text(name: impl Into<String>, text: impl Into<crate::Secret>) -> Binding {
        Binding::SecretText { name: name.into(), text: text.into() }
    }
}

impl ScriptMetadata {
    /// Metadata of a module-syntax Worker whose entry point is the module `name`.
    pub fn main_module(name: impl Into<String>) -> Self {
        ScriptMetadata { main_module: Some(name.into()), ..Self::default() }
    }

    /// The same, with this compatibility date.
    pub fn compatibility_date(mut self, date: impl Into<String>) -> Self {
        self.compatibility_date = Some(date.into());
        self
    }
}

crate::tagged_union! {
    #[tag = "type"]
    /// A binding of a Worker: a name in its environment and what it stands for. A kind of
    /// binding this version does not model is [`Binding::Other`], sent and kept as its JSON.
    pub enum Binding {
        /// A text variable.
        PlainText = "plain_text" {
            /// The name the Worker sees.
            name: String,
            /// The text.
            text: String,
        },
        /// A secret text (write-only: Cloudflare never returns it; `Debug` shows `***`).
        SecretText = "secret_text" {
            /// The name the Worker sees.
            name: String,
            /// The secret.
            text: crate::Secret,
        },
        /// A KV namespace.
        KvNamespace = "kv_namespace" {
            /// The name the Worker sees.
            name: String,
            /// The namespace identifier.
            namespace_id: String,
        },
        /// An R2 bucket.
        R2Bucket = "r2_bucket" {
            /// The name the Worker sees.
            name: String,
            /// The bucket's name.
            bucket_name: String,
        },
        /// Another Worker.
        Service = "service" {
            /// The name the Worker sees.
            name: String,
            /// The other Worker's name.
            service: String,
            /// Its environment.
            environment: Option<String>,
        },
    }
}

/// A script as an upload answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Script {
    /// The script's name.
    pub id: Option<String>,
    /// Hash of the uploaded content.
    pub etag: Option<String>,
    /// The handlers the script exports (`fetch`, `scheduled` …).
    #[serde(default)]
    pub handlers: Vec<String>,
    /// When it was created (RFC 3339).
    pub created_on: Option<String>,
    /// When it last changed (RFC 3339).
    pub modified_on: Option<String>,
    /// The usage model.
    pub usage_model: Option<String>,
    /// The placement mode.
    pub placement_mode: Option<String>,
    /// Whether Logpush is on.
    pub logpush: Option<bool>,
    /// Startup time of the script, in milliseconds.
    pub startup_time_ms: Option<u64>,
}
