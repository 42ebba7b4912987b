//! Pagination: a list endpoint consumed as a [`Stream`] of pages or of items.
//!
//! Three styles exist: page numbers (`page` query parameter, `result_info` with `page`,
//! `per_page`, `count`, `total_count`, `total_pages`), cursors (`cursor` query parameter,
//! `result_info.next`, or a member of `result` itself such as Images v2's
//! `continuation_token`) and offsets. The walk ends on the strongest signal the server gives:
//! `total_pages`, else `total_count`, else an empty or short page; for cursors, an empty
//! cursor or an empty page. A server that serves the same page or cursor again ends the walk
//! with an error instead of looping forever. Only one page is held at a time.

use std::collections::HashSet;

use futures_core::Stream;
use futures_util::stream::{self, StreamExt, TryStreamExt};

use crate::catalog::EndpointInfo;
pub use crate::catalog::{PageShape, Pagination};
use crate::client::Client;
use crate::request::Endpoint;
use crate::response::decode::Polled;
use crate::response::{ApiResponse, Error, PaginationError, ResultInfo};
use crate::transport::MaybeSend;

/// A list endpoint whose requests can ask for the next page. `#[endpoint(..., paginate = page)]`
/// or `paginate = cursor` implements it.
///
/// The style and its parameter are in the declaration's [`EndpointInfo::pagination`].
pub trait Paginated: Endpoint + Clone {
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

    /// How many items this request skips (offset lists; 0 when unset).
    fn offset(&self) -> u32 {
        0
    }

    /// Asks for the page that skips `offset` items (offset lists).
    fn set_offset(&mut self, offset: u32) {
        let _ = offset;
    }
}

/// What one page of a list holds: its items, or a reason it holds none yet.
///
/// Implemented for `Vec<T>`, for [`Items<T>`] and for [`Polled<Vec<T>>`](crate::decode::Polled),
/// whose `Pending` answer in the middle of a walk (a search the server is still running) ends
/// the walk with an error rather than passing for an empty, final page. A page that is an object
/// with the items and the next cursor in members of its own implements it by hand:
///
/// ```
/// use flarekit_core::{PageResult, PageShape};
///
/// #[derive(serde::Deserialize)]
/// struct ImagePage {
///     images: Vec<String>,
///     continuation_token: Option<String>,
/// }
///
/// impl PageResult for ImagePage {
///     type Item = String;
///     const SHAPE: PageShape = PageShape::LIST.items_in("images").cursor_in("continuation_token");
///     fn item_count(&self) -> Result<usize, String> {
///         Ok(self.images.len())
///     }
///     fn into_items(self) -> Vec<String> {
///         self.images
///     }
///     fn next_cursor(&self) -> Option<&str> {
///         self.continuation_token.as_deref()
///     }
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a page of a list",
    label = "a `paginate` list's response must implement `PageResult`",
    note = "`Vec<T>` when `result` is the list, `flarekit::Items<T>` when it is in `result.items`, or a type of your own implementing `PageResult`"
)]
pub trait PageResult {
    /// The item type.
    type Item;

    /// Where the page keeps its items and, if there, its next cursor, by member name: what
    /// `#[endpoint(.., paginate = ..)]` records in the catalog for tools that walk the list
    /// without this type. Agrees with [`into_items`](Self::into_items) and
    /// [`next_cursor`](Self::next_cursor).
    const SHAPE: PageShape = PageShape::LIST;

    /// How many items the page holds, or why it holds none yet.
    fn item_count(&self) -> Result<usize, String>;

    /// The page's items.
    fn into_items(self) -> Vec<Self::Item>;

    /// The next page's cursor, for cursor lists that carry it in `result` rather than in
    /// `result_info` (`SHAPE.cursor`); `None` by default.
    fn next_cursor(&self) -> Option<&str> {
        None
    }
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

/// A page whose items are in `result.items` rather than in `result` itself (a Worker's
/// versions): `response = Items<T>` on a `paginate` declaration.
///
/// ```
/// let page: flarekit_core::Items<u32> = serde_json::from_str(r#"{"items":[1,2]}"#).unwrap();
/// assert_eq!(page.items, [1, 2]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Items<T> {
    /// The page's items.
    #[serde(default = "Vec::new")]
    pub items: Vec<T>,
}

impl<T> PageResult for Items<T> {
    type Item = T;

    const SHAPE: PageShape = PageShape::LIST.items_in("items");

    fn item_count(&self) -> Result<usize, String> {
        Ok(self.items.len())
    }

    fn into_items(self) -> Vec<T> {
        self.items
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

/// What the next request of a walk asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NextPage {
    /// This page number.
    Page(u32),
    /// The page after this cursor.
    Cursor(String),
    /// The page that skips this many items.
    Offset(u32),
}

/// The walk over a list's pages: from each page it decides what to ask for next, or that the
/// list is over, and refuses a server that would make it loop. [`Client::pages`] walks typed
/// lists with it; a tool that sends requests built at run time (from the catalog) walks with
/// the same one.
///
/// ```
/// use flarekit_core::paginate::{NextPage, PageWalk};
/// use flarekit_core::{EndpointInfo, Method, Pagination, ResultInfo};
///
/// static LIST: EndpointInfo =
///     EndpointInfo::new(Method::Get, "/things").pagination(Pagination::Cursor { param: "cursor" });
/// let mut walk = PageWalk::new(&LIST, 1).expect("a paginated list");
/// let mut info = ResultInfo::default();
/// info.next = Some("c2".into());
/// assert_eq!(walk.next(Ok(20), Some(&info), None)?, Some(NextPage::Cursor("c2".into())));
/// // The same cursor again would never end: an error, not a loop.
/// assert!(walk.next(Ok(20), Some(&info), None).is_err());
/// # Ok::<(), flarekit_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct PageWalk {
    list: &'static EndpointInfo,
    style: Pagination,
    /// Where the request just answered starts: its page number, or its offset.
    at: u32,
    items_seen: u64,
    cursors_seen: HashSet<String>,
}

impl PageWalk {
    /// The walk of `list` from its first request's page (page-number lists) or offset (offset
    /// lists; ignored for cursor lists), or `None` when `list` does not page.
    pub fn new(list: &'static EndpointInfo, first: u32) -> Option<PageWalk> {
        let style = list.pagination?;
        Some(PageWalk {
            list,
            style,
            at: if matches!(style, Pagination::Offset { .. }) { first } else { first.max(1) },
            items_seen: 0,
            cursors_seen: HashSet::new(),
        })
    }

    /// What to ask for after a page that held `count` items (or could not say why it held
    /// none yet) with this `result_info` and, for lists whose [`PageShape`] puts the cursor in
    /// `result`, this `result_cursor`: the next page, `None` at the end, or an error when the
    /// server serves a page other than the one asked or a cursor a second time.
    pub fn next(
        &mut self,
        count: Result<usize, String>,
        info: Option<&ResultInfo>,
        result_cursor: Option<&str>,
    ) -> Result<Option<NextPage>, Error> {
        let list = self.list;
        let fail = |reason: String| Error::from(PaginationError::new(list.path.as_str(), reason)).with_operation(list);
        let count = count.map_err(fail)?;
        self.items_seen += count as u64;
        let default = ResultInfo::default();
        let info = info.unwrap_or(&default);
        // Cursor-style `result_info` keeps deprecated `page` and `total_count` fields that
        // "always return 0": a zero there says nothing.
        let nonzero = |n: Option<u64>| n.filter(|&n| n != 0);
        match self.style {
            Pagination::PageNumber { .. } => {
                let asked = self.at;
                if let Some(got) = nonzero(info.page) {
                    if got != u64::from(asked) {
                        return Err(fail(format!("asked for page {asked} and the server answered with page {got}")));
                    }
                }
                let last = match (nonzero(info.total_pages), nonzero(info.total_count), info.per_page) {
                    (Some(total), _, _) => u64::from(asked) >= total,
                    (None, Some(total), _) => self.items_seen >= total,
                    (None, None, Some(per_page)) => (count as u64) < per_page,
                    (None, None, None) => false,
                };
                if last || count == 0 {
                    return Ok(None);
                }
                self.at = asked.checked_add(1).ok_or_else(|| fail("page number overflow".into()))?;
                Ok(Some(NextPage::Page(self.at)))
            }
            Pagination::Offset { .. } => {
                let end = count == 0 || nonzero(info.total_count).is_some_and(|total| self.items_seen >= total);
                if end {
                    return Ok(None);
                }
                let next = u32::try_from(count).ok().and_then(|c| self.at.checked_add(c));
                self.at = next.ok_or_else(|| fail("offset overflow".into()))?;
                Ok(Some(NextPage::Offset(self.at)))
            }
            Pagination::Cursor { .. } => {
                let cursor = if list.page_shape.cursor.is_some() { result_cursor } else { info.next_cursor() };
                match cursor.filter(|c| !c.is_empty()) {
                    None => Ok(None),
                    Some(_) if count == 0 => Ok(None),
                    Some(cursor) => {
                        if !self.cursors_seen.insert(cursor.to_owned()) {
                            return Err(fail(format!("the server returned cursor {cursor:?} a second time")));
                        }
                        Ok(Some(NextPage::Cursor(cursor.to_owned())))
                    }
                }
            }
        }
    }
}

struct Walk<E> {
    client: Client,
    next: Option<E>,
    walk: Option<PageWalk>,
}

impl<E> Walk<E>
where
    E: Paginated,
    E::Response: PageResult,
{
    /// Decides what comes after `page` (the response to `request`): the next request or the end.
    fn advance(&mut self, mut request: E, page: &ApiResponse<E::Response>) -> Result<Option<E>, Error> {
        let Some(walk) = &mut self.walk else { return Ok(None) };
        match walk.next(page.result.item_count(), page.result_info.as_deref(), page.result.next_cursor())? {
            None => Ok(None),
            Some(NextPage::Page(n)) => {
                request.set_page(n);
                Ok(Some(request))
            }
            Some(NextPage::Cursor(cursor)) => {
                request.set_cursor(cursor);
                Ok(Some(request))
            }
            Some(NextPage::Offset(offset)) => {
                request.set_offset(offset);
                Ok(Some(request))
            }
        }
    }
}

impl Client {
    /// Every page of a list, one response at a time, starting from the request's own page or
    /// cursor. Each page is one call (one request, more if it is retried): inside a Worker, one
    /// subrequest of the invocation's allowance per page. Stop reading the stream to stop
    /// fetching.
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
    pub fn pages<E>(
        &self,
        request: E,
    ) -> impl Stream<Item = Result<ApiResponse<E::Response>, Error>> + MaybeSend + 'static
    where
        E: Paginated + Send + Sync + 'static,
        E::Response: PageResult + Send + 'static,
    {
        let first = match E::INFO.pagination {
            Some(Pagination::Offset { .. }) => request.offset(),
            _ => request.page(),
        };
        let walk = PageWalk::new(E::INFO, first);
        let walk = Walk { client: self.clone(), next: Some(request), walk };
        stream::try_unfold(walk, |mut walk| async move {
            let Some(request) = walk.next.take() else { return Ok(None) };
            let page = walk.client.send_with_meta(&request).await?;
            // A walk that stops names the list, like every other error of a call.
            walk.next = walk.advance(request, &page).map_err(|e| e.with_operation(E::INFO))?;
            Ok(Some((page, walk)))
        })
    }

    /// Every item of a list, fetching pages as the stream is consumed: one call per page, as
    /// [`Client::pages`] (in a Worker, one subrequest per page).
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
    pub fn paginate<E, T>(&self, request: E) -> impl Stream<Item = Result<T, Error>> + MaybeSend + 'static
    where
        E: Paginated + Send + Sync + 'static,
        E::Response: PageResult<Item = T> + Send + 'static,
        T: Send + 'static,
    {
        let items = self.pages(request).map_ok(|page| stream::iter(page.result.into_items().into_iter().map(Ok)));
        // Boxed: the nested stream types cost every caller compile time. Not `Send` on wasm32.
        #[cfg(not(target_family = "wasm"))]
        return items.try_flatten().boxed();
        #[cfg(target_family = "wasm")]
        return items.try_flatten().boxed_local();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offset_walk_moves_by_the_items_seen_and_ends_at_the_total() {
        static LIST: EndpointInfo =
            EndpointInfo::new(crate::Method::Get, "/things").pagination(Pagination::Offset { param: "offset" });
        let mut walk = PageWalk::new(&LIST, 10).expect("a paginated list");
        let mut info = ResultInfo { total_count: Some(25), ..ResultInfo::default() };
        assert_eq!(walk.next(Ok(10), Some(&info), None).unwrap(), Some(NextPage::Offset(20)));
        assert_eq!(walk.next(Ok(10), Some(&info), None).unwrap(), Some(NextPage::Offset(30)));
        // 30 seen of a total of 30: the end, although the page was full.
        info.total_count = Some(30);
        assert_eq!(walk.next(Ok(10), Some(&info), None).unwrap(), None);
        let mut walk = PageWalk::new(&LIST, 0).expect("a paginated list");
        assert_eq!(walk.next(Ok(0), None, None).unwrap(), None, "an empty page ends it");
    }
}
