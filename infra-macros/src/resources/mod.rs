//! `#[cf_resources(...)]`: parse the arguments, check them against the type, expand to the item plus its
//! registration and trait impls.

mod args;
mod check;
mod expand;

use proc_macro2::TokenStream;

use crate::ctxt::{Ctxt, with_errors};

pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let cx = Ctxt::default();
    let input = match syn::parse2::<syn::DeriveInput>(item.clone()) {
        Ok(i) => Some(i),
        Err(_) => {
            let span = match syn::parse2::<syn::Item>(item.clone()) {
                Ok(syn::Item::Fn(f)) => f.sig.ident.span(),
                _ => proc_macro2::Span::call_site(),
            };
            cx.error_at(
                span,
                "`cf_resources` applies to a struct or enum that declares resources; put `#[cf_function]` on handlers",
            );
            None
        }
    };
    let args = syn::parse2::<crate::attr::Args>(attr)
        .map_err(|e| cx.syn_error(e))
        .ok();
    let checked = match (&input, &args) {
        (Some(i), Some(a)) => Some(check::check(&cx, args::parse(&cx, i, a))),
        _ => None,
    };
    match (cx.check(), checked) {
        (Ok(()), Some(c)) => expand::expand(item, &c),
        (Err(e), _) => with_errors(item, e),
        (Ok(()), None) => unreachable!("no spec without an error"),
    }
}
