//! The `#[endpoint]` attribute of [flarekit](https://docs.rs/flarekit).
//!
//! Use it through `flarekit::endpoint` and `flarekit::Validate`, where the reference is; this
//! crate has no runtime code. The generated code
//! reaches the runtime through `::flarekit::__private`, so a crate that declares endpoints
//! depends on `flarekit` only.

#![deny(missing_docs)]

mod ast;
mod attr;
mod ctxt;
mod expand;
mod fallback;
mod info;
mod json_object;
mod methods;
mod request;
mod requires;
mod rule;
mod template;
mod ty;
mod valid;
mod validate;

use proc_macro::TokenStream;

/// Declares a Cloudflare API endpoint on a params struct; the reference is on `flarekit::endpoint`.
#[proc_macro_attribute]
pub fn endpoint(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::endpoint(args.into(), input.into()).into()
}

/// Implements `flarekit::Validate`; the reference is on `flarekit::Validate`.
#[proc_macro_derive(Validate, attributes(validate))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    validate::derive(input.into()).into()
}

/// Implements serde's `Serialize` and `Deserialize` for a struct that is a JSON object; the
/// reference is on `flarekit::JsonObject`.
#[proc_macro_derive(JsonObject, attributes(serde))]
pub fn derive_json_object(input: TokenStream) -> TokenStream {
    json_object::derive(input.into()).into()
}
