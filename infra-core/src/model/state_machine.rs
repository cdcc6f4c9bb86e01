//! `AWS::Serverless::StateMachine`, declared with `#[cf_resources(state_machine(..))]`: a Step Functions state
//! machine whose definition names `#[cf_function]` handlers and typed resources through
//! `DefinitionSubstitutions`, and whose role may invoke exactly those functions.

use serde_json::{Map, Value, json};

use crate::intrinsic::get_att;
use crate::model::function::{FunctionSpec, event_value, policy_value, strings, text};
use crate::model::resources::ResourceRef;
use crate::registry::{Context, Contribution};
use crate::template::Resource;

/// Where the definition is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Definition {
    /// An Amazon States Language file in the package, relative to it (`DefinitionUri`).
    File(&'static str),
    /// The definition itself, JSON checked at compile time (`Definition`).
    Inline(&'static str),
}

/// The value a `${Name}` of the definition takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Substitution {
    /// A `#[cf_function]` handler by logical id: its ARN; the state machine may invoke it.
    Function(&'static str),
    /// A typed resource: the value its users get (a table's name, a queue's URL, ...).
    Resource(ResourceRef),
    /// Text (values follow [`text`]).
    Text(&'static str),
}

/// `Logging` to a log group of the state machine's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Logging {
    /// `Level`: `ALL`, `ERROR`, `FATAL` or `OFF`.
    pub level: &'static str,
    /// `IncludeExecutionData`.
    pub include_execution_data: bool,
    /// Days the log group keeps the logs.
    pub retention: u32,
}

/// Why a state machine with logging has a statement on `*`.
pub const LOG_DELIVERY_REASON: &str = "Step Functions delivers logs through CloudWatch Logs' log delivery: \
logs:CreateLogDelivery, logs:GetLogDelivery, logs:UpdateLogDelivery, logs:DeleteLogDelivery, \
logs:ListLogDeliveries, logs:PutResourcePolicy, logs:DescribeResourcePolicies and logs:DescribeLogGroups \
have no resource-level permission";

/// Why a traced state machine has a statement on `*`.
pub const TRACING_REASON: &str = "Step Functions sends traces with xray:PutTraceSegments, xray:PutTelemetryRecords, \
xray:GetSamplingRules and xray:GetSamplingTargets, which have no resource-level permission";

/// Everything `#[cf_resources(state_machine(..))]` declares. What it shares with a function (`reads`, `writes`,
/// `invokes`, `policies`, `role`, `role_path`, `permissions_boundary`, `tags`, `propagate_tags`,
/// `auto_publish_alias`, `events`) is in [`common`](Self::common).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StateMachineSpec {
    /// The logical id.
    pub logical_id: &'static str,
    /// `CARGO_MANIFEST_DIR` of the declaring crate.
    pub package_dir: &'static str,
    /// The definition.
    pub definition: Definition,
    /// `DefinitionSubstitutions`.
    pub substitutions: &'static [(&'static str, Substitution)],
    /// `Type`: `STANDARD` or `EXPRESS`.
    pub kind: Option<&'static str>,
    /// `Name`.
    pub name: Option<&'static str>,
    /// `Logging`.
    pub logging: Option<Logging>,
    /// `UseAliasAsEventTarget`.
    pub use_alias_as_event_target: bool,
    /// `Tracing.Enabled`: X-Ray traces of executions; the role may write them (`xray:PutTraceSegments`,
    /// `PutTelemetryRecords`, `GetSamplingRules`, `GetSamplingTargets`, which have no resource-level permission).
    pub tracing: bool,
    /// The keys it shares with a function.
    pub common: FunctionSpec,
}

impl StateMachineSpec {
    /// The state machine, and its log group.
    pub fn contribute(&self, ctx: &Context) -> Contribution {
        let id = self.logical_id;
        let c0 = &self.common;
        let mut c = Contribution::new();
        let mut r = Resource::new("AWS::Serverless::StateMachine");
        let p = &mut r.properties;
        match self.definition {
            Definition::File(path) => {
                p.insert(
                    "DefinitionUri".into(),
                    ctx.relative_path(self.package_dir, path).into(),
                );
            }
            Definition::Inline(json) => {
                p.insert(
                    "Definition".into(),
                    serde_json::from_str(json).expect("checked at compile time"),
                );
            }
        }
        if !self.substitutions.is_empty() {
            let subs: Map<String, Value> = self
                .substitutions
                .iter()
                .map(|(k, v)| {
                    let v = match *v {
                        Substitution::Function(f) => get_att(f, "Arn"),
                        Substitution::Resource(r) => r.value(),
                        Substitution::Text(t) => text(t),
                    };
                    ((*k).to_owned(), v)
                })
                .collect();
            p.insert("DefinitionSubstitutions".into(), subs.into());
        }
        for (key, v) in [("Type", self.kind), ("Name", self.name)] {
            if let Some(v) = v {
                p.insert(key.into(), v.into());
            }
        }
        for (key, v) in [
            ("Role", c0.role),
            ("RolePath", c0.role_path),
            ("PermissionsBoundary", c0.permissions_boundary),
            ("AutoPublishAlias", c0.auto_publish_alias),
        ] {
            if let Some(v) = v {
                p.insert(key.into(), text(v));
            }
        }
        if self.tracing {
            p.insert("Tracing".into(), json!({ "Enabled": true }));
        }
        if self.use_alias_as_event_target {
            p.insert("UseAliasAsEventTarget".into(), true.into());
        }
        if !c0.tags.is_empty() {
            let tags: Map<String, Value> = c0
                .tags
                .iter()
                .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
                .collect();
            p.insert("Tags".into(), tags.into());
        }
        if c0.propagate_tags {
            p.insert("PropagateTags".into(), true.into());
        }
        // Least privilege: each function the definition names may be invoked, each typed use read or written.
        let uses = crate::model::resources::uses(c0.reads, c0.writes, c0.invokes);
        let mut policies: Vec<Value> = uses
            .iter()
            .flat_map(|(r, reads, writes)| r.policies(*reads, *writes))
            .chain(c0.policies.iter().map(policy_value))
            .collect();
        // The function and its versions and aliases, by ARN: SAM's `LambdaInvokePolicy` would also cover every
        // function whose name starts with this one's.
        for (_, s) in self.substitutions {
            if let Substitution::Function(f) = s {
                policies.push(json!({ "Statement": [{
                    "Effect": "Allow",
                    "Action": ["lambda:InvokeFunction"],
                    "Resource": [get_att(*f, "Arn"), crate::intrinsic::sub(format!("${{{f}.Arn}}:*"))],
                }]}));
            }
        }
        let mut broad: Vec<&str> = Vec::new();
        if self.tracing {
            policies.push(json!({ "Statement": [{
                "Effect": "Allow",
                "Action": strings(&[
                    "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
                    "xray:GetSamplingTargets",
                ]),
                "Resource": "*",
            }]}));
            broad.push(TRACING_REASON);
        }
        if let Some(l) = self.logging {
            let logs = format!("{id}Logs");
            c = c.resource(
                logs.clone(),
                Resource::new("AWS::Logs::LogGroup").property("RetentionInDays", l.retention),
            );
            p.insert(
                "Logging".into(),
                json!({
                    "Level": l.level,
                    "IncludeExecutionData": l.include_execution_data,
                    "Destinations": [{ "CloudWatchLogsLogGroup": { "LogGroupArn": get_att(&logs, "Arn") } }],
                }),
            );
            policies.push(json!({ "Statement": [{
                "Effect": "Allow",
                "Action": strings(&[
                    "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
                    "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
                    "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
                ]),
                "Resource": "*",
            }]}));
            broad.push(LOG_DELIVERY_REASON);
        }
        if !broad.is_empty() {
            r.metadata.insert(
                "infra".into(),
                json!({ crate::validate::BROAD_PERMISSIONS: broad.join("; ") }),
            );
        }
        let p = &mut r.properties;
        if !policies.is_empty() && c0.role.is_none() {
            p.insert("Policies".into(), policies.into());
        }
        let mut events = Map::new();
        let mut globals = Vec::new();
        for e in c0.events {
            let (name, value) = event_value(e, &mut globals);
            events.insert(name.to_owned(), value);
        }
        if !events.is_empty() {
            p.insert("Events".into(), events.into());
        }
        for (key, value) in globals {
            c = c.global("Api", key, value);
        }
        for (policy_id, policy) in crate::model::function::dead_letter_policies(id, c0.events, None)
        {
            c = c.resource(policy_id, policy);
        }
        c.resource(id, r)
    }
}
