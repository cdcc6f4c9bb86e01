//! `#[cf_function(...)]`: parse the arguments, check them, expand to the item plus one registration.

mod args;
mod check;
mod expand;

use proc_macro2::TokenStream;
use syn::spanned::Spanned;

use crate::ctxt::{Ctxt, with_errors};

pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let cx = Ctxt::default();
    let func = match syn::parse2::<syn::ItemFn>(item.clone()) {
        Ok(f) => Some(f),
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
    let what = match syn::parse2::<syn::Item>(item.clone()) {
        Ok(syn::Item::Struct(s)) => Some(("a struct", s.ident.span())),
        Ok(syn::Item::Enum(e)) => Some(("an enum", e.ident.span())),
        Ok(syn::Item::Impl(i)) => Some(("an impl block", i.impl_token.span)),
        Ok(syn::Item::Mod(m)) => Some(("a module", m.ident.span())),
        Ok(syn::Item::Const(c)) => Some(("a const", c.ident.span())),
        Ok(syn::Item::Static(s)) => Some(("a static", s.ident.span())),
        Ok(syn::Item::Trait(t)) => Some(("a trait", t.ident.span())),
        Ok(syn::Item::Type(t)) => Some(("a type alias", t.ident.span())),
        Ok(other) => Some(("this item", other.span())),
        Err(_) => None,
    };
    let (what, span) = what.unwrap_or(("this item", proc_macro2::Span::call_site()));
    cx.error_at(
        span,
        format!("`cf_function` applies to a Lambda handler function, not {what}: put it on `async fn handler(event: LambdaEvent<T>)`"),
    );
}
