//! `#[cf_resources(...)]`: parse the arguments, check them against the type, expand to the item plus its
//! registration and trait impls.

mod api;
mod args;
pub(crate) mod check;
mod expand;

use proc_macro2::TokenStream;

use crate::ctxt::{Ctxt, with_errors};

pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let cx = Ctxt::default();
    let input = match syn::parse2::<syn::DeriveInput>(item.clone()) {
        Ok(i) if !matches!(i.data, syn::Data::Union(_)) => {
            crate::ctxt::written_twice(&cx, &i.attrs, "cf_resources");
            Some(i)
        }
        _ => {
            let (what, span) = crate::ctxt::item_kind(&item);
            let handlers = if what == "a function" {
                "; put `#[cf_function]` on handlers"
            } else {
                ""
            };
            cx.error_at(
                span,
                format!("`cf_resources` applies to a struct or enum that declares resources, not {what}{handlers}"),
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
