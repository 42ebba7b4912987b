//! Conformance, wire vs Cloudflare's spec: Prism serves `../shared/spec/email-security.openapi.json`
//! as a validating mock on 127.0.0.1. The seed's operations, called with valid arguments through
//! the real client, pass Prism's request validation (no 422, no `sl-violations`) and decode
//! Prism's example response into their typed results; for each kind of constraint the
//! declarations carry, an invalid argument is refused by the client and never reaches Prism.
//! (Every Email Security operation is sent to Prism once by `prism_generated.rs`.)

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use flarekit::email_security::investigate::{self as inv, bulk, raw};
use flarekit::email_security::phishguard::reports;
use flarekit::email_security::settings::allow_policies::{self as ap, BatchAllowPoliciesDeletesItem as Delete};
use flarekit::email_security::settings::{
    block_senders as bs, domains as dom, sending_domain_restrictions as sdr, trusted_domains as td, PatternType,
};
use flarekit::email_security::{Direction, DispositionLabel};
use flarekit::validate::{Rule, Violation};
use flarekit::{Client, Endpoint, ErrorKind};
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
    sdr::ListSendingDomainRestrictions::new(ACCOUNT.into())
        .page(1)
        .per_page(20)
        .search("example")
        .order(dom::ListDomainsOrder::Domain)
        .direction(Direction::Asc)
}

fn delete() -> Delete {
    Delete { id: ID.into() }
}

/// The seed resource's operations, each once, valid.
async fn sending_domain_restrictions(run: &mut Run) {
    run.valid(
        sdr::CreateSendingDomainRestriction::new(ACCOUNT.into(), "example.com", vec!["subdomain.example.com".into()])
            .comments("TLS only"),
    )
    .await;
    run.valid(sdr_list()).await;
    run.valid(sdr::GetSendingDomainRestriction::new(ACCOUNT.into(), ID)).await;
    run.valid(sdr::EditSendingDomainRestriction::new(ACCOUNT.into(), ID).clear_comments()).await;
    run.valid(sdr::DeleteSendingDomainRestriction::new(ACCOUNT.into(), ID)).await;
    run.valid(sdr::BatchSendingDomainRestrictions::new(ACCOUNT.into(), vec![delete()])).await;
}

fn domain_replace() -> dom::ReplaceDomain {
    let modes = vec![dom::DeliveryMode::Direct];
    let regions = vec![dom::Region::Global];
    dom::ReplaceDomain::new(ACCOUNT.into(), ID, modes, vec![], vec![], 2, regions)
}

fn domain_create() -> dom::CreateDomain {
    let modes = vec![dom::DeliveryMode::Direct];
    dom::CreateDomain::new(ACCOUNT.into(), modes, "example.com", vec![], vec![], vec![dom::Region::Global])
}

fn allow_policy_create() -> ap::CreateAllowPolicy {
    ap::CreateAllowPolicy::new(ACCOUNT.into(), false, false, false, false, "example.com", PatternType::Domain, false)
}

async fn invalid_arguments(run: &mut Run) {
    let mut long_account = sdr_list();
    long_account.account_id = "a".repeat(33).into();
    run.refused("max_length", long_account).await;
    run.refused("minimum", sdr_list().page(0)).await;
    run.refused("maximum", sdr_list().per_page(5000)).await;
    let mut dot_dot_account = sdr_list();
    dot_dot_account.account_id = "..".into();
    run.refused("path_segment", dot_dot_account).await;
    run.refused("format", sdr::GetSendingDomainRestriction::new(ACCOUNT.into(), "not-a-uuid")).await;
    run.refused("max_items", sdr::BatchSendingDomainRestrictions::new(ACCOUNT.into(), vec![delete(); 1001])).await;
    run.refused(
        "format=uuid",
        sdr::BatchSendingDomainRestrictions::new(ACCOUNT.into(), vec![Delete { id: "x".into() }]),
    )
    .await;
    run.refused("min_properties", sdr::EditSendingDomainRestriction::new(ACCOUNT.into(), ID)).await;
    other_invalid_arguments(run).await;
}

/// One case of every constraint kind the declarations use, away from sending domain
/// restrictions: body and query and path values, single fields and list items.
async fn other_invalid_arguments(run: &mut Run) {
    run.refused("max_length", allow_policy_create().comments(&"x".repeat(1025))).await;
    run.refused("min_length", bs::CreateBlockSender::new(ACCOUNT.into(), false, "", PatternType::Domain)).await;
    let mut no_hops = domain_replace();
    no_hops.lookback_hops = 0;
    run.refused("minimum", no_hops).await;
    run.refused("maximum", bulk::ListBulkJobMessages::new(ACCOUNT.into(), ID).per_page(1001)).await;
    run.refused("maximum", ap::ListAllowPolicies::new(ACCOUNT.into()).per_page(1001)).await;
    let mut no_delivery_modes = domain_create();
    no_delivery_modes.allowed_delivery_modes = vec![];
    run.refused("min_items", no_delivery_modes).await;
    #[allow(deprecated)] // the API's deprecated bulk delete; its whole body is the list
    let no_domains = dom::DeleteDomains::new(ACCOUNT.into(), vec![]);
    run.refused("min_items", no_domains).await;
    let mut too_many_dispositions = domain_replace();
    too_many_dispositions.drop_dispositions = vec![DispositionLabel::Spam; 11];
    run.refused("max_items", too_many_dispositions).await;
    run.refused("format=uuid", bulk::GetBulkJob::new(ACCOUNT.into(), &ID.replace('-', ""))).await;
    run.refused("format=uuid", dom::ListDomains::new(ACCOUNT.into()).integration_id("integration-1")).await;
    run.refused("format=date-time", inv::ListInvestigate::new(ACCOUNT.into()).start("2024-01-01")).await;
    #[allow(deprecated)] // `from_date` is deprecated by the API, still declared with its format
    let bad_date = reports::ListReports::new(ACCOUNT.into()).from_date("2023-02-29");
    run.refused("format=date", bad_date).await;
    run.refused("min_properties", td::EditTrustedDomain::new(ACCOUNT.into(), ID)).await;
    run.refused("path_segment", raw::GetRaw::new(ACCOUNT.into(), "..")).await;
    run.refused("path_segment", inv::GetInvestigate::new(ACCOUNT.into(), "")).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_seed_passes_prism_and_invalid_arguments_never_reach_it() {
    let Some(_) = spec::load() else { return };
    let Some(prism) = Prism::start(&spec::path()) else { return };
    let inner = Arc::new(flarekit::HyperTransport::new(Duration::from_secs(5), 32 << 20).expect("transport"));
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
    assert_eq!(run.called.len(), 6, "each of the seed's operations once: {:#?}", run.called);
    invalid_arguments(&mut run).await;

    assert!(run.failures.is_empty(), "{} failure(s):\n{}", run.failures.len(), run.failures.join("\n"));
    let unprocessable: Vec<Exchange> =
        run.log.lock().unwrap_or_else(PoisonError::into_inner).iter().filter(|x| x.status == 422).cloned().collect();
    assert!(unprocessable.is_empty(), "Prism answered 422: {unprocessable:#?}");
    assert_eq!(run.exchanges(), 6, "only the valid calls reached Prism");
}
