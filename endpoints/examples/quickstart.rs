//! Quickstart: a sending domain restriction from creation to deletion.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! Without credentials it starts the embedded fake API on 127.0.0.1 and runs against it. With
//! `CLOUDFLARE_API_TOKEN` and `CLOUDFLARE_ACCOUNT_ID` set, the same program runs against
//! Cloudflare's API (the token needs "Cloud Email Security: Write"); it deletes what it created,
//! even when a step fails.

use flarekit::email_security::settings::sending_domain_restrictions::{
    CreateSendingDomainRestriction, DeleteSendingDomainRestriction, EditSendingDomainRestriction,
    GetSendingDomainRestriction, ListSendingDomainRestrictions, SendingDomainRestriction,
};
use flarekit::{AccountId, Client};
use flarekit_fake::MockServer;
use std::io::Write;

type Result<T, E = Box<dyn std::error::Error>> = std::result::Result<T, E>;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let real = match (std::env::var("CLOUDFLARE_API_TOKEN"), std::env::var("CLOUDFLARE_ACCOUNT_ID")) {
        (Ok(_), Ok(account_id)) => Some((Client::from_env()?, account_id)),
        _ => None,
    };
    run(real, &mut std::io::stdout()).await
}

/// The walk, against `real` (a client and an account id) or, when `None`, the embedded fake;
/// each step is printed to `out`.
pub async fn run(real: Option<(Client, String)>, out: &mut dyn Write) -> Result<()> {
    // Keep the fake (if any) alive until the end: dropping it stops it.
    let (client, account_id, _fake) = match real {
        Some((client, account_id)) => {
            writeln!(out, "Using Cloudflare's API at {} for account {account_id}", client.base_url())?;
            (client, account_id, None)
        }
        None => {
            let fake = MockServer::start().await?;
            writeln!(
                out,
                "Using the embedded fake API at {} (set CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID \
                 to use Cloudflare's)",
                fake.base_url()
            )?;
            (fake.client(), "023e105f4ecef8ad9ca31a8372d0c353".to_owned(), Some(fake))
        }
    };
    let account_id = AccountId::from(account_id);

    // 1. Create: TLS is now required for mail from the domain, except from one subdomain.
    let created = CreateSendingDomainRestriction::new(
        account_id.clone(),
        "flarekit-quickstart.example.com",
        vec!["legacy.flarekit-quickstart.example.com".into()],
    )
    .comments("created by the flarekit quickstart")
    .send(&client)
    .await?;
    writeln!(out, "1. created  {}", describe(&created))?;
    // The document does not promise an id (nor any member) in every answer, so the type says
    // `Option`; a create answers with one.
    let id = created.id.ok_or("Cloudflare created the restriction but gave no id")?;

    let steps = walk(&client, &account_id, &id, out).await;
    if steps.is_err() {
        // Leave nothing behind on a real account.
        let cleanup = DeleteSendingDomainRestriction::new(account_id, &id);
        let _ = cleanup.send(&client).await;
    }
    steps
}

/// Steps 2 to 6 on the restriction `id`.
async fn walk(client: &Client, account_id: &AccountId, id: &str, out: &mut dyn Write) -> Result<()> {
    // 2. List: page through the account's restrictions (searching for ours by domain).
    let listed = ListSendingDomainRestrictions::new(account_id.clone())
        .search("flarekit-quickstart")
        .per_page(50)
        .send(client)
        .await?;
    let ours = listed.iter().any(|r| r.id.as_deref() == Some(id));
    writeln!(
        out,
        "2. listed   {} restriction(s) matching \"flarekit-quickstart\", ours among them: {ours}",
        listed.len()
    )?;

    // 3. Get it back by id.
    let got = GetSendingDomainRestriction::new(account_id.clone(), id).send(client).await?;
    writeln!(out, "3. got      {}", describe(&got))?;

    // 4. Edit: only the fields given change.
    let edited = EditSendingDomainRestriction::new(account_id.clone(), id)
        .exclude(vec!["legacy.flarekit-quickstart.example.com".into(), "old.flarekit-quickstart.example.com".into()])
        .comments("two legacy senders")
        .send(client)
        .await?;
    writeln!(out, "4. edited   {}", describe(&edited))?;

    // 5. Clear the comment: `clear_comments` sends JSON null.
    let cleared = EditSendingDomainRestriction::new(account_id.clone(), id).clear_comments().send(client).await?;
    writeln!(out, "5. cleared  {}", describe(&cleared))?;

    // 6. Delete.
    let deleted = DeleteSendingDomainRestriction::new(account_id.clone(), id).send(client).await?;
    writeln!(out, "6. deleted  {}", deleted.id)?;
    Ok(())
}

fn describe(r: &SendingDomainRestriction) -> String {
    let comments = match &r.comments {
        Some(c) => format!("{c:?}"),
        None => "none".to_owned(),
    };
    let (id, domain) = (r.id.as_deref().unwrap_or("?"), r.domain.as_deref().unwrap_or("?"));
    let exclude = r.exclude.as_deref().unwrap_or_default().join(", ");
    format!("{id} domain={domain} exclude=[{exclude}] comments={comments}")
}
