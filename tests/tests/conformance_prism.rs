//! Conformance, wire vs Cloudflare's spec: Prism serves `../shared/spec/email-security.openapi.json`
//! as a validating mock on 127.0.0.1; every declared Email Security endpoint, called with valid
//! arguments through the real client, must pass Prism's request validation (no 422, no
//! `sl-violations`) and decode Prism's example response into its typed result. For each kind of
//! constraint, an invalid argument is refused by the client and never reaches Prism.

#[path = "conformance_prism/investigate.rs"]
mod investigate;
#[path = "conformance_prism/settings.rs"]
mod settings;

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use flarekit::email_security::investigate::{self as inv, bulk};
use flarekit::email_security::settings::{
    allow_policies as ap, block_senders as bs, domains as dom, sending_domain_restrictions as sdr,
    trusted_domains as td,
};
use flarekit::email_security::{DispositionLabel, PatternType, SortDirection};
use flarekit::validate::{Rule, Violation};
use flarekit::{Client, Endpoint, ErrorKind, Nullable};
use flarekit_tests::prism::{Exchange, Prism, Recording};
use flarekit_tests::spec;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const ID: &str = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415";

struct Run {
    client: Client,
    log: Arc<Mutex<Vec<Exchange>>>,
    called: BTreeSet<(&'static str, &'static str)>,
    failures: Vec<String>,
}

impl Run {
    fn exchanges(&self) -> usize {
        self.log.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    fn last(&self) -> Option<Exchange> {
        self.log.lock().unwrap_or_else(PoisonError::into_inner).last().cloned()
    }

    /// Calls a valid request: Prism must accept it and its response must decode.
    async fn valid<E: Endpoint>(&mut self, endpoint: E)
    where
        E::Response: Debug,
    {
        self.called.insert((E::INFO.method.as_str(), E::INFO.path.as_str()));
        let before = self.exchanges();
        let result = self.client.send_with_meta(endpoint).await;
        let last = self.last().filter(|_| self.exchanges() > before);
        let at = format!("{} {}", E::INFO.method, E::INFO.path);
        match (result, last) {
            (_, None) => self.failures.push(format!("{at}: nothing reached Prism")),
            (_, Some(x)) if x.violations.is_some() => {
                self.failures.push(format!("{at}: Prism says {} ({})", x.violations.unwrap_or_default(), x.request))
            }
            (Err(e), Some(x)) => self.failures.push(format!("{at}: {e} ({})", x.request)),
            (Ok(_), Some(_)) => {}
        }
    }

    /// Calls an invalid request: the client must refuse it with a validation error naming
    /// `rule` (a rule name such as `max_items`, or `format=<format>` for one format), and Prism
    /// must see nothing.
    async fn refused<E: Endpoint>(&mut self, rule: &str, endpoint: E)
    where
        E::Response: Debug,
    {
        let before = self.exchanges();
        match self.client.send(endpoint).await.map_err(|e| e.into_kind()) {
            Err(ErrorKind::Validation(v)) if v.violations().iter().any(|x| names(x, rule)) => {}
            other => self.failures.push(format!(
                "{} {}: expected a `{rule}` violation, got {other:?}",
                E::INFO.method,
                E::INFO.path
            )),
        }
        if self.exchanges() != before {
            self.failures.push(format!(
                "{} {}: an invalid `{rule}` request reached Prism",
                E::INFO.method,
                E::INFO.path
            ));
        }
    }
}

/// Whether `violation` is of `rule`: `format=uuid` names one format, `format` any.
fn names(violation: &Violation, rule: &str) -> bool {
    match (&violation.rule, rule.split_once('=')) {
        (Rule::Format(f), Some(("format", format))) => f.as_str() == format,
        (_, Some(_)) => false,
        (r, None) => r.name() == rule,
    }
}

fn sdr_list() -> sdr::ListSendingDomainRestrictions {
    sdr::ListSendingDomainRestrictions {
        account_id: ACCOUNT.into(),
        page: Some(1),
        per_page: Some(20),
        search: Some("example".into()),
        order: Some(sdr::SendingDomainRestrictionOrder::Domain),
        direction: Some(SortDirection::Asc),
    }
}

async fn sending_domain_restrictions(run: &mut Run) {
    run.valid(sdr::CreateSendingDomainRestriction {
        account_id: ACCOUNT.into(),
        domain: "example.com".into(),
        exclude: vec!["subdomain.example.com".into()],
        comments: Some("TLS only".into()),
    })
    .await;
    run.valid(sdr_list()).await;
    run.valid(sdr::GetSendingDomainRestriction {
        account_id: ACCOUNT.into(),
        sending_domain_restriction_id: ID.into(),
    })
    .await;
    run.valid(sdr::EditSendingDomainRestriction {
        account_id: ACCOUNT.into(),
        sending_domain_restriction_id: ID.into(),
        domain: None,
        exclude: None,
        comments: Nullable::Null,
    })
    .await;
    run.valid(sdr::DeleteSendingDomainRestriction {
        account_id: ACCOUNT.into(),
        sending_domain_restriction_id: ID.into(),
    })
    .await;
    run.valid(sdr::BatchSendingDomainRestrictions {
        account_id: ACCOUNT.into(),
        deletes: vec![sdr::BatchDelete::new(ID)],
    })
    .await;
}

async fn invalid_arguments(run: &mut Run) {
    run.refused("max_length", sdr::ListSendingDomainRestrictions { account_id: "a".repeat(33), ..sdr_list() }).await;
    run.refused("minimum", sdr::ListSendingDomainRestrictions { page: Some(0), ..sdr_list() }).await;
    run.refused("maximum", sdr::ListSendingDomainRestrictions { per_page: Some(5000), ..sdr_list() }).await;
    run.refused("path_segment", sdr::ListSendingDomainRestrictions { account_id: "..".into(), ..sdr_list() }).await;
    run.refused(
        "format",
        sdr::GetSendingDomainRestriction {
            account_id: ACCOUNT.into(),
            sending_domain_restriction_id: "not-a-uuid".into(),
        },
    )
    .await;
    run.refused(
        "max_items",
        sdr::BatchSendingDomainRestrictions {
            account_id: ACCOUNT.into(),
            deletes: vec![sdr::BatchDelete::new(ID); 1001],
        },
    )
    .await;
    run.refused(
        "min_properties",
        sdr::EditSendingDomainRestriction {
            account_id: ACCOUNT.into(),
            sending_domain_restriction_id: ID.into(),
            domain: None,
            exclude: None,
            comments: Nullable::Omit,
        },
    )
    .await;
    other_invalid_arguments(run).await;
}

/// One case of every constraint kind the declarations use, away from sending domain
/// restrictions: body and query and path values, single fields and list items.
async fn other_invalid_arguments(run: &mut Run) {
    run.refused(
        "max_length",
        ap::CreateAllowPolicy { comments: Some("x".repeat(1025)), ..settings::allow_policy_create() },
    )
    .await;
    run.refused(
        "min_length",
        bs::CreateBlockedSender {
            account_id: ACCOUNT.into(),
            pattern: String::new(),
            is_regex: false,
            pattern_type: PatternType::Domain,
            comments: None,
        },
    )
    .await;
    run.refused("minimum", dom::ReplaceDomain { lookback_hops: 0, ..settings::domain_replace() }).await;
    run.refused("maximum", bulk::ListBulkJobMessages { per_page: Some(1001), ..investigate::bulk_messages() }).await;
    run.refused("maximum", ap::ListAllowPolicies { per_page: Some(1001), ..settings::allow_policies_list() }).await;
    run.refused("min_items", dom::CreateDomain { allowed_delivery_modes: vec![], ..settings::domain_create() }).await;
    #[allow(deprecated)] // the API's deprecated bulk delete; its whole body is the list
    let no_domains = dom::DeleteDomains { account_id: ACCOUNT.into(), domains: vec![] };
    run.refused("min_items", no_domains).await;
    run.refused(
        "max_items",
        dom::ReplaceDomain { drop_dispositions: vec![DispositionLabel::Spam; 11], ..settings::domain_replace() },
    )
    .await;
    run.refused("format=uuid", bulk::GetBulkJob { account_id: ACCOUNT.into(), job_id: ID.replace('-', "") }).await;
    run.refused(
        "format=uuid",
        dom::ListDomains {
            account_id: ACCOUNT.into(),
            integration_id: Some("integration-1".into()),
            ..Default::default()
        },
    )
    .await;
    run.refused("format=date-time", inv::SearchMessages { start: Some("2024-01-01".into()), ..investigate::search() })
        .await;
    #[allow(deprecated)] // `from_date` is deprecated by the API, still declared with its format
    let bad_date = flarekit::email_security::phishguard::ListPhishguardReports {
        from_date: Some("2023-02-29".into()),
        ..investigate::phishguard_reports()
    };
    run.refused("format=date", bad_date).await;
    run.refused(
        "min_properties",
        td::EditTrustedDomain { account_id: ACCOUNT.into(), trusted_domain_id: ID.into(), ..Default::default() },
    )
    .await;
    run.refused("path_segment", inv::GetMessageRaw { account_id: ACCOUNT.into(), investigate_id: "..".into() }).await;
    run.refused(
        "path_segment",
        inv::GetMessage { account_id: ACCOUNT.into(), investigate_id: String::new(), submission: None },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_declared_endpoint_passes_prism_and_invalid_ones_never_reach_it() {
    let Some(_) = spec::load() else { return };
    let Some(prism) = Prism::start(&spec::path()) else { return };
    let inner = Arc::new(flarekit::ReqwestTransport::new(Duration::from_secs(5), 32 << 20).expect("transport"));
    let (recording, log) = Recording::new(inner);
    let client = Client::builder()
        .base_url(prism.base_url())
        .credentials(flarekit::Credentials::api_token("prism-token"))
        .max_retries(0)
        .transport(Arc::new(recording))
        .build()
        .expect("client");
    let mut run = Run { client, log, called: BTreeSet::new(), failures: Vec::new() };

    sending_domain_restrictions(&mut run).await;
    settings::all(&mut run).await;
    investigate::all(&mut run).await;
    invalid_arguments(&mut run).await;

    let declared: BTreeSet<(&str, &str)> = flarekit::catalog()
        .iter()
        .filter(|e| e.path.as_str().starts_with("/accounts/<account_id>/email-security/"))
        .map(|e| (e.method.as_str(), e.path.as_str()))
        .collect();
    let uncalled: Vec<_> = declared.difference(&run.called).collect();
    assert!(uncalled.is_empty(), "declared endpoints not exercised against Prism: {uncalled:#?}");
    assert!(run.failures.is_empty(), "{} failure(s):\n{}", run.failures.len(), run.failures.join("\n"));
    let unprocessable: Vec<Exchange> =
        run.log.lock().unwrap_or_else(PoisonError::into_inner).iter().filter(|x| x.status == 422).cloned().collect();
    assert!(unprocessable.is_empty(), "Prism answered 422: {unprocessable:#?}");
    println!("{} endpoints passed Prism's validation", run.called.len());
}
