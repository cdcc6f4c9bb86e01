//! `AWS::Serverless::LayerVersion` and `AWS::Serverless::Application`, declared with `#[cf_resources(layer(..))]`
//! and `#[cf_resources(application(..))]`: a layer functions list by type (`layers(SharedLibs)`), and a nested
//! SAM application from the Serverless Application Repository or a local template.

use serde_json::{Map, Value, json};

use crate::model::function::text;
use crate::registry::{Context, Contribution};
use crate::template::Resource;

/// A type declared with `#[cf_resources(layer(..))]`: functions list it in `layers(..)`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a Lambda layer",
    label = "declare it with `#[cf_resources(layer(content = \"dir\"))]`, or write a layer version's ARN as a string"
)]
pub trait CfLayer {
    /// What the attribute declared.
    const LAYER: LayerSpec;
    /// `${LogicalId}`: the layer version's ARN, as a function's `layers(..)` entry.
    const SUB: &'static str;
}

/// Everything `#[cf_resources(layer(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayerSpec {
    /// The logical id.
    pub logical_id: &'static str,
    /// `CARGO_MANIFEST_DIR` of the declaring crate.
    pub package_dir: &'static str,
    /// The layer's content directory, relative to the package (`ContentUri`).
    pub content: &'static str,
    /// `LayerName`.
    pub name: Option<&'static str>,
    /// `Description`.
    pub description: Option<&'static str>,
    /// `LicenseInfo`.
    pub license: Option<&'static str>,
    /// `CompatibleArchitectures`.
    pub architectures: &'static [&'static str],
    /// `CompatibleRuntimes`.
    pub runtimes: &'static [&'static str],
    /// `RetentionPolicy: Retain`: old versions stay when a new one replaces them.
    pub retain: bool,
    /// `PublishLambdaVersion`: a function version follows each new layer version.
    pub publish_lambda_version: bool,
    /// `Metadata.BuildMethod`, e.g. `makefile`, for `sam build`.
    pub build_method: Option<&'static str>,
}

impl LayerSpec {
    /// The layer version.
    pub fn contribute(&self, ctx: &Context) -> Contribution {
        let mut r = Resource::new("AWS::Serverless::LayerVersion")
            .property(
                "ContentUri",
                ctx.relative_path(self.package_dir, self.content),
            )
            .property("CompatibleRuntimes", json!(self.runtimes))
            .property(
                "RetentionPolicy",
                if self.retain { "Retain" } else { "Delete" },
            );
        for (key, v) in [
            ("LayerName", self.name),
            ("Description", self.description),
            ("LicenseInfo", self.license),
        ] {
            if let Some(v) = v {
                r = r.property(key, v);
            }
        }
        if !self.architectures.is_empty() {
            r = r.property("CompatibleArchitectures", json!(self.architectures));
        }
        if self.publish_lambda_version {
            r = r.property("PublishLambdaVersion", true);
        }
        if let Some(m) = self.build_method {
            r.metadata.insert("BuildMethod".into(), m.into());
        }
        Contribution::new().resource(self.logical_id, r)
    }
}

/// Where a nested application comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppLocation {
    /// The Serverless Application Repository: `(ApplicationId, SemanticVersion)`.
    Repository(&'static str, &'static str),
    /// A template in the package, relative to it.
    Template(&'static str),
}

/// Everything `#[cf_resources(application(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApplicationSpec {
    /// The logical id.
    pub logical_id: &'static str,
    /// `CARGO_MANIFEST_DIR` of the declaring crate.
    pub package_dir: &'static str,
    /// `Location`.
    pub location: AppLocation,
    /// `Parameters` (values follow [`text`]).
    pub parameters: &'static [(&'static str, &'static str)],
    /// `NotificationARNs`: SNS topics of the nested stack's events (values follow [`text`]).
    pub notification_arns: &'static [&'static str],
    /// `TimeoutInMinutes`.
    pub timeout: Option<u32>,
    /// `Tags`.
    pub tags: &'static [(&'static str, &'static str)],
}

impl ApplicationSpec {
    /// The nested application.
    pub fn contribute(&self, ctx: &Context) -> Contribution {
        let location = match self.location {
            AppLocation::Repository(id, version) => {
                json!({ "ApplicationId": text(id), "SemanticVersion": version })
            }
            AppLocation::Template(path) => ctx.relative_path(self.package_dir, path).into(),
        };
        let mut r = Resource::new("AWS::Serverless::Application").property("Location", location);
        let map = |items: &[(&str, &str)], value: fn(&str) -> Value| -> Value {
            items
                .iter()
                .map(|(k, v)| ((*k).to_owned(), value(v)))
                .collect::<Map<_, _>>()
                .into()
        };
        if !self.parameters.is_empty() {
            r = r.property("Parameters", map(self.parameters, text));
        }
        if !self.notification_arns.is_empty() {
            let arns: Vec<Value> = self.notification_arns.iter().map(|a| text(a)).collect();
            r = r.property("NotificationARNs", arns);
        }
        if let Some(t) = self.timeout {
            r = r.property("TimeoutInMinutes", t);
        }
        if !self.tags.is_empty() {
            r = r.property("Tags", map(self.tags, |v| v.into()));
        }
        Contribution::new().resource(self.logical_id, r)
    }
}

/// A resource a `connector(..)` joins: its logical id. Implemented by the shortcuts SAM's connectors take
/// (tables, buckets, queues, topics, HTTP and REST APIs, state machines).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an end of a connector",
    label = "a connector joins `#[cf_function]` handlers (by path) and `table`, `bucket`, `queue`, `topic`, `http_api`, `rest_api` or `state_machine` types"
)]
pub trait ConnectorEnd {
    /// Its logical id.
    const LOGICAL_ID: &'static str;
}

/// Everything `#[cf_resources(connector(..))]` declares: SAM grants `source` the `permissions` on
/// `destination` (and, for event sources, lets them invoke it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConnectorSpec {
    /// The logical id.
    pub logical_id: &'static str,
    /// `Source.Id`.
    pub source: &'static str,
    /// `Destination.Id`.
    pub destination: &'static str,
    /// `Permissions`: `Read` and/or `Write`.
    pub permissions: &'static [&'static str],
}

impl ConnectorSpec {
    /// The connector.
    pub fn contribute(&self) -> Contribution {
        Contribution::new().resource(
            self.logical_id,
            Resource::new("AWS::Serverless::Connector")
                .property("Source", json!({ "Id": self.source }))
                .property("Destination", json!({ "Id": self.destination }))
                .property("Permissions", json!(self.permissions)),
        )
    }
}
