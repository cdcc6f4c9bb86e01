//! `#[cf_function(...)]`: parse the arguments, check them, expand to the item plus one registration.

pub(crate) mod args;
pub(crate) mod check;
pub(crate) mod expand;
mod pollers;
mod settings;
pub(crate) mod sources;

use proc_macro2::TokenStream;

use crate::ctxt::{Ctxt, with_errors};

pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let cx = Ctxt::default();
    let func = match syn::parse2::<syn::ItemFn>(item.clone()) {
        Ok(f) => {
            crate::ctxt::written_twice(&cx, &f.attrs, "cf_function");
            Some(f)
        }
        Err(_) => {
            not_a_function(&cx, &item);
            None
        }
    };
    let args = syn::parse2::<crate::attr::Args>(attr)
        .map_err(|e| cx.syn_error(e))
        .ok();
    let checked = match (&func, &args) {
        (Some(f), Some(a)) => Some(check::check(&cx, args::parse(&cx, f, a))),
        _ => None,
    };
    match (cx.check(), checked) {
        (Ok(()), Some(checked)) => expand::expand(item, &checked),
        (Err(e), _) => with_errors(item, e),
        (Ok(()), None) => unreachable!("no spec without an error"),
    }
}

/// A spanned error naming what the attribute was put on.
fn not_a_function(cx: &Ctxt, item: &TokenStream) {
    let (what, span) = crate::ctxt::item_kind(item);
    cx.error_at(
        span,
        format!("`cf_function` applies to a Lambda handler function, not {what}: put it on `async fn handler(event: LambdaEvent<T>)`"),
    );
}
