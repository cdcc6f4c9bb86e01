//! `#[cf_function(...)]`: parse the arguments, check them, expand to the item plus one registration.

mod args;
mod check;
mod expand;

use proc_macro2::TokenStream;

use crate::ctxt::{Ctxt, with_errors};

pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let cx = Ctxt::default();
    let func = match syn::parse2::<syn::ItemFn>(item.clone()) {
        Ok(f) => Some(f),
        Err(_) => {
            cx.error_at(
                proc_macro2::Span::call_site(),
                "`cf_function` applies to a free function (a Lambda handler such as `async fn handler(event: LambdaEvent<T>)`)",
            );
            None
        }
    };
    let args = match syn::parse2::<crate::attr::Args>(attr) {
        Ok(a) => Some(a),
        Err(e) => {
            cx.syn_error(e);
            None
        }
    };
    let spec = match (&func, &args) {
        (Some(f), Some(a)) => args::parse(&cx, f, a).and_then(|spec| check::check(&cx, spec)),
        _ => None,
    };
    match (cx.check(), spec) {
        (Ok(()), Some(spec)) => expand::expand(item, &spec),
        (Err(e), _) => with_errors(item, e),
        (Ok(()), None) => unreachable!("no spec without an error"),
    }
}
