//! A Cloudflare Worker that points a DNS record at an address when called:
//!
//! ```text
//! GET /?zone=<zone id>&record=<record id>&name=<host name>&address=<IPv4 address>
//! ```
//!
//! It edits the `A` record through flarekit and answers with the record as Cloudflare now has
//! it. The API token is the Worker's secret `CLOUDFLARE_API_TOKEN`; the API it talks to is
//! Cloudflare's, or the variable `CLOUDFLARE_API_BASE` where one is set (a local fake in tests).

use flarekit::dns::records::{DnsRecord, EditRecord};
use flarekit::{Client, Credentials};
use serde::Deserialize;
use worker::{event, Context, Env, Request, Response, Result};

/// What the caller asks for, from the query string.
#[derive(Deserialize)]
struct Update {
    zone: String,
    record: String,
    name: String,
    address: String,
}

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let Ok(update) = req.query::<Update>() else {
        return Response::error("expected ?zone=…&record=…&name=…&address=…", 400);
    };
    let token = env.secret("CLOUDFLARE_API_TOKEN")?.to_string();
    let mut builder = Client::builder().credentials(Credentials::api_token(token));
    if let Ok(base) = env.var("CLOUDFLARE_API_BASE") {
        builder = builder.base_url(base.to_string());
    }
    let client = match builder.build() {
        Ok(client) => client,
        Err(e) => return Response::error(format!("client: {e}"), 500),
    };
    let edit = EditRecord::new(update.zone.into(), &update.record, DnsRecord::a(update.name, update.address));
    match edit.send(&client).await {
        Ok(record) => Response::from_json(&record),
        // flarekit's errors name what went wrong and never carry the token.
        Err(e) => Response::error(e.to_string(), e.status().unwrap_or(502)),
    }
}
