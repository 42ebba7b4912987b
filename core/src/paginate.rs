//! Pagination: a list endpoint consumed as a [`Stream`] of pages or of items.
//!
//! Two styles exist: page numbers (`page` query parameter, `result_info` with `page`,
//! `per_page`, `count`, `total_count`, `total_pages`) and cursors (`cursor` query parameter,
//! `result_info.next`). The walk ends on the strongest signal the server gives:
//! `total_pages`, else `total_count`, else an empty or short page; for cursors, an empty
//! cursor or an empty page. A server that serves the same page or cursor again ends the walk
//! with an error instead of looping forever. Only one page is held at a time.

use std::collections::HashSet;

use futures_core::Stream;
use futures_util::stream::{self, StreamExt, TryStreamExt};

use crate::client::Client;
use crate::request::Endpoint;
use crate::response::decode::Polled;
use crate::response::{ApiResponse, Error, PaginationError};

/// How a list endpoint pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Pagination {
    /// A `page` number from 1.
    PageNumber,
    /// An opaque `cursor` from the previous page's `result_info.next`.
    Cursor,
}

/// A list endpoint whose requests can ask for the next page. `#[endpoint(..., paginate = page)]`
/// or `paginate = cursor` implements it.
pub trait Paginated: Endpoint + Clone {
    /// The pagination style.
    const PAGINATION: Pagination;

    /// The page this request asks for (page-number lists; 1 when unset).
    fn page(&self) -> u32 {
        1
    }

    /// Asks for page `page` (page-number lists).
    fn set_page(&mut self, page: u32) {
        let _ = page;
    }

    /// Asks for the page after `cursor` (cursor lists).
    fn set_cursor(&mut self, cursor: String) {
        let _ = cursor;
    }
}

/// What one page of a list holds: its items, or a reason it holds none yet.
///
/// Implemented for `Vec<T>` and for [`Polled<Vec<T>>`](crate::decode::Polled), whose
/// `Pending` answer in the middle of a walk (a search the server is still running) ends the
/// walk with an error rather than passing for an empty, final page.
pub trait PageResult {
    /// The item type.
    type Item;

    /// How many items the page holds, or why it holds none yet.
    fn item_count(&self) -> Result<usize, String>;

    /// The page's items.
    fn into_items(self) -> Vec<Self::Item>;
}

impl<T> PageResult for Vec<T> {
    type Item = T;

    fn item_count(&self) -> Result<usize, String> {
        Ok(self.len())
    }

    fn into_items(self) -> Vec<T> {
        self
    }
}

impl<T> PageResult for Polled<Vec<T>> {
    type Item = T;

    fn item_count(&self) -> Result<usize, String> {
        match self {
            Polled::Ready(items) => Ok(items.len()),
            Polled::Pending { location } => Err(format!("the server is still preparing this page; poll {location}")),
        }
    }

    fn into_items(self) -> Vec<T> {
        self.ready().unwrap_or_default()
    }
}

struct Walk<E> {
    client: Client,
    next: Option<E>,
    items_seen: u64,
    cursors_seen: HashSet<String>,
}

impl<E> Walk<E>
where
    E: Paginated,
    E::Response: PageResult,
{
    /// Decides what comes after `page` (the response to `request`): the next request or the end.
    fn advance(&mut self, mut request: E, page: &ApiResponse<E::Response>) -> Result<Option<E>, Error> {
        let count = page.result.item_count().map_err(|reason| PaginationError::new(E::PATH, reason))?;
        self.items_seen += count as u64;
        let info = page.result_info.clone().unwrap_or_default();
        // Cursor-style `result_info` keeps deprecated `page` and `total_count` fields that
        // "always return 0": a zero there says nothing.
        let nonzero = |n: Option<u64>| n.filter(|&n| n != 0);
        let (info_page, total_pages, total_count) =
            (nonzero(info.page), nonzero(info.total_pages), nonzero(info.total_count));
        match E::PAGINATION {
            Pagination::PageNumber => {
                let asked = request.page();
                if let Some(got) = info_page {
                    if got != u64::from(asked) {
                        return Err(PaginationError::new(
                            E::PATH,
                            format!("asked for page {asked} and the server answered with page {got}"),
                        )
                        .into());
                    }
                }
                let last = match (total_pages, total_count, info.per_page) {
                    (Some(total), _, _) => u64::from(asked) >= total,
                    (None, Some(total), _) => self.items_seen >= total,
                    (None, None, Some(per_page)) => (count as u64) < per_page,
                    (None, None, None) => false,
                };
                if last || count == 0 {
                    return Ok(None);
                }
                let Some(next) = asked.checked_add(1) else {
                    return Err(PaginationError::new(E::PATH, "page number overflow").into());
                };
                request.set_page(next);
                Ok(Some(request))
            }
            Pagination::Cursor => match info.next.filter(|c| !c.is_empty()) {
                None => Ok(None),
                Some(_) if count == 0 => Ok(None),
                Some(cursor) => {
                    if !self.cursors_seen.insert(cursor.clone()) {
                        return Err(PaginationError::new(
                            E::PATH,
                            format!("the server returned cursor {cursor:?} a second time"),
                        )
                        .into());
                    }
                    request.set_cursor(cursor);
                    Ok(Some(request))
                }
            },
        }
    }
}

impl Client {
    /// Every page of a list, one response at a time, starting from the request's own page or
    /// cursor.
    ///
    /// ```no_run
    /// # use futures_util::StreamExt;
    /// # async fn demo<E>(client: flarekit_core::Client, list: E) -> Result<(), flarekit_core::Error>
    /// # where E: flarekit_core::paginate::Paginated + Send + Sync + 'static, E::Response: Send + 'static,
    /// #       E::Response: flarekit_core::paginate::PageResult {
    /// let mut pages = std::pin::pin!(client.pages(list));
    /// while let Some(page) = pages.next().await {
    ///     let page = page?;
    ///     println!("page {:?}", page.result_info);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn pages<E>(&self, request: E) -> impl Stream<Item = Result<ApiResponse<E::Response>, Error>> + Send + 'static
    where
        E: Paginated + Send + Sync + 'static,
        E::Response: PageResult + Send + 'static,
    {
        let walk = Walk { client: self.clone(), next: Some(request), items_seen: 0, cursors_seen: HashSet::new() };
        stream::try_unfold(walk, |mut walk| async move {
            let Some(request) = walk.next.take() else { return Ok(None) };
            let page = walk.client.send_with_meta(&request).await?;
            walk.next = walk.advance(request, &page)?;
            Ok(Some((page, walk)))
        })
    }

    /// Every item of a list, fetching pages as the stream is consumed.
    ///
    /// ```no_run
    /// # use futures_util::TryStreamExt;
    /// # async fn demo<E, T>(client: flarekit_core::Client, list: E) -> Result<(), flarekit_core::Error>
    /// # where E: flarekit_core::paginate::Paginated<Response = Vec<T>> + Send + Sync + 'static, T: Send + 'static {
    /// let mut items = std::pin::pin!(client.paginate(list));
    /// while let Some(item) = items.try_next().await? {
    ///     // one item at a time; at most one page is held in memory
    ///     # let _ = item;
    /// }
    /// # Ok(()) }
    /// ```
    pub fn paginate<E, T>(&self, request: E) -> impl Stream<Item = Result<T, Error>> + Send + 'static
    where
        E: Paginated + Send + Sync + 'static,
        E::Response: PageResult<Item = T> + Send + 'static,
        T: Send + 'static,
    {
        self.pages(request)
            .map_ok(|page| stream::iter(page.result.into_items().into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }
}
