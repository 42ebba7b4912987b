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
/// # async fn demo(client: flarekit_core::Client, request: impl flarekit_core::Endpoint<Response = ()> + Send + 'static) -> Result<(), flarekit_core::Error> {
/// use flarekit_core::SendFuture;
///
/// let call: SendFuture<'_, ()> = SendFuture::new(&client, request);
/// call.await?;
/// # Ok(()) }
/// ```
#[must_use = "a call sends nothing until it is awaited"]
pub struct SendFuture<'a, T>(BoxFuture<'a, Result<T, Error>>);

impl<'a, T> SendFuture<'a, T> {
    /// `client.send(request)`, as a named future.
    #[inline]
    pub fn new<E>(client: &'a Client, request: E) -> Self
    where
        E: Endpoint<Response = T> + MaybeSend + 'a,
    {
        SendFuture(Box::pin(client.send(request)))
    }
}

impl<T> Future for SendFuture<'_, T> {
    type Output = Result<T, Error>;

    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.0.as_mut().poll(cx)
    }
}

impl<T> fmt::Debug for SendFuture<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendFuture").finish_non_exhaustive()
    }
}
