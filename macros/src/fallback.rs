//! What `#[endpoint]` emits when the declaration has errors.
//!
//! The struct itself (helper attributes stripped), every error as `compile_error!`, and — when
//! the item is a plain struct — an `Endpoint` impl and `send` method with the declared method and
//! response, so that code using the type compiles on and the user sees only our errors. The impl
//! never runs: the crate does not compile while the errors are there.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::{self, Input};
use crate::expand::in_brief;
use crate::methods::{constructor, send_method};

pub fn expand(input: &DeriveInput, ast: Option<&Input>, error: syn::Error) -> TokenStream {
    let item = ast::strip_helpers(input);
    let errors = error.to_compile_error();
    let Some(ast) = ast else {
        return quote!(#item #errors);
    };
    let ident = ast.ident;
    let response = match &ast.args.response {
        Some(ty) => quote!(#ty),
        None => quote!(()),
    };
    let method = ast::variant(ast.method);
    let type_name = ident.to_string();
    let send = send_method(input, constructor(input, ast));
    // Keeps `client.paginate(..)` calls free of follow-on errors; only where it cannot add one.
    let paginated = match &ast.args.paginate {
        Some(_) if ast::derives(&input.attrs, "Clone") => quote! {
            #[automatically_derived]
            impl __p::Paginated for #ident {}
        },
        _ => quote!(),
    };
    let impls = in_brief(quote! {
        #[automatically_derived]
        impl __p::Endpoint for #ident {
            type Response = #response;
            const INFO: &'static __p::EndpointInfo =
                &__p::EndpointInfo::new(__p::Method::#method, "").named(#type_name, ::core::module_path!());

            fn validate(&self) -> __p::Result<(), __p::ValidationError> {
                // Unreachable: the declaration has errors, so the crate does not compile.
                let mut __v = __p::Validator::new();
                __v.path_segment("#[endpoint]", "");
                __v.finish()
            }

            fn to_request(&self) -> __p::Result<__p::RequestParts, __p::Error> {
                __p::Endpoint::validate(self)?;
                __p::Ok(__p::RequestParts::new(Self::INFO.method, ::std::string::String::new()))
            }

            fn decode(
                __r: &__p::HttpResponse,
            ) -> __p::Result<__p::ApiResponse<Self::Response>, __p::Error> {
                __p::decode_envelope(__r)
            }
        }

        #paginated
        #send
    });
    quote!(#item #errors #impls)
}
