//! One binary, many handlers (feature `dispatch`).
//!
//! With the feature on, `#[cf_function]` also registers each handler taking a `LambdaEvent<T>` under its
//! function's logical id, and
//! [`run`], called from the binary's `main`, runs the handler that Lambda's `_HANDLER` variable names — the
//! function's `Handler` property, which the template sets to the logical id when the generator is told so:
//!
//! ```text
//! // src/bin/template.rs: every function's code is the `filestore` binary, with its own Handler
//! infra_core::main!(filestore; dispatch = "filestore");
//! // src/main.rs
//! fn main() -> Result<(), lambda_runtime::Error> { infra_core::run() }
//! ```
//!
//! Each handler runs exactly as `lambda_runtime::run(service_fn(handler))` would run it in a binary of its own:
//! events are deserialized to its payload type and its output serialized, and its error type reaches
//! `lambda_runtime::Diagnostic` as is (never boxed), so the error response keeps the type's name.

use std::future::Future;
use std::pin::Pin;

use crate::registry::Origin;

/// Runs one handler with `lambda_runtime` until the runtime stops.
pub type Runner = fn() -> Pin<Box<dyn Future<Output = Result<(), lambda_runtime::Error>>>>;

/// One registered handler.
#[derive(Debug)]
pub struct Entry {
    /// The function's logical id: the `Handler` the template gives it.
    pub name: &'static str,
    /// Where it was declared.
    pub origin: Origin,
    /// Runs it.
    pub run: Runner,
}

inventory::collect!(Entry);

/// The entry `_HANDLER` names, or why there is none (the message lists the registered names).
pub fn select(handler: Option<&str>) -> Result<&'static Entry, String> {
    let mut entries: Vec<&'static Entry> = inventory::iter::<Entry>.into_iter().collect();
    entries.sort_by_key(|e| (e.name, e.origin));
    let names = entries
        .iter()
        .map(|e| e.name)
        .collect::<Vec<_>>()
        .join(", ");
    let Some(handler) = handler.filter(|h| !h.is_empty()) else {
        return Err(format!(
            "_HANDLER is not set: set it to one of the registered handlers: {names}"
        ));
    };
    let found: Vec<&&Entry> = entries.iter().filter(|e| e.name == handler).collect();
    match found[..] {
        [one] => Ok(one),
        [] if entries.is_empty() => Err(format!(
            "no handler is registered: build with infra-core's `dispatch` feature and name the crates in `main` (_HANDLER={handler})"
        )),
        [] => Err(format!(
            "unknown _HANDLER `{handler}`; registered handlers: {names}"
        )),
        _ => {
            let places = found
                .iter()
                .map(|e| e.origin.to_string())
                .collect::<Vec<_>>()
                .join(" and ");
            Err(format!(
                "ambiguous _HANDLER `{handler}`: registered at {places}"
            ))
        }
    }
}

/// Reads `_HANDLER` and runs that handler on a current-thread Tokio runtime. An unknown, ambiguous or missing
/// name fails at start-up, before any event is taken, with the list of registered names.
pub fn run() -> Result<(), lambda_runtime::Error> {
    let handler = std::env::var("_HANDLER").ok();
    let entry = select(handler.as_deref())?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on((entry.run)())
}

/// `#[cf_function]`'s registration of a handler: `async` ones as they are, others (`fn h(LambdaEvent<T>) ->
/// Result<..>`) through a future that is ready at once. `$register` is the attribute's const beside the
/// handler: naming it bare fails to compile inside an `impl` block, where `$handler` alone would name another
/// function, or none.
#[doc(hidden)]
#[macro_export]
macro_rules! __dispatch_entry {
    ($name:expr, $handler:path, $register:ident, async) => {
        $crate::__dispatch_entry!(@submit $name, $register, $crate::__private::lambda_runtime::service_fn($handler));
    };
    ($name:expr, $handler:path, $register:ident, sync) => {
        $crate::__dispatch_entry!(@submit $name, $register, $crate::__private::lambda_runtime::service_fn(
            |event| ::core::future::ready($handler(event))
        ));
    };
    (@submit $name:expr, $register:ident, $service:expr) => {
        $crate::__private::inventory::submit! {
            $crate::dispatch::Entry {
                name: $name,
                origin: $crate::__private::Origin { file: ::core::file!(), line: ::core::line!(), module: ::core::module_path!() },
                run: || {
                    let _: &str = $register;
                    ::std::boxed::Box::pin($crate::__private::lambda_runtime::run($service))
                },
            }
        }
    };
}

/// The functions of `t` that run in the dispatch binary `bin` (its `Binary`, with `Handler` their logical id)
/// but whose handler no entry registers: a generic handler, or one whose `LambdaEvent<T>` parameter is written
/// through an alias, which `#[cf_function]` cannot see. One error each, at the function's `file:line`, since the
/// function would fail at start-up.
pub fn unregistered(
    t: &crate::Template,
    origins: &crate::registry::Origins,
    bin: &str,
) -> Vec<crate::Diagnostic> {
    let registered: Vec<&str> = inventory::iter::<Entry>
        .into_iter()
        .map(|e| e.name)
        .collect();
    let mut out = Vec::new();
    for (id, r) in &t.resources {
        let binary = r
            .metadata
            .get("BuildProperties")
            .and_then(|p| p.get("Binary"));
        let handler = r
            .properties
            .get("Handler")
            .and_then(serde_json::Value::as_str);
        if r.kind != "AWS::Serverless::Function"
            || binary.and_then(serde_json::Value::as_str) != Some(bin)
            || handler != Some(id.as_str())
            || registered.contains(&id.as_str())
        {
            continue;
        }
        let at = origins
            .get(&(crate::registry::Section::Resources, id.clone()))
            .copied();
        out.push(crate::Diagnostic::error(at, format!(
            "function `{id}` runs in the dispatch binary `{bin}`, but its handler is not registered there: \
             `#[cf_function]` registers a handler whose first parameter is written `LambdaEvent<T>` (not through an \
             alias) and that is not generic; write it so, or give it a binary of its own with `bin = \"...\"`"
        )));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn never() -> Result<(), lambda_runtime::Error> {
        Ok(())
    }

    inventory::submit! { Entry { name: "AlphaFunction", origin: Origin { file: "a.rs", line: 1, module: "m" }, run: || Box::pin(never()) } }
    inventory::submit! { Entry { name: "BetaFunction", origin: Origin { file: "b.rs", line: 2, module: "m" }, run: || Box::pin(never()) } }
    inventory::submit! { Entry { name: "BetaFunction", origin: Origin { file: "c.rs", line: 3, module: "m" }, run: || Box::pin(never()) } }

    #[test]
    fn selection_names_the_choices() {
        assert_eq!(select(Some("AlphaFunction")).unwrap().origin.file, "a.rs");
        assert_eq!(
            select(Some("Gamma")).unwrap_err(),
            "unknown _HANDLER `Gamma`; registered handlers: AlphaFunction, BetaFunction, BetaFunction"
        );
        assert_eq!(
            select(Some("BetaFunction")).unwrap_err(),
            "ambiguous _HANDLER `BetaFunction`: registered at b.rs:2 and c.rs:3"
        );
        assert!(select(None).unwrap_err().starts_with(
            "_HANDLER is not set: set it to one of the registered handlers: AlphaFunction"
        ));
    }
}
