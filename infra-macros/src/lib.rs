//! Attribute macros of [`infra-core`](https://docs.rs/infra-core). Depend on `infra-core`, which re-exports
//! them; the keys are documented there.

extern crate proc_macro;

mod attr;
mod ctxt;
mod function;
mod json;
mod policy_templates;
mod resources;
mod schedule;
mod serde_names;
mod symbol;
mod tokens;

use proc_macro::TokenStream;

/// Registers an `AWS::Serverless::Function` for a Lambda handler, leaving the handler unchanged.
///
/// See `infra_core::cf_function` for every key, with examples.
#[proc_macro_attribute]
pub fn cf_function(attr: TokenStream, item: TokenStream) -> TokenStream {
    function::expand(attr.into(), item.into()).into()
}

/// Registers the resources a type declares: through a shortcut (`table`, `bucket`, `queue`, `topic`, `secret`,
/// `parameter`, `condition`) or, bare, through its `infra_core::Resources` impl.
///
/// See `infra_core::cf_resources` for every key, with examples.
#[proc_macro_attribute]
pub fn cf_resources(attr: TokenStream, item: TokenStream) -> TokenStream {
    resources::expand(attr.into(), item.into()).into()
}
