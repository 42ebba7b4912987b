//! What `#[derive(Validate)]` emits when the type has errors: the errors, and an empty impl so
//! that code using the type as `Validate` compiles on and the user sees only our errors.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::expand::in_brief;

pub fn expand(input: &DeriveInput, error: syn::Error) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let errors = error.to_compile_error();
    let empty = in_brief(quote! {
        #[automatically_derived]
        impl #impl_generics __p::Validate for #ident #ty_generics #where_clause {}
    });
    quote!(#errors #empty)
}
