//! YAML and JSON writers.
//!
//! The YAML writer is ours, not serde_yaml's: serde_yaml follows YAML 1.2 and writes `2010-09-09`, `on`, `yes`
//! and `no` unquoted, which YAML 1.1 readers (PyYAML, used by cfn-lint and the SAM CLI) load as a date and
//! booleans. Here a string is written plain only when it can be nothing but a string in both YAML versions;
//! everything else is double-quoted, with escapes JSON and YAML read alike (`\"`, `\\`, `\n`, `\uXXXX`), and
//! every character a YAML 1.1 reader refuses raw or reads as a line break (C0 and C1 controls, DEL, U+2028,
//! U+2029, U+FEFF, U+FFFE, U+FFFF) escaped. A key longer than the 1,024 characters YAML allows an implicit key
//! is written as an explicit `? key` entry.
//!
//! ```
//! use infra_core::output::to_yaml;
//! let v = serde_json::json!({"Version": "2010-09-09", "Enabled": "yes", "Count": "5", "Name": "api"});
//! assert_eq!(to_yaml(&v), "Count: \"5\"\nEnabled: \"yes\"\nName: api\nVersion: \"2010-09-09\"\n");
//! ```
//!
//! Both writers put keys in one order, whatever order a map was built in: the template's sections and
//! the attributes of each resource, output and parameter in the order CloudFormation documents them
//! (`AWSTemplateFormatVersion` ... `Outputs`; `Type`, `Condition`, `DependsOn`, ... `Properties`, ...); in
//! every other map `Type`, which says how to read the rest, first, then the other keys sorted.

use std::fmt::Write;

use crate::Value;

/// The two formats the generator writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Block-style YAML, safe for YAML 1.1 and 1.2 readers.
    #[default]
    Yaml,
    /// Pretty-printed JSON (two-space indent).
    Json,
}

/// Serializes any `Serialize` value (normally a [`crate::Template`]) in the given format, ending in a newline.
pub fn render<T: serde::Serialize>(value: &T, format: Format) -> String {
    let value = serde_json::to_value(value).expect("template values are JSON data");
    match format {
        Format::Yaml => to_yaml(&value),
        Format::Json => {
            let mut s =
                serde_json::to_string_pretty(&Ordered(&value, 0)).expect("JSON data serializes");
            s.push('\n');
            s
        }
    }
}

/// The template's sections, in CloudFormation's order.
const SECTIONS: [&str; 10] = [
    "AWSTemplateFormatVersion",
    "Description",
    "Transform",
    "Metadata",
    "Parameters",
    "Mappings",
    "Conditions",
    "Globals",
    "Resources",
    "Outputs",
];

/// The attributes of a resource, an output or a parameter, in CloudFormation's order.
const ATTRIBUTES: [&str; 19] = [
    "Type",
    "Condition",
    "DependsOn",
    "Description",
    "Value",
    "Export",
    "Default",
    "AllowedValues",
    "AllowedPattern",
    "ConstraintDescription",
    "MinLength",
    "MaxLength",
    "MinValue",
    "MaxValue",
    "NoEcho",
    "Properties",
    "Metadata",
    "DeletionPolicy",
    "UpdateReplacePolicy",
];

/// A map's entries in writing order; `depth` counts the collections around the map (the template is 0,
/// a resource 2).
fn ordered(m: &serde_json::Map<String, Value>, depth: usize) -> Vec<(&String, &Value)> {
    let first: &[&str] = match depth {
        0 => &SECTIONS,
        2 => &ATTRIBUTES,
        _ => &["Type"],
    };
    let listed = first.iter().filter_map(|k| m.get_key_value(*k));
    listed
        .chain(m.iter().filter(|(k, _)| !first.contains(&k.as_str())))
        .collect()
}

/// A value that serializes its maps in [`ordered`] order.
struct Ordered<'a>(&'a Value, usize);

impl serde::Serialize for Ordered<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let Ordered(v, depth) = *self;
        match v {
            Value::Object(m) => {
                let mut map = s.serialize_map(Some(m.len()))?;
                for (k, v) in ordered(m, depth) {
                    map.serialize_entry(k, &Ordered(v, depth + 1))?;
                }
                map.end()
            }
            Value::Array(a) => s.collect_seq(a.iter().map(|v| Ordered(v, depth + 1))),
            scalar => scalar.serialize(s),
        }
    }
}

/// Writes a JSON value as block-style YAML.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(m) if !m.is_empty() => write_map(&mut out, m, 0, true, 0),
        Value::Array(a) if !a.is_empty() => write_seq(&mut out, a, 0, true, 0),
        scalar => {
            write_scalar(&mut out, scalar);
            out.push('\n');
        }
    }
    out
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// Writes a map's entries at `level`; the first line is not indented when it continues a `- ` line.
fn write_map(
    out: &mut String,
    m: &serde_json::Map<String, Value>,
    level: usize,
    indent_first: bool,
    depth: usize,
) {
    for (i, (k, v)) in ordered(m, depth).into_iter().enumerate() {
        if i > 0 || indent_first {
            indent(out, level);
        }
        let start = out.len();
        write_str(out, k);
        // Bytes bound characters from above: most keys are settled without counting.
        if out.len() - start > MAX_IMPLICIT_KEY && out[start..].chars().count() > MAX_IMPLICIT_KEY {
            out.insert_str(start, "? ");
            out.push('\n');
            indent(out, level);
        }
        out.push(':');
        write_nested(out, v, level + 2, true, depth + 1);
    }
}

/// Writes a sequence's items at `level`; the first line is not indented when it continues a `- ` line.
fn write_seq(out: &mut String, a: &[Value], level: usize, indent_first: bool, depth: usize) {
    for (i, v) in a.iter().enumerate() {
        if i > 0 || indent_first {
            indent(out, level);
        }
        out.push('-');
        write_nested(out, v, level + 2, false, depth + 1);
    }
}

/// Writes the value after `key:` or `-`; `depth` is the value's own.
fn write_nested(out: &mut String, v: &Value, level: usize, after_key: bool, depth: usize) {
    // A collection under a key starts on the next line; one in a sequence continues the `- ` line. Sequences
    // under a key sit at the key's own indentation plus two, which every reader accepts.
    let open = |out: &mut String| out.push(if after_key { '\n' } else { ' ' });
    match v {
        Value::Object(m) if !m.is_empty() => {
            open(out);
            write_map(out, m, level, after_key, depth);
        }
        Value::Array(a) if !a.is_empty() => {
            open(out);
            write_seq(out, a, level, after_key, depth);
        }
        scalar => {
            out.push(' ');
            write_scalar(out, scalar);
            out.push('\n');
        }
    }
}

fn write_scalar(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_str(out, s),
        Value::Object(_) => out.push_str("{}"),
        Value::Array(_) => out.push_str("[]"),
    }
}

fn write_number(out: &mut String, n: &serde_json::Number) {
    if n.is_f64() {
        // YAML 1.1 floats need a dot, and a signed exponent when there is one: `1e5` would load as a string.
        let f = n.as_f64().expect("checked");
        let (mantissa, exponent) = match format!("{f:e}").split_once('e') {
            Some((m, e)) => (m.to_owned(), e.parse::<i32>().expect("rust exponent")),
            None => unreachable!("`{{:e}}` always writes an exponent"),
        };
        if (-4..15).contains(&exponent) {
            let s = f.to_string();
            out.push_str(&s);
            if !s.contains('.') {
                out.push_str(".0");
            }
        } else {
            let m = if mantissa.contains('.') {
                mantissa
            } else {
                format!("{mantissa}.0")
            };
            let _ = write!(out, "{m}e{exponent:+}");
        }
    } else {
        let _ = write!(out, "{n}");
    }
}

/// Strings that YAML 1.1 resolves to booleans or null, compared case-insensitively (quoting extra is harmless).
const YAML11_WORDS: &[&str] = &[
    "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
];

/// The longest key YAML reads as an implicit (`key: value`) key, in characters as written.
const MAX_IMPLICIT_KEY: usize = 1024;

fn write_str(out: &mut String, s: &str) {
    if is_plain_safe(s) {
        out.push_str(s);
        return;
    }
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0'..='\x1f'
            | '\x7f'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// True when `s` can be written without quotes and read back as the same string by YAML 1.1 and 1.2 readers.
///
/// Conservative on purpose: the first character is a letter, `/`, `$` or `_` (so no number, date, sign, `.inf`,
/// or indicator), the rest are from a small safe set, there is no `: ` or ` #`, no trailing `:` or space, and
/// the string is not one of YAML 1.1's boolean or null words.
fn is_plain_safe(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !(first.is_ascii_alphabetic() || matches!(first, '/' | '$' | '_')) {
        return false;
    }
    let safe = |c: char| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                '_' | '-'
                    | '.'
                    | '/'
                    | ':'
                    | '$'
                    | '{'
                    | '}'
                    | '*'
                    | '('
                    | ')'
                    | '@'
                    | '='
                    | '+'
                    | ','
                    | ' '
            )
    };
    s.chars().all(safe)
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.ends_with(' ')
        && !YAML11_WORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
}

/// Reads YAML in the layout [`to_yaml`] writes back into the value it was written from: block maps and
/// sequences indented by two, `{}` and `[]` for empty collections, and one scalar per line (plain, or
/// double-quoted with JSON escapes); blank lines, comment lines and extra spaces after a `:` or `-` are
/// let through. This is how the generator reads the template it is about to replace, so
/// it can refuse changes that would replace stateful resources; it is not a YAML parser for templates in
/// general. `Err` is the 1-based number of the first line outside the layout.
///
/// ```
/// use infra_core::output::{from_yaml, to_yaml};
/// let v = serde_json::json!({"Resources": {"T": {"Type": "AWS::DynamoDB::Table", "Properties": {
///     "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "Tags": [], "Version": "2010-09-09"}}}});
/// assert_eq!(from_yaml(&to_yaml(&v)), Ok(v));
/// assert_eq!(from_yaml("Resources:\n  - !Ref X\n"), Err(2));
/// ```
pub fn from_yaml(text: &str) -> Result<Value, usize> {
    let lines: Vec<(usize, usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| {
            let content = l.trim_start_matches(' ');
            (i + 1, l.len() - content.len(), content.trim_end())
        })
        .collect();
    let mut r = Reader { lines, pos: 0 };
    let Some(&(_, indent, _)) = r.lines.first() else {
        return Err(1);
    };
    if indent != 0 {
        return Err(r.lines[0].0);
    }
    let value = r.node(0)?;
    match r.lines.get(r.pos) {
        Some(&(n, _, _)) => Err(n),
        None => Ok(value),
    }
}

/// [`from_yaml`]'s cursor: the non-blank lines as (number, indentation, content); a `- ` item rewrites its
/// line in place to what follows the dash, two columns further in.
struct Reader<'a> {
    lines: Vec<(usize, usize, &'a str)>,
    pos: usize,
}

impl Reader<'_> {
    /// The block whose first line is the current one, at `indent`.
    fn node(&mut self, indent: usize) -> Result<Value, usize> {
        let (n, _, content) = self.lines[self.pos];
        if content == "-" || content.starts_with("- ") {
            let mut items = Vec::new();
            while let Some(&(n, at, content)) = self.lines.get(self.pos) {
                if at != indent || !(content == "-" || content.starts_with("- ")) {
                    break;
                }
                let rest = content[1..].trim_start_matches(' ');
                if rest.is_empty() {
                    return Err(n);
                }
                if rest.starts_with("- ") || is_entry(rest) {
                    // The item's own column: the lines after it line up with its first key.
                    let column = indent + content.len() - rest.len();
                    self.lines[self.pos] = (n, column, rest);
                    items.push(self.node(column)?);
                } else {
                    items.push(scalar(rest).ok_or(n)?);
                    self.pos += 1;
                }
            }
            return Ok(Value::Array(items));
        }
        if !is_entry(content) {
            let v = scalar(content).ok_or(n)?;
            self.pos += 1;
            return Ok(v);
        }
        let mut map = serde_json::Map::new();
        while let Some(&(n, at, content)) = self.lines.get(self.pos) {
            if at != indent {
                break;
            }
            let (key, rest) = match content.strip_prefix("? ") {
                Some(key) => {
                    let key = match scalar(key) {
                        Some(Value::String(key)) => key,
                        _ => return Err(n),
                    };
                    self.pos += 1;
                    match self.lines.get(self.pos) {
                        Some(&(m, at, content)) if at == indent => match split_key(content) {
                            Some((empty, rest)) if empty.is_empty() && content.starts_with(':') => {
                                (key, rest)
                            }
                            _ => return Err(m),
                        },
                        _ => return Err(n),
                    }
                }
                None => split_key(content).ok_or(n)?,
            };
            self.pos += 1;
            let value = if rest.is_empty() {
                match self.lines.get(self.pos) {
                    Some(&(_, deeper, _)) if deeper == indent + 2 => self.node(indent + 2)?,
                    _ => return Err(n),
                }
            } else {
                scalar(rest).ok_or(n)?
            };
            if map.insert(key, value).is_some() {
                return Err(n);
            }
        }
        Ok(Value::Object(map))
    }
}

/// True when `content` starts a map entry: `key: ...`, `key:` or an explicit `? key`.
fn is_entry(content: &str) -> bool {
    content.starts_with("? ") || split_key(content).is_some()
}

/// `key: rest` (or `key:` with an empty rest), the key plain or double-quoted; `None` when the line is not
/// a map entry. A plain string never holds `: ` nor ends in `:` ([`is_plain_safe`]), so a scalar line cannot
/// be taken for an entry.
fn split_key(content: &str) -> Option<(String, &str)> {
    let (key, after) = if content.starts_with('"') {
        let end = quoted_end(content)?;
        let key: String = serde_json::from_str(&content[..end]).ok()?;
        (key, &content[end..])
    } else {
        let i = content
            .find(": ")
            .or_else(|| content.ends_with(':').then(|| content.len() - 1))?;
        (content[..i].to_owned(), &content[i..])
    };
    let rest = after.strip_prefix(':')?;
    if rest.is_empty() {
        Some((key, rest))
    } else {
        rest.strip_prefix(' ')
            .map(|r| (key, r.trim_start_matches(' ')))
    }
}

/// The byte just past the closing quote of the double-quoted string `s` starts with.
fn quoted_end(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// One scalar as the writer writes it: `null`, `true`, `false`, `{}`, `[]`, a number, a double-quoted
/// string, or a plain string ([`is_plain_safe`]).
fn scalar(s: &str) -> Option<Value> {
    match s {
        "null" => return Some(Value::Null),
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        "{}" => return Some(Value::Object(serde_json::Map::new())),
        "[]" => return Some(Value::Array(Vec::new())),
        _ => {}
    }
    if s.starts_with('"') {
        return (quoted_end(s) == Some(s.len()))
            .then(|| serde_json::from_str(s).ok())
            .flatten();
    }
    if s.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        // Floats through `str::parse`, which is exact (serde_json's default parser may miss by an ulp).
        if s.contains(['.', 'e', 'E']) {
            let f = s.parse::<f64>().ok()?;
            return serde_json::Number::from_f64(f).map(Value::Number);
        }
        return serde_json::from_str::<serde_json::Number>(s)
            .ok()
            .map(Value::Number);
    }
    is_plain_safe(s).then(|| Value::String(s.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn yaml11_lookalikes_are_quoted() {
        for s in [
            "2010-09-09",
            "on",
            "On",
            "OFF",
            "yes",
            "No",
            "y",
            "n",
            "null",
            "Null",
            "~",
            "true",
            "False",
            "5",
            "0x1F",
            "1_000",
            "1:20",
            "-1",
            ".5",
            ".inf",
            "",
            " lead",
            "trail ",
            "a: b",
            "x #c",
            "key:",
            "*alias",
            "&anchor",
            "!tag",
            "|",
            ">",
            "'q'",
            "\"q\"",
            "@at",
            "%p",
            "[a]",
            "{a}",
            "- item",
            "?",
            "a\nb",
            "tab\there",
            "é",
        ] {
            assert!(!is_plain_safe(s), "{s:?} must be quoted");
        }
        for s in [
            "api",
            "AWS::Serverless-2016-10-31",
            "${AWS::Region}",
            "/health",
            "rate(5 minutes)",
            "a.b-c_d",
            "Yess",
        ] {
            assert!(is_plain_safe(s), "{s:?} can stay plain");
        }
    }

    #[test]
    fn block_layout_for_nested_maps_and_sequences() {
        let v = json!({
            "Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {
                "Events": {"Api": {"Type": "HttpApi"}},
                "Layers": ["a", "b"],
                "Policies": [{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"]}]}, "AWSLambdaBasicExecutionRole"],
                "Empty": {}, "None": [], "Nested": [[1, 2], []],
            }}}
        });
        let expected = "\
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Empty: {}
      Events:
        Api:
          Type: HttpApi
      Layers:
        - a
        - b
      Nested:
        - - 1
          - 2
        - []
      None: []
      Policies:
        - Statement:
            - Action:
                - s3:GetObject
              Effect: Allow
        - AWSLambdaBasicExecutionRole
";
        assert_eq!(to_yaml(&v), expected);
    }

    #[test]
    fn numbers_keep_their_yaml11_type() {
        let v = json!([1, -2, 0.5, 3.0, 1e20, 1.5e-7, u64::MAX, true, null]);
        assert_eq!(
            to_yaml(&v),
            "- 1\n- -2\n- 0.5\n- 3.0\n- 1.0e+20\n- 1.5e-7\n- 18446744073709551615\n- true\n- null\n"
        );
    }

    #[test]
    fn keys_follow_cloudformation_order_then_type_then_sorted_in_both_formats() {
        let v = json!({
            "Outputs": {"Url": {"Value": 1, "Condition": "C", "Description": "d"}},
            "Resources": {"B": {"Properties": {"Z": 1, "Type": "t", "A": {"Key": 1, "Type": "u"}}, "Type": "X"}},
            "Parameters": {"P": {"Default": "x", "Type": "String"}},
            "Description": "d",
            "AWSTemplateFormatVersion": "2010-09-09",
        });
        let expected = "\
AWSTemplateFormatVersion: \"2010-09-09\"
Description: d
Parameters:
  P:
    Type: String
    Default: x
Resources:
  B:
    Type: X
    Properties:
      Type: t
      A:
        Type: u
        Key: 1
      Z: 1
Outputs:
  Url:
    Condition: C
    Description: d
    Value: 1
";
        assert_eq!(to_yaml(&v), expected);
        let json: Vec<String> = render(&v, Format::Json)
            .lines()
            .filter_map(|l| {
                Some(
                    l.trim_start()
                        .strip_prefix('"')?
                        .split_once('"')?
                        .0
                        .to_owned(),
                )
            })
            .collect();
        let yaml: Vec<&str> = expected
            .lines()
            .filter_map(|l| l.trim_start().split_once(':').map(|(k, _)| k))
            .collect();
        assert_eq!(json, yaml, "JSON writes the same keys in the same order");
    }

    #[test]
    fn json_is_pretty_with_a_final_newline() {
        assert_eq!(
            render(&json!({"A": [1]}), Format::Json),
            "{\n  \"A\": [\n    1\n  ]\n}\n"
        );
    }

    #[test]
    fn the_reader_reads_back_what_the_writer_wrote() {
        let values = [
            json!({"Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {
                "Events": {"Api": {"Type": "HttpApi", "Properties": {"Path": "/a: b", "Method": "GET"}}},
                "Layers": ["a", "b"], "Nested": [[1, 2], [], [[3]], {}], "Empty": {},
                "Policies": [{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"]}]}, "Basic"],
                "Odd": ["yes", "2010-09-09", "a\nb", "tab\there", "\"q\"", "é", "-1", "x:", "", " "],
                "Numbers": [1, -2, 0.5, 3.0, 1e20, 1.5e-7, u64::MAX, true, false, null],
                "Keys": {"a: b": 1, "\"quoted\"": 2, "key:": 3, "": 4, "- dash": [{"k": {"j": []}}]},
            }}}}),
            json!([[["deep"]], {"a": [[1], {"b": 2}]}]),
            json!("scalar"),
            json!(7),
        ];
        for v in values {
            let yaml = to_yaml(&v);
            assert_eq!(from_yaml(&yaml), Ok(v.clone()), "{yaml}");
        }
    }

    #[test]
    fn what_yaml_11_readers_refuse_raw_is_escaped() {
        let v = json!({"\u{85}\u{2028}": "\u{7f}\u{80}\u{9f}\u{85}\u{2028}\u{2029}\u{feff}\u{fffe}\u{ffff}\u{1}\r\u{a0}é😀"});
        let yaml = to_yaml(&v);
        assert_eq!(
            yaml,
            "\"\\u0085\\u2028\": \"\\u007f\\u0080\\u009f\\u0085\\u2028\\u2029\\ufeff\\ufffe\\uffff\\u0001\\r\u{a0}é😀\"\n"
        );
        assert_eq!(from_yaml(&yaml), Ok(v));
    }

    #[test]
    fn keys_past_yaml_s_1024_characters_are_explicit() {
        let at_limit = "k".repeat(MAX_IMPLICIT_KEY);
        let past = "k".repeat(MAX_IMPLICIT_KEY + 1);
        let v = json!({"A": [{ at_limit.clone(): 1, "\"".repeat(520): {"B": [1]}, past.clone(): "x" }]});
        let yaml = to_yaml(&v);
        assert!(yaml.contains(&format!("\n    {at_limit}: 1\n")), "{yaml}");
        assert!(
            yaml.contains(&format!("\n    ? {past}\n    : x\n")),
            "{yaml}"
        );
        assert!(
            yaml.contains(&format!(
                "\n  - ? \"{}\"\n    :\n      B:\n",
                "\\\"".repeat(520)
            )),
            "{yaml}"
        );
        assert_eq!(from_yaml(&yaml), Ok(v));
        assert_eq!(from_yaml("? a\nb: 1\n"), Err(2));
        assert_eq!(from_yaml("? a\n"), Err(1));
    }

    #[test]
    fn the_reader_names_the_first_line_outside_the_layout_and_lets_comments_through() {
        for (text, line) in [
            ("", 1),
            ("A: 1\n  B: 2\n", 2),
            ("A:\nB: 1\n", 1),
            ("A: !Ref X\n", 1),
            ("A: 'single'\n", 1),
            ("A: 1\nA: 2\n", 2),
            ("A:\n  - 1\n  B: 2\n", 3),
            ("A: |\n  text\n", 1),
            ("  A: 1\n", 1),
            ("A: \"open\n", 1),
            ("A: 1 # trailing comment\n", 1),
            ("-   K: v\n  J: w\n", 2),
        ] {
            assert_eq!(from_yaml(text), Err(line), "{text:?}");
        }
        for (text, value) in [
            ("# comment\nA:   1\n", json!({"A": 1})),
            ("A:\n  -   x\n\n  # c\n  - z\n", json!({"A": ["x", "z"]})),
            ("-   K: v\n    J: w\n", json!([{"K": "v", "J": "w"}])),
        ] {
            assert_eq!(from_yaml(text), Ok(value), "{text:?}");
        }
    }
}
