//! Rules across keys, applied to the parsed [`Spec`]; the result is everything `expand` needs, resolved.

use proc_macro2::Span;
use syn::LitStr;

use super::args::{EventKind, Spec};
use crate::ctxt::Ctxt;

/// Environment variables Lambda reserves: a function that sets one fails to deploy.
const RESERVED_ENV: &[&str] = &[
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_DEFAULT_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_LAMBDA_RUNTIME_API",
    "AWS_REGION",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "LAMBDA_RUNTIME_DIR",
    "LAMBDA_TASK_ROOT",
];

/// A spec with every default resolved and every rule checked.
pub struct Checked {
    pub logical_id: String,
    pub description: Option<String>,
    pub memory: Option<u32>,
    pub timeout: Option<u32>,
    pub architecture: &'static str,
    pub code: Code,
    pub env: Vec<(String, String)>,
    pub events: Vec<CheckedEvent>,
}

pub enum Code {
    /// `bin = None`: the package's own binary (`CARGO_PKG_NAME`).
    Zip { bin: Option<String> },
    Image {
        context: String,
        dockerfile: String,
        tag: Option<String>,
    },
}

pub enum CheckedEvent {
    HttpApi {
        name: String,
        method: &'static str,
        path: String,
        url_output: Option<String>,
    },
}

pub fn is_logical_id(s: &str) -> bool {
    (1..=255).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn logical_id(cx: &Ctxt, lit: &LitStr, key: &str) -> String {
    let v = lit.value();
    if !is_logical_id(&v) {
        cx.error_spanned_by(
            lit,
            format!("`{key}` must be a logical id: 1 to 255 ASCII letters and digits, found `{v}`"),
        );
    }
    v
}

/// `snake_case` to `PascalCase`: `predict_v2` → `PredictV2`.
pub fn pascal(ident: &str) -> String {
    ident
        .trim_start_matches("r#")
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

pub fn check(cx: &Ctxt, spec: Spec) -> Option<Checked> {
    let logical_id = match &spec.name {
        Some(lit) => logical_id(cx, lit, "name"),
        None => {
            let id = format!("{}Function", pascal(&spec.ident.to_string()));
            if !is_logical_id(&id) {
                cx.error_spanned_by(
                    &spec.ident,
                    format!("the default logical id `{id}` is not ASCII letters and digits: set `name = \"...\"`"),
                );
            }
            id
        }
    };
    let code = match &spec.image {
        Some(image) => {
            if let Some(bin) = &spec.bin {
                cx.error_spanned_by(bin, "`bin` applies to zip functions; an `image` function's Dockerfile builds the binary");
            }
            Code::Image {
                context: image.value(),
                dockerfile: spec
                    .dockerfile
                    .as_ref()
                    .map_or_else(|| "Dockerfile".to_owned(), LitStr::value),
                tag: spec.tag.as_ref().map(LitStr::value),
            }
        }
        None => {
            for (lit, key) in [(&spec.dockerfile, "dockerfile"), (&spec.tag, "tag")] {
                if let Some(lit) = lit {
                    cx.error_spanned_by(
                        lit,
                        format!(
                            "`{key}` needs `image = \"dir\"`: zip functions have no Dockerfile"
                        ),
                    );
                }
            }
            Code::Zip {
                bin: spec.bin.as_ref().map(LitStr::value),
            }
        }
    };
    let mut env: Vec<(String, String)> = Vec::new();
    for (var, value) in &spec.env {
        let name = var.to_string();
        // Lambda's own pattern (and cfn-lint's E3002): a letter, then at least one letter, digit or `_`.
        let valid = name.len() >= 2
            && name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !valid {
            cx.error_spanned_by(
                var,
                format!("environment variable names match `[A-Za-z][A-Za-z0-9_]+` (Lambda's rule), found `{name}`"),
            );
        } else if RESERVED_ENV.contains(&name.as_str()) {
            cx.error_spanned_by(
                var,
                format!("`{name}` is reserved by Lambda and cannot be set"),
            );
        } else if env.iter().any(|(n, _)| *n == name) {
            cx.error_spanned_by(var, format!("duplicate environment variable `{name}`"));
        } else {
            env.push((name, value.value()));
        }
    }
    let events = check_events(cx, &spec);
    Some(Checked {
        logical_id,
        description: spec.description.as_ref().map(LitStr::value),
        memory: spec.memory,
        timeout: spec.timeout,
        architecture: spec.architecture.unwrap_or("arm64"),
        code,
        env,
        events,
    })
}

fn check_events(cx: &Ctxt, spec: &Spec) -> Vec<CheckedEvent> {
    let mut out = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for (i, e) in spec.events.iter().enumerate() {
        let stem = e.kind.stem();
        let same_kind = spec.events.iter().filter(|o| o.kind.stem() == stem).count();
        let name = match &e.name {
            Some(lit) => logical_id(cx, lit, "name"),
            None if same_kind == 1 => stem.to_owned(),
            None => {
                let nth = spec.events[..=i]
                    .iter()
                    .filter(|o| o.kind.stem() == stem)
                    .count();
                format!("{stem}{nth}")
            }
        };
        if names.contains(&name) {
            let span = e.name.as_ref().map_or(e.span, LitStr::span);
            cx.error_at(
                span,
                format!("duplicate event name `{name}`: give each event a distinct `name`"),
            );
        }
        names.push(name.clone());
        match &e.kind {
            EventKind::HttpApi {
                method,
                path,
                url_output,
            } => {
                let path_value = match path {
                    Some(p) => {
                        let v = p.value();
                        if !v.starts_with('/') {
                            cx.error_spanned_by(
                                p,
                                format!("`path` must start with `/`, found `{v}`"),
                            );
                        }
                        Some(v)
                    }
                    None => {
                        missing(cx, e.span, "http_api", "path", "path = \"/\"");
                        None
                    }
                };
                if method.is_none() {
                    missing(cx, e.span, "http_api", "method", "method = \"GET\"");
                }
                let url_output = url_output.as_ref().map(|l| logical_id(cx, l, "url_output"));
                if let (Some(method), Some(path)) = (method, path_value) {
                    out.push(CheckedEvent::HttpApi {
                        name,
                        method,
                        path,
                        url_output,
                    });
                }
            }
        }
    }
    out
}

fn missing(cx: &Ctxt, span: Span, what: &str, key: &str, example: &str) {
    cx.error_at(span, format!("`{what}` needs `{key}`: add `{example}`"));
}

#[cfg(test)]
mod tests {
    #[test]
    fn pascal_case_of_handler_names() {
        assert_eq!(super::pascal("predict"), "Predict");
        assert_eq!(super::pascal("get_file_info"), "GetFileInfo");
        assert_eq!(super::pascal("predict_v2"), "PredictV2");
        assert_eq!(super::pascal("r#type"), "Type");
    }
}
