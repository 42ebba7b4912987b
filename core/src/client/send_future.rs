//! [`SendFuture`]: what a params struct's `send` returns.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::Client;
use crate::request::Endpoint;
use crate::response::Error;
use crate::transport::{BoxFuture, MaybeSend};

/// A call on its way: the future a params struct's `send` returns, the decoded `result` of
/// [`Client::send`] once awaited. Nothing is sent until it is first polled.
///
/// A type of its own, so that it can be named (stored in a struct, returned from a trait); and
/// one type for every endpoint, so that `#[endpoint]` gives each `send` nothing to infer
/// (BENCHMARKS.md, issue 14). It holds the client's call boxed: one allocation per call.
///
/// ```no_run
/// # async fn demo<E: flarekit_core::Endpoint + Send + 'static>(client: flarekit_core::Client, request: E) -> Result<E::Response, flarekit_core::Error> {
/// use flarekit_core::SendFuture;
///
/// let call: SendFuture<'_, E> = SendFuture::new(&client, request);
/// call.await
/// # }
/// ```
#[must_use = "a call sends nothing until it is awaited"]
pub struct SendFuture<'a, E: Endpoint>(BoxFuture<'a, Result<E::Response, Error>>);

impl<'a, E: Endpoint + MaybeSend + 'a> SendFuture<'a, E> {
    /// `client.send(request)`, as a named future.
    #[inline]
    pub fn new(client: &'a Client, request: E) -> Self {
        SendFuture(Box::pin(client.send(request)))
    }
}

impl<E: Endpoint> Future for SendFuture<'_, E> {
    type Output = Result<E::Response, Error>;

    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.0.as_mut().poll(cx)
    }
}

impl<E: Endpoint> fmt::Debug for SendFuture<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendFuture").finish_non_exhaustive()
    }
}
