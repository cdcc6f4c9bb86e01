//! Small token writers both expansions use.

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

/// `::core::option::Option::Some(v)` or `::core::option::Option::None`.
pub fn opt<T: quote::ToTokens>(o: Option<T>) -> TokenStream {
    match o {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

/// `&["a", "b"]` from string literals.
pub fn strs(ls: &[LitStr]) -> TokenStream {
    let vs = ls.iter().map(LitStr::value);
    quote!(&[#(#vs),*])
}
