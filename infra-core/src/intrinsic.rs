//! Intrinsic functions and pseudo parameters.
//!
//! Every property value in a template is a [`Value`] (JSON data). An [`Intrinsic`] is the typed form of the
//! CloudFormation functions (`Ref`, `Fn::GetAtt`, `Fn::Sub`, ...); it converts into the one-key object
//! CloudFormation reads, so intrinsics and literals mix freely:
//!
//! ```
//! use infra_core::intrinsic::{Intrinsic, Pseudo, sub, join};
//! use infra_core::Value;
//!
//! let arn: Value = Intrinsic::GetAtt("Table".into(), "Arn".into()).into();
//! assert_eq!(arn, serde_json::json!({"Fn::GetAtt": ["Table", "Arn"]}));
//!
//! let url = sub("https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/");
//! assert_eq!(url, serde_json::json!({"Fn::Sub": "https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/"}));
//!
//! let name = join("-", [Pseudo::StackName.into(), "uploads".into()]);
//! assert_eq!(name, serde_json::json!({"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, "uploads"]]}));
//! ```

use serde::{Serialize, Serializer};
use serde_json::{Map, json};

use crate::Value;
use infra_cfn::{Json, List, Val};

/// A CloudFormation intrinsic function, in its typed form.
///
/// Convert it with `Value::from(intrinsic)` (or `.into()`) to place it in a property. The serialized shape is
/// exactly the one the CloudFormation docs give for the JSON syntax.
#[derive(Clone, Debug, PartialEq)]
pub enum Intrinsic {
    /// `{"Ref": id}`: a resource's primary value, a parameter's value, or a pseudo parameter.
    Ref(String),
    /// `{"Fn::GetAtt": [id, attribute]}`.
    GetAtt(String, String),
    /// `{"Fn::Sub": template}`: `${Name}` and `${Name.Attr}` substitutions; `${!Literal}` escapes.
    Sub(String),
    /// `{"Fn::Sub": [template, {var: value}]}`: substitution with local variables.
    SubWith(String, Map<String, Value>),
    /// `{"Fn::Join": [delimiter, [values]]}`.
    Join(String, Vec<Value>),
    /// `{"Fn::If": [condition, if_true, if_false]}`.
    If(String, Value, Value),
    /// `{"Fn::Equals": [a, b]}`: only inside `Conditions` (and `Fn::If` conditions).
    Equals(Value, Value),
    /// `{"Fn::Not": [condition]}`.
    Not(Value),
    /// `{"Fn::And": [conditions]}`: 2 to 10 conditions.
    And(Vec<Value>),
    /// `{"Fn::Or": [conditions]}`: 2 to 10 conditions.
    Or(Vec<Value>),
    /// `{"Condition": name}`: a reference to a named condition, inside a condition expression.
    Condition(String),
    /// `{"Fn::Select": [index, list]}`.
    Select(u32, Value),
    /// `{"Fn::Split": [delimiter, string]}`.
    Split(String, Value),
    /// `{"Fn::GetAZs": region}`; an empty string means the stack's region.
    GetAZs(Value),
    /// `{"Fn::ImportValue": export_name}`.
    ImportValue(Value),
    /// `{"Fn::FindInMap": [map, top_key, second_key]}`.
    FindInMap(String, Value, Value),
    /// `{"Fn::Base64": value}`.
    Base64(Value),
    /// `{"Fn::Cidr": [ip_block, count, cidr_bits]}`.
    Cidr(Value, u32, u32),
}

impl Intrinsic {
    /// The one-key JSON object CloudFormation reads.
    ///
    /// The functions infra-cfn's typed [`Val`] also writes are built by it, so both crates
    /// write each of them one way.
    pub fn to_value(&self) -> Value {
        let expr = |v: &Value| Val::<Json>::expr(v.clone());
        let list = |v: &Value| Val::<List<Json>>::expr(v.clone());
        let string = |v: &Value| Val::<String>::expr(v.clone());
        match self {
            Intrinsic::Ref(id) => Val::<Json>::parameter(id).into_value(),
            Intrinsic::GetAtt(id, attr) => {
                infra_cfn::get_att::<Json>(&id.clone().into(), attr).into_value()
            }
            Intrinsic::Sub(s) => Val::sub(s).into_value(),
            Intrinsic::SubWith(s, vars) => {
                Val::sub_with(s, vars.iter().map(|(k, v)| (k, string(v)))).into_value()
            }
            Intrinsic::Join(d, items) => {
                Val::join(d, Val::expr(Value::Array(items.clone()))).into_value()
            }
            Intrinsic::If(c, t, f) => Val::<Json>::if_(c, expr(t), expr(f)).into_value(),
            Intrinsic::Equals(a, b) => json!({ "Fn::Equals": [a, b] }),
            Intrinsic::Not(c) => json!({ "Fn::Not": [c] }),
            Intrinsic::And(cs) => json!({ "Fn::And": cs }),
            Intrinsic::Or(cs) => json!({ "Fn::Or": cs }),
            Intrinsic::Condition(c) => json!({ "Condition": c }),
            Intrinsic::Select(i, l) => Val::<Json>::select(*i, list(l)).into_value(),
            Intrinsic::Split(d, s) => Val::split(d, string(s)).into_value(),
            Intrinsic::GetAZs(r) => Val::get_azs(string(r)).into_value(),
            Intrinsic::ImportValue(v) => Val::<Json>::import_value(string(v)).into_value(),
            Intrinsic::FindInMap(m, k1, k2) => {
                Val::<Json>::find_in_map(m, string(k1), string(k2)).into_value()
            }
            Intrinsic::Base64(v) => Val::base64(string(v)).into_value(),
            Intrinsic::Cidr(block, count, bits) => {
                Val::cidr(string(block), *count, *bits).into_value()
            }
        }
    }
}

impl From<Intrinsic> for Value {
    fn from(i: Intrinsic) -> Value {
        i.to_value()
    }
}

impl Serialize for Intrinsic {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(s)
    }
}

pub use infra_cfn::Pseudo;

/// `{"Ref": id}`.
pub fn reference(id: impl Into<String>) -> Value {
    Intrinsic::Ref(id.into()).into()
}

/// `{"Fn::GetAtt": [id, attribute]}`.
pub fn get_att(id: impl Into<String>, attribute: impl Into<String>) -> Value {
    Intrinsic::GetAtt(id.into(), attribute.into()).into()
}

/// `{"Fn::Sub": template}`.
pub fn sub(template: impl Into<String>) -> Value {
    Intrinsic::Sub(template.into()).into()
}

/// `{"Fn::Join": [delimiter, values]}`.
pub fn join(delimiter: impl Into<String>, values: impl IntoIterator<Item = Value>) -> Value {
    Intrinsic::Join(delimiter.into(), values.into_iter().collect()).into()
}

/// `{"Fn::If": [condition, if_true, if_false]}`.
pub fn if_(
    condition: impl Into<String>,
    if_true: impl Into<Value>,
    if_false: impl Into<Value>,
) -> Value {
    Intrinsic::If(condition.into(), if_true.into(), if_false.into()).into()
}

/// `{"Fn::Equals": [a, b]}`.
pub fn equals(a: impl Into<Value>, b: impl Into<Value>) -> Value {
    Intrinsic::Equals(a.into(), b.into()).into()
}

/// `{"Fn::Not": [condition]}`.
pub fn not(condition: impl Into<Value>) -> Value {
    Intrinsic::Not(condition.into()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    // One case per intrinsic, compared with the JSON syntax in the CloudFormation reference.
    #[test]
    fn every_intrinsic_serializes_to_its_documented_shape() {
        let r = || Value::from(Intrinsic::Ref("Env".into()));
        let mut vars = Map::new();
        vars.insert("Domain".into(), r());
        let cases: Vec<(Intrinsic, Value)> = vec![
            (Intrinsic::Ref("Bucket".into()), json!({"Ref": "Bucket"})),
            (
                Intrinsic::GetAtt("Fn".into(), "Arn".into()),
                json!({"Fn::GetAtt": ["Fn", "Arn"]}),
            ),
            (
                Intrinsic::Sub("${AWS::Region}".into()),
                json!({"Fn::Sub": "${AWS::Region}"}),
            ),
            (
                Intrinsic::SubWith("www.${Domain}".into(), vars),
                json!({"Fn::Sub": ["www.${Domain}", {"Domain": {"Ref": "Env"}}]}),
            ),
            (
                Intrinsic::Join(":".into(), vec!["a".into(), r()]),
                json!({"Fn::Join": [":", ["a", {"Ref": "Env"}]]}),
            ),
            (
                Intrinsic::If("IsProd".into(), 1.into(), Pseudo::NoValue.into()),
                json!({"Fn::If": ["IsProd", 1, {"Ref": "AWS::NoValue"}]}),
            ),
            (
                Intrinsic::Equals(r(), "prod".into()),
                json!({"Fn::Equals": [{"Ref": "Env"}, "prod"]}),
            ),
            (
                Intrinsic::Not(json!({"Condition": "A"})),
                json!({"Fn::Not": [{"Condition": "A"}]}),
            ),
            (
                Intrinsic::And(vec![json!({"Condition": "A"}), json!({"Condition": "B"})]),
                json!({"Fn::And": [{"Condition": "A"}, {"Condition": "B"}]}),
            ),
            (
                Intrinsic::Or(vec![json!({"Condition": "A"}), json!({"Condition": "B"})]),
                json!({"Fn::Or": [{"Condition": "A"}, {"Condition": "B"}]}),
            ),
            (Intrinsic::Condition("A".into()), json!({"Condition": "A"})),
            (
                Intrinsic::Select(1, json!({"Fn::GetAZs": ""})),
                json!({"Fn::Select": ["1", {"Fn::GetAZs": ""}]}),
            ),
            (
                Intrinsic::Split(",".into(), r()),
                json!({"Fn::Split": [",", {"Ref": "Env"}]}),
            ),
            (Intrinsic::GetAZs("".into()), json!({"Fn::GetAZs": ""})),
            (
                Intrinsic::ImportValue("shared-vpc".into()),
                json!({"Fn::ImportValue": "shared-vpc"}),
            ),
            (
                Intrinsic::FindInMap("Ami".into(), Pseudo::Region.into(), "x86".into()),
                json!({"Fn::FindInMap": ["Ami", {"Ref": "AWS::Region"}, "x86"]}),
            ),
            (
                Intrinsic::Base64("#!/bin/sh".into()),
                json!({"Fn::Base64": "#!/bin/sh"}),
            ),
            (
                Intrinsic::Cidr("10.0.0.0/16".into(), 4, 12),
                json!({"Fn::Cidr": ["10.0.0.0/16", "4", "12"]}),
            ),
        ];
        for (intrinsic, expected) in cases {
            assert_eq!(Value::from(intrinsic.clone()), expected, "{intrinsic:?}");
            assert_eq!(
                serde_json::to_value(&intrinsic).unwrap(),
                expected,
                "{intrinsic:?} via Serialize"
            );
        }
    }

    #[test]
    fn pseudo_parameters_round_trip_by_name() {
        for p in Pseudo::ALL {
            assert_eq!(Pseudo::from_name(p.name()), Some(p));
            assert_eq!(p.to_ref(), json!({ "Ref": p.name() }));
        }
        assert_eq!(Pseudo::from_name("AWS::Nope"), None);
        assert_eq!(Pseudo::UrlSuffix.name(), "AWS::URLSuffix");
    }

    #[test]
    fn helpers_build_the_same_values_as_the_enum() {
        assert_eq!(reference("A"), json!({"Ref": "A"}));
        assert_eq!(get_att("A", "Arn"), json!({"Fn::GetAtt": ["A", "Arn"]}));
        assert_eq!(if_("C", "x", "y"), json!({"Fn::If": ["C", "x", "y"]}));
        assert_eq!(
            equals(reference("P"), "false"),
            json!({"Fn::Equals": [{"Ref": "P"}, "false"]})
        );
        assert_eq!(
            not(json!({"Condition": "C"})),
            json!({"Fn::Not": [{"Condition": "C"}]})
        );
    }
}
