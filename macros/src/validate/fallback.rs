//! What `#[derive(Validate)]` emits when the type has errors: the errors, and an empty impl so
//! that code using the type as `Validate` compiles on and the user sees only our errors.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::expand::private;

pub fn expand(input: &DeriveInput, error: syn::Error) -> TokenStream {
    let p = private();
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let errors = error.to_compile_error();
    quote! {
        #errors

        #[automatically_derived]
        #[allow(deprecated)]
        impl #impl_generics #p::Validate for #ident #ty_generics #where_clause {}
    }
}
