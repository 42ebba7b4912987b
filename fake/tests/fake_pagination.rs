//! Page-number pagination of the fake: `result_info`, edges, `client.paginate`, search, order
//! and direction.

use flarekit::email_security::settings::domains::ListDomainsOrder;
use flarekit::email_security::settings::sending_domain_restrictions::{
    CreateSendingDomainRestriction, ListSendingDomainRestrictions,
};
use flarekit::email_security::Direction;
use flarekit::{Client, ResultInfo};
use flarekit_fake::MockServer;
use futures_util::TryStreamExt;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";

async fn with_domains(domains: &[&str]) -> (MockServer, Client) {
    let server = MockServer::start().await.expect("the fake starts");
    let client = server.client();
    for domain in domains {
        client.send(CreateSendingDomainRestriction::new(ACCOUNT.into(), domain, vec![])).await.unwrap();
    }
    (server, client)
}

fn list(page: Option<u32>, per_page: Option<u32>) -> ListSendingDomainRestrictions {
    let mut list = ListSendingDomainRestrictions::new(ACCOUNT.into());
    list.page = page;
    list.per_page = per_page;
    list
}

fn info(page: u64, per_page: u64, count: u64, total_count: u64, total_pages: u64) -> ResultInfo {
    let mut info = ResultInfo::default();
    info.page = Some(page);
    info.per_page = Some(per_page);
    info.count = Some(count);
    info.total_count = Some(total_count);
    info.total_pages = Some(total_pages);
    info
}

async fn domains_of(client: &Client, request: ListSendingDomainRestrictions) -> (Vec<String>, ResultInfo) {
    let page = client.send_with_meta(request).await.unwrap();
    (page.result.into_iter().map(|r| r.domain.expect("a domain")).collect(), *page.result_info.unwrap())
}

#[tokio::test]
async fn empty_list_has_zero_pages() {
    let (_server, client) = with_domains(&[]).await;
    let (domains, result_info) = domains_of(&client, list(None, None)).await;
    assert!(domains.is_empty());
    assert_eq!(result_info, info(1, 20, 0, 0, 0));
    let all: Vec<_> = client.paginate(list(None, None)).try_collect().await.unwrap();
    assert!(all.is_empty());
}

#[tokio::test]
async fn exactly_one_page_and_a_partial_last_page() {
    let (_server, client) = with_domains(&["a.example", "b.example", "c.example", "d.example", "e.example"]).await;
    let (domains, result_info) = domains_of(&client, list(None, Some(5))).await;
    assert_eq!(domains.len(), 5);
    assert_eq!(result_info, info(1, 5, 5, 5, 1));

    let (first, first_info) = domains_of(&client, list(Some(1), Some(2))).await;
    assert_eq!((first, first_info), (vec!["a.example".to_owned(), "b.example".to_owned()], info(1, 2, 2, 5, 3)));
    let (last, last_info) = domains_of(&client, list(Some(3), Some(2))).await;
    assert_eq!((last, last_info), (vec!["e.example".to_owned()], info(3, 2, 1, 5, 3)));
    let (past, past_info) = domains_of(&client, list(Some(4), Some(2))).await;
    assert_eq!((past, past_info), (vec![], info(4, 2, 0, 5, 3)));
}

#[tokio::test]
async fn paginate_walks_every_page_one_item_at_a_time() {
    let names: Vec<String> = (0..7).map(|i| format!("d{i}.example")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let (_server, client) = with_domains(&refs).await;
    let all: Vec<_> = client.paginate(list(None, Some(1))).try_collect().await.unwrap();
    assert_eq!(all.iter().map(|r| r.domain.clone().expect("a domain")).collect::<Vec<_>>(), names);
    let pages: Vec<_> = client.pages(list(None, Some(3))).try_collect().await.unwrap();
    assert_eq!(pages.iter().map(|p| p.result.len()).collect::<Vec<_>>(), [3, 3, 1]);
}

#[tokio::test]
async fn search_order_and_direction() {
    let (_server, client) = with_domains(&["mail.beta.example", "Alpha.example", "gamma.test", "beta.example"]).await;
    let found = ListSendingDomainRestrictions::new(ACCOUNT.into()).search("BETA");
    assert_eq!(domains_of(&client, found).await.0, ["mail.beta.example", "beta.example"]);

    let by_domain = |direction| {
        let mut list = ListSendingDomainRestrictions::new(ACCOUNT.into()).order(ListDomainsOrder::Domain);
        list.direction = direction;
        list
    };
    assert_eq!(
        domains_of(&client, by_domain(None)).await.0,
        ["Alpha.example", "beta.example", "gamma.test", "mail.beta.example"]
    );
    assert_eq!(
        domains_of(&client, by_domain(Some(Direction::Desc))).await.0,
        ["mail.beta.example", "gamma.test", "beta.example", "Alpha.example"]
    );
    let newest_first = ListSendingDomainRestrictions::new(ACCOUNT.into())
        .order(ListDomainsOrder::CreatedAt)
        .direction(Direction::Desc)
        .per_page(3);
    let (domains, result_info) = domains_of(&client, newest_first).await;
    assert_eq!(domains, ["beta.example", "gamma.test", "Alpha.example"]);
    assert_eq!(result_info, info(1, 3, 3, 4, 2));
    let searched_pages = ListSendingDomainRestrictions::new(ACCOUNT.into()).search("example").per_page(2).page(2);
    let (domains, result_info) = domains_of(&client, searched_pages).await;
    assert_eq!(domains, ["beta.example"]);
    assert_eq!(result_info, info(2, 2, 1, 3, 2));
}
