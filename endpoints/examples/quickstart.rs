//! Quickstart: list sending domain restrictions.
//!
//! With `CLOUDFLARE_API_TOKEN` and `CLOUDFLARE_ACCOUNT_ID` set it calls the real API; without
//! them it shows the exact request it would send, validated, and what validation refuses.

use flarekit::email_security::settings::sending_domain_restrictions::{
    CreateSendingDomainRestriction, ListSendingDomainRestrictions,
};
use flarekit::Endpoint;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let account_id =
        std::env::var("CLOUDFLARE_ACCOUNT_ID").unwrap_or_else(|_| "023e105f4ecef8ad9ca31a8372d0c353".into());
    let create = CreateSendingDomainRestriction {
        account_id: account_id.clone(),
        domain: "example.com".into(),
        exclude: vec!["subdomain.example.com".into()],
        comments: Some("Enforce TLS for all mail from this domain".into()),
    };
    let parts = create.to_request()?;
    println!("create would send: {} {}", parts.method, parts.path);
    println!("  body: {}", String::from_utf8_lossy(parts.body.as_deref().unwrap_or_default()));
    println!("  needs one of: {:?}", CreateSendingDomainRestriction::PERMISSIONS);

    let too_long = CreateSendingDomainRestriction { comments: Some("x".repeat(1025)), ..create };
    if let Err(e) = too_long.validate() {
        println!("validation refuses before sending: {e}");
    }

    match flarekit::Client::from_env() {
        Ok(client) if std::env::var("CLOUDFLARE_ACCOUNT_ID").is_ok() => {
            let list = ListSendingDomainRestrictions { account_id, per_page: Some(50), ..Default::default() };
            for r in client.send(list).await? {
                println!("{} excludes {:?} ({})", r.domain, r.exclude, r.id);
            }
        }
        Ok(_) => println!("set CLOUDFLARE_ACCOUNT_ID to list the account's restrictions"),
        Err(e) => println!("not calling the API: {e}"),
    }
    Ok(())
}
