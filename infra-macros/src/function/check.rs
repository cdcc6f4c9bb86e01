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

/// What a function URL's CORS `allow_methods` takes (the `AWS::Lambda::Url` schema's list).
const URL_CORS_METHODS: &[&str] = &["GET", "PUT", "HEAD", "POST", "PATCH", "DELETE", "*"];

/// A tag within AWS's limits: a key of 1 to 128 characters not starting with `aws:`, a value of at most 256.
pub fn tag(cx: &Ctxt, key: &LitStr, value: &LitStr) {
    let (k, v) = (key.value(), value.value());
    let n = k.chars().count();
    if n == 0 || n > 128 {
        cx.error_spanned_by(key, format!("a tag key has 1 to 128 characters, found {n}"));
    } else if k.to_ascii_lowercase().starts_with("aws:") {
        cx.error_spanned_by(
            key,
            format!("tag keys starting with `aws:` are reserved for AWS, found `{k}`"),
        );
    }
    let n = v.chars().count();
    if n > 256 {
        cx.error_spanned_by(
            value,
            format!("a tag value has at most 256 characters, found {n}"),
        );
    }
}

/// `arn:<partition>:lambda:<region>:<12 digits>:layer:<name>:<version>` (the `AWS::Lambda::Function`
/// schema's pattern).
fn is_layer_arn(v: &str) -> bool {
    let p: Vec<&str> = v.split(':').collect();
    let word = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    p.len() == 8
        && p[0] == "arn"
        && word(p[1])
        && p[2] == "lambda"
        && word(p[3])
        && p[4].len() == 12
        && p[4].bytes().all(|b| b.is_ascii_digit())
        && p[5] == "layer"
        && !p[6].is_empty()
        && p[6]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !p[7].is_empty()
        && p[7].bytes().all(|b| b.is_ascii_digit())
}

/// A path inside the package, relative to its `Cargo.toml`: not empty, not absolute, no `..`, no whitespace
/// or control characters (SAM and Docker read these paths from the template).
fn relative_path(cx: &Ctxt, lit: &LitStr, key: &str) {
    let v = lit.value();
    let why = if v.is_empty() {
        Some("it is empty")
    } else if v.starts_with('/') || v.starts_with('\\') || v.get(1..2) == Some(":") {
        Some("it is absolute")
    } else if v.split(['/', '\\']).any(|c| c == "..") {
        Some("it leaves the package through `..`")
    } else if v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("it holds whitespace or a control character")
    } else {
        None
    };
    if let Some(why) = why {
        let found = if v.is_empty() {
            String::new()
        } else {
            format!(": found `{}`", v.escape_debug())
        };
        cx.error_spanned_by(lit, format!("`{key}` is a path inside the package, relative to its `Cargo.toml`, but {why}{found}"));
    }
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
    for (key, value) in &spec.tags {
        tag(cx, key, value);
        let name = key.value();
        if seen.contains(&name) {
            cx.error_spanned_by(key, format!("duplicate tag `{name}`"));
        }
        seen.push(name);
    }
    if let Some(d) = &spec.description {
        let n = d.value().chars().count();
        if n > 256 {
            cx.error_spanned_by(d, format!("a function's `description` has at most 256 characters (Lambda's limit), found {n}"));
        }
    }
    if spec.layers.len() > 5 {
        let at = match &spec.layers[5] {
            Target::Id(s) => s.span(),
            Target::Type(p) => syn::spanned::Spanned::span(p),
        };
        cx.error_at(
            at,
            format!(
                "a function has at most 5 layers (Lambda's limit), found {}",
                spec.layers.len()
            ),
        );
    }
    for layer in &spec.layers {
        if let Target::Id(layer) = layer {
            let v = layer.value();
            if !v.contains("${") && !is_layer_arn(&v) {
                cx.error_spanned_by(layer, format!("a layer is a `layer(..)` type, a version ARN, `arn:aws:lambda:<region>:<account>:layer:<name>:<version>`, or a `${{...}}` substitution naming one; found `{v}`"));
            }
        }
    }
    if let Some(bin) = &spec.bin {
        let v = bin.value();
        let valid = !v.is_empty()
            && v.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !valid {
            cx.error_spanned_by(
                bin,
                if v.is_empty() {
                    "`bin` names a Cargo binary target: letters, digits, `-` and `_`, found an empty string".to_owned()
                } else {
                    format!(
                        "`bin` names a Cargo binary target: letters, digits, `-` and `_`, found `{}`",
                        v.escape_debug()
                    )
                },
            );
        }
    }
    for (lit, key) in [(&spec.image, "image"), (&spec.dockerfile, "dockerfile")] {
        if let Some(lit) = lit {
            relative_path(cx, lit, key);
        }
    }
    if let Some(cors) = spec.function_url.as_ref().and_then(|u| u.cors.as_ref()) {
        for m in &cors.allow_methods {
            let v = m.value();
            if !URL_CORS_METHODS.contains(&v.as_str()) {
                cx.error_spanned_by(
                    m,
                    format!(
                        "invalid function URL CORS method `{v}`{}\nexpected one of {}",
                        crate::symbol::hint(&v, URL_CORS_METHODS),
                        crate::symbol::list(URL_CORS_METHODS)
                    ),
                );
            }
        }
    }
    let mut routes: Vec<(&str, String, String, String)> = Vec::new();
    for e in &spec.events {
        let (kind, method, path, api) = match &e.kind {
            EventKind::HttpApi(r) => (
                "http_api",
                r.method.unwrap_or("$default"),
                r.path.as_ref(),
                match &r.api {
                    Some(Target::Id(s)) => s.value(),
                    Some(Target::Type(p)) => quote::ToTokens::to_token_stream(p).to_string(),
                    None => String::new(),
                },
            ),
            EventKind::Api {
                method, path, api, ..
            } => (
                "api",
                *method,
                Some(path),
                match api {
                    Some(Target::Id(s)) => s.value(),
                    Some(Target::Type(p)) => quote::ToTokens::to_token_stream(p).to_string(),
                    None => String::new(),
                },
            ),
            _ => continue,
        };
        let route = (
            kind,
            method.to_string(),
            path.map(LitStr::value).unwrap_or_default(),
            api,
        );
        if routes.contains(&route) {
            let at = path.map_or(e.span, LitStr::span);
            cx.error_at(
                at,
                format!(
                    "the route `{} {}` is declared twice on this function",
                    route.1, route.2
                ),
            );
        }
        routes.push(route);
        if let EventKind::Api { cors: Some(c), .. } = &e.kind {
            let v = c.value();
            if !(v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'')) {
                cx.error_spanned_by(c, format!("API Gateway reads `cors` as a header value, in single quotes: write `cors = \"'{}'\"`", v.trim_matches('\'')));
            }
        }
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
            EventKind::HttpApi(r) => {
                if let Some(path) = &r.path {
                    let v = path.value();
                    if !v.starts_with('/') {
                        cx.error_spanned_by(
                            path,
                            format!("`path` must start with `/`, found `{v}`"),
                        );
                    }
                }
                if let Some(Target::Id(api)) = &r.api {
                    check_id(cx, api, "api");
                }
                if let Some(out) = &r.url_output {
                    output(out);
                }
            }
            EventKind::Api {
                path,
                api,
                url_output,
                ..
            } => {
                let v = path.value();
                if !v.starts_with('/') {
                    cx.error_spanned_by(path, format!("`path` must start with `/`, found `{v}`"));
                }
                if let Some(Target::Id(api)) = api {
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
            EventKind::Sns(sns) => {
                if let Target::Id(topic) = &sns.topic {
                    target(cx, topic, "topic");
                }
            }
            EventKind::DynamoDb {
                table: Target::Id(table),
                ..
            } => target(cx, table, "table"),
            EventKind::Kinesis {
                stream: Target::Id(stream),
                ..
            } => target(cx, stream, "stream"),
            EventKind::S3 { .. }
            | EventKind::Sqs { .. }
            | EventKind::DynamoDb { .. }
            | EventKind::Kinesis { .. } => {}
            EventKind::Kafka(_) | EventKind::Mq(_) | EventKind::DocumentDb(_) => {}
            EventKind::ScheduleV2(s) => {
                if let Some(Some(Target::Id(q))) = &s.dead_letter {
                    target(cx, q, "dead_letter");
                }
            }
            EventKind::Schedule { .. }
            | EventKind::EventBridge(_)
            | EventKind::Cognito { .. }
            | EventKind::CloudWatchLogs { .. }
            | EventKind::IotRule { .. }
            | EventKind::AlexaSkill { .. } => {}
        }
    }
    // SAM names the role policy of each of these kinds alike, so two on one function fail the deploy.
    for (stem, what) in [
        ("Msk", "msk"),
        ("Kafka", "self_managed_kafka"),
        ("DocumentDb", "document_db"),
    ] {
        if let Some(second) = spec.events.iter().filter(|e| e.kind.stem() == stem).nth(1) {
            cx.error_at(second.span, format!("a function takes one `{what}` event: SAM gives the role policy of each the same name, and two fail the deploy; give the second its own function"));
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
