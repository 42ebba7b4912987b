//! Error collection: every problem of a declaration is reported in one compile.
//!
//! After serde_derive's `internals/ctxt.rs`: checks push errors here instead of returning at
//! the first one, and [`Ctxt::check`] combines them with [`syn::Error::combine`].

use std::cell::RefCell;
use std::fmt::Display;

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;

/// The errors found so far.
#[derive(Default)]
pub struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Ctxt::default()
    }

    /// An error spanning the tokens of `obj`.
    ///
    /// The generic part is two calls: this is called from some 80 places with a dozen
    /// argument types, and each pair of them compiles a copy (the macros crate's own compile is
    /// on every build's critical path).
    pub fn error_spanned_by<T: ToTokens, M: Display>(&self, obj: T, msg: M) {
        self.spanned(obj.into_token_stream(), msg.to_string());
    }

    fn spanned(&self, tokens: TokenStream, msg: String) {
        self.errors.borrow_mut().push(syn::Error::new_spanned(tokens, msg));
    }

    /// An error at `span`.
    pub fn error_at<M: Display>(&self, span: Span, msg: M) {
        self.errors.borrow_mut().push(syn::Error::new(span, msg.to_string()));
    }

    /// An error syn produced while parsing.
    pub fn syn_error(&self, err: syn::Error) {
        self.errors.borrow_mut().push(err);
    }

    /// `Ok` when nothing was reported, else all errors combined, in the order found.
    pub fn check(self) -> Result<(), syn::Error> {
        let mut errors = self.errors.into_inner().into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for err in errors {
            combined.combine(err);
        }
        Err(combined)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combines_every_error() {
        let cx = Ctxt::new();
        assert!(Ctxt::new().check().is_ok());
        cx.error_at(Span::call_site(), "first");
        cx.error_at(Span::call_site(), "second");
        let messages: Vec<String> = cx.check().unwrap_err().into_iter().map(|e| e.to_string()).collect();
        assert_eq!(messages, ["first", "second"]);
    }
}
