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
    inv::SearchMessages::new(ACCOUNT.into())
        .start(START)
        .end(END)
        .query("invoice")
        .detections_only(true)
        .final_disposition(inv::BasicDisposition::Malicious)
        .metric("total")
        .message_action(inv::MessageAction::Moved)
        .recipient("user@example.com")
        .sender("attacker@example.net")
        .alert_id("4Njp3P0STMz2c02Q-1")
        .domain("example.net")
        .message_id("<abc@example.net>")
        .subject("Your invoice")
        .delivery_status(inv::DeliveryStatus::Quarantined)
        .cursor("eyJvZmZzZXQiOjIwfQ")
        .per_page(50)
}

#[allow(deprecated)] // `postfix_ids` is the API's deprecated name for `ids`
async fn messages(run: &mut Run) {
    let id = || MESSAGE.to_string();
    run.valid(search()).await;
    run.valid(inv::GetMessage::new(ACCOUNT.into(), &id()).submission(false)).await;
    run.valid(inv::GetMessageActionLog::new(ACCOUNT.into(), &id())).await;
    run.valid(inv::GetMessageDetections::new(ACCOUNT.into(), &id())).await;
    run.valid(inv::GetMessagePreview::new(ACCOUNT.into(), &id())).await;
    run.valid(inv::GetMessageRaw::new(ACCOUNT.into(), &id())).await;
    run.valid(inv::GetMessageTrace::new(ACCOUNT.into(), &id())).await;
    run.valid(
        inv::MoveMessage::new(ACCOUNT.into(), &id(), inv::MoveDestination::JunkEmail)
            .expected_disposition(inv::Disposition::MaliciousBec),
    )
    .await;
    run.valid(
        inv::ReclassifyMessage::new(ACCOUNT.into(), &id(), inv::BasicDisposition::Spam)
            .eml_content("U3ViamVjdDogaGVsbG8NCg0KaGk=")
            .escalated_submission_id("4Njp3P0STMz2c02Q-sub"),
    )
    .await;
    run.valid(
        inv::MoveMessages::new(ACCOUNT.into(), inv::MoveDestination::RecoverableItemsDeletions)
            .ids(vec![id(), "4Njp3P0STMz2c02R".into()]),
    )
    .await;
    run.valid(inv::PreviewMessages::new(ACCOUNT.into(), "4Njp3P0STMz2c02Q")).await;
    run.valid(inv::ReleaseMessages::new(ACCOUNT.into(), vec![id()])).await;
}

pub(super) fn bulk_messages() -> bulk::ListBulkJobMessages {
    bulk::ListBulkJobMessages::new(ACCOUNT.into(), ID).page(1).per_page(100).status(bulk::JobStatus::Failed)
}

#[allow(deprecated)] // `action_log` is deprecated by the API
async fn bulk_jobs(run: &mut Run) {
    run.valid(
        bulk::CreateBulkJob::new(
            ACCOUNT.into(),
            bulk::BulkAction::Move,
            bulk::BulkSearchParams {
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
        )
        .comment("clean up the invoice campaign")
        .destination(inv::MoveDestination::DeletedItems)
        .expected_disposition(inv::Disposition::Malicious),
    )
    .await;
    run.valid(
        bulk::ListBulkJobs::new(ACCOUNT.into())
            .page(1)
            .per_page(20)
            .action_type(bulk::BulkAction::Release)
            .status(bulk::JobStatus::Completed),
    )
    .await;
    run.valid(bulk::GetBulkJob::new(ACCOUNT.into(), ID)).await;
    run.valid(bulk::DeleteBulkJob::new(ACCOUNT.into(), ID)).await;
    run.valid(bulk::CancelBulkJob::new(ACCOUNT.into(), ID)).await;
    run.valid(bulk_messages()).await;
}

pub(super) fn submissions_list() -> submissions::ListSubmissions {
    submissions::ListSubmissions::new(ACCOUNT.into())
        .start(START)
        .end(END)
        .kind(submissions::SubmittedBy::User)
        .submission_id("4Njp3P0STMz2c02Q-sub")
        .original_disposition(inv::BasicDisposition::None)
        .requested_disposition(inv::BasicDisposition::Malicious)
        .outcome_disposition(inv::BasicDisposition::Suspicious)
        .status("escalated")
        .query("invoice")
        .escalated_from_user(true)
        .page(1)
        .per_page(20)
}

/// The deprecated `from_date` / `to_date` stay unset: Prism flags any use of a deprecated
/// parameter in `sl-violations` (severity Warning).
#[allow(deprecated)]
pub(super) fn phishguard_reports() -> phishguard::ListPhishguardReports {
    phishguard::ListPhishguardReports::new(ACCOUNT.into()).start(START).end(END)
}

async fn reports(run: &mut Run) {
    run.valid(phishguard_reports()).await;
    run.valid(submissions_list()).await;
}
