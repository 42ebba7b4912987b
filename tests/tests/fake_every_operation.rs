//! Every declared operation answers on `flarekit fake`: each generated operation is built as a
//! caller would (`prism_generated/calls.rs`, written by flarekit-codegen, the same calls the
//! Prism test sends), sent once through the real client to a `MockServer` that knows the
//! account and zone the calls name, and must come back decoded into the operation's own
//! response type, or refused in Cloudflare's envelope for what the fake's state says (an item
//! that was never created is a 404). No answer is a 5xx, none fails to decode, none is a 501.

#[path = "prism_generated/calls.rs"]
mod calls;

use flarekit::{Client, ErrorKind};
use flarekit_fake::MockServer;
// The call table builds its calls with these.
use flarekit_tests::calls::{blob, call, json, Call, ACCOUNT, ZONE};

/// Creates whose stored resource does not decode as the create's answer, each with the reason:
/// the fake keeps what was sent, and here what was sent does not fit the answer's type. Each
/// one fixed fails this test until it leaves the list. None is left: the fake shapes what it
/// stored into the answer type (the posture integration's `config`, the DLP dataset's `secret`
/// were the last two).
const SHAPE_GAPS: &[(&str, &str, &str)] = &[];

#[derive(Debug, Default)]
struct Tally {
    answered: usize,
    not_found: usize,
    refused: Vec<String>,
    gaps: usize,
    failures: Vec<String>,
}

async fn tally(client: &Client, calls: &[(&str, &str, Call)]) -> Tally {
    let mut tally = Tally::default();
    for &(method, path, call) in calls {
        let at = format!("{method} {path}");
        let gap = SHAPE_GAPS.iter().any(|(m, p, _)| *m == method && *p == path);
        match call(client).await {
            Ok(()) if gap => tally.failures.push(format!("{at}: answered and decoded, but listed in SHAPE_GAPS")),
            Ok(()) => tally.answered += 1,
            Err(e) if gap && matches!(e.kind(), ErrorKind::Decode(_)) => tally.gaps += 1,
            Err(e) => match (e.kind(), e.status()) {
                (ErrorKind::Api(_), Some(404)) => tally.not_found += 1,
                (ErrorKind::Api(_), Some(400 | 409)) => tally.refused.push(format!("{at}: {e}")),
                _ => tally.failures.push(format!("{at}: {e}")),
            },
        }
    }
    tally
}

#[tokio::test(flavor = "multi_thread")]
async fn every_generated_operation_answers_on_the_fake() {
    let server = MockServer::builder().zone(ZONE, "example.com", ACCOUNT).start().await.expect("fake");
    let client = Client::builder()
        .base_url(server.base_url())
        .credentials(flarekit::Credentials::api_token(server.admin_token()))
        .max_retries(0)
        .build()
        .expect("client");
    let mut all = Vec::from(calls::CALLS);
    all.extend_from_slice(calls::EMAIL_SECURITY_CALLS);
    let tally = tally(&client, &all).await;
    for refused in &tally.refused {
        println!("refused: {refused}");
    }
    println!(
        "{} operations called on the fake: {} answered and decoded, {} not found (never created), {} refused, {} \
         listed shape gaps",
        all.len(),
        tally.answered,
        tally.not_found,
        tally.refused.len(),
        tally.gaps
    );
    assert!(tally.failures.is_empty(), "{} failure(s):\n{}", tally.failures.len(), tally.failures.join("\n"));
    assert_eq!(tally.gaps, SHAPE_GAPS.len(), "every listed gap is exercised");
    assert_eq!(tally.answered + tally.not_found + tally.refused.len() + tally.gaps, all.len());
}
