//! Rules across keys and against the type: key fields exist, options fit the shortcut.

use proc_macro2::Span;
use syn::{LitStr, Type};

use super::args::{Shortcut, Spec};
use crate::ctxt::Ctxt;
use crate::symbol::{self, is_logical_id};

pub struct Checked {
    pub spec: Spec,
    pub logical_id: String,
    /// The environment variable carrying the resource's `Ref` into functions.
    pub env: String,
}

/// `FileRecord` → `FILE_RECORD`.
pub fn screaming(id: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = id.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let boundary = i > 0
            && c.is_ascii_uppercase()
            && (chars[i - 1].is_ascii_lowercase()
                || chars[i - 1].is_ascii_digit()
                || chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase()));
        if boundary {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// The environment variable of a resource: `FILES_TABLE_NAME`, `UPLOAD_BUCKET_NAME`, `JOBS_QUEUE_URL`,
/// `ALERTS_TOPIC_ARN` (the kind word is not repeated when the id already ends with it).
fn env_name(id: &str, kind: &str, suffix: &str) -> String {
    let base = screaming(id);
    let base = base.strip_suffix(&format!("_{kind}")).unwrap_or(&base);
    format!("{base}_{kind}_{suffix}")
}

/// The type of the named field, or an error on `lit` listing the fields.
pub fn field_type<'s>(cx: &Ctxt, spec: &'s Spec, lit: &LitStr) -> Option<&'s Type> {
    let name = lit.value();
    if let Some((_, ty)) = spec.fields.iter().find(|(f, _)| *f == name) {
        return Some(ty);
    }
    let names: Vec<String> = spec.fields.iter().map(|(f, _)| f.to_string()).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let listed = if refs.is_empty() {
        "it has no named fields".to_owned()
    } else {
        format!("its fields are {}", symbol::list(&refs))
    };
    let hint = symbol::did_you_mean(&name, &refs)
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default();
    cx.error_spanned_by(
        lit,
        format!("`{}` has no field `{name}`{hint}; {listed}", spec.ident),
    );
    None
}

/// CloudFormation's parameter types (besides `AWS::SSM::Parameter::Value<...>` of one of them).
const PARAMETER_TYPES: &[&str] = &[
    "String",
    "Number",
    "List<Number>",
    "CommaDelimitedList",
    "AWS::EC2::AvailabilityZone::Name",
    "AWS::EC2::Image::Id",
    "AWS::EC2::Instance::Id",
    "AWS::EC2::KeyPair::KeyName",
    "AWS::EC2::SecurityGroup::GroupName",
    "AWS::EC2::SecurityGroup::Id",
    "AWS::EC2::Subnet::Id",
    "AWS::EC2::Volume::Id",
    "AWS::EC2::VPC::Id",
    "AWS::Route53::HostedZone::Id",
    "List<AWS::EC2::AvailabilityZone::Name>",
    "List<AWS::EC2::Image::Id>",
    "List<AWS::EC2::Instance::Id>",
    "List<AWS::EC2::SecurityGroup::GroupName>",
    "List<AWS::EC2::SecurityGroup::Id>",
    "List<AWS::EC2::Subnet::Id>",
    "List<AWS::EC2::Volume::Id>",
    "List<AWS::EC2::VPC::Id>",
    "List<AWS::Route53::HostedZone::Id>",
    "AWS::SSM::Parameter::Name",
];

fn is_parameter_type(v: &str) -> bool {
    if PARAMETER_TYPES.contains(&v) {
        return true;
    }
    match v
        .strip_prefix("AWS::SSM::Parameter::Value<")
        .and_then(|r| r.strip_suffix('>'))
    {
        Some("List<String>") => true,
        Some(inner) => {
            inner != "AWS::SSM::Parameter::Name"
                && inner != "Number"
                && inner != "List<Number>"
                && PARAMETER_TYPES.contains(&inner)
        }
        None => false,
    }
}

/// `local@domain.tld`: one `@`, no whitespace, a dot in the domain.
fn is_email(v: &str) -> bool {
    match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

pub fn check(cx: &Ctxt, spec: Spec) -> Checked {
    let logical_id = match &spec.logical_id {
        Some(lit) => {
            let v = lit.value();
            if !is_logical_id(&v) {
                cx.error_spanned_by(lit, format!("`logical_id` must be a logical id: 1 to 255 ASCII letters and digits, found `{v}`"));
            }
            v
        }
        None => {
            let v = spec.ident.to_string();
            if !is_logical_id(&v) {
                cx.error_spanned_by(&spec.ident, format!("`{v}` is not a valid logical id (ASCII letters and digits): set `logical_id = \"...\"`"));
            }
            v
        }
    };
    let kind = spec.shortcut.as_ref();
    let env = match kind {
        Some(Shortcut::Table { .. }) => env_name(&logical_id, "TABLE", "NAME"),
        Some(Shortcut::Bucket { .. }) => env_name(&logical_id, "BUCKET", "NAME"),
        Some(Shortcut::Queue { .. }) => env_name(&logical_id, "QUEUE", "URL"),
        Some(Shortcut::Topic { .. }) => env_name(&logical_id, "TOPIC", "ARN"),
        Some(Shortcut::Secret { .. }) => env_name(&logical_id, "SECRET", "ARN"),
        _ => screaming(&logical_id),
    };
    let is_storage = matches!(
        kind,
        Some(Shortcut::Table { .. } | Shortcut::Bucket { .. } | Shortcut::Secret { .. })
    );
    if let (Some((_, span)), false) = (&spec.retain, is_storage) {
        cx.error_at(
            *span,
            "`retain` applies to `table(..)`, `bucket(..)` and `secret(..)`, which are retained by default",
        );
    }
    let is_resource =
        is_storage || matches!(kind, Some(Shortcut::Queue { .. } | Shortcut::Topic { .. }));
    if let (Some(out), false) = (&spec.output, is_resource) {
        cx.error_spanned_by(out, "`output` gives the value of a `table`, `bucket`, `queue`, `topic` or `secret`; this type declares none");
    }
    if let Some(out) = &spec.output
        && !is_logical_id(&out.value())
    {
        cx.error_spanned_by(
            out,
            "`output` must be a logical id: ASCII letters and digits",
        );
    }
    if kind.is_none() && (spec.logical_id.is_some() || spec.retain.is_some()) {
        let span = spec
            .logical_id
            .as_ref()
            .map_or(Span::call_site(), LitStr::span);
        cx.error_at(span, "`logical_id` and `retain` describe a shortcut (`table(..)`, `bucket(..)`, ...); a `Resources` impl names its own resources");
    }
    if let Some(Shortcut::Table {
        partition,
        sort,
        ttl,
        gsis,
        ..
    }) = &spec.shortcut
    {
        for lit in partition.iter().chain(sort).chain(ttl).chain(
            gsis.iter()
                .flat_map(|g| std::iter::once(&g.partition).chain(&g.sort)),
        ) {
            field_type(cx, &spec, lit);
        }
        let mut names: Vec<String> = Vec::new();
        for g in gsis {
            let v = g.name.value();
            let valid = (3..=255).contains(&v.len())
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
            if !valid {
                cx.error_spanned_by(
                    &g.name,
                    format!(
                        "index names are 3 to 255 letters, digits, `_`, `.` or `-`, found `{}`",
                        v.escape_debug()
                    ),
                );
            } else if names.contains(&v) {
                cx.error_spanned_by(&g.name, format!("duplicate index name `{v}`"));
            }
            names.push(v);
        }
        let keys = std::iter::once((partition.as_ref(), sort.as_ref()))
            .chain(gsis.iter().map(|g| (Some(&g.partition), g.sort.as_ref())));
        for (p, s) in keys {
            if let (Some(p), Some(s)) = (p, s)
                && p.value() == s.value()
            {
                cx.error_spanned_by(
                    s,
                    format!(
                        "`{}` is already the partition key: the sort key is another field",
                        s.value()
                    ),
                );
            }
        }
    }
    if let Some(Shortcut::Parameter {
        kind,
        default,
        allowed_values,
        no_echo,
        ..
    }) = &spec.shortcut
    {
        if let Some(kind) = kind {
            let v = kind.value();
            if !is_parameter_type(&v) {
                let hint = symbol::did_you_mean(&v, PARAMETER_TYPES)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                cx.error_spanned_by(kind, format!("invalid parameter `kind` `{v}`{hint}\nexpected one of {}, or `AWS::SSM::Parameter::Value<...>` of one", symbol::list(PARAMETER_TYPES)));
            }
        }
        if let Some(d) = default {
            let values: Vec<String> = allowed_values.iter().map(LitStr::value).collect();
            if !values.is_empty() && !values.contains(&d.value()) {
                let refs: Vec<&str> = values.iter().map(String::as_str).collect();
                cx.error_spanned_by(
                    d,
                    format!(
                        "the default `{}` is not among `allowed_values`: {}",
                        d.value(),
                        symbol::list(&refs)
                    ),
                );
            }
            if *no_echo {
                cx.error_spanned_by(d, "a `no_echo` parameter's `default` would sit in the template in clear text: drop the default and pass the value at deploy (`sam deploy --parameter-overrides`), or declare the secret with `#[cf_resources(secret)]` and have functions `reads(..)` it");
            }
        }
    }
    if let Some(Shortcut::Topic { subscriptions }) = &spec.shortcut {
        for (protocol, endpoint) in subscriptions {
            if let (&"email" | &"email-json", super::args::Endpoint::Text(e)) = (protocol, endpoint)
                && !is_email(&e.value())
            {
                cx.error_spanned_by(
                    e,
                    format!(
                        "an `email` subscription's endpoint is an address, `name@example.com`, found `{}`",
                        e.value().escape_debug()
                    ),
                );
            }
        }
    }
    Checked {
        spec,
        logical_id,
        env,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_variable_names() {
        assert_eq!(screaming("FileRecord"), "FILE_RECORD");
        assert_eq!(screaming("S3Uploads"), "S3_UPLOADS");
        assert_eq!(screaming("APIKeys"), "API_KEYS");
        assert_eq!(env_name("FilesTable", "TABLE", "NAME"), "FILES_TABLE_NAME");
        assert_eq!(
            env_name("FileRecord", "TABLE", "NAME"),
            "FILE_RECORD_TABLE_NAME"
        );
        assert_eq!(
            env_name("UploadBucket", "BUCKET", "NAME"),
            "UPLOAD_BUCKET_NAME"
        );
        assert_eq!(env_name("Jobs", "QUEUE", "URL"), "JOBS_QUEUE_URL");
        assert_eq!(env_name("Alerts", "TOPIC", "ARN"), "ALERTS_TOPIC_ARN");
    }
}
