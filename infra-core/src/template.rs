//! The CloudFormation/SAM template model.
//!
//! A [`Template`] holds every section of a template. Sections are sorted maps, so the same content always
//! serializes to the same bytes. Resources are written with [`Resource`]'s builder; properties are plain
//! [`Value`]s, so any CloudFormation type can be expressed, typed helper or not:
//!
//! ```
//! use infra_core::{Resource, Template, DeletionPolicy, intrinsic::reference};
//! use serde_json::json;
//!
//! let mut t = Template::new();
//! t.add_resource(
//!     "Logs",
//!     Resource::new("AWS::Logs::LogGroup")
//!         .property("RetentionInDays", 7)
//!         .deletion_policy(DeletionPolicy::Retain),
//! );
//! t.add_resource("Topic", Resource::new("AWS::SNS::Topic").property("DisplayName", reference("Logs")));
//! let json = serde_json::to_value(&t).unwrap();
//! assert_eq!(json["Resources"]["Logs"]["Properties"], json!({"RetentionInDays": 7}));
//! assert_eq!(json["Resources"]["Logs"]["DeletionPolicy"], "Retain");
//! assert!(json.get("Transform").is_none(), "no SAM resource, no transform");
//! ```

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Map;

use crate::Value;
use crate::intrinsic::Intrinsic;

/// The only `AWSTemplateFormatVersion` CloudFormation knows.
pub const FORMAT_VERSION: &str = "2010-09-09";

/// The transform that turns `AWS::Serverless::*` resources into CloudFormation.
pub const SAM_TRANSFORM: &str = "AWS::Serverless-2016-10-31";

/// A whole template. Build it directly, or let [`crate::registry::collect`] assemble it from fragments.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Template {
    /// `AWSTemplateFormatVersion`: always [`FORMAT_VERSION`].
    #[serde(rename = "AWSTemplateFormatVersion")]
    format_version: &'static str,
    /// `Description` (at most 1024 bytes; checked by the validator).
    #[serde(rename = "Description", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `Transform`: set by [`Template::finish`] when a SAM resource is present.
    #[serde(rename = "Transform", skip_serializing_if = "Vec::is_empty")]
    pub transform: Vec<String>,
    /// `Metadata`.
    #[serde(rename = "Metadata", skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
    /// `Parameters`, by logical id.
    #[serde(rename = "Parameters", skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, Parameter>,
    /// `Mappings`, by name: `{top_key: {second_key: value}}`.
    #[serde(rename = "Mappings", skip_serializing_if = "BTreeMap::is_empty")]
    pub mappings: BTreeMap<String, Value>,
    /// `Conditions`, by name: a condition expression (`Fn::Equals`, `Fn::Not`, ...).
    #[serde(rename = "Conditions", skip_serializing_if = "BTreeMap::is_empty")]
    pub conditions: BTreeMap<String, Value>,
    /// SAM `Globals`, by section (`Function`, `Api`, `HttpApi`, `SimpleTable`, ...).
    #[serde(rename = "Globals", skip_serializing_if = "BTreeMap::is_empty")]
    pub globals: BTreeMap<String, Map<String, Value>>,
    /// `Resources`, by logical id.
    #[serde(rename = "Resources")]
    pub resources: BTreeMap<String, Resource>,
    /// `Outputs`, by logical id.
    #[serde(rename = "Outputs", skip_serializing_if = "BTreeMap::is_empty")]
    pub outputs: BTreeMap<String, Output>,
}

impl Template {
    /// An empty template.
    pub fn new() -> Self {
        Template {
            format_version: FORMAT_VERSION,
            ..Default::default()
        }
    }

    /// Adds (or replaces) a resource.
    pub fn add_resource(&mut self, id: impl Into<String>, resource: Resource) -> &mut Self {
        let sam = resource.is_sam();
        let replaced = self.resources.insert(id.into(), resource);
        // Only a change in SAM-ness can change `Transform`: no rescan of every resource per insert.
        if sam {
            if !self.transform.iter().any(|t| t == SAM_TRANSFORM) {
                self.transform.push(SAM_TRANSFORM.to_owned());
            }
        } else if replaced.is_some_and(|r| r.is_sam()) {
            self.finish();
        }
        self
    }

    /// Adds (or replaces) a parameter.
    pub fn add_parameter(&mut self, id: impl Into<String>, parameter: Parameter) -> &mut Self {
        self.parameters.insert(id.into(), parameter);
        self
    }

    /// Adds (or replaces) a condition.
    pub fn add_condition(
        &mut self,
        name: impl Into<String>,
        condition: impl Into<Value>,
    ) -> &mut Self {
        self.conditions.insert(name.into(), condition.into());
        self
    }

    /// Adds (or replaces) an output.
    pub fn add_output(&mut self, id: impl Into<String>, output: Output) -> &mut Self {
        self.outputs.insert(id.into(), output);
        self
    }

    /// Sets `Transform` to the SAM transform exactly when a SAM resource (or `Globals`) is present.
    pub fn finish(&mut self) {
        let sam = !self.globals.is_empty() || self.resources.values().any(|r| r.is_sam());
        let has = self.transform.iter().any(|t| t == SAM_TRANSFORM);
        if sam && !has {
            self.transform.push(SAM_TRANSFORM.to_owned());
        } else if !sam && has {
            self.transform.retain(|t| t != SAM_TRANSFORM);
        }
    }
}

/// `DeletionPolicy` / `UpdateReplacePolicy` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DeletionPolicy {
    /// Delete the physical resource (CloudFormation's default for most types).
    Delete,
    /// Keep the physical resource when the stack no longer manages it.
    Retain,
    /// Keep it, but delete it if the stack's creation is rolled back.
    RetainExceptOnCreate,
    /// Take a snapshot first (volumes, databases, clusters).
    Snapshot,
}

/// One resource: its type, properties and resource attributes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resource {
    /// `Type`, e.g. `AWS::S3::Bucket` or `AWS::Serverless::Function`.
    #[serde(rename = "Type")]
    pub kind: String,
    /// `Condition`: the resource exists only when this condition is true.
    #[serde(rename = "Condition", skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// `DependsOn`: logical ids created before this one.
    #[serde(rename = "DependsOn", skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// `Properties`.
    #[serde(rename = "Properties", skip_serializing_if = "Map::is_empty")]
    pub properties: Map<String, Value>,
    /// `Metadata` (e.g. `BuildMethod` for `sam build`).
    #[serde(rename = "Metadata", skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
    /// `DeletionPolicy`.
    #[serde(rename = "DeletionPolicy", skip_serializing_if = "Option::is_none")]
    pub deletion_policy: Option<DeletionPolicy>,
    /// `UpdateReplacePolicy`.
    #[serde(
        rename = "UpdateReplacePolicy",
        skip_serializing_if = "Option::is_none"
    )]
    pub update_replace_policy: Option<DeletionPolicy>,
}

impl Resource {
    /// A resource of the given `Type` with no properties.
    pub fn new(kind: impl Into<String>) -> Self {
        Resource {
            kind: kind.into(),
            condition: None,
            depends_on: Vec::new(),
            properties: Map::new(),
            metadata: Map::new(),
            deletion_policy: None,
            update_replace_policy: None,
        }
    }

    /// Sets one property. Any JSON value or intrinsic is accepted.
    pub fn property(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.properties.insert(name.into(), value.into());
        self
    }

    /// Sets one `Metadata` entry.
    pub fn metadata(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.metadata.insert(name.into(), value.into());
        self
    }

    /// Says why the resource's broad IAM grants (`*` actions or resources, `AdministratorAccess`) are intended:
    /// metadata `infra: {broad_permissions: why}`, which the generator's warning
    /// ([`crate::validate::broad_permissions`]) respects.
    ///
    /// ```
    /// use infra_core::Resource;
    /// let r = Resource::new("AWS::IAM::Role").broad_permissions("ecr:GetAuthorizationToken has no resource-level permissions");
    /// assert_eq!(r.metadata["infra"]["broad_permissions"], "ecr:GetAuthorizationToken has no resource-level permissions");
    /// ```
    pub fn broad_permissions(self, why: impl Into<String>) -> Self {
        let why: String = why.into();
        self.metadata(
            "infra",
            serde_json::json!({ crate::validate::BROAD_PERMISSIONS: why }),
        )
    }

    /// Adds a `DependsOn` entry.
    pub fn depends_on(mut self, id: impl Into<String>) -> Self {
        self.depends_on.push(id.into());
        self
    }

    /// Sets `Condition`.
    pub fn condition(mut self, condition: impl Into<String>) -> Self {
        self.condition = Some(condition.into());
        self
    }

    /// Sets `DeletionPolicy`.
    pub fn deletion_policy(mut self, policy: DeletionPolicy) -> Self {
        self.deletion_policy = Some(policy);
        self
    }

    /// Sets `UpdateReplacePolicy`.
    pub fn update_replace_policy(mut self, policy: DeletionPolicy) -> Self {
        self.update_replace_policy = Some(policy);
        self
    }

    /// True for `AWS::Serverless::*` types, which need the SAM transform.
    pub fn is_sam(&self) -> bool {
        self.kind.starts_with("AWS::Serverless::")
    }
}

impl<T: infra_cfn::CfnResource> From<T> for Resource {
    /// The typed resource's `Type` and properties, with no resource attributes yet: add them with
    /// [`Resource::depends_on`], [`Resource::condition`], [`Resource::deletion_policy`], ....
    fn from(typed: T) -> Resource {
        let mut r = Resource::new(T::TYPE_NAME);
        r.properties = typed.into_props().into_map();
        r
    }
}

/// `Some(30.0)` as `30`, `Some(0.5)` as `0.5`.
fn whole<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match *v {
        Some(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => s.serialize_i64(n as i64),
        Some(n) => s.serialize_f64(n),
        None => s.serialize_none(),
    }
}

/// A template parameter.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Parameter {
    /// `Type`: `String`, `Number`, `List<Number>`, `CommaDelimitedList`, an `AWS::...` type, ...
    #[serde(rename = "Type")]
    pub kind: String,
    /// `Description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `Default`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// `AllowedValues`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed_values: Vec<Value>,
    /// `AllowedPattern`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_pattern: Option<String>,
    /// `ConstraintDescription`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub constraint_description: Option<String>,
    /// `MinLength`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    /// `MaxLength`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// `MinValue` (a whole number is written as one, as CloudFormation and cfn-lint expect for integers).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "whole")]
    pub min_value: Option<f64>,
    /// `MaxValue` (written as [`min_value`](Self::min_value) is).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "whole")]
    pub max_value: Option<f64>,
    /// `NoEcho`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_echo: Option<bool>,
}

impl Parameter {
    /// A parameter of the given `Type`.
    pub fn new(kind: impl Into<String>) -> Self {
        Parameter {
            kind: kind.into(),
            ..Default::default()
        }
    }

    /// A `String` parameter.
    pub fn string() -> Self {
        Parameter::new("String")
    }

    /// Sets `Description`.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Sets `Default`.
    pub fn default_value(mut self, value: impl Into<Value>) -> Self {
        self.default = Some(value.into());
        self
    }

    /// Sets `AllowedValues`.
    pub fn allowed_values<V: Into<Value>>(mut self, values: impl IntoIterator<Item = V>) -> Self {
        self.allowed_values = values.into_iter().map(Into::into).collect();
        self
    }
}

/// A template output.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Output {
    /// `Description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `Value`.
    pub value: Value,
    /// `Export: {Name: ...}`.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "export_name"
    )]
    pub export: Option<Value>,
    /// `Condition`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
}

fn export_name<S: serde::Serializer>(name: &Option<Value>, s: S) -> Result<S::Ok, S::Error> {
    let mut m = Map::new();
    m.insert("Name".into(), name.clone().unwrap_or(Value::Null));
    m.serialize(s)
}

impl Output {
    /// An output with this value.
    pub fn new(value: impl Into<Value>) -> Self {
        Output {
            description: None,
            value: value.into(),
            export: None,
            condition: None,
        }
    }

    /// Sets `Description`.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Sets `Export.Name`.
    pub fn export(mut self, name: impl Into<Value>) -> Self {
        self.export = Some(name.into());
        self
    }

    /// Sets `Condition`.
    pub fn condition(mut self, condition: impl Into<String>) -> Self {
        self.condition = Some(condition.into());
        self
    }
}

/// A logical id, as a value that can be referenced.
///
/// ```
/// use infra_core::LogicalId;
/// let table = LogicalId("FilesTable");
/// assert_eq!(table.to_ref(), serde_json::json!({"Ref": "FilesTable"}));
/// assert_eq!(table.get_att("Arn"), serde_json::json!({"Fn::GetAtt": ["FilesTable", "Arn"]}));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LogicalId(pub &'static str);

impl LogicalId {
    /// `{"Ref": id}`.
    pub fn to_ref(self) -> Value {
        Intrinsic::Ref(self.0.to_owned()).into()
    }

    /// `{"Fn::GetAtt": [id, attribute]}`.
    pub fn get_att(self, attribute: &str) -> Value {
        Intrinsic::GetAtt(self.0.to_owned(), attribute.to_owned()).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sections_serialize_in_cloudformation_order_and_skip_empty_ones() {
        let mut t = Template::new();
        t.description = Some("d".into());
        t.add_parameter(
            "Stage",
            Parameter::string()
                .default_value("dev")
                .allowed_values(["dev", "prod"]),
        );
        t.add_condition("IsProd", json!({"Fn::Equals": [{"Ref": "Stage"}, "prod"]}));
        t.add_resource(
            "Fn",
            Resource::new("AWS::Serverless::Function").property("MemorySize", 128),
        );
        t.add_output(
            "Arn",
            Output::new(json!({"Fn::GetAtt": ["Fn", "Arn"]}))
                .export("fn-arn")
                .condition("IsProd"),
        );
        let text = serde_json::to_string(&t).unwrap();
        let order = [
            "AWSTemplateFormatVersion",
            "Description",
            "Transform",
            "Parameters",
            "Conditions",
            "Resources",
            "Outputs",
        ];
        let positions: Vec<usize> = order
            .iter()
            .map(|k| text.find(&format!("\"{k}\"")).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert!(
            !text.contains("Mappings") && !text.contains("Globals") && !text.contains("Metadata")
        );
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["AWSTemplateFormatVersion"], "2010-09-09");
        assert_eq!(v["Transform"], json!(["AWS::Serverless-2016-10-31"]));
        assert_eq!(v["Outputs"]["Arn"]["Export"], json!({"Name": "fn-arn"}));
        assert_eq!(
            v["Parameters"]["Stage"],
            json!({"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"]})
        );
    }

    #[test]
    fn transform_follows_the_presence_of_sam_resources() {
        let mut t = Template::new();
        t.add_resource("Bucket", Resource::new("AWS::S3::Bucket"));
        assert!(t.transform.is_empty());
        t.add_resource("Fn", Resource::new("AWS::Serverless::Function"));
        assert_eq!(t.transform, [SAM_TRANSFORM]);
        t.resources.remove("Fn");
        t.finish();
        assert!(t.transform.is_empty());
    }

    #[test]
    fn resource_attributes_serialize_with_their_cloudformation_names() {
        let r = Resource::new("AWS::DynamoDB::Table")
            .condition("C")
            .depends_on("Role")
            .metadata("Note", "x")
            .deletion_policy(DeletionPolicy::Retain)
            .update_replace_policy(DeletionPolicy::Snapshot);
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            json!({
                "Type": "AWS::DynamoDB::Table", "Condition": "C", "DependsOn": ["Role"],
                "Metadata": {"Note": "x"}, "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Snapshot"
            })
        );
    }
}
