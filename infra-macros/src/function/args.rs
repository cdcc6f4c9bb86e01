//! Tokens to a typed [`Spec`], keeping the span of everything a later check may point at.

use proc_macro2::Span;
use syn::{Ident, LitStr};

use crate::attr::{self, Args, Node};
use crate::ctxt::Ctxt;
use crate::symbol::{ARCHITECTURES, EVENT_KINDS, FUNCTION_KEYS, HTTP_API_KEYS, HTTP_METHODS};

/// Everything `#[cf_function]` declares, typed, with spans.
pub struct Spec {
    pub ident: Ident,
    pub name: Option<LitStr>,
    pub description: Option<LitStr>,
    pub memory: Option<u32>,
    pub timeout: Option<u32>,
    pub architecture: Option<&'static str>,
    pub bin: Option<LitStr>,
    pub image: Option<LitStr>,
    pub dockerfile: Option<LitStr>,
    pub tag: Option<LitStr>,
    pub env: Vec<(Ident, LitStr)>,
    pub events: Vec<Event>,
}

/// One entry of `events(...)`.
pub struct Event {
    /// Span of the kind (`http_api`), for errors about the whole event.
    pub span: Span,
    pub name: Option<LitStr>,
    pub kind: EventKind,
}

pub enum EventKind {
    HttpApi {
        method: Option<&'static str>,
        path: Option<LitStr>,
        url_output: Option<LitStr>,
    },
}

impl EventKind {
    /// The kind's name in `events(...)`, and the default event name's stem.
    pub fn stem(&self) -> &'static str {
        match self {
            EventKind::HttpApi { .. } => "HttpApi",
        }
    }
}

pub fn parse(cx: &Ctxt, func: &syn::ItemFn, args: &Args) -> Option<Spec> {
    if let Some(recv) = func.sig.receiver() {
        cx.error_spanned_by(
            recv,
            "`cf_function` cannot be used on a method: make the handler a free function",
        );
    }
    let mut spec = Spec {
        ident: func.sig.ident.clone(),
        name: None,
        description: None,
        memory: None,
        timeout: None,
        architecture: None,
        bin: None,
        image: None,
        dockerfile: None,
        tag: None,
        env: Vec::new(),
        events: Vec::new(),
    };
    for (key, node) in attr::keyed(cx, "cf_function", FUNCTION_KEYS, &args.0) {
        match key {
            "name" => spec.name = attr::str_value(cx, node, key, "name = \"PredictFunction\""),
            "description" => {
                spec.description = attr::str_value(cx, node, key, "description = \"...\"")
            }
            "memory" => {
                spec.memory = attr::int_value(cx, node, key, 128..=10240, "MB").map(|v| v.0)
            }
            "timeout" => {
                spec.timeout = attr::int_value(cx, node, key, 1..=900, "seconds").map(|v| v.0)
            }
            "architecture" => spec.architecture = attr::choice_value(cx, node, key, ARCHITECTURES),
            "bin" => spec.bin = attr::str_value(cx, node, key, "bin = \"my-handler\""),
            "image" => spec.image = attr::str_value(cx, node, key, "image = \"model\""),
            "dockerfile" => {
                spec.dockerfile = attr::str_value(cx, node, key, "dockerfile = \"Dockerfile\"")
            }
            "tag" => spec.tag = attr::str_value(cx, node, key, "tag = \"latest\""),
            "env" => {
                for item in
                    attr::items_of(cx, node, key, "env(TABLE = \"files\")").unwrap_or_default()
                {
                    match item {
                        Node::KeyValue { key: var, .. } => {
                            let example = format!("{var} = \"value\"");
                            if let Some(v) = attr::str_value(cx, item, &var.to_string(), &example) {
                                spec.env.push((var.clone(), v));
                            }
                        }
                        other => {
                            cx.error_at(other.span(), "expected `NAME = \"value\"` in `env(...)`")
                        }
                    }
                }
            }
            "events" => {
                for item in attr::items_of(
                    cx,
                    node,
                    key,
                    "events(http_api(method = \"GET\", path = \"/\"))",
                )
                .unwrap_or_default()
                {
                    if let Some(e) = parse_event(cx, item) {
                        spec.events.push(e);
                    }
                }
            }
            _ => unreachable!("every key in FUNCTION_KEYS is handled"),
        }
    }
    Some(spec)
}

fn parse_event(cx: &Ctxt, node: &Node) -> Option<Event> {
    let kinds = attr::keyed(cx, "events", EVENT_KINDS, std::slice::from_ref(node));
    let (kind, node) = kinds.first()?;
    let example = "http_api(method = \"GET\", path = \"/\")";
    let items = attr::items_of(cx, node, kind, example)?;
    let mut name = None;
    let parsed = match *kind {
        "http_api" => {
            let (mut method, mut path, mut url_output) = (None, None, None);
            for (key, item) in attr::keyed(cx, "http_api", HTTP_API_KEYS, items) {
                match key {
                    "method" => method = method_value(cx, item),
                    "path" => path = attr::str_value(cx, item, key, "path = \"/items\""),
                    "name" => name = attr::str_value(cx, item, key, "name = \"GetItems\""),
                    "url_output" => {
                        url_output = attr::str_value(cx, item, key, "url_output = \"ApiUrl\"")
                    }
                    _ => unreachable!("every key in HTTP_API_KEYS is handled"),
                }
            }
            EventKind::HttpApi {
                method,
                path,
                url_output,
            }
        }
        _ => unreachable!("every kind in EVENT_KINDS is handled"),
    };
    Some(Event {
        span: node.span(),
        name,
        kind: parsed,
    })
}

/// HTTP methods are accepted in any case and written upper-case.
fn method_value(cx: &Ctxt, node: &Node) -> Option<&'static str> {
    let s = attr::str_value(cx, node, "method", "method = \"GET\"")?;
    let v = s.value();
    if let Some(m) = HTTP_METHODS
        .iter()
        .copied()
        .find(|m| m.eq_ignore_ascii_case(&v))
    {
        return Some(m);
    }
    let hint = crate::symbol::did_you_mean(&v, HTTP_METHODS)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default();
    cx.error_spanned_by(
        &s,
        format!(
            "invalid `method` `{v}`{hint}\nexpected one of {}",
            crate::symbol::list(HTTP_METHODS)
        ),
    );
    None
}
