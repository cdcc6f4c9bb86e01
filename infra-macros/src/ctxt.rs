//! Error collector: every check reports here, so one build shows every mistake (as serde_derive's `Ctxt`).

use std::cell::RefCell;
use std::fmt::Display;

use proc_macro2::TokenStream;
use quote::ToTokens;

/// Gathers errors; [`Ctxt::check`] turns them into one combined `syn::Error`.
#[derive(Default)]
pub struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    /// An error spanned on `tokens`.
    pub fn error_spanned_by<T: ToTokens, M: Display>(&self, tokens: T, message: M) {
        self.errors
            .borrow_mut()
            .push(syn::Error::new_spanned(tokens.into_token_stream(), message));
    }

    /// An error at `span`.
    pub fn error_at<M: Display>(&self, span: proc_macro2::Span, message: M) {
        self.errors
            .borrow_mut()
            .push(syn::Error::new(span, message));
    }

    /// A syn error as is.
    pub fn syn_error(&self, err: syn::Error) {
        self.errors.borrow_mut().push(err);
    }

    /// All errors, combined, or `Ok` when there were none.
    pub fn check(self) -> syn::Result<()> {
        let mut errors = self.errors.into_inner().into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for e in errors {
            combined.combine(e);
        }
        Err(combined)
    }
}

/// What an item is, for "applies to ..., not ..." messages, with the span of its keyword or name.
pub fn item_kind(item: &TokenStream) -> (&'static str, proc_macro2::Span) {
    use syn::spanned::Spanned;
    match syn::parse2::<syn::Item>(item.clone()) {
        Ok(syn::Item::Fn(f)) => ("a function", f.sig.ident.span()),
        Ok(syn::Item::Struct(s)) => ("a struct", s.ident.span()),
        Ok(syn::Item::Enum(e)) => ("an enum", e.ident.span()),
        Ok(syn::Item::Union(u)) => ("a union", u.union_token.span),
        Ok(syn::Item::Impl(i)) => ("an impl block", i.impl_token.span),
        Ok(syn::Item::Mod(m)) => ("a module", m.mod_token.span),
        Ok(syn::Item::Const(c)) => ("a const", c.const_token.span),
        Ok(syn::Item::Static(s)) => ("a static", s.static_token.span),
        Ok(syn::Item::Trait(t)) => ("a trait", t.trait_token.span),
        Ok(syn::Item::Type(t)) => ("a type alias", t.type_token.span),
        Ok(syn::Item::Use(u)) => ("a `use`", u.use_token.span),
        Ok(other) => ("this item", other.span()),
        Err(_) => ("this item", proc_macro2::Span::call_site()),
    }
}

/// An error on each further `#[name(...)]` among `attrs`: the first one expands, a second would register
/// the item twice.
pub fn written_twice(cx: &Ctxt, attrs: &[syn::Attribute], name: &str) {
    for a in attrs {
        if a.path().segments.last().is_some_and(|s| s.ident == name) {
            cx.error_spanned_by(
                a,
                format!("`{name}` is written twice on this item: merge the two into one `#[{name}(...)]`"),
            );
        }
    }
}

/// The user's item, unchanged, followed by the errors: no follow-up errors, and IDEs keep working.
pub fn with_errors(item: TokenStream, err: syn::Error) -> TokenStream {
    let mut out = item;
    out.extend(err.to_compile_error());
    out
}
