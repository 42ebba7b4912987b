//! Valid calls of every investigate, bulk job, PhishGuard and submissions endpoint.

use flarekit::email_security::investigate::{self as inv, bulk};
use flarekit::email_security::{phishguard, submissions};

use super::{Run, ACCOUNT, ID};

/// An investigate id as the API hands them out.
const MESSAGE: &str = "4Njp3P0STMz2c02Q";
/// RFC 3339 bounds of a past search window.
const START: &str = "2024-01-01T00:00:00Z";
const END: &str = "2024-01-31T23:59:59.5+01:00";

pub(super) async fn all(run: &mut Run) {
    messages(run).await;
    bulk_jobs(run).await;
    reports(run).await;
}

#[allow(deprecated)] // `page` is the API's deprecated page-number pagination
pub(super) fn search() -> inv::SearchMessages {
    inv::SearchMessages {
        account_id: ACCOUNT.into(),
        start: Some(START.into()),
        end: Some(END.into()),
        query: Some("invoice".into()),
        detections_only: Some(true),
        final_disposition: Some(inv::BasicDisposition::Malicious),
        metric: Some("total".into()),
        message_action: Some(inv::MessageAction::Moved),
        recipient: Some("user@example.com".into()),
        sender: Some("attacker@example.net".into()),
        alert_id: Some("4Njp3P0STMz2c02Q-1".into()),
        domain: Some("example.net".into()),
        message_id: Some("<abc@example.net>".into()),
        subject: Some("Your invoice".into()),
        delivery_status: Some(inv::DeliveryStatus::Quarantined),
        cursor: Some("eyJvZmZzZXQiOjIwfQ".into()),
        per_page: Some(50),
        page: None,
    }
}

#[allow(deprecated)] // `postfix_ids` is the API's deprecated name for `ids`
async fn messages(run: &mut Run) {
    let id = || MESSAGE.to_string();
    run.valid(search()).await;
    run.valid(inv::GetMessage { account_id: ACCOUNT.into(), investigate_id: id(), submission: Some(false) }).await;
    run.valid(inv::GetMessageActionLog { account_id: ACCOUNT.into(), investigate_id: id() }).await;
    run.valid(inv::GetMessageDetections { account_id: ACCOUNT.into(), investigate_id: id() }).await;
    run.valid(inv::GetMessagePreview { account_id: ACCOUNT.into(), investigate_id: id() }).await;
    run.valid(inv::GetMessageRaw { account_id: ACCOUNT.into(), investigate_id: id() }).await;
    run.valid(inv::GetMessageTrace { account_id: ACCOUNT.into(), investigate_id: id() }).await;
    run.valid(inv::MoveMessage {
        account_id: ACCOUNT.into(),
        investigate_id: id(),
        destination: inv::MoveDestination::JunkEmail,
        expected_disposition: Some(inv::Disposition::MaliciousBec),
    })
    .await;
    run.valid(inv::ReclassifyMessage {
        account_id: ACCOUNT.into(),
        investigate_id: id(),
        expected_disposition: inv::BasicDisposition::Spam,
        eml_content: Some("U3ViamVjdDogaGVsbG8NCg0KaGk=".into()),
        escalated_submission_id: Some("4Njp3P0STMz2c02Q-sub".into()),
    })
    .await;
    run.valid(inv::MoveMessages {
        account_id: ACCOUNT.into(),
        destination: inv::MoveDestination::RecoverableItemsDeletions,
        expected_disposition: None,
        ids: Some(vec![id(), "4Njp3P0STMz2c02R".into()]),
        postfix_ids: None,
    })
    .await;
    run.valid(inv::PreviewMessages { account_id: ACCOUNT.into(), postfix_id: "4Njp3P0STMz2c02Q".into() }).await;
    run.valid(inv::ReleaseMessages { account_id: ACCOUNT.into(), ids: vec![id()] }).await;
}

pub(super) fn bulk_messages() -> bulk::ListBulkJobMessages {
    bulk::ListBulkJobMessages {
        account_id: ACCOUNT.into(),
        job_id: ID.into(),
        page: Some(1),
        per_page: Some(100),
        status: Some(bulk::JobStatus::Failed),
    }
}

#[allow(deprecated)] // `action_log` is deprecated by the API
async fn bulk_jobs(run: &mut Run) {
    run.valid(bulk::CreateBulkJob {
        account_id: ACCOUNT.into(),
        action: bulk::BulkAction::Move,
        search_params: bulk::BulkSearchParams {
            start: Some(START.into()),
            end: Some(END.into()),
            sender: Some("attacker@example.net".into()),
            final_disposition: Some(inv::Disposition::Malicious),
            delivery_status: Some(inv::DeliveryStatus::Delivered),
            detections_only: Some(true),
            message_action: Some(inv::MessageAction::Preview),
            submissions: Some(false),
            ..Default::default()
        },
        comment: Some("clean up the invoice campaign".into()),
        destination: Some(inv::MoveDestination::DeletedItems),
        expected_disposition: Some(inv::Disposition::Malicious),
    })
    .await;
    run.valid(bulk::ListBulkJobs {
        account_id: ACCOUNT.into(),
        page: Some(1),
        per_page: Some(20),
        action_type: Some(bulk::BulkAction::Release),
        status: Some(bulk::JobStatus::Completed),
    })
    .await;
    run.valid(bulk::GetBulkJob { account_id: ACCOUNT.into(), job_id: ID.into() }).await;
    run.valid(bulk::DeleteBulkJob { account_id: ACCOUNT.into(), job_id: ID.into() }).await;
    run.valid(bulk::CancelBulkJob { account_id: ACCOUNT.into(), job_id: ID.into() }).await;
    run.valid(bulk_messages()).await;
}

pub(super) fn submissions_list() -> submissions::ListSubmissions {
    submissions::ListSubmissions {
        account_id: ACCOUNT.into(),
        start: Some(START.into()),
        end: Some(END.into()),
        kind: Some(submissions::SubmittedBy::User),
        submission_id: Some("4Njp3P0STMz2c02Q-sub".into()),
        original_disposition: Some(inv::BasicDisposition::None),
        requested_disposition: Some(inv::BasicDisposition::Malicious),
        outcome_disposition: Some(inv::BasicDisposition::Suspicious),
        status: Some("escalated".into()),
        query: Some("invoice".into()),
        escalated_from_user: Some(true),
        page: Some(1),
        per_page: Some(20),
    }
}

/// The deprecated `from_date` / `to_date` stay unset: Prism flags any use of a deprecated
/// parameter in `sl-violations` (severity Warning).
#[allow(deprecated)]
pub(super) fn phishguard_reports() -> phishguard::ListPhishguardReports {
    phishguard::ListPhishguardReports {
        account_id: ACCOUNT.into(),
        start: Some(START.into()),
        end: Some(END.into()),
        from_date: None,
        to_date: None,
    }
}

async fn reports(run: &mut Run) {
    run.valid(phishguard_reports()).await;
    run.valid(submissions_list()).await;
}
