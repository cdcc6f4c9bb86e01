//! The names serde gives a struct's fields, read from `#[serde(rename = "..")]` on a field and
//! `#[serde(rename_all = "..")]` on the struct the way serde_derive reads them (the serialized name where the
//! two directions differ), so a table's key schema names the attributes its items really hold. A malformed
//! `serde` attribute is left to serde_derive to report.

use syn::ext::IdentExt;
use syn::{Attribute, Field, LitStr, Token};

/// The serialized name of `field` in a struct whose `rename_all` rule is `rule`.
pub fn field_name(field: &Field, rule: Option<&str>) -> Option<String> {
    let ident = field.ident.as_ref()?.unraw().to_string();
    if let Some(renamed) = serde_value(&field.attrs, "rename") {
        return Some(renamed);
    }
    Some(rule.and_then(|r| apply(r, &ident)).unwrap_or(ident))
}

/// The struct's `rename_all` rule, if any.
pub fn rename_all(attrs: &[Attribute]) -> Option<String> {
    serde_value(attrs, "rename_all")
}

/// The value of `key = ".."` (or of `key(serialize = "..")`) in the `#[serde(..)]` attributes.
fn serde_value(attrs: &[Attribute], key: &str) -> Option<String> {
    let mut found = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(key) {
                if meta.input.peek(Token![=]) {
                    found = Some(meta.value()?.parse::<LitStr>()?.value());
                } else {
                    meta.parse_nested_meta(|inner| {
                        if inner.path.is_ident("serialize") {
                            found = Some(inner.value()?.parse::<LitStr>()?.value());
                        } else {
                            skip(&inner)?;
                        }
                        Ok(())
                    })?;
                }
            } else {
                skip(&meta)?;
            }
            Ok(())
        });
    }
    found
}

/// Passes over `= value` or `(..)` of an entry this module does not read.
fn skip(meta: &syn::meta::ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<proc_macro2::TokenStream>()?;
    }
    Ok(())
}

/// serde's `RenameRule::apply_to_field`; `None` for a rule serde does not have.
fn apply(rule: &str, field: &str) -> Option<String> {
    let pascal = || {
        let mut out = String::new();
        let mut upper = true;
        for c in field.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.push(c.to_ascii_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    };
    Some(match rule {
        "lowercase" | "snake_case" => field.to_owned(),
        "UPPERCASE" | "SCREAMING_SNAKE_CASE" => field.to_ascii_uppercase(),
        "PascalCase" => pascal(),
        "camelCase" => {
            let p = pascal();
            let mut chars = p.chars();
            match chars.next() {
                Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                None => p,
            }
        }
        "kebab-case" => field.replace('_', "-"),
        "SCREAMING-KEBAB-CASE" => field.to_ascii_uppercase().replace('_', "-"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(item: &str) -> Vec<String> {
        let s: syn::ItemStruct = syn::parse_str(item).unwrap();
        let rule = rename_all(&s.attrs);
        s.fields
            .iter()
            .map(|f| field_name(f, rule.as_deref()).unwrap())
            .collect()
    }

    #[test]
    fn rules_match_serde() {
        for (rule, want) in [
            ("lowercase", "member_number"),
            ("UPPERCASE", "MEMBER_NUMBER"),
            ("PascalCase", "MemberNumber"),
            ("camelCase", "memberNumber"),
            ("snake_case", "member_number"),
            ("SCREAMING_SNAKE_CASE", "MEMBER_NUMBER"),
            ("kebab-case", "member-number"),
            ("SCREAMING-KEBAB-CASE", "MEMBER-NUMBER"),
        ] {
            assert_eq!(
                apply(rule, "member_number").as_deref(),
                Some(want),
                "{rule}"
            );
        }
        assert_eq!(apply("Title Case", "a"), None);
    }

    #[test]
    fn renames_raw_identifiers_and_other_serde_entries() {
        assert_eq!(
            names(
                r#"#[derive(Serialize)] #[serde(deny_unknown_fields, rename_all = "camelCase")] struct S {
                    member_number: u64,
                    #[serde(rename = "kind-of")] r#type: String,
                    #[serde(default, skip_serializing_if = "Option::is_none", rename(serialize = "out", deserialize = "in"))] x: Option<u8>,
                    #[serde(with = "m")] r#loop: u8,
                }"#
            ),
            ["memberNumber", "kind-of", "out", "loop"]
        );
        assert_eq!(
            names("struct S { r#type: String, plain: u8 }"),
            ["type", "plain"]
        );
    }
}
