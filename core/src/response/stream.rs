//! Responses read as they arrive, never buffered whole: bytes ([`ByteStream`]), JSON lines
//! ([`NdjsonStream`]) and server-sent events ([`EventStream`]).
//!
//! An endpoint declared with `stream` answers one of these. The client retries it like any
//! call until a `2xx` head arrives, then hands the body over: a stream is never retried once
//! its first byte may have been read, the response-size limit does not apply to it, and the
//! attempt timeout bounds only the wait for the head. A body cut off mid-way ends the stream
//! with a typed error (a [`TransportError`] of kind `Body`, or a [`DecodeError`] for a last line
//! or event that was left incomplete), after which it yields nothing more.

use std::collections::VecDeque;
use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use bytes::{Bytes, BytesMut};
use futures_core::Stream;
use serde::de::DeserializeOwned;

use super::error::Error;
use super::failure::{snippet, DecodeError, TransportError};
use super::{ApiResponse, CfRay};
use crate::catalog::EndpointInfo;
use crate::transport::{header_text, HeaderMap, HttpResponse};

/// The body of a response as it arrives, chunk by chunk: what a [`Transport`] gives for a
/// streamed call.
///
/// [`Transport`]: crate::Transport
pub type BodyStream = Pin<Box<dyn Stream<Item = Result<Bytes, TransportError>> + Send>>;

/// The status and headers of a streamed response, known before its body.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    /// The status code.
    pub status: u16,
    /// The headers, as received (names are lower-case).
    pub headers: HeaderMap,
    /// The operation, which errors of the stream name.
    pub operation: &'static EndpointInfo,
}

impl Head {
    /// The first value of header `name` (case-insensitive), if it is UTF-8 text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(header_text)
    }

    fn decode_error(&self, reason: String, rest: &[u8]) -> Error {
        let cf_ray = self.header("cf-ray").map(str::to_owned);
        let e = DecodeError { status: self.status, cf_ray, reason, body_snippet: snippet(rest, 256) };
        Error::from(e).with_operation(self.operation)
    }
}

/// A response type built from a streamed body: the `response` of an endpoint declared with
/// `stream`.
pub trait FromStream: Sized {
    /// The value for a response whose head is `head` and whose body is still arriving.
    fn from_stream(head: Head, body: BodyStream) -> Self;
}

/// The result of a streamed call: `R` built from the head and the body still arriving (what
/// `#[endpoint(.., stream)]` decodes with).
///
/// # Errors
///
/// None today: a stream's errors come from the stream. (The signature is every decoder's.)
pub fn stream_response<R: FromStream>(head: Head, body: BodyStream) -> Result<ApiResponse<R>, Error> {
    let status = head.status;
    let cf_ray = CfRay::of(&head.headers);
    let mut response = ApiResponse::new(R::from_stream(head, body), status);
    response.cf_ray = cf_ray;
    Ok(response)
}

/// The same from a body already read whole (a call that did not stream, such as one sent with
/// a hand-built request).
///
/// # Errors
///
/// None today (see [`stream_response`]).
pub fn stream_buffered<R: FromStream>(
    operation: &'static EndpointInfo,
    response: &HttpResponse,
) -> Result<ApiResponse<R>, Error> {
    let head = Head { status: response.status, headers: response.headers.clone(), operation };
    stream_response(head, buffered(response.body.clone()))
}

/// A one-chunk [`BodyStream`] of a body already read (what a transport without streaming
/// gives, see [`Transport::execute_stream`](crate::Transport::execute_stream)).
pub fn buffered(body: Bytes) -> BodyStream {
    Box::pin(futures_util::stream::iter((!body.is_empty()).then_some(Ok(body))))
}

/// Where a stream is: reading, or done (after the end or an error).
struct Source {
    body: Option<BodyStream>,
}

impl Source {
    fn poll_chunk(&mut self, cx: &mut Context<'_>, head: &Head) -> Poll<Option<Result<Bytes, Error>>> {
        let Some(body) = self.body.as_mut() else { return Poll::Ready(None) };
        match body.as_mut().poll_next(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Some(Ok(chunk))) => Poll::Ready(Some(Ok(chunk))),
            Poll::Ready(Some(Err(e))) => {
                self.body = None;
                Poll::Ready(Some(Err(Error::from(e).with_operation(head.operation))))
            }
            Poll::Ready(None) => {
                self.body = None;
                Poll::Ready(None)
            }
        }
    }
}

/// A body as a stream of byte chunks, in flat memory: each chunk is handed on as it arrives.
pub struct ByteStream {
    head: Head,
    source: Source,
}

impl ByteStream {
    /// The status and headers (`content-type`, `content-length` …).
    pub fn head(&self) -> &Head {
        &self.head
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream").field("head", &self.head).field("done", &self.source.body.is_none()).finish()
    }
}

impl FromStream for ByteStream {
    fn from_stream(head: Head, body: BodyStream) -> Self {
        ByteStream { head, source: Source { body: Some(body) } }
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        this.source.poll_chunk(cx, &this.head)
    }
}

/// A body read line by line: each complete line as its newline arrives, holding only the
/// unfinished one.
struct Lines {
    source: Source,
    /// The bytes of the line not yet complete.
    partial: BytesMut,
    /// Complete lines not yet handed on.
    complete: VecDeque<Bytes>,
}

/// What [`Lines`] hands on.
enum Line {
    /// A line, without its `\n` or `\r\n`.
    Full(Bytes),
    /// What followed the last newline when the body ended (not empty).
    Rest(Bytes),
}

impl Lines {
    fn new(body: BodyStream) -> Lines {
        Lines { source: Source { body: Some(body) }, partial: BytesMut::new(), complete: VecDeque::new() }
    }

    fn poll_line(&mut self, cx: &mut Context<'_>, head: &Head) -> Poll<Option<Result<Line, Error>>> {
        loop {
            if let Some(line) = self.complete.pop_front() {
                return Poll::Ready(Some(Ok(Line::Full(line))));
            }
            match self.source.poll_chunk(cx, head) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Ok(chunk))) => {
                    self.partial.extend_from_slice(&chunk);
                    while let Some(end) = self.partial.iter().position(|b| *b == b'\n') {
                        let mut line = self.partial.split_to(end + 1).freeze();
                        line.truncate(line.len() - 1);
                        if line.last() == Some(&b'\r') {
                            line.truncate(line.len() - 1);
                        }
                        self.complete.push_back(line);
                    }
                }
                Poll::Ready(Some(Err(e))) => {
                    // The body is over: what was left of it is not a line.
                    self.partial.clear();
                    return Poll::Ready(Some(Err(e)));
                }
                Poll::Ready(None) if self.partial.is_empty() => return Poll::Ready(None),
                Poll::Ready(None) => {
                    return Poll::Ready(Some(Ok(Line::Rest(std::mem::take(&mut self.partial).freeze()))))
                }
            }
        }
    }
}

/// Newline-delimited JSON (`application/x-ndjson`) as a stream of typed items: each line is
/// decoded as it completes, and only the unfinished line is held. Blank lines are skipped; a
/// last line without its newline is still an item, and one that does not decode was cut off.
pub struct NdjsonStream<T> {
    head: Head,
    lines: Lines,
    line: usize,
    _item: PhantomData<fn() -> T>,
}

impl<T> NdjsonStream<T> {
    /// The status and headers.
    pub fn head(&self) -> &Head {
        &self.head
    }
}

impl<T> fmt::Debug for NdjsonStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NdjsonStream").field("head", &self.head).field("line", &self.line).finish()
    }
}

impl<T> FromStream for NdjsonStream<T> {
    fn from_stream(head: Head, body: BodyStream) -> Self {
        NdjsonStream { head, lines: Lines::new(body), line: 0, _item: PhantomData }
    }
}

impl<T: DeserializeOwned> Stream for NdjsonStream<T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            let (bytes, cut) = match ready!(this.lines.poll_line(cx, &this.head)) {
                None => return Poll::Ready(None),
                Some(Err(e)) => return Poll::Ready(Some(Err(e))),
                Some(Ok(Line::Full(bytes))) => (bytes, false),
                Some(Ok(Line::Rest(bytes))) => (bytes, true),
            };
            this.line += 1;
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Poll::Ready(Some(serde_json::from_slice(&bytes).map_err(|e| {
                let reason = if cut {
                    format!("the stream ended inside line {}: {e}", this.line)
                } else {
                    format!("line {} of the stream is not a valid item: {e}", this.line)
                };
                this.head.decode_error(reason, &bytes)
            })));
        }
    }
}

/// One server-sent event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Event {
    /// `event:`, if the server named the event's type.
    pub event: Option<String>,
    /// The `data:` lines, joined with `\n`.
    pub data: String,
    /// `id:`, if the server gave one.
    pub id: Option<String>,
}

impl Event {
    /// The data as JSON of type `T` (Workers AI sends `{"response": "…"}` per event).
    ///
    /// # Errors
    ///
    /// The JSON error when the data does not fit `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(&self.data)
    }
}

/// Server-sent events (`text/event-stream`) as a stream of [`Event`]s, each handed on when its
/// blank line arrives. Comments (`:`) and `retry:` are skipped; an event left incomplete by the
/// end of the body is a [`DecodeError`].
pub struct EventStream {
    head: Head,
    lines: Lines,
    event: Option<Event>,
}

impl EventStream {
    /// The status and headers.
    pub fn head(&self) -> &Head {
        &self.head
    }
}

impl fmt::Debug for EventStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream").field("head", &self.head).finish()
    }
}

impl FromStream for EventStream {
    fn from_stream(head: Head, body: BodyStream) -> Self {
        EventStream { head, lines: Lines::new(body), event: None }
    }
}

impl EventStream {
    /// Takes one line into the event being read; `Some` when the line ended it.
    fn take_line(&mut self, line: &[u8]) -> Option<Event> {
        if line.is_empty() {
            return self.event.take();
        }
        let line = String::from_utf8_lossy(line);
        if line.starts_with(':') {
            return None;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line.as_ref(), ""),
        };
        let event = self.event.get_or_insert_with(Event::default);
        match field {
            "data" => {
                if !event.data.is_empty() {
                    event.data.push('\n');
                }
                event.data.push_str(value);
            }
            "event" => event.event = Some(value.to_owned()),
            "id" => event.id = Some(value.to_owned()),
            _ => {}
        }
        None
    }
}

impl Stream for EventStream {
    type Item = Result<Event, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            let rest = match ready!(this.lines.poll_line(cx, &this.head)) {
                Some(Ok(Line::Full(line))) => {
                    if let Some(event) = this.take_line(&line) {
                        return Poll::Ready(Some(Ok(event)));
                    }
                    continue;
                }
                Some(Err(e)) => {
                    this.event = None;
                    return Poll::Ready(Some(Err(e)));
                }
                None if this.event.is_none() => return Poll::Ready(None),
                None => Bytes::new(),
                Some(Ok(Line::Rest(rest))) => rest,
            };
            this.event = None;
            return Poll::Ready(Some(Err(this.head.decode_error("the stream ended inside an event".into(), &rest))));
        }
    }
}

#[cfg(test)]
mod tests {
    use futures_util::StreamExt;

    use super::*;
    use crate::transport::Method;

    static OP: EndpointInfo = EndpointInfo::new(Method::Post, "/accounts/<account_id>/ai/run");

    fn body(chunks: &[&'static str]) -> BodyStream {
        Box::pin(futures_util::stream::iter(
            chunks.iter().map(|c| Ok(Bytes::from_static(c.as_bytes()))).collect::<Vec<_>>(),
        ))
    }

    fn head() -> Head {
        Head { status: 200, headers: HeaderMap::new(), operation: &OP }
    }

    #[tokio::test]
    async fn events_are_split_at_blank_lines_across_chunks() {
        let chunks = [
            ": keep-alive\n\n",
            "data: {\"response\":\"Hel",
            "lo\"}\n\nevent: done\nid: 7\ndata: a\ndata: b\n",
            "\n",
            "data: [DONE]\n\n",
        ];
        let events: Vec<Event> =
            EventStream::from_stream(head(), body(&chunks)).map(|e| e.expect("an event")).collect().await;
        assert_eq!(events.len(), 3, "{events:?}");
        assert_eq!(events[0].json::<serde_json::Value>().unwrap()["response"], "Hello");
        assert_eq!(
            (events[1].event.as_deref(), events[1].id.as_deref(), events[1].data.as_str()),
            (Some("done"), Some("7"), "a\nb")
        );
        assert_eq!(events[2].data, "[DONE]");
    }

    #[tokio::test]
    async fn an_event_cut_off_by_the_end_is_an_error() {
        let mut events = EventStream::from_stream(head(), body(&["data: 1\n\n", "data: 2"]));
        assert_eq!(events.next().await.unwrap().unwrap().data, "1");
        let err = events.next().await.unwrap().unwrap_err();
        assert!(matches!(err.kind(), crate::ErrorKind::Decode(d) if d.reason.contains("inside an event")), "{err}");
        assert!(events.next().await.is_none());
    }

    #[tokio::test]
    async fn ndjson_skips_blank_lines_and_takes_a_last_line_without_newline() {
        let items: Vec<u32> =
            NdjsonStream::<u32>::from_stream(head(), body(&["1\n\n2", "\r\n3"])).map(|i| i.unwrap()).collect().await;
        assert_eq!(items, [1, 2, 3]);
        let bad: Vec<Result<u32, Error>> = NdjsonStream::<u32>::from_stream(head(), body(&["1\nx\n"])).collect().await;
        assert!(
            matches!(bad[1].as_ref().unwrap_err().kind(), crate::ErrorKind::Decode(d) if d.reason.contains("line 2"))
        );
    }
}
