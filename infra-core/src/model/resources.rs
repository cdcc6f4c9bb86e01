//! Resources declared by Rust types with `#[cf_resources]`, and the traits that let `#[cf_function]` refer to
//! them by type.
//!
//! - [`Resources`]: the class pattern. A type declares any set of resources in `resources(ctx)`.
//! - [`CfResource`]: a type that *is* one resource (a table, bucket, queue or topic shortcut). Functions name
//!   it in `reads(..)`, `writes(..)`, `env(..)` and events; the template gets the narrowest policy and the
//!   function's environment gets the resource's `Ref` under the variable [`ResourceRef::env`] names, which
//!   handler code reads back with [`CfResource::runtime_ref`].
//! - [`CfParameter`], [`CfCondition`]: parameters and conditions, referenced by type.

use std::fmt;

use serde_json::json;

use crate::Value;
use crate::intrinsic::{get_att, reference};
use crate::registry::{Context, Contribution};

/// Declares the resources of a type marked `#[cf_resources]`, in the spirit of troposphere's
/// `cf_resources()` class method. Anything CloudFormation can express can be returned here.
///
/// ```
/// use infra_core::{Contribution, Resource, Resources, cf_resources, registry::Context};
///
/// #[cf_resources]
/// struct Logs;
///
/// impl Resources for Logs {
///     fn resources(_: &Context) -> Contribution {
///         Contribution::new().resource("AppLogs", Resource::new("AWS::Logs::LogGroup").property("RetentionInDays", 7))
///     }
/// }
/// # fn main() {
/// # let t = infra_core::registry::collect(&Context::new(".")).template;
/// # assert_eq!(t.resources["AppLogs"].properties["RetentionInDays"], 7);
/// # }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is marked `#[cf_resources]` but declares no resources",
    label = "no `Resources` impl and no shortcut for this type",
    note = "implement `infra_core::Resources` for `{Self}`, or give the attribute a shortcut: `table(...)`, `bucket(...)`, `queue(...)`, `topic(...)`, `secret(...)`, `parameter(...)` or `condition(...)`"
)]
pub trait Resources {
    /// What the type adds to the template.
    fn resources(ctx: &Context) -> Contribution;
}

/// The resource families `#[cf_function]` derives policies and environment variables for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceKind {
    /// `AWS::DynamoDB::Table`.
    Table,
    /// `AWS::S3::Bucket`.
    Bucket,
    /// `AWS::SQS::Queue`.
    Queue,
    /// `AWS::SNS::Topic`.
    Topic,
    /// `AWS::SecretsManager::Secret`.
    Secret,
    /// `AWS::Kinesis::Stream`.
    Stream,
    /// A SageMaker endpoint the stack does not create (deployed by SageMaker itself or another stack), by
    /// name: functions and tasks `invokes(..)` it.
    SageMakerEndpoint(ExternalName),
}

/// The name of a resource the stack does not create: written out, or the value of a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExternalName {
    /// The name itself.
    Text(&'static str),
    /// The logical id of the parameter holding it.
    Parameter(&'static str),
}

impl ExternalName {
    /// The template value: the text, or a `Ref` to the parameter.
    pub fn value(&self) -> Value {
        match *self {
            ExternalName::Text(t) => t.into(),
            ExternalName::Parameter(p) => reference(p),
        }
    }
}

/// The ARN of the SageMaker endpoint `name` in the stack's account and region. SageMaker writes endpoint
/// names in lower case in its ARNs and IAM compares ARNs case by case, so a name written out is lower-cased
/// here; a parameter's value is used as given.
fn endpoint_arn(name: ExternalName) -> String {
    let prefix = "arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:endpoint/";
    match name {
        ExternalName::Text(t) => format!("{prefix}{}", t.to_ascii_lowercase()),
        ExternalName::Parameter(p) => format!("{prefix}${{{p}}}"),
    }
}

/// What reading (describing the stream, iterating and reading its shards) and writing (putting records) a
/// Kinesis stream take.
fn stream_actions(reads: bool, writes: bool) -> Vec<&'static str> {
    const READ: [&str; 6] = [
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:GetRecords",
        "kinesis:GetShardIterator",
        "kinesis:ListShards",
        "kinesis:SubscribeToShard",
    ];
    const WRITE: [&str; 3] = [
        "kinesis:DescribeStreamSummary",
        "kinesis:PutRecord",
        "kinesis:PutRecords",
    ];
    let mut actions: Vec<&str> = if reads || !writes {
        READ.to_vec()
    } else {
        Vec::new()
    };
    if writes {
        actions.extend(
            WRITE
                .iter()
                .filter(|a| !actions.contains(a))
                .collect::<Vec<_>>(),
        );
    }
    actions
}

/// What invoking a SageMaker endpoint takes: `sagemaker:InvokeEndpoint`, which also authorizes
/// `InvokeEndpointWithResponseStream`.
const INVOKE_ENDPOINT: &str = "sagemaker:InvokeEndpoint";

/// A resource as functions refer to it: its logical id, its family, and the environment variable that carries
/// its `Ref` into functions that use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceRef {
    /// The logical id.
    pub logical_id: &'static str,
    /// The family.
    pub kind: ResourceKind,
    /// The environment variable, e.g. `FILES_TABLE_NAME`.
    pub env: &'static str,
    /// The logical id of the customer managed KMS key encrypting it, if any (a `topic(published_by(..))`):
    /// writing it then also needs `kms:GenerateDataKey` and `kms:Decrypt` on that key, which its grants add.
    pub key: Option<&'static str>,
}

impl ResourceRef {
    /// The value functions receive: the table or bucket name, the queue URL, the topic or secret ARN.
    ///
    /// A bucket is never `Ref`'d: its name is derived from the stack ([`bucket_name`]), so a function can use a
    /// bucket that notifies it without the circular dependency cfn-lint reports as E3004. A SageMaker endpoint's
    /// value is its name.
    pub fn value(&self) -> Value {
        match self.kind {
            ResourceKind::Bucket => bucket_name(self.logical_id),
            ResourceKind::SageMakerEndpoint(name) => name.value(),
            _ => reference(self.logical_id),
        }
    }

    /// [`value`](Self::value) as a typed string, for the setters of the typed model ([`crate::cfn`]), e.g. a
    /// topic's ARN in an alarm's actions:
    ///
    /// ```
    /// # #[cfg(feature = "cloudwatch")] {
    /// use infra_core::{CfResource, cf_resources, cfn::cloudwatch};
    /// #[cf_resources(topic)]
    /// struct Alerts;
    /// let alarm = cloudwatch::Alarm::new().alarm_actions([Alerts::REF.val()]);
    /// # let _ = alarm;
    /// # }
    /// ```
    pub fn val(&self) -> infra_cfn::Val<String> {
        infra_cfn::Val::expr(self.value())
    }

    /// The SAM policy template parameter naming this resource.
    fn policy_param(&self) -> (&'static str, Value) {
        match self.kind {
            ResourceKind::Table => ("TableName", reference(self.logical_id)),
            ResourceKind::Bucket => ("BucketName", bucket_name(self.logical_id)),
            ResourceKind::Queue => ("QueueName", get_att(self.logical_id, "QueueName")),
            ResourceKind::Topic => ("TopicName", get_att(self.logical_id, "TopicName")),
            ResourceKind::Secret => ("SecretArn", reference(self.logical_id)),
            ResourceKind::Stream => ("StreamName", reference(self.logical_id)),
            ResourceKind::SageMakerEndpoint(name) => ("EndpointName", name.value()),
        }
    }

    /// The narrowest policies for reading and/or writing this resource: SAM policy templates, except for
    /// reading a queue, where SAM's `SQSPollerPolicy` lists `sqs:*Batch` actions that IAM does not have (batch
    /// calls are authorized by the single actions; cfn-lint flags them as W3037), so an exact statement is
    /// written instead. A topic is only published to, a secret only read and an endpoint only invoked, whatever
    /// the flags; SAM has no policy template for invoking an endpoint, so that is a statement too.
    pub fn policies(&self, reads: bool, writes: bool) -> Vec<Value> {
        let (param, value) = self.policy_param();
        let template = |name: &str| json!({ name: { param: value.clone() } });
        match (self.kind, reads, writes) {
            // SAM's Kinesis templates grant more (creating and deleting streams): exact statements instead.
            (ResourceKind::Stream, ..) => vec![json!({ "Statement": [{
                "Effect": "Allow",
                "Action": stream_actions(reads, writes),
                "Resource": get_att(self.logical_id, "Arn"),
            }] })],
            (ResourceKind::SageMakerEndpoint(name), ..) => vec![json!({ "Statement": [{
                "Effect": "Allow",
                "Action": [INVOKE_ENDPOINT],
                "Resource": crate::intrinsic::sub(endpoint_arn(name)),
            }] })],
            (_, false, false) => Vec::new(),
            (ResourceKind::Table, true, false) => vec![template("DynamoDBReadPolicy")],
            (ResourceKind::Table, false, true) => vec![template("DynamoDBWritePolicy")],
            (ResourceKind::Table, true, true) => vec![template("DynamoDBCrudPolicy")],
            (ResourceKind::Bucket, true, false) => vec![template("S3ReadPolicy")],
            (ResourceKind::Bucket, false, true) => vec![template("S3WritePolicy")],
            (ResourceKind::Bucket, true, true) => vec![template("S3CrudPolicy")],
            (ResourceKind::Queue, reads, writes) => {
                let mut out = Vec::new();
                if reads {
                    out.push(json!({ "Statement": [{
                        "Effect": "Allow",
                        "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"],
                        "Resource": get_att(self.logical_id, "Arn"),
                    }] }));
                }
                if writes {
                    out.push(template("SQSSendMessagePolicy"));
                }
                out
            }
            (ResourceKind::Topic, _, _) => {
                let mut out = vec![template("SNSPublishMessagePolicy")];
                if let Some(key) = self.key {
                    out.push(json!({ "Statement": [{
                        "Effect": "Allow",
                        "Action": KEY_USE,
                        "Resource": get_att(key, "Arn"),
                    }] }));
                }
                out
            }
            // `secretsmanager:GetSecretValue` (and `DescribeSecret`) on this secret alone.
            (ResourceKind::Secret, _, _) => vec![template("AWSSecretsManagerGetSecretValuePolicy")],
        }
    }
}

impl ResourceRef {
    /// The same grants as [`ResourceRef::policies`], as plain IAM statements for roles outside SAM (an ECS
    /// task role): the actions of SAM's policy templates, on this resource's ARNs (a table and its indexes, a
    /// bucket and its objects, the queue, topic or secret).
    pub fn statements(&self, reads: bool, writes: bool) -> Vec<infra_cfn::policy::Statement> {
        use infra_cfn::Val;
        use infra_cfn::policy::Statement;
        let id = self.logical_id;
        let arns: Vec<Val<String>> = match self.kind {
            ResourceKind::Table => vec![
                Val::expr(get_att(id, "Arn")),
                Val::sub(format!("${{{id}.Arn}}/index/*")),
            ],
            ResourceKind::Bucket => {
                let name = || Val::expr(bucket_name(id));
                vec![
                    Val::sub_with("arn:${AWS::Partition}:s3:::${Name}", [("Name", name())]),
                    Val::sub_with("arn:${AWS::Partition}:s3:::${Name}/*", [("Name", name())]),
                ]
            }
            ResourceKind::Queue | ResourceKind::Stream => vec![Val::expr(get_att(id, "Arn"))],
            ResourceKind::Topic | ResourceKind::Secret => vec![Val::expr(reference(id))],
            ResourceKind::SageMakerEndpoint(name) => vec![Val::sub(endpoint_arn(name))],
        };
        let stream;
        let actions: &[&str] = match (self.kind, reads, writes) {
            (ResourceKind::SageMakerEndpoint(_), ..) => &[INVOKE_ENDPOINT],
            (ResourceKind::Stream, ..) => {
                stream = stream_actions(reads, writes);
                &stream
            }
            (_, false, false) => &[],
            (ResourceKind::Table, true, false) => &[
                "dynamodb:GetItem",
                "dynamodb:Scan",
                "dynamodb:Query",
                "dynamodb:BatchGetItem",
                "dynamodb:DescribeTable",
            ],
            (ResourceKind::Table, false, true) => &[
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
                "dynamodb:BatchWriteItem",
            ],
            (ResourceKind::Table, true, true) => &[
                "dynamodb:GetItem",
                "dynamodb:DeleteItem",
                "dynamodb:PutItem",
                "dynamodb:Scan",
                "dynamodb:Query",
                "dynamodb:UpdateItem",
                "dynamodb:BatchWriteItem",
                "dynamodb:BatchGetItem",
                "dynamodb:DescribeTable",
                "dynamodb:ConditionCheckItem",
            ],
            (ResourceKind::Bucket, true, false) => &[
                "s3:GetObject",
                "s3:ListBucket",
                "s3:GetBucketLocation",
                "s3:GetObjectVersion",
                "s3:GetLifecycleConfiguration",
            ],
            (ResourceKind::Bucket, false, true) => &[
                "s3:PutObject",
                "s3:PutObjectAcl",
                "s3:PutLifecycleConfiguration",
            ],
            (ResourceKind::Bucket, true, true) => &[
                "s3:GetObject",
                "s3:ListBucket",
                "s3:GetBucketLocation",
                "s3:GetObjectVersion",
                "s3:PutObject",
                "s3:PutObjectAcl",
                "s3:GetLifecycleConfiguration",
                "s3:PutLifecycleConfiguration",
                "s3:DeleteObject",
            ],
            (ResourceKind::Queue, true, false) => &[
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility",
                "sqs:GetQueueAttributes",
            ],
            (ResourceKind::Queue, false, true) => &["sqs:SendMessage"],
            (ResourceKind::Queue, true, true) => &[
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility",
                "sqs:GetQueueAttributes",
                "sqs:SendMessage",
            ],
            (ResourceKind::Topic, ..) => &["sns:Publish"],
            (ResourceKind::Secret, ..) => &["secretsmanager:GetSecretValue"],
        };
        if actions.is_empty() {
            return Vec::new();
        }
        let statement = arns.into_iter().fold(
            Statement::allow(actions.iter().copied()),
            Statement::resource,
        );
        let mut out = vec![statement];
        if let (ResourceKind::Topic, Some(key)) = (self.kind, self.key) {
            out.push(Statement::allow(KEY_USE).resource(Val::expr(get_att(key, "Arn"))));
        }
        out
    }
}

/// Each resource a function or task declares use of, once, with whether it reads and whether it writes it; an
/// invoked endpoint does neither (its grant follows from its kind, see [`ResourceRef::policies`]).
pub(crate) fn uses(
    reads: &[ResourceRef],
    writes: &[ResourceRef],
    invokes: &[ResourceRef],
) -> Vec<(ResourceRef, bool, bool)> {
    let mut uses: Vec<(ResourceRef, bool, bool)> = Vec::new();
    let declared = reads
        .iter()
        .map(|r| (r, true, false))
        .chain(writes.iter().map(|r| (r, false, true)))
        .chain(invokes.iter().map(|r| (r, false, false)));
    for (r, read, write) in declared {
        match uses.iter_mut().find(|u| u.0.logical_id == r.logical_id) {
            Some(u) => {
                u.1 |= read;
                u.2 |= write;
            }
            None => uses.push((*r, read, write)),
        }
    }
    uses
}

/// What a publisher to a topic under a customer managed key needs on that key.
pub(crate) const KEY_USE: [&str; 2] = ["kms:GenerateDataKey", "kms:Decrypt"];

/// The name of the bucket declared with logical id `id`: the lower-cased id (at most 37 characters), a dash,
/// and the last 12 hex digits of the stack's UUID — lower-case, unique per stack, at most 50 characters.
///
/// ```
/// let name = infra_core::model::resources::bucket_name("UploadBucket");
/// assert_eq!(name["Fn::Join"][1][0], "uploadbucket-");
/// ```
pub fn bucket_name(id: &str) -> Value {
    stack_unique_name(&id.to_ascii_lowercase(), 37, "")
}

/// `prefix` (cut to `max` characters), a dash, the last 12 hex digits of the stack's UUID, then `suffix`: a
/// physical name unique per stack that never `Ref`s a resource.
pub fn stack_unique_name(prefix: &str, max: usize, suffix: &str) -> Value {
    let prefix: String = prefix.chars().take(max).collect();
    let stack_uuid =
        json!({ "Fn::Select": ["2", { "Fn::Split": ["/", { "Ref": "AWS::StackId" }] }] });
    let tail = json!({ "Fn::Select": ["4", { "Fn::Split": ["-", stack_uuid] }] });
    let mut parts = vec![Value::from(format!("{prefix}-")), tail];
    if !suffix.is_empty() {
        parts.push(suffix.into());
    }
    json!({ "Fn::Join": ["", parts] })
}

/// A type that is one resource, declared with a `#[cf_resources]` shortcut.
pub trait CfResource {
    /// How functions refer to it.
    const REF: ResourceRef;

    /// In a running function or task that declared use of this resource (`reads`, `writes`, `invokes`), its
    /// value: the table or bucket name, the queue URL, the topic or secret ARN, or the endpoint's name.
    fn runtime_ref() -> Result<String, NotInjected> {
        std::env::var(Self::REF.env).map_err(|_| NotInjected {
            var: Self::REF.env,
            id: Self::REF.logical_id,
        })
    }
}

/// [`CfResource::runtime_ref`] found no value: the function did not declare use of the resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotInjected {
    var: &'static str,
    id: &'static str,
}

impl fmt::Display for NotInjected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is not set: declare `reads(..)`, `writes(..)` or `invokes(..)` of the resource `{}` on this handler's #[cf_function]",
            self.var, self.id
        )
    }
}

impl std::error::Error for NotInjected {}

/// What a type contributes to a function's `env(NAME = Type)`: a resource's `Ref` (a bucket's derived name)
/// or a parameter's value. Implemented by `#[cf_resources]` for resource and parameter types.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the value of an environment variable",
    note = "`env(NAME = Type)` takes a resource or parameter declared with `#[cf_resources]`; write text as a string",
    note = "a `no_echo` parameter is a secret, and environment variables are shown in clear text to anyone who can read the function's configuration: declare the secret with `#[cf_resources(secret)]` and `reads(..)` it, and the function fetches it at run time from its ARN"
)]
pub trait EnvSource {
    /// The value.
    const ENV_VALUE: EnvValue;
}

/// The value of one environment variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvValue {
    /// Text (with `${...}` substitutions, see [`crate::model::function::text`]).
    Text(&'static str),
    /// A resource's value ([`ResourceRef::value`]).
    Resource(ResourceRef),
    /// A parameter's value.
    Parameter(&'static str),
}

impl EnvValue {
    /// The template value.
    pub fn value(&self) -> Value {
        match self {
            EnvValue::Text(t) => crate::model::function::text(t),
            EnvValue::Resource(r) => r.value(),
            EnvValue::Parameter(p) => reference(*p),
        }
    }

    /// [`value`](Self::value) as a typed string, for the setters of the typed model ([`crate::cfn`]).
    pub fn val(&self) -> infra_cfn::Val<String> {
        infra_cfn::Val::expr(self.value())
    }
}

/// A template parameter declared by a type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a parameter",
    note = "declare it with `#[cf_resources(parameter(kind = \"String\"))]`"
)]
pub trait CfParameter {
    /// Its logical id.
    const NAME: &'static str;
    /// Its `Type`: `String`, `Number`, ...
    const KIND: &'static str;
}

/// A template condition declared by a type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a condition",
    note = "declare it with `#[cf_resources(condition(equals(Parameter, \"value\")))]`"
)]
pub trait CfCondition {
    /// Its name.
    const NAME: &'static str;
}

macro_rules! capability {
    ($($(#[$doc:meta])* $trait:ident, $message:literal, $note:literal;)*) => {$(
        $(#[$doc])*
        #[diagnostic::on_unimplemented(message = $message, note = $note)]
        pub trait $trait: CfResource {}
    )*};
}

capability! {
    /// Resources a function can read: tables, buckets, queues, secrets, streams.
    Readable, "`{Self}` cannot be read by a function",
        "`reads(..)` takes a table, bucket, queue, secret or stream declared with `#[cf_resources]`; a topic's messages arrive through `events(sns(topic = ..))`, and a SageMaker endpoint is `invokes(..)`";
    /// Resources a function can write: tables, buckets, queues, topics, streams.
    Writable, "`{Self}` cannot be written by a function",
        "`writes(..)` takes a table, bucket, queue, topic or stream declared with `#[cf_resources]` (a secret is only read: `reads(..)`; a SageMaker endpoint is `invokes(..)`)";
    /// Resources a function or task can invoke: SageMaker endpoints.
    Invocable, "`{Self}` cannot be invoked",
        "`invokes(..)` takes a SageMaker endpoint declared with `#[cf_resources(sagemaker_endpoint(name = \"..\"))]`; a table, bucket, queue, topic or secret is `reads(..)` or `writes(..)`";
    /// Queues and topics: where a stream's poller sends a record of each batch it gives up on, and where Lambda
    /// sends the outcome of asynchronous invocations (`event_invoke(on_success, on_failure)`).
    FailureDestination, "`{Self}` cannot be a destination of records",
        "`on_failure = ..` and `on_success = ..` take a queue or topic declared with `#[cf_resources(queue)]` or `#[cf_resources(topic)]`";
    /// `#[cf_resources(table(..))]` types.
    IsTable, "`{Self}` is not a DynamoDB table", "declare it with `#[cf_resources(table(partition = \"field\"))]`";
    /// `#[cf_resources(table(.., stream = ".."))]` types: tables with a stream a function can receive.
    HasStream, "`{Self}` is not a DynamoDB table with a stream", "`dynamodb(table = ..)` reads the table's stream: declare one with `#[cf_resources(table(.., stream = \"NEW_AND_OLD_IMAGES\"))]` (or `NEW_IMAGE`, `OLD_IMAGE`, `KEYS_ONLY`)";
    /// `#[cf_resources(bucket(..))]` types.
    IsBucket, "`{Self}` is not an S3 bucket", "declare it with `#[cf_resources(bucket)]`";
    /// `#[cf_resources(kinesis_stream(..))]` types.
    IsStream, "`{Self}` is not a Kinesis stream", "declare it with `#[cf_resources(kinesis_stream)]`";
    /// `#[cf_resources(queue(..))]` types.
    IsQueue, "`{Self}` is not an SQS queue", "declare it with `#[cf_resources(queue)]`";
    /// `#[cf_resources(secret(..))]` types.
    IsSecret, "`{Self}` is not a Secrets Manager secret", "declare it with `#[cf_resources(secret)]`";
    /// `#[cf_resources(topic(..))]` types.
    IsTopic, "`{Self}` is not an SNS topic", "declare it with `#[cf_resources(topic)]`";
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUCKET: ResourceRef = ResourceRef {
        logical_id: "Uploads",
        kind: ResourceKind::Bucket,
        env: "UPLOADS_BUCKET_NAME",
        key: None,
    };
    const TABLE: ResourceRef = ResourceRef {
        logical_id: "Files",
        kind: ResourceKind::Table,
        env: "FILES_TABLE_NAME",
        key: None,
    };

    #[test]
    fn declared_use_becomes_the_narrowest_policy() {
        assert_eq!(
            TABLE.policies(true, false),
            [json!({"DynamoDBReadPolicy": {"TableName": {"Ref": "Files"}}})]
        );
        assert_eq!(
            TABLE.policies(false, true),
            [json!({"DynamoDBWritePolicy": {"TableName": {"Ref": "Files"}}})]
        );
        assert_eq!(
            TABLE.policies(true, true),
            [json!({"DynamoDBCrudPolicy": {"TableName": {"Ref": "Files"}}})]
        );
        let q = ResourceRef {
            logical_id: "Jobs",
            kind: ResourceKind::Queue,
            env: "JOBS_QUEUE_URL",
            key: None,
        };
        assert_eq!(
            q.policies(false, true),
            [json!({"SQSSendMessagePolicy": {"QueueName": {"Fn::GetAtt": ["Jobs", "QueueName"]}}})]
        );
        assert_eq!(q.policies(true, true).len(), 2);
        assert_eq!(
            q.policies(true, false)[0]["Statement"][0]["Resource"],
            json!({"Fn::GetAtt": ["Jobs", "Arn"]})
        );
        let t = ResourceRef {
            logical_id: "Alerts",
            kind: ResourceKind::Topic,
            env: "ALERTS_TOPIC_ARN",
            key: None,
        };
        assert_eq!(
            t.policies(false, true),
            [
                json!({"SNSPublishMessagePolicy": {"TopicName": {"Fn::GetAtt": ["Alerts", "TopicName"]}}})
            ]
        );
        assert!(TABLE.policies(false, false).is_empty());
    }

    #[test]
    fn an_endpoint_is_invoked_by_its_lower_cased_name_or_its_parameter() {
        let arn = |name| {
            let r = ResourceRef {
                logical_id: "Model",
                kind: ResourceKind::SageMakerEndpoint(name),
                env: "MODEL_ENDPOINT_NAME",
                key: None,
            };
            let p = r.policies(false, false);
            assert_eq!(p.len(), 1);
            assert_eq!(
                p[0]["Statement"][0]["Action"],
                json!(["sagemaker:InvokeEndpoint"])
            );
            let s = Value::from(r.statements(false, false).remove(0));
            assert_eq!(s["Resource"], p[0]["Statement"][0]["Resource"]);
            (
                p[0]["Statement"][0]["Resource"]["Fn::Sub"].clone(),
                r.value(),
            )
        };
        let prefix = "arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:endpoint/";
        assert_eq!(
            arn(ExternalName::Text("Image-Classifier")),
            (
                json!(format!("{prefix}image-classifier")),
                json!("Image-Classifier")
            )
        );
        assert_eq!(
            arn(ExternalName::Parameter("ModelName")),
            (
                json!(format!("{prefix}${{ModelName}}")),
                json!({"Ref": "ModelName"})
            )
        );
    }

    #[test]
    fn uses_merge_each_resource_once_in_declared_order() {
        let u = uses(&[TABLE, BUCKET], &[BUCKET], &[]);
        assert_eq!(u, [(TABLE, true, false), (BUCKET, true, true)]);
        let u = uses(&[], &[TABLE], &[TABLE]);
        assert_eq!(u, [(TABLE, false, true)]);
    }

    #[test]
    fn buckets_are_named_not_referenced() {
        let p = BUCKET.policies(true, false);
        assert_eq!(p[0]["S3ReadPolicy"]["BucketName"], bucket_name("Uploads"));
        assert!(!p[0].to_string().contains(r#"{"Ref":"Uploads"}"#));
        assert_eq!(BUCKET.value(), bucket_name("Uploads"));
        let long = bucket_name(&"A".repeat(100));
        assert_eq!(long["Fn::Join"][1][0].as_str().unwrap().len(), 38);
    }

    #[test]
    fn runtime_ref_reads_the_injected_variable_or_says_what_is_missing() {
        struct Files;
        impl CfResource for Files {
            const REF: ResourceRef = ResourceRef {
                logical_id: "Files",
                kind: ResourceKind::Table,
                env: "INFRA_TEST_FILES_TABLE_NAME",
                key: None,
            };
        }
        assert_eq!(
            Files::runtime_ref().unwrap_err().to_string(),
            "INFRA_TEST_FILES_TABLE_NAME is not set: declare `reads(..)`, `writes(..)` or `invokes(..)` of the resource `Files` on this handler's #[cf_function]"
        );
    }
}
