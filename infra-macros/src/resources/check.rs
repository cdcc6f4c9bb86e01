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
        _ => screaming(&logical_id),
    };
    let is_storage = matches!(kind, Some(Shortcut::Table { .. } | Shortcut::Bucket { .. }));
    if let (Some((_, span)), false) = (&spec.retain, is_storage) {
        cx.error_at(
            *span,
            "`retain` applies to `table(..)` and `bucket(..)`, which are retained by default",
        );
    }
    let is_resource =
        is_storage || matches!(kind, Some(Shortcut::Queue { .. } | Shortcut::Topic { .. }));
    if let (Some(out), false) = (&spec.output, is_resource) {
        cx.error_spanned_by(out, "`output` gives the value of a `table`, `bucket`, `queue` or `topic`; this type declares none");
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
        for g in gsis {
            if !(3..=255).contains(&g.name.value().len()) {
                cx.error_spanned_by(&g.name, "index names are 3 to 255 characters");
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
