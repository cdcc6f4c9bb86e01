//! The attribute grammar shared by both macros: a comma-separated list of nodes, each
//! `key = value`, `key(nested, ...)`, a bare path, or a literal. Parsing only checks this shape; what the
//! keys mean is decided by the macro's `args` module, which reports every problem through [`Ctxt`].

use proc_macro2::Span;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Ident, Lit, LitBool, LitInt, LitStr, Path, Token, token};

use crate::ctxt::Ctxt;
use crate::symbol;

/// One node of an attribute list.
pub enum Node {
    /// `key = value`.
    KeyValue { key: Ident, value: Value },
    /// `key(nested, ...)`.
    List { key: Ident, items: Vec<Node> },
    /// A path: a flag (`auto_publish_alias`) or a type (`reads(FileRecord)`).
    Path(Path),
    /// A literal: `schedule("rate(5 minutes)")`.
    Lit(Lit),
    /// `"key" = value`: a quoted key, which only `tags(...)` takes (tag keys may hold `-`, `:`, `/`, ...).
    StrKeyValue { key: LitStr, value: Value },
    /// Anything else, `(512, 1024)` or `-5`, kept whole so the check of the key around it can say what it
    /// expected there.
    Expr(syn::Expr),
}

/// The right-hand side of `key = value`.
pub enum Value {
    /// A literal.
    Lit(Lit),
    /// A path, e.g. a Rust type.
    Path(Path),
    /// `-5` and other expressions: kept so the error can point at them.
    Other(syn::Expr),
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Lit(l) => l.span(),
            Value::Path(p) => p.span(),
            Value::Other(e) => e.span(),
        }
    }
}

/// A whole attribute: `#[cf_function(<this>)]`.
pub struct Args(pub Vec<Node>);

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let items = Punctuated::<Node, Token![,]>::parse_terminated(input)?;
        Ok(Args(items.into_iter().collect()))
    }
}

/// A literal with its suffix refused: `1024u8` or `"Foo"bar` would otherwise lose it without a word.
fn literal(input: ParseStream) -> syn::Result<Lit> {
    let lit: Lit = input.parse()?;
    if !lit.suffix().is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            format!(
                "unexpected suffix `{}` on a literal: write the value alone",
                lit.suffix()
            ),
        ));
    }
    Ok(lit)
}

/// The value after `key =`; `=` followed by nothing is an error on the `=`.
fn value_after(input: ParseStream, eq: &Token![=], key: &str) -> syn::Result<Value> {
    if input.is_empty() || input.peek(Token![,]) {
        return Err(syn::Error::new(
            eq.span,
            format!("`{key} =` needs a value after the `=`"),
        ));
    }
    if input.peek(Lit) {
        return Ok(Value::Lit(literal(input)?));
    }
    let expr: syn::Expr = input.parse()?;
    Ok(match expr {
        syn::Expr::Path(p) if p.qself.is_none() => Value::Path(p.path),
        other => Value::Other(other),
    })
}

impl Parse for Node {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(Lit) {
            if input.peek2(Token![=]) {
                let lit: Lit = input.parse()?;
                let eq: Token![=] = input.parse()?;
                return match lit {
                    Lit::Str(key) if key.suffix().is_empty() => {
                        let value = value_after(input, &eq, &key.value())?;
                        Ok(Node::StrKeyValue { key, value })
                    }
                    other => Err(syn::Error::new(
                        other.span(),
                        format!(
                            "`{}` cannot be a key: keys are identifiers, starting with a letter",
                            other.to_token_stream()
                        ),
                    )),
                };
            }
            return Ok(Node::Lit(literal(input)?));
        }
        if !(input.peek(Ident::peek_any) || input.peek(Token![::])) {
            return Ok(Node::Expr(input.parse()?));
        }
        let path: Path = input.parse()?;
        // A key is its name: `r#type = ".."` is the key `type` (a tag, an environment variable).
        let single = path.get_ident().map(IdentExt::unraw);
        if input.peek(Token![=]) {
            let Some(key) = single else {
                let written: Vec<String> =
                    path.segments.iter().map(|s| s.ident.to_string()).collect();
                return Err(syn::Error::new_spanned(
                    &path,
                    format!(
                        "a key is one identifier, found the path `{}`",
                        written.join("::")
                    ),
                ));
            };
            let eq: Token![=] = input.parse()?;
            let value = value_after(input, &eq, &key.to_string())?;
            return Ok(Node::KeyValue { key, value });
        }
        if input.peek(Token![-]) {
            return Err(input.error(format!(
                "`-` cannot follow `{}` here: keys and names are letters, digits and `_`",
                path.segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default()
            )));
        }
        if let Some(key) = single
            && input.peek(token::Paren)
        {
            let content;
            syn::parenthesized!(content in input);
            let items = Punctuated::<Node, Token![,]>::parse_terminated(&content)?;
            return Ok(Node::List {
                key,
                items: items.into_iter().collect(),
            });
        }
        Ok(Node::Path(path))
    }
}

impl Node {
    /// The key of a `key = v`, `key(...)` or single-ident flag node.
    pub fn key(&self) -> Option<&Ident> {
        match self {
            Node::KeyValue { key, .. } | Node::List { key, .. } => Some(key),
            Node::Path(p) => p.get_ident(),
            Node::Lit(_) | Node::StrKeyValue { .. } | Node::Expr(_) => None,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Node::KeyValue { key, .. } | Node::List { key, .. } => key.span(),
            Node::Path(p) => p.span(),
            Node::Lit(l) => l.span(),
            Node::StrKeyValue { key, .. } => key.span(),
            Node::Expr(e) => e.span(),
        }
    }
}

/// Walks the keys of one list: reports unknown keys (with the valid ones and a did-you-mean) and duplicates
/// (on the second occurrence), and yields the accepted nodes with their key.
pub fn keyed<'n>(
    cx: &Ctxt,
    what: &str,
    valid: &[&'static str],
    nodes: impl IntoIterator<Item = &'n Node>,
) -> Vec<(&'static str, &'n Node)> {
    keyed_repeating(cx, what, valid, &[], nodes)
}

/// [`keyed`], where the keys in `repeatable` may be written any number of times (`gsi(...)`, a bucket's
/// `cors(...)`).
pub fn keyed_repeating<'n>(
    cx: &Ctxt,
    what: &str,
    valid: &[&'static str],
    repeatable: &[&str],
    nodes: impl IntoIterator<Item = &'n Node>,
) -> Vec<(&'static str, &'n Node)> {
    let mut seen: Vec<&'static str> = Vec::new();
    let mut out = Vec::new();
    for node in nodes {
        if let Node::StrKeyValue { key, .. } = node {
            cx.error_spanned_by(
                key,
                format!(
                    "a `{what}` key is an identifier, not a string: write `{} = ...`\nexpected one of {}",
                    key.value(),
                    symbol::list(valid)
                ),
            );
            continue;
        }
        let Some(key) = node.key() else {
            cx.error_at(
                node.span(),
                format!(
                    "expected a `{what}` key; expected one of {}",
                    symbol::list(valid)
                ),
            );
            continue;
        };
        let name = key.to_string();
        let Some(k) = valid.iter().copied().find(|v| *v == name) else {
            let hint = if name == "name" && valid.contains(&"logical_id") {
                "; the logical id is set with `logical_id` (formerly `name`)".to_owned()
            } else {
                symbol::did_you_mean(&name, valid)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default()
            };
            cx.error_spanned_by(
                key,
                format!(
                    "unknown `{what}` key `{name}`{hint}\nexpected one of {}",
                    symbol::list(valid)
                ),
            );
            continue;
        };
        if seen.contains(&k) && !repeatable.contains(&k) {
            cx.error_spanned_by(key, format!("duplicate `{what}` key `{k}`"));
            continue;
        }
        seen.push(k);
        out.push((k, node));
    }
    out
}

/// Describes what a node was, for "expected ..., found ..." messages.
fn shape(node: &Node) -> &'static str {
    match node {
        Node::KeyValue { .. } => "`key = value`",
        Node::List { .. } => "a list `key(...)`",
        Node::Path(_) => "a bare key",
        Node::Lit(_) => "a literal",
        Node::StrKeyValue { .. } => "`\"key\" = value`",
        Node::Expr(_) => "an expression",
    }
}

/// The value of `key = value`, or an error on the node.
pub fn value_of<'n>(cx: &Ctxt, node: &'n Node, key: &str, example: &str) -> Option<&'n Value> {
    match node {
        Node::KeyValue { value, .. } => Some(value),
        other => {
            cx.error_at(
                other.span(),
                format!(
                    "`{key}` takes a value, found {}: write `{example}`",
                    shape(other)
                ),
            );
            None
        }
    }
}

/// The items of `key(...)`, or an error on the node.
pub fn items_of<'n>(cx: &Ctxt, node: &'n Node, key: &str, example: &str) -> Option<&'n [Node]> {
    match node {
        Node::List { items, .. } => Some(items),
        other => {
            cx.error_at(
                other.span(),
                format!(
                    "`{key}` takes a list, found {}: write `{example}`",
                    shape(other)
                ),
            );
            None
        }
    }
}

/// A string literal value.
pub fn str_value(cx: &Ctxt, node: &Node, key: &str, example: &str) -> Option<LitStr> {
    match value_of(cx, node, key, example)? {
        Value::Lit(Lit::Str(s)) => Some(s.clone()),
        v => {
            cx.error_at(
                v.span(),
                format!("`{key}` expects a string literal: write `{example}`"),
            );
            None
        }
    }
}

/// An integer literal value within `range`, with its unit for the message.
pub fn int_value(
    cx: &Ctxt,
    node: &Node,
    key: &str,
    range: std::ops::RangeInclusive<u32>,
    unit: &str,
) -> Option<(u32, LitInt)> {
    let example = format!("{key} = {}", range.start());
    let v = value_of(cx, node, key, &example)?;
    let lit = match v {
        Value::Lit(Lit::Int(i)) => i.clone(),
        other => {
            let neg = matches!(other, Value::Other(syn::Expr::Unary(_)));
            let what = if neg {
                "a non-negative integer"
            } else {
                "an integer literal"
            };
            cx.error_at(
                other.span(),
                format!(
                    "`{key}` expects {what} in {}..={} {unit}",
                    range.start(),
                    range.end()
                ),
            );
            return None;
        }
    };
    match lit.base10_parse::<u32>() {
        Ok(n) if range.contains(&n) => Some((n, lit)),
        _ => {
            cx.error_spanned_by(
                &lit,
                format!(
                    "`{key}` must be in {}..={} {unit}, found {}",
                    range.start(),
                    range.end(),
                    lit.base10_digits()
                ),
            );
            None
        }
    }
}

/// A flag written `key` or `key = bool`.
pub fn flag(cx: &Ctxt, node: &Node, key: &str) -> bool {
    match node {
        Node::Path(_) => true,
        _ => bool_value(cx, node, key).is_some_and(|b| b.value),
    }
}

/// A boolean literal value.
pub fn bool_value(cx: &Ctxt, node: &Node, key: &str) -> Option<LitBool> {
    match value_of(cx, node, key, &format!("{key} = true"))? {
        Value::Lit(Lit::Bool(b)) => Some(b.clone()),
        v => {
            cx.error_at(v.span(), format!("`{key}` expects `true` or `false`"));
            None
        }
    }
}

/// A string value that must be one of `choices` (compared exactly).
pub fn choice_value(
    cx: &Ctxt,
    node: &Node,
    key: &str,
    choices: &[&'static str],
) -> Option<&'static str> {
    let example = format!("{key} = \"{}\"", choices[0]);
    let s = str_value(cx, node, key, &example)?;
    let v = s.value();
    if let Some(c) = choices.iter().copied().find(|c| *c == v) {
        return Some(c);
    }
    let hint = symbol::did_you_mean(&v, choices)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default();
    cx.error_spanned_by(
        &s,
        format!(
            "invalid `{key}` `{v}`{hint}\nexpected one of {}",
            symbol::list(choices)
        ),
    );
    None
}

/// A string value that must be one of the first elements of `table`, as its second (`"small"` as
/// `"BUILD_GENERAL1_SMALL"`).
pub fn mapped_choice(
    cx: &Ctxt,
    node: &Node,
    key: &str,
    table: &[(&'static str, &'static str)],
) -> Option<&'static str> {
    let written: Vec<&'static str> = table.iter().map(|t| t.0).collect();
    let c = choice_value(cx, node, key, &written)?;
    table.iter().find(|t| t.0 == c).map(|t| t.1)
}

/// The string literals of `key("a", "b")`.
pub fn str_list(cx: &Ctxt, node: &Node, key: &str, example: &str) -> Vec<LitStr> {
    let mut out = Vec::new();
    for item in items_of(cx, node, key, example).unwrap_or_default() {
        match item {
            Node::Lit(Lit::Str(s)) => out.push(s.clone()),
            other => cx.error_at(
                other.span(),
                format!("`{key}(...)` holds string literals: write `{example}`"),
            ),
        }
    }
    out
}

/// A string literal holding JSON.
pub fn json_value(cx: &Ctxt, node: &Node, key: &str, example: &str) -> Option<LitStr> {
    let s = str_value(cx, node, key, example)?;
    match crate::json::validate(&s.value()) {
        Ok(()) => Some(s),
        Err(e) => {
            cx.error_spanned_by(&s, format!("`{key}` must be JSON: {e}"));
            None
        }
    }
}

/// For each `(key, present, example)` that is neither set nor written (a bad value is reported already), the
/// error ``what` needs `key`: add `example``, spanned on `span`.
pub fn require(cx: &Ctxt, span: Span, what: &str, nodes: &[Node], keys: &[(&str, bool, &str)]) {
    for (key, present, example) in keys {
        if !present && !has_key(nodes, key) {
            cx.error_at(span, format!("`{what}` needs `{key}`: add `{example}`"));
        }
    }
}

/// True when `key` is written among `nodes`, valid or not (so a bad value is not also reported missing).
pub fn has_key(nodes: &[Node], key: &str) -> bool {
    nodes.iter().any(|n| n.key().is_some_and(|k| k == key))
}

/// A logical id written as a string, or a Rust type declared with `#[cf_resources]`.
pub enum Target {
    Id(LitStr),
    Type(Path),
}

/// `key = "Id"` or `key = Type`.
pub fn target_value(cx: &Ctxt, node: &Node, key: &str, example: &str) -> Option<Target> {
    match value_of(cx, node, key, example)? {
        Value::Lit(Lit::Str(s)) => Some(Target::Id(s.clone())),
        Value::Path(p) => Some(Target::Type(p.clone())),
        v => {
            cx.error_at(v.span(), format!("`{key}` takes a string or a type declared with `#[cf_resources]`: write `{example}`"));
            None
        }
    }
}

/// The types of `key(A, B)`.
pub fn type_list(cx: &Ctxt, node: &Node, key: &str, example: &str) -> Vec<Path> {
    let mut out = Vec::new();
    for item in items_of(cx, node, key, example).unwrap_or_default() {
        match item {
            Node::Path(p) => out.push(p.clone()),
            other => cx.error_at(
                other.span(),
                format!(
                    "`{key}(...)` lists types declared with `#[cf_resources]`: write `{example}`"
                ),
            ),
        }
    }
    out
}
