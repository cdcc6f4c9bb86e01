//! Rules across keys, applied to the parsed [`Spec`]: defaults resolved, names checked, conflicts reported.

use syn::LitStr;

use super::args::{EventKind, Spec};
use crate::attr::Target;
use crate::ctxt::Ctxt;
use crate::symbol::is_logical_id;

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
    pub spec: Spec,
    pub logical_id: String,
    /// The name of each event, in order.
    pub event_names: Vec<String>,
}

fn check_id(cx: &Ctxt, lit: &LitStr, key: &str) {
    let v = lit.value();
    if !is_logical_id(&v) {
        cx.error_spanned_by(
            lit,
            format!("`{key}` must be a logical id: 1 to 255 ASCII letters and digits, found `{v}`"),
        );
    }
}

/// A logical id, or an ARN (`arn:...`) or `${...}` substitution where an ARN is accepted.
fn target(cx: &Ctxt, lit: &LitStr, key: &str) {
    let v = lit.value();
    if !v.starts_with("arn:") && !v.contains("${") && !is_logical_id(&v) {
        cx.error_spanned_by(
            lit,
            format!("`{key}` must be a logical id in this template or an ARN, found `{v}`"),
        );
    }
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

pub fn check(cx: &Ctxt, spec: Spec) -> Checked {
    let logical_id = match &spec.logical_id {
        Some(lit) => {
            check_id(cx, lit, "logical_id");
            lit.value()
        }
        None => {
            let id = format!("{}Function", pascal(&spec.ident.to_string()));
            if !is_logical_id(&id) {
                cx.error_spanned_by(
                    &spec.ident,
                    format!("the default logical id `{id}` is not ASCII letters and digits: set `logical_id = \"...\"`"),
                );
            }
            id
        }
    };
    if spec.image.is_some() {
        if let Some(bin) = &spec.bin {
            cx.error_spanned_by(bin, "`bin` applies to zip functions; an `image` function's Dockerfile builds the binary");
        }
    } else {
        for (lit, key) in [(&spec.dockerfile, "dockerfile"), (&spec.tag, "tag")] {
            if let Some(lit) = lit {
                cx.error_spanned_by(
                    lit,
                    format!("`{key}` needs `image = \"dir\"`: zip functions have no Dockerfile"),
                );
            }
        }
    }
    let mut seen: Vec<String> = Vec::new();
    for (var, _) in &spec.env {
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
        } else if seen.contains(&name) {
            cx.error_spanned_by(var, format!("duplicate environment variable `{name}`"));
        }
        seen.push(name);
    }
    seen.clear();
    for (key, _) in &spec.tags {
        let name = key.to_string();
        if seen.contains(&name) {
            cx.error_spanned_by(key, format!("duplicate tag `{name}`"));
        }
        seen.push(name);
    }
    if let Some(Target::Id(c)) = &spec.condition {
        check_id(cx, c, "condition");
    }
    if let Some(alias) = &spec.auto_publish_alias {
        let v = alias.value();
        let valid = (1..=128).contains(&v.len())
            && v.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && !v.bytes().all(|b| b.is_ascii_digit());
        if !valid {
            cx.error_spanned_by(alias, format!("alias names are 1 to 128 letters, digits, `-` or `_`, not all digits; found `{v}`"));
        }
    }
    if let Some((key, t)) = &spec.dead_letter {
        target(cx, t, key);
    }
    let mut outputs: Vec<String> = Vec::new();
    let mut output = |lit: &LitStr| {
        check_id(cx, lit, "url_output");
        let v = lit.value();
        if outputs.contains(&v) {
            cx.error_spanned_by(lit, format!("duplicate output `{v}`"));
        }
        outputs.push(v);
    };
    if let Some(out) = spec
        .function_url
        .as_ref()
        .and_then(|u| u.url_output.as_ref())
    {
        output(out);
    }
    let mut event_names: Vec<String> = Vec::new();
    for (i, e) in spec.events.iter().enumerate() {
        let stem = e.kind.stem();
        let same_kind = spec.events.iter().filter(|o| o.kind.stem() == stem).count();
        let name = match &e.name {
            Some(lit) => {
                check_id(cx, lit, "name");
                lit.value()
            }
            None if same_kind == 1 => stem.to_owned(),
            None => {
                let nth = spec.events[..=i]
                    .iter()
                    .filter(|o| o.kind.stem() == stem)
                    .count();
                format!("{stem}{nth}")
            }
        };
        if event_names.contains(&name) {
            let span = e.name.as_ref().map_or(e.span, LitStr::span);
            cx.error_at(
                span,
                format!("duplicate event name `{name}`: give each event a distinct `name`"),
            );
        }
        event_names.push(name);
        match &e.kind {
            EventKind::HttpApi {
                path,
                api,
                url_output,
                ..
            }
            | EventKind::Api {
                path,
                api,
                url_output,
                ..
            } => {
                let v = path.value();
                if !v.starts_with('/') {
                    cx.error_spanned_by(path, format!("`path` must start with `/`, found `{v}`"));
                }
                if let Some(api) = api {
                    check_id(cx, api, "api");
                }
                if let Some(out) = url_output {
                    output(out);
                }
            }
            EventKind::S3 {
                bucket: Target::Id(bucket),
                ..
            } => check_id(cx, bucket, "bucket"),
            EventKind::Sqs {
                queue: Target::Id(queue),
                ..
            } => target(cx, queue, "queue"),
            EventKind::Sns {
                topic: Target::Id(topic),
                ..
            } => target(cx, topic, "topic"),
            EventKind::DynamoDb {
                table: Target::Id(table),
                ..
            } => target(cx, table, "table"),
            EventKind::S3 { .. }
            | EventKind::Sqs { .. }
            | EventKind::Sns { .. }
            | EventKind::DynamoDb { .. } => {}
            EventKind::Schedule { .. } | EventKind::EventBridge { .. } => {}
        }
    }
    Checked {
        spec,
        logical_id,
        event_names,
    }
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
