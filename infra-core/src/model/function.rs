//! `AWS::Serverless::Function`, as `#[cf_function]` describes it.
//!
//! The macro checks the attribute at compile time and emits a [`FunctionSpec`] constant (only `&'static`
//! data); [`FunctionSpec::contribute`] turns it into the function resource, its log group and its outputs
//! when the generator runs.
//!
//! Strings that name template values follow one rule ([`text`]): a string containing `${` becomes `Fn::Sub`
//! (so `"${FilesTable}"` is the table's name and `"${AWS::Region}"` the region), anything else is literal.
//! The generator then checks every `${...}` target exists.

use serde_json::{Map, json};

use crate::Value;
use crate::intrinsic::{get_att, reference, sub};
use crate::model::resources::{EnvValue, ResourceKind, ResourceRef};
use crate::registry::{Context, Contribution};
use crate::template::{Output, Resource};

/// Why a function with a `document_db` or `mq` event, or a `self_managed_kafka` event in a VPC, has a statement on
/// `*`: the poller, which Lambda runs in the source's VPC, needs it (SAM writes it for the first and last, infra
/// for MQ).
pub const ENI_REASON: &str = "the poller of a DocumentDB, Amazon MQ or self-managed Kafka source in a VPC needs \
ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DeleteNetworkInterface, ec2:DescribeVpcs, \
ec2:DescribeSubnets and ec2:DescribeSecurityGroups on every resource: the Describe actions have no \
resource-level permission, and Lambda creates the network interfaces in subnets it picks at run time";

/// The CloudFormation type this module builds.
pub const TYPE: &str = "AWS::Serverless::Function";

/// A string as a template value: `Fn::Sub` when it holds a `${...}` variable, else the literal string.
///
/// ```
/// use infra_core::model::function::text;
/// assert_eq!(text("files"), "files");
/// assert_eq!(text("${Files}"), serde_json::json!({"Fn::Sub": "${Files}"}));
/// ```
pub fn text(s: &str) -> Value {
    if s.contains("${") {
        sub(s)
    } else {
        Value::String(s.to_owned())
    }
}

/// A resource named by logical id, or an ARN written out (`arn:...`) or as a `${...}` substitution.
fn arn_of(target: &str, attribute: &str) -> Value {
    if target.starts_with("arn:") || target.contains("${") {
        text(target)
    } else if attribute == "Ref" {
        reference(target)
    } else {
        get_att(target, attribute)
    }
}

/// The instruction set a function runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Architecture {
    /// Graviton (`arm64`): the default, cheaper per GB-second.
    Arm64,
    /// `x86_64`.
    X86_64,
}

impl Architecture {
    /// The name in `Architectures`.
    pub const fn name(self) -> &'static str {
        match self {
            Architecture::Arm64 => "arm64",
            Architecture::X86_64 => "x86_64",
        }
    }
}

/// How the function's code is packaged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    /// A zip of the `bootstrap` binary built by cargo-lambda (`sam build` with `BuildMethod: rust-cargolambda`).
    Zip {
        /// The Cargo binary target to build.
        bin: &'static str,
        /// True when the handler names its binary (`bin = "..."`), which the dispatch mode then keeps; false for
        /// the package's default binary, which the dispatch mode replaces by its one binary.
        named: bool,
    },
    /// A container image built from a directory of the package.
    Image {
        /// The Docker build context, relative to the package directory.
        context: &'static str,
        /// The Dockerfile, relative to the context.
        dockerfile: &'static str,
        /// The image tag.
        tag: Option<&'static str>,
    },
    /// A container image built elsewhere (`ImageUri`): a URI, a parameter holding one, or the `latest` image of
    /// an `ecr_repository(..)` of the stack; `sam build` builds nothing for it.
    Prebuilt(crate::model::fargate::Image),
}

/// `Tracing`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tracing {
    /// `Active`: sample and trace requests with X-Ray.
    Active,
    /// `PassThrough`: trace only when the caller's request is traced.
    PassThrough,
}

/// CORS settings of a function URL.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cors {
    /// `AllowOrigins`.
    pub allow_origins: &'static [&'static str],
    /// `AllowMethods`.
    pub allow_methods: &'static [&'static str],
    /// `AllowHeaders`.
    pub allow_headers: &'static [&'static str],
    /// `ExposeHeaders`.
    pub expose_headers: &'static [&'static str],
    /// `MaxAge` in seconds.
    pub max_age: Option<u32>,
    /// `AllowCredentials`.
    pub allow_credentials: Option<bool>,
}

/// `FunctionUrlConfig`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FunctionUrl {
    /// `true` for `AWS_IAM`, `false` for `NONE` (public).
    pub iam: bool,
    /// `InvokeMode`: `BUFFERED` (Lambda's default) or `RESPONSE_STREAM`.
    pub invoke_mode: Option<&'static str>,
    /// `Cors`.
    pub cors: Option<Cors>,
    /// When set, an output of this logical id gives the URL.
    pub url_output: Option<&'static str>,
}

/// `DeadLetterQueue`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadLetter {
    /// An SQS queue: a logical id or an ARN.
    Sqs(&'static str),
    /// An SNS topic: a logical id or an ARN.
    Sns(&'static str),
}

/// One entry of `Policies`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// A SAM policy template with its parameters, e.g. `DynamoDBReadPolicy` with `TableName`.
    Template {
        /// The template's name.
        name: &'static str,
        /// Its parameters (values follow [`text`]).
        params: &'static [(&'static str, &'static str)],
    },
    /// An AWS managed policy, by name or ARN.
    Managed(&'static str),
    /// An inline statement.
    Statement {
        /// `Allow` or `Deny`.
        effect: &'static str,
        /// `Action`.
        actions: &'static [&'static str],
        /// `Resource` (values follow [`text`]).
        resources: &'static [&'static str],
    },
}

/// The options an event source mapping (a queue's or a stream's poller) takes beyond its source and batch.
/// Each is written only when set; [`Polling::NONE`] sets none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Polling {
    /// `FilterCriteria.Filters[].Pattern`: JSON event patterns; records matching none are dropped unseen.
    pub filters: &'static [&'static str],
    /// `FunctionResponseTypes: [ReportBatchItemFailures]`: the handler returns the failed items, and only
    /// those are retried.
    pub report_failures: bool,
    /// `ScalingConfig.MaximumConcurrency` (a queue): at most this many concurrent invocations, 2 to 1000.
    pub max_concurrency: Option<u32>,
    /// `BisectBatchOnFunctionError` (a stream): split a failing batch in two and retry each half.
    pub bisect: Option<bool>,
    /// `MaximumRecordAgeInSeconds` (a stream): drop records older than this, 60 to 604800.
    pub max_record_age: Option<u32>,
    /// `MaximumRetryAttempts` (a stream): retries of a failing batch, 0 to 10000.
    pub max_retries: Option<u32>,
    /// `ParallelizationFactor` (a stream): concurrent batches per shard, 1 to 10.
    pub parallelization: Option<u32>,
    /// `TumblingWindowInSeconds` (a stream): aggregate over windows of this many seconds, up to 900.
    pub tumbling_window: Option<u32>,
    /// `DestinationConfig.OnFailure` (a stream): the queue or topic that receives a record of each discarded
    /// batch; SAM grants the function `sqs:SendMessage` or `sns:Publish` on it.
    pub on_failure: Option<ResourceRef>,
    /// `Enabled`: `false` creates the mapping paused.
    pub enabled: Option<bool>,
    /// `KmsKeyArn`: the customer managed key that encrypts the filter criteria (values follow [`text`]).
    pub kms_key: Option<&'static str>,
    /// `MetricsConfig.Metrics`: `EventCount`, `ErrorCount`, and for Kafka `KafkaMetrics`.
    pub metrics: &'static [&'static str],
}

impl Polling {
    /// No options set.
    pub const NONE: Polling = Polling {
        filters: &[],
        report_failures: false,
        max_concurrency: None,
        bisect: None,
        max_record_age: None,
        max_retries: None,
        parallelization: None,
        tumbling_window: None,
        on_failure: None,
        enabled: None,
        kms_key: None,
        metrics: &[],
    };

    /// Adds the options set to an event's `Properties`.
    pub(crate) fn write(&self, props: &mut Map<String, Value>) {
        if let Some(e) = self.enabled {
            props.insert("Enabled".into(), e.into());
        }
        if let Some(k) = self.kms_key {
            props.insert("KmsKeyArn".into(), text(k));
        }
        if !self.metrics.is_empty() {
            props.insert(
                "MetricsConfig".into(),
                json!({ "Metrics": strings(self.metrics) }),
            );
        }
        if !self.filters.is_empty() {
            let filters: Vec<Value> = self
                .filters
                .iter()
                .map(|f| json!({ "Pattern": json_text(f).to_string() }))
                .collect();
            props.insert("FilterCriteria".into(), json!({ "Filters": filters }));
        }
        if self.report_failures {
            props.insert(
                "FunctionResponseTypes".into(),
                json!(["ReportBatchItemFailures"]),
            );
        }
        if let Some(n) = self.max_concurrency {
            props.insert("ScalingConfig".into(), json!({ "MaximumConcurrency": n }));
        }
        if let Some(b) = self.bisect {
            props.insert("BisectBatchOnFunctionError".into(), b.into());
        }
        for (key, v) in [
            ("MaximumRecordAgeInSeconds", self.max_record_age),
            ("MaximumRetryAttempts", self.max_retries),
            ("ParallelizationFactor", self.parallelization),
            ("TumblingWindowInSeconds", self.tumbling_window),
        ] {
            if let Some(v) = v {
                props.insert(key.into(), v.into());
            }
        }
        if let Some(d) = self.on_failure {
            props.insert(
                "DestinationConfig".into(),
                json!({ "OnFailure": destination(d) }),
            );
        }
    }
}

/// A function's `LoggingConfig`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Logging {
    /// `LogFormat`: `JSON` or `Text`.
    pub format: Option<&'static str>,
    /// `ApplicationLogLevel` (JSON logs): `TRACE` to `FATAL`.
    pub application_level: Option<&'static str>,
    /// `SystemLogLevel` (JSON logs): `DEBUG`, `INFO` or `WARN`.
    pub system_level: Option<&'static str>,
    /// `LogGroup`: the log group the function writes to instead of `/aws/lambda/<name>`.
    pub log_group: Option<&'static str>,
}

/// `EventInvokeConfig`: how Lambda retries asynchronous invocations and where it sends their outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventInvoke {
    /// `MaximumEventAgeInSeconds`, 60 to 21600.
    pub max_age: Option<u32>,
    /// `MaximumRetryAttempts`, 0 to 2.
    pub max_retries: Option<u32>,
    /// `DestinationConfig.OnSuccess`: a queue or topic; SAM grants the function `sqs:SendMessage` or
    /// `sns:Publish` on it.
    pub on_success: Option<ResourceRef>,
    /// `DestinationConfig.OnFailure`: a queue or topic, granted the same way.
    pub on_failure: Option<ResourceRef>,
}

/// `DeploymentPreference`: CodeDeploy shifts traffic to each new version of the alias gradually, runs the hooks
/// before and after, and rolls back when an alarm fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deployment {
    /// `Type`: `Canary10Percent5Minutes`, `Linear10PercentEvery1Minute`, `AllAtOnce`, ...
    pub kind: &'static str,
    /// `Alarms`: logical ids of alarms.
    pub alarms: &'static [&'static str],
    /// `Hooks.PreTraffic`: the logical id of the function that tests the new version first.
    pub pre_traffic: Option<&'static str>,
    /// `Hooks.PostTraffic`: the logical id of the function that checks it once it takes all traffic.
    pub post_traffic: Option<&'static str>,
    /// `Enabled`.
    pub enabled: Option<bool>,
    /// `Role`: CodeDeploy's role; SAM creates one otherwise (values follow [`text`]).
    pub role: Option<&'static str>,
    /// `TriggerConfigurations`: SNS topics told of the deployment's events (`(name, topic id, events)`).
    pub triggers: &'static [(&'static str, &'static str, &'static [&'static str])],
}

/// `RuntimeManagementConfig`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuntimeManagement {
    /// `UpdateRuntimeOn`: `Auto`, `FunctionUpdate` or `Manual`.
    pub update: &'static str,
    /// `RuntimeVersionArn`, with `Manual` (values follow [`text`]).
    pub version: Option<&'static str>,
}

/// `VpcConfig`: the function's network interfaces in a VPC declared with `#[cf_resources(vpc(..))]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FunctionVpc {
    /// The VPC; the function is in its subnets of [`subnets`](Self::subnets), one per AZ.
    pub network: crate::model::vpc::VpcSpec,
    /// `Private` or `Isolated`.
    pub subnets: crate::model::vpc::SubnetKind,
    /// `SecurityGroupIds`: logical ids of security groups in that VPC.
    pub security_groups: &'static [&'static str],
}

/// An EFS file system the function mounts through an access point (`FileSystemConfigs`). The role SAM creates
/// may mount it through that access point alone (`elasticfilesystem:ClientMount`, and `ClientWrite` unless
/// read-only), since Lambda mounts with the function's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileSystem {
    /// The file system's ARN (values follow [`text`]).
    pub efs: &'static str,
    /// The access point's ARN (values follow [`text`]).
    pub access_point: &'static str,
    /// `LocalMountPath`: `/mnt/<name>`.
    pub mount: &'static str,
    /// Mount without `ClientWrite`.
    pub read_only: bool,
}

/// `ImageConfig` of an image function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageConfig {
    /// `Command`.
    pub command: &'static [&'static str],
    /// `EntryPoint`.
    pub entry_point: &'static [&'static str],
    /// `WorkingDirectory`.
    pub working_directory: Option<&'static str>,
}

/// An EventBridge target's `RetryPolicy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// `MaximumRetryAttempts`, 0 to 185.
    pub attempts: Option<u32>,
    /// `MaximumEventAgeInSeconds`, 60 to 86400.
    pub max_age: Option<u32>,
}

/// A REST method's `RequestModel`: a model of its API, and what API Gateway checks against it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestModel {
    /// `Model`: the model's name.
    pub model: &'static str,
    /// `Required`.
    pub required: bool,
    /// `ValidateBody`.
    pub validate_body: bool,
    /// `ValidateParameters`.
    pub validate_parameters: bool,
}

/// A route of an HTTP API (`HttpApi`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HttpRoute {
    /// The event's name under `Events`.
    pub name: &'static str,
    /// `GET`, `POST`, ... or `ANY`; with no path either, the `$default` route.
    pub method: Option<&'static str>,
    /// The route path, starting with `/`.
    pub path: Option<&'static str>,
    /// An explicit `AWS::Serverless::HttpApi` (logical id); the implicit `ServerlessHttpApi` otherwise.
    pub api: Option<&'static str>,
    /// When set, an output of this logical id gives the route's URL.
    pub url_output: Option<&'static str>,
    /// `Auth`.
    pub auth: Option<RouteAuth>,
    /// `TimeoutInMillis`, 50 to 30000.
    pub timeout: Option<u32>,
    /// `RouteSettings`: `(ThrottlingBurstLimit, ThrottlingRateLimit)`.
    pub throttling: Option<(u32, u32)>,
}

/// A route's `Auth`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteAuth {
    /// An authorizer of the API by name, with the scopes the route requires.
    Authorizer(&'static str, &'static [&'static str]),
    /// `NONE`: public, whatever the API's default.
    None,
    /// `AWS_IAM`: SigV4-signed requests.
    Iam,
}

/// An EventBridge rule on a pattern (`EventBridgeRule`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventRule {
    /// The event's name under `Events`.
    pub name: &'static str,
    /// `Pattern` (JSON).
    pub pattern: &'static str,
    /// `EventBusName` (values follow [`text`]); the default bus otherwise.
    pub bus: Option<&'static str>,
    /// `RuleName`.
    pub rule_name: Option<&'static str>,
    /// `State`.
    pub state: Option<&'static str>,
    /// `Input`: JSON the function receives instead of the event.
    pub input: Option<&'static str>,
    /// `InputPath`: the part of the event the function receives.
    pub input_path: Option<&'static str>,
    /// `InputTransformer`: `InputPathsMap` and `InputTemplate`.
    pub input_transformer: Option<(&'static [(&'static str, &'static str)], &'static str)>,
    /// `RetryPolicy`.
    pub retry: Option<RetryPolicy>,
    /// `DeadLetterConfig`.
    pub dead_letter: Option<EventDeadLetter>,
    /// `Target.Id`.
    pub target_id: Option<&'static str>,
}

/// An SNS subscription (`SNS`): to the function, or through a queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SnsSubscription {
    /// The event's name under `Events`.
    pub name: &'static str,
    /// The topic's logical id or ARN.
    pub topic: &'static str,
    /// `FilterPolicy` (JSON).
    pub filter_policy: Option<&'static str>,
    /// `FilterPolicyScope`: `MessageAttributes` or `MessageBody`.
    pub filter_scope: Option<&'static str>,
    /// `Region` of the topic, when in another region (values follow [`text`]).
    pub region: Option<&'static str>,
    /// `SqsSubscription`: through a queue SAM creates, or one of the template.
    pub sqs: Option<SnsQueue>,
}

/// The queue between a topic and the function (`SqsSubscription`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnsQueue {
    /// `true`: SAM creates the queue, its policy and the mapping.
    Created,
    /// A queue of the template by logical id: SAM writes its policy and the mapping.
    Queue {
        /// The queue's logical id.
        queue: &'static str,
        /// `BatchSize`, 1 to 10.
        batch_size: Option<u32>,
        /// `Enabled`.
        enabled: Option<bool>,
    },
}

/// Where an EventBridge rule or Scheduler schedule sends the events it could not deliver (`DeadLetterConfig`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventDeadLetter {
    /// `Type: SQS`: SAM creates the queue `<Function><Event>Queue` and lets the schedule's role send to it.
    Created,
    /// `Arn`: this queue (a logical id or an ARN); SAM lets the schedule's role send to it.
    Queue(&'static str),
}

/// An EventBridge Scheduler schedule (`ScheduleV2`): SAM creates the `AWS::Scheduler::Schedule` and, unless
/// [`role`](Self::role) is set, a role that may invoke this function alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScheduleV2 {
    /// The event's name under `Events`.
    pub name: &'static str,
    /// `ScheduleExpression`: `at(...)`, `rate(...)` or `cron(...)`.
    pub expression: &'static str,
    /// `Name`; SAM names the schedule after its logical id otherwise.
    pub schedule_name: Option<&'static str>,
    /// `OmitName`: CloudFormation generates the name.
    pub omit_name: bool,
    /// `Description`.
    pub description: Option<&'static str>,
    /// `State`: `ENABLED` or `DISABLED`.
    pub state: Option<&'static str>,
    /// `ScheduleExpressionTimezone`: an IANA time zone.
    pub timezone: Option<&'static str>,
    /// `FlexibleTimeWindow` of this many minutes (`Mode: FLEXIBLE`).
    pub flexible_window: Option<u32>,
    /// `StartDate`.
    pub start: Option<&'static str>,
    /// `EndDate`.
    pub end: Option<&'static str>,
    /// `GroupName` (values follow [`text`]).
    pub group: Option<&'static str>,
    /// `KmsKeyArn` (values follow [`text`]).
    pub kms_key: Option<&'static str>,
    /// `Input`: the JSON the function receives.
    pub input: Option<&'static str>,
    /// `RetryPolicy`.
    pub retry: Option<RetryPolicy>,
    /// `DeadLetterConfig`.
    pub dead_letter: Option<EventDeadLetter>,
    /// `RoleArn`: the role the schedule assumes; SAM creates none (values follow [`text`]).
    pub role: Option<&'static str>,
    /// `PermissionsBoundary` of the role SAM creates (values follow [`text`]).
    pub permissions_boundary: Option<&'static str>,
}

/// One event source of a function. Resources (`bucket`, `queue`, `topic`, `table`) are logical ids in the
/// same template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// An API Gateway HTTP API route (payload format 2.0, Lambda proxy integration).
    HttpApi(&'static HttpRoute),
    /// An API Gateway REST API method (Lambda proxy integration).
    Api {
        /// The event's name under `Events`.
        name: &'static str,
        /// `get`, `post`, ... or `any`.
        method: &'static str,
        /// The resource path, starting with `/`.
        path: &'static str,
        /// `Auth.ApiKeyRequired`; with the implicit API, also a usage plan per API.
        api_key_required: bool,
        /// The allowed origin for CORS on the implicit API (e.g. `'*'`, quoted as API Gateway wants).
        cors: Option<&'static str>,
        /// An explicit `AWS::Serverless::Api` (logical id); the implicit `ServerlessRestApi` otherwise.
        api: Option<&'static str>,
        /// When set, an output of this logical id gives the method's URL (stage `Prod`).
        url_output: Option<&'static str>,
        /// `Auth.Authorizer` (and `AuthorizationScopes`): an authorizer of the API, `NONE` or `AWS_IAM`.
        auth: Option<RouteAuth>,
        /// `TimeoutInMillis`, 50 to 29000.
        timeout: Option<u32>,
        /// `RequestModel`: the model the body must fit.
        request_model: Option<RequestModel>,
        /// `RequestParameters`: `(method.request.<where>.<name>, required)`.
        request_parameters: &'static [(&'static str, bool)],
    },
    /// An EventBridge schedule.
    Schedule {
        /// The event's name under `Events`.
        name: &'static str,
        /// `rate(...)` or `cron(...)`.
        expression: &'static str,
        /// `Enabled`.
        enabled: Option<bool>,
        /// `Input`: the JSON the function receives instead of the scheduled event.
        input: Option<&'static str>,
        /// `Name`: the EventBridge rule's name.
        rule_name: Option<&'static str>,
        /// `Description`: the rule's description.
        description: Option<&'static str>,
        /// `State`: `ENABLED`, `DISABLED` or `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`.
        state: Option<&'static str>,
        /// `RetryPolicy`: how often and how long EventBridge retries a failed invocation.
        retry: Option<RetryPolicy>,
        /// `DeadLetterConfig: {Type: SQS}`: SAM creates `<Function><Event>Queue`, which receives the events
        /// EventBridge could not deliver, and the queue policy that lets the rule send to it.
        dead_letter: bool,
    },
    /// Object notifications of a bucket in the same template.
    S3 {
        /// The event's name under `Events`.
        name: &'static str,
        /// The bucket's logical id.
        bucket: &'static str,
        /// `s3:ObjectCreated:*`, ...
        events: &'static [&'static str],
        /// Key prefix filter.
        prefix: Option<&'static str>,
        /// Key suffix filter.
        suffix: Option<&'static str>,
    },
    /// Messages of an SQS queue.
    Sqs {
        /// The event's name under `Events`.
        name: &'static str,
        /// The queue's logical id or ARN.
        queue: &'static str,
        /// `BatchSize`.
        batch_size: Option<u32>,
        /// `MaximumBatchingWindowInSeconds`.
        batching_window: Option<u32>,
        /// Filters, reported failures, scaling, `Enabled`, metrics.
        polling: Polling,
    },
    /// Notifications of an SNS topic.
    Sns(&'static SnsSubscription),
    /// The stream of a DynamoDB table.
    DynamoDb {
        /// The event's name under `Events`.
        name: &'static str,
        /// The table's logical id (its `StreamArn` is used) or a stream ARN.
        table: &'static str,
        /// `TRIM_HORIZON` or `LATEST`.
        starting_position: &'static str,
        /// `BatchSize`.
        batch_size: Option<u32>,
        /// `MaximumBatchingWindowInSeconds`.
        batching_window: Option<u32>,
        /// Filters, reported failures, retries, splitting, windows and the failure destination.
        polling: Polling,
    },
    /// Records of a Kinesis stream.
    Kinesis {
        /// The event's name under `Events`.
        name: &'static str,
        /// The stream's logical id or ARN.
        stream: &'static str,
        /// `TRIM_HORIZON`, `LATEST` or `AT_TIMESTAMP`.
        starting_position: &'static str,
        /// `StartingPositionTimestamp` (Unix seconds), with `AT_TIMESTAMP`.
        starting_timestamp: Option<u32>,
        /// `BatchSize`.
        batch_size: Option<u32>,
        /// `MaximumBatchingWindowInSeconds`.
        batching_window: Option<u32>,
        /// Filters, reported failures, retries, splitting, windows and the failure destination.
        polling: Polling,
    },
    /// An EventBridge rule.
    EventBridge(&'static EventRule),
    /// Triggers of a Cognito user pool.
    Cognito {
        /// The event's name under `Events`.
        name: &'static str,
        /// `UserPool`: the logical id of a user pool in the template, whose `LambdaConfig` SAM fills.
        user_pool: &'static str,
        /// `Trigger`: `PreSignUp`, `PostConfirmation`, ...
        triggers: &'static [&'static str],
    },
    /// An EventBridge Scheduler schedule.
    ScheduleV2(ScheduleV2),
    /// An Amazon MSK or self-managed Kafka topic.
    Kafka(&'static crate::model::poller::Kafka),
    /// An Amazon MQ queue.
    Mq(&'static crate::model::poller::Mq),
    /// An Amazon DocumentDB change stream.
    DocumentDb(&'static crate::model::poller::DocumentDb),
    /// A subscription filter on a CloudWatch Logs log group.
    CloudWatchLogs {
        /// The event's name under `Events`.
        name: &'static str,
        /// `LogGroupName` (values follow [`text`]).
        log_group: &'static str,
        /// `FilterPattern`; empty matches every log event.
        filter: &'static str,
    },
    /// An AWS IoT topic rule.
    IotRule {
        /// The event's name under `Events`.
        name: &'static str,
        /// `Sql`: `SELECT ... FROM '<topic filter>'`.
        sql: &'static str,
        /// `AwsIotSqlVersion`.
        sql_version: Option<&'static str>,
    },
    /// Requests of an Alexa skill.
    AlexaSkill {
        /// The event's name under `Events`.
        name: &'static str,
        /// `SkillId`: only this skill may invoke the function.
        skill_id: &'static str,
    },
}

/// Everything `#[cf_function]` declares about one handler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FunctionSpec {
    /// The function's logical id.
    pub logical_id: &'static str,
    /// `CARGO_MANIFEST_DIR` of the crate the handler is in.
    pub package_dir: &'static str,
    /// `Description`.
    pub description: Option<&'static str>,
    /// `MemorySize` in MB.
    pub memory: Option<u32>,
    /// `Timeout` in seconds.
    pub timeout: Option<u32>,
    /// `EphemeralStorage.Size` in MB.
    pub ephemeral_storage: Option<u32>,
    /// `ReservedConcurrentExecutions`.
    pub reserved_concurrency: Option<u32>,
    /// `Architectures`.
    pub architecture: Architecture,
    /// Zip or image.
    pub code: Code,
    /// `Environment.Variables`.
    pub env: &'static [(&'static str, EnvValue)],
    /// Resources the function reads: each adds the narrowest read policy and its environment variable.
    pub reads: &'static [ResourceRef],
    /// Resources the function writes: each adds the narrowest write policy and its environment variable.
    pub writes: &'static [ResourceRef],
    /// SageMaker endpoints the function invokes: each adds `sagemaker:InvokeEndpoint` on that endpoint and its
    /// environment variable (the endpoint's name).
    pub invokes: &'static [ResourceRef],
    /// `Layers` (values follow [`text`]).
    pub layers: &'static [&'static str],
    /// `Tracing`.
    pub tracing: Option<Tracing>,
    /// Retention in days of a log group created for the function.
    pub log_retention: Option<u32>,
    /// `Tags`.
    pub tags: &'static [(&'static str, &'static str)],
    /// `Condition`, applied to the function and everything created with it.
    pub condition: Option<&'static str>,
    /// `FunctionUrlConfig`.
    pub function_url: Option<FunctionUrl>,
    /// `DeadLetterQueue`.
    pub dead_letter: Option<DeadLetter>,
    /// `AutoPublishAlias`.
    pub auto_publish_alias: Option<&'static str>,
    /// `VersionDescription` of the version SAM publishes with `AutoPublishAlias`.
    pub version_description: Option<&'static str>,
    /// `FunctionName` (values follow [`text`]).
    pub function_name: Option<&'static str>,
    /// `KmsKeyArn`: the key encrypting the environment (values follow [`text`]).
    pub kms_key: Option<&'static str>,
    /// `PermissionsBoundary` of the role SAM creates (values follow [`text`]).
    pub permissions_boundary: Option<&'static str>,
    /// `CodeSigningConfigArn` (values follow [`text`]).
    pub code_signing_config: Option<&'static str>,
    /// `RecursiveLoop`: `Allow` or `Terminate`.
    pub recursive_loop: Option<&'static str>,
    /// `LoggingConfig`.
    pub logging: Option<Logging>,
    /// `EventInvokeConfig`.
    pub event_invoke: Option<EventInvoke>,
    /// `DeploymentPreference`.
    pub deployment: Option<Deployment>,
    /// `ProvisionedConcurrencyConfig` of the alias SAM publishes.
    pub provisioned_concurrency: Option<u32>,
    /// `Role`: the execution role; SAM creates none (values follow [`text`]).
    pub role: Option<&'static str>,
    /// `RolePath` of the role SAM creates.
    pub role_path: Option<&'static str>,
    /// `AssumeRolePolicyDocument` of the role SAM creates: the services that may assume it.
    pub assume_role: &'static [&'static str],
    /// `RuntimeManagementConfig`.
    pub runtime_management: Option<RuntimeManagement>,
    /// `AutoPublishCodeSha256` (values follow [`text`]).
    pub auto_publish_code_sha256: Option<&'static str>,
    /// `AutoPublishAliasAllProperties`.
    pub auto_publish_all_properties: Option<bool>,
    /// `VersionDeletionPolicy`: `Delete` or `Retain`.
    pub version_deletion_policy: Option<&'static str>,
    /// `FileSystemConfigs`, and the statement that lets the function mount it.
    pub file_system: Option<FileSystem>,
    /// `VpcConfig`.
    pub vpc: Option<FunctionVpc>,
    /// `ImageConfig`.
    pub image_config: Option<ImageConfig>,
    /// `PropagateTags`.
    pub propagate_tags: bool,
    /// `SourceKMSKeyArn` (values follow [`text`]).
    pub source_kms_key: Option<&'static str>,
    /// Properties given by template parameters, `(property, parameter)`: `("MemorySize", "MemoryParam")` writes
    /// `MemorySize: !Ref MemoryParam` (over a literal of the same property).
    pub parameters: &'static [(&'static str, &'static str)],
    /// `Policies`.
    pub policies: &'static [Policy],
    /// Why the function's broad IAM grants are intended (metadata `infra.broad_permissions`, which silences the
    /// generator's warning; see [`crate::validate::broad_permissions`]).
    pub broad_permissions: Option<&'static str>,
    /// `Events`.
    pub events: &'static [Event],
}

impl FunctionSpec {
    /// Every optional field unset, the architecture arm64 and the code an unnamed zip; `#[cf_function]`
    /// writes the fields it sets and takes the rest from here (`..FunctionSpec::DEFAULT`).
    pub const DEFAULT: FunctionSpec = FunctionSpec {
        logical_id: "",
        package_dir: "",
        description: None,
        memory: None,
        timeout: None,
        ephemeral_storage: None,
        reserved_concurrency: None,
        architecture: Architecture::Arm64,
        code: Code::Zip {
            bin: "",
            named: false,
        },
        env: &[],
        reads: &[],
        writes: &[],
        invokes: &[],
        layers: &[],
        tracing: None,
        log_retention: None,
        tags: &[],
        condition: None,
        function_url: None,
        dead_letter: None,
        auto_publish_alias: None,
        version_description: None,
        function_name: None,
        kms_key: None,
        permissions_boundary: None,
        code_signing_config: None,
        recursive_loop: None,
        logging: None,
        event_invoke: None,
        deployment: None,
        provisioned_concurrency: None,
        role: None,
        role_path: None,
        assume_role: &[],
        runtime_management: None,
        auto_publish_code_sha256: None,
        auto_publish_all_properties: None,
        version_deletion_policy: None,
        file_system: None,
        vpc: None,
        image_config: None,
        propagate_tags: false,
        source_kms_key: None,
        parameters: &[],
        policies: &[],
        broad_permissions: None,
        events: &[],
    };

    /// This spec as `Globals.Function`: what a function would get from it, but the properties every function
    /// writes itself (`Architectures`, `CodeUri`, `Handler`, `Runtime`), which would override the global ones.
    /// `#[cf_resources(globals(function(..)))]` declares it.
    pub fn globals(&self, ctx: &Context) -> Contribution {
        self.contribute(ctx).into_globals(
            self.logical_id,
            "Function",
            &[
                "Architectures",
                "CodeUri",
                "Handler",
                "Runtime",
                "PackageType",
            ],
        )
    }

    /// The function resource, its log group and the outputs it asks for.
    pub fn contribute(&self, ctx: &Context) -> Contribution {
        let id = self.logical_id;
        let mut c = Contribution::new();
        let mut f = Resource::new(TYPE);
        f.condition = self.condition.map(str::to_owned);
        let output = |c: Contribution, out_id: &str, value: Value, description: String| {
            let mut o = Output::new(value).description(description);
            o.condition = self.condition.map(str::to_owned);
            c.output(out_id, o)
        };
        let p = &mut f.properties;
        let mut set = |k: &str, v: Value| {
            p.insert(k.to_owned(), v);
        };
        set("Architectures", json!([self.architecture.name()]));
        if let Some(d) = self.description {
            set("Description", d.into());
        }
        if let Some(m) = self.memory {
            set("MemorySize", m.into());
        }
        if let Some(t) = self.timeout {
            set("Timeout", t.into());
        }
        if let Some(s) = self.ephemeral_storage {
            set("EphemeralStorage", json!({ "Size": s }));
        }
        if let Some(n) = self.reserved_concurrency {
            set("ReservedConcurrentExecutions", n.into());
        }
        for (property, parameter) in self.parameters {
            let value = reference(*parameter);
            if *property == "EphemeralStorage" {
                set(property, json!({ "Size": value }));
            } else {
                set(property, value);
            }
        }
        match self.code {
            Code::Zip { bin, named } => {
                // In the dispatch mode one binary serves every function without a binary of its own; `Handler`
                // picks the function's handler.
                let (bin, handler) = match ctx.dispatch() {
                    Some(one) if !named || bin == one => (one, id),
                    _ => (bin, "bootstrap"),
                };
                set("CodeUri", ctx.relative_path(self.package_dir, "").into());
                set("Handler", handler.into());
                set("Runtime", "provided.al2023".into());
                f.metadata
                    .insert("BuildMethod".into(), "rust-cargolambda".into());
                f.metadata
                    .insert("BuildProperties".into(), json!({ "Binary": bin }));
            }
            Code::Prebuilt(image) => {
                set("PackageType", "Image".into());
                set(
                    "ImageUri",
                    match image {
                        crate::model::fargate::Image::Uri(u) => text(u),
                        crate::model::fargate::Image::Parameter(p) => reference(p),
                        crate::model::fargate::Image::Repository(r) => {
                            sub(format!("${{{r}.RepositoryUri}}:latest"))
                        }
                    },
                );
            }
            Code::Image {
                context,
                dockerfile,
                tag,
            } => {
                set("PackageType", "Image".into());
                f.metadata.insert(
                    "DockerContext".into(),
                    ctx.relative_path(self.package_dir, context).into(),
                );
                f.metadata.insert("Dockerfile".into(), dockerfile.into());
                if let Some(tag) = tag {
                    f.metadata.insert("DockerTag".into(), tag.into());
                }
            }
        }
        // Declared use: one entry per resource (by logical id), reading and/or writing.
        let uses = crate::model::resources::uses(self.reads, self.writes, self.invokes);
        let mut vars: Map<String, Value> = uses
            .iter()
            .map(|(r, ..)| (r.env.to_owned(), r.value()))
            .collect();
        for (k, v) in self.env {
            vars.insert((*k).to_owned(), v.value());
        }
        if !vars.is_empty() {
            set("Environment", json!({ "Variables": vars }));
        }
        if !self.layers.is_empty() {
            set("Layers", self.layers.iter().map(|l| text(l)).collect());
        }
        if let Some(t) = self.tracing {
            set(
                "Tracing",
                if t == Tracing::Active {
                    "Active"
                } else {
                    "PassThrough"
                }
                .into(),
            );
        }
        if !self.tags.is_empty() {
            set(
                "Tags",
                self.tags
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
                    .collect::<Map<_, _>>()
                    .into(),
            );
        }
        if let Some(alias) = self.auto_publish_alias {
            set("AutoPublishAlias", alias.into());
        }
        for (key, v) in [
            ("VersionDescription", self.version_description),
            ("FunctionName", self.function_name),
            ("KmsKeyArn", self.kms_key),
            ("PermissionsBoundary", self.permissions_boundary),
            ("CodeSigningConfigArn", self.code_signing_config),
        ] {
            if let Some(v) = v {
                set(key, text(v));
            }
        }
        if let Some(r) = self.recursive_loop {
            set("RecursiveLoop", r.into());
        }
        for (key, v) in [
            ("Role", self.role),
            ("RolePath", self.role_path),
            ("AutoPublishCodeSha256", self.auto_publish_code_sha256),
            ("SourceKMSKeyArn", self.source_kms_key),
        ] {
            if let Some(v) = v {
                set(key, text(v));
            }
        }
        if let Some(all) = self.auto_publish_all_properties {
            set("AutoPublishAliasAllProperties", all.into());
        }
        if let Some(p) = self.version_deletion_policy {
            set("VersionDeletionPolicy", p.into());
        }
        if self.propagate_tags {
            set("PropagateTags", true.into());
        }
        if let Some(n) = self.provisioned_concurrency {
            set(
                "ProvisionedConcurrencyConfig",
                json!({ "ProvisionedConcurrentExecutions": n }),
            );
        }
        if !self.assume_role.is_empty() {
            set(
                "AssumeRolePolicyDocument",
                json!({ "Version": "2012-10-17", "Statement": [{
                    "Effect": "Allow",
                    "Principal": { "Service": strings(self.assume_role) },
                    "Action": ["sts:AssumeRole"],
                }]}),
            );
        }
        if let Some(r) = self.runtime_management {
            let mut cfg = Map::new();
            cfg.insert("UpdateRuntimeOn".into(), r.update.into());
            if let Some(v) = r.version {
                cfg.insert("RuntimeVersionArn".into(), text(v));
            }
            set("RuntimeManagementConfig", cfg.into());
        }
        if let Some(fs) = self.file_system {
            set(
                "FileSystemConfigs",
                json!([{ "Arn": text(fs.access_point), "LocalMountPath": fs.mount }]),
            );
        }
        if let Some(v) = self.vpc {
            let subnets: Vec<Value> = (1..=v.network.max_azs)
                .map(|az| reference(v.network.subnet_id(v.subnets, az)))
                .collect();
            let groups: Vec<Value> = v.security_groups.iter().map(|g| reference(*g)).collect();
            set(
                "VpcConfig",
                json!({ "SubnetIds": subnets, "SecurityGroupIds": groups }),
            );
        }
        if let Some(i) = self.image_config {
            let mut cfg = Map::new();
            if !i.command.is_empty() {
                cfg.insert("Command".into(), strings(i.command));
            }
            if !i.entry_point.is_empty() {
                cfg.insert("EntryPoint".into(), strings(i.entry_point));
            }
            if let Some(d) = i.working_directory {
                cfg.insert("WorkingDirectory".into(), d.into());
            }
            set("ImageConfig", cfg.into());
        }
        if let Some(d) = self.deployment {
            let mut cfg = Map::new();
            cfg.insert("Type".into(), d.kind.into());
            if !d.alarms.is_empty() {
                let alarms: Vec<Value> = d.alarms.iter().map(|a| reference(*a)).collect();
                cfg.insert("Alarms".into(), alarms.into());
            }
            let mut hooks = Map::new();
            for (key, f) in [
                ("PreTraffic", d.pre_traffic),
                ("PostTraffic", d.post_traffic),
            ] {
                if let Some(f) = f {
                    hooks.insert(key.into(), reference(f));
                }
            }
            if !hooks.is_empty() {
                cfg.insert("Hooks".into(), hooks.into());
            }
            if let Some(e) = d.enabled {
                cfg.insert("Enabled".into(), e.into());
            }
            if let Some(r) = d.role {
                cfg.insert("Role".into(), text(r));
            }
            if !d.triggers.is_empty() {
                let triggers: Vec<Value> = d
                    .triggers
                    .iter()
                    .map(|(name, topic, events)| {
                        json!({ "TriggerName": name, "TriggerTargetArn": reference(*topic), "TriggerEvents": strings(events) })
                    })
                    .collect();
                cfg.insert("TriggerConfigurations".into(), triggers.into());
            }
            set("DeploymentPreference", cfg.into());
        }
        if let Some(e) = self.event_invoke {
            let mut cfg = Map::new();
            if let Some(age) = e.max_age {
                cfg.insert("MaximumEventAgeInSeconds".into(), age.into());
            }
            if let Some(n) = e.max_retries {
                cfg.insert("MaximumRetryAttempts".into(), n.into());
            }
            let mut destinations = Map::new();
            for (key, d) in [("OnSuccess", e.on_success), ("OnFailure", e.on_failure)] {
                if let Some(d) = d {
                    destinations.insert(key.into(), destination(d));
                }
            }
            if !destinations.is_empty() {
                cfg.insert("DestinationConfig".into(), destinations.into());
            }
            set("EventInvokeConfig", cfg.into());
        }
        if let Some(l) = self.logging {
            let mut cfg = Map::new();
            for (key, v) in [
                ("LogFormat", l.format),
                ("ApplicationLogLevel", l.application_level),
                ("SystemLogLevel", l.system_level),
                ("LogGroup", l.log_group),
            ] {
                if let Some(v) = v {
                    cfg.insert(key.into(), text(v));
                }
            }
            set("LoggingConfig", cfg.into());
        }
        if let Some(dl) = self.dead_letter {
            let (kind, target) = match dl {
                DeadLetter::Sqs(q) => ("SQS", arn_of(q, "Arn")),
                DeadLetter::Sns(t) => ("SNS", arn_of(t, "Ref")),
            };
            set(
                "DeadLetterQueue",
                json!({ "Type": kind, "TargetArn": target }),
            );
        }
        if let Some(url) = self.function_url {
            let mut cfg = Map::new();
            cfg.insert(
                "AuthType".into(),
                if url.iam { "AWS_IAM" } else { "NONE" }.into(),
            );
            if let Some(cors) = url.cors {
                cfg.insert("Cors".into(), cors_value(&cors));
            }
            if let Some(mode) = url.invoke_mode {
                cfg.insert("InvokeMode".into(), mode.into());
            }
            set("FunctionUrlConfig", cfg.into());
        }
        let policies: Vec<Value> = uses
            .iter()
            .flat_map(|(r, reads, writes)| r.policies(*reads, *writes))
            .chain(self.policies.iter().map(policy_value))
            .chain(self.events.iter().filter_map(|e| match e {
                Event::Kafka(k) if self.role.is_none() => k.missing_grants(),
                Event::Mq(m) if self.role.is_none() => Some(m.missing_grants()),
                _ => None,
            }))
            .chain(self.file_system.filter(|_| self.role.is_none()).map(|fs| {
                let actions: &[&str] = if fs.read_only {
                    &["elasticfilesystem:ClientMount"]
                } else {
                    &["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
                };
                json!({ "Statement": [{
                    "Effect": "Allow",
                    "Action": strings(actions),
                    "Resource": text(fs.efs),
                    "Condition": { "StringEquals": { "elasticfilesystem:AccessPointArn": text(fs.access_point) } },
                }]})
            }))
            .collect();
        if !policies.is_empty() {
            set("Policies", policies.into());
        }
        // SAM's own statement for pollers whose network interfaces Lambda creates in a VPC.
        let eni = self.events.iter().any(|e| match e {
            Event::DocumentDb(_) | Event::Mq(_) => true,
            Event::Kafka(k) => k.vpc.is_some(),
            _ => false,
        });
        let why = match (self.broad_permissions, eni) {
            (Some(why), true) => Some(format!("{why}; {ENI_REASON}")),
            (Some(why), false) => Some(why.to_owned()),
            (None, true) => Some(ENI_REASON.to_owned()),
            (None, false) => None,
        };
        if let Some(why) = why {
            f.metadata.insert(
                "infra".into(),
                json!({ crate::validate::BROAD_PERMISSIONS: why }),
            );
        }
        let mut events = Map::new();
        let mut globals: Vec<(&str, Value)> = Vec::new();
        for e in self.events {
            let (name, value) = event_value(e, &mut globals);
            events.insert(name.to_owned(), value);
            c = match *e {
                Event::HttpApi(HttpRoute {
                    method,
                    path,
                    api,
                    url_output: Some(out),
                    ..
                }) => {
                    let api = api.unwrap_or("ServerlessHttpApi");
                    let path = path.unwrap_or("/");
                    let url = sub(format!(
                        "https://${{{api}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}{path}"
                    ));
                    let method = method.unwrap_or("$default");
                    output(c, out, url, format!("URL of {method} {path}"))
                }
                Event::Api {
                    method,
                    path,
                    api,
                    url_output: Some(out),
                    ..
                } => {
                    let (api, stage) = match api {
                        Some(api) => (api, format!("${{{api}.Stage}}")),
                        None => ("ServerlessRestApi", "Prod".to_owned()),
                    };
                    let url = sub(format!(
                        "https://${{{api}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/{stage}{path}"
                    ));
                    output(
                        c,
                        out,
                        url,
                        format!("URL of {} {path}", method.to_ascii_uppercase()),
                    )
                }
                _ => c,
            };
        }
        if !events.is_empty() {
            set("Events", events.into());
        }
        for (key, value) in globals {
            c = c.global("Api", key, value);
        }
        if let Some(FunctionUrl {
            url_output: Some(out),
            ..
        }) = self.function_url
        {
            c = output(
                c,
                out,
                get_att(format!("{id}Url"), "FunctionUrl"),
                format!("URL of {id}"),
            );
        }
        for (policy_id, policy) in dead_letter_policies(id, self.events, self.condition) {
            c = c.resource(policy_id, policy);
        }
        if let Some(days) = self.log_retention {
            let mut logs = Resource::new("AWS::Logs::LogGroup")
                .property("LogGroupName", sub(format!("/aws/lambda/${{{id}}}")))
                .property("RetentionInDays", days);
            logs.condition = self.condition.map(str::to_owned);
            c = c.resource(format!("{id}LogGroup"), logs);
        }
        c.resource(id, f)
    }
}

pub(crate) fn strings(items: &[&str]) -> Value {
    items.iter().map(|s| Value::from(*s)).collect()
}

/// `Cors` of a function URL, or `CorsConfiguration` of an HTTP API (the same shape).
pub(crate) fn cors_value(cors: &Cors) -> Value {
    let mut m = Map::new();
    for (k, v) in [
        ("AllowOrigins", cors.allow_origins),
        ("AllowMethods", cors.allow_methods),
        ("AllowHeaders", cors.allow_headers),
        ("ExposeHeaders", cors.expose_headers),
    ] {
        if !v.is_empty() {
            m.insert(k.into(), strings(v));
        }
    }
    if let Some(age) = cors.max_age {
        m.insert("MaxAge".into(), age.into());
    }
    if let Some(c) = cors.allow_credentials {
        m.insert("AllowCredentials".into(), c.into());
    }
    m.into()
}

pub(crate) fn policy_value(p: &Policy) -> Value {
    match *p {
        Policy::Template { name, params } => {
            let params: Map<String, Value> = params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), text(v)))
                .collect();
            json!({ name: params })
        }
        Policy::Managed(name) => name.into(),
        Policy::Statement {
            effect,
            actions,
            resources,
        } => {
            let resources: Vec<Value> = resources.iter().map(|r| text(r)).collect();
            json!({ "Statement": [{ "Effect": effect, "Action": strings(actions), "Resource": resources }] })
        }
    }
}

/// JSON text checked by the macro; parsed here.
fn json_text(s: &str) -> Value {
    serde_json::from_str(s).expect("`#[cf_function]` checks JSON at compile time")
}

/// The JSON line an HTTP API writes per request: request id, caller IP, time, route, status, length and
/// integration error.
pub fn http_api_access_log_format() -> String {
    let format = json!({
        "requestId": "$context.requestId",
        "ip": "$context.identity.sourceIp",
        "requestTime": "$context.requestTime",
        "routeKey": "$context.routeKey",
        "status": "$context.status",
        "responseLength": "$context.responseLength",
        "integrationError": "$context.integrationErrorMessage",
    });
    serde_json::to_string(&format).expect("JSON data")
}

/// The log group HTTP APIs write their access logs to, when the template has one ([`http_api_access_logs`]).
pub const HTTP_API_ACCESS_LOGS: &str = "HttpApiAccessLogs";

/// Access logs for every HTTP API (the implicit `ServerlessHttpApi` and explicit `AWS::Serverless::HttpApi`s):
/// `Globals.HttpApi.AccessLogSettings` writing one JSON line per request (request id, caller IP, time, route,
/// status, length, integration error) to the log group [`HTTP_API_ACCESS_LOGS`], kept 90 days. Added when an HTTP
/// API would take them (the implicit one, or an explicit one without access logs of its own) and the template
/// sets none globally; HTTP APIs need no account-level role for it,
/// unlike REST APIs, whose access logs stay opt-in for that reason.
pub fn http_api_access_logs(t: &mut crate::Template) {
    // An API that would take the global settings: an explicit one without access logs of its own, or the
    // implicit one, which a route without `ApiId` makes.
    let has_http_api = t.resources.values().any(|r| {
        (r.kind == "AWS::Serverless::HttpApi" && !r.properties.contains_key("AccessLogSettings"))
            || (r.kind == TYPE
                && r.properties
                    .get("Events")
                    .and_then(Value::as_object)
                    .is_some_and(|m| {
                        m.values().any(|e| {
                            e.get("Type").and_then(Value::as_str) == Some("HttpApi")
                                && e.get("Properties").is_none_or(|p| p.get("ApiId").is_none())
                        })
                    }))
    });
    let set = t
        .globals
        .get("HttpApi")
        .is_some_and(|g| g.contains_key("AccessLogSettings"));
    if !has_http_api || set || t.resources.contains_key(HTTP_API_ACCESS_LOGS) {
        return;
    }
    t.resources.insert(
        HTTP_API_ACCESS_LOGS.to_owned(),
        Resource::new("AWS::Logs::LogGroup").property("RetentionInDays", 90),
    );

    t.globals.entry("HttpApi".into()).or_default().insert(
        "AccessLogSettings".into(),
        json!({
            "DestinationArn": get_att(HTTP_API_ACCESS_LOGS, "Arn"),
            "Format": http_api_access_log_format(),
        }),
    );
}

/// A destination's `Type` and `Destination`: a topic by its `Ref` (its ARN), a queue by its `Arn`.
fn destination(d: ResourceRef) -> Value {
    let (kind, arn) = match d.kind {
        ResourceKind::Topic => ("SNS", reference(d.logical_id)),
        _ => ("SQS", get_att(d.logical_id, "Arn")),
    };
    json!({ "Type": kind, "Destination": arn })
}

/// The queue policies that let EventBridge deliver to the dead-letter queues the events of `owner` (a function
/// or state machine) name by logical id: SAM writes one for the queue it creates, none for a queue given by ARN,
/// and without it EventBridge's undeliverable events are lost. One per event, `<Owner><Event>DeadLetterPolicy`,
/// allowing `sqs:SendMessage` from that rule alone. (A queue takes one policy: a queue that is the dead letter of
/// two rules, or also an SNS subscription's, keeps only one of them.)
pub(crate) fn dead_letter_policies(
    owner: &str,
    events: &[Event],
    condition: Option<&str>,
) -> Vec<(String, Resource)> {
    let mut out = Vec::new();
    for e in events {
        let Event::EventBridge(rule) = e else {
            continue;
        };
        let Some(EventDeadLetter::Queue(queue)) = rule.dead_letter else {
            continue;
        };
        if queue.starts_with("arn:") || queue.contains("${") {
            continue;
        }
        let rule_id = format!("{owner}{}", rule.name);
        let mut policy = Resource::new("AWS::SQS::QueuePolicy")
            .property("Queues", json!([reference(queue)]))
            .property(
                "PolicyDocument",
                json!({ "Version": "2012-10-17", "Statement": [{
                    "Effect": "Allow",
                    "Principal": { "Service": "events.amazonaws.com" },
                    "Action": "sqs:SendMessage",
                    "Resource": get_att(queue, "Arn"),
                    "Condition": { "ArnEquals": { "aws:SourceArn": get_att(&rule_id, "Arn") } },
                }]}),
            );
        policy.condition = condition.map(str::to_owned);
        out.push((format!("{rule_id}DeadLetterPolicy"), policy));
    }
    out
}

/// A rule's or schedule's `DeadLetterConfig`.
fn dead_letter_value(d: EventDeadLetter) -> Value {
    match d {
        EventDeadLetter::Created => json!({ "Type": "SQS" }),
        EventDeadLetter::Queue(q) => json!({ "Arn": arn_of(q, "Arn") }),
    }
}

/// A target's `RetryPolicy`.
fn retry_value(r: RetryPolicy) -> Value {
    let mut policy = Map::new();
    if let Some(a) = r.attempts {
        policy.insert("MaximumRetryAttempts".into(), a.into());
    }
    if let Some(age) = r.max_age {
        policy.insert("MaximumEventAgeInSeconds".into(), age.into());
    }
    policy.into()
}

pub(crate) fn event_value(
    e: &Event,
    globals: &mut Vec<(&'static str, Value)>,
) -> (&'static str, Value) {
    let mut props = Map::new();
    let (name, kind) = match *e {
        Event::HttpApi(r) => {
            if let Some(api) = r.api {
                props.insert("ApiId".into(), reference(api));
            }
            if let Some(m) = r.method {
                props.insert("Method".into(), m.into());
            }
            if let Some(p) = r.path {
                props.insert("Path".into(), p.into());
            }
            props.insert("PayloadFormatVersion".into(), "2.0".into());
            match r.auth {
                Some(RouteAuth::Authorizer(name, scopes)) => {
                    let mut a = Map::new();
                    a.insert("Authorizer".into(), name.into());
                    if !scopes.is_empty() {
                        a.insert("AuthorizationScopes".into(), strings(scopes));
                    }
                    props.insert("Auth".into(), a.into());
                }
                Some(RouteAuth::None) => {
                    props.insert("Auth".into(), json!({ "Authorizer": "NONE" }));
                }
                Some(RouteAuth::Iam) => {
                    props.insert("Auth".into(), json!({ "Authorizer": "AWS_IAM" }));
                }
                None => {}
            }
            if let Some(t) = r.timeout {
                props.insert("TimeoutInMillis".into(), t.into());
            }
            if let Some((burst, rate)) = r.throttling {
                props.insert(
                    "RouteSettings".into(),
                    json!({ "ThrottlingBurstLimit": burst, "ThrottlingRateLimit": rate }),
                );
            }
            (r.name, "HttpApi")
        }
        Event::Api {
            name,
            method,
            path,
            api_key_required,
            cors,
            api,
            auth,
            timeout,
            request_model,
            request_parameters,
            ..
        } => {
            if let Some(t) = timeout {
                props.insert("TimeoutInMillis".into(), t.into());
            }
            if let Some(m) = request_model {
                props.insert(
                    "RequestModel".into(),
                    json!({ "Model": m.model, "Required": m.required, "ValidateBody": m.validate_body,
                            "ValidateParameters": m.validate_parameters }),
                );
            }
            if !request_parameters.is_empty() {
                let params: Vec<Value> = request_parameters
                    .iter()
                    .map(|(name, required)| json!({ *name: { "Required": required } }))
                    .collect();
                props.insert("RequestParameters".into(), params.into());
            }
            if let Some(api) = api {
                props.insert("RestApiId".into(), reference(api));
            }
            props.insert("Method".into(), method.into());
            props.insert("Path".into(), path.into());
            let mut method_auth = Map::new();
            match auth {
                Some(RouteAuth::Authorizer(name, scopes)) => {
                    method_auth.insert("Authorizer".into(), name.into());
                    if !scopes.is_empty() {
                        method_auth.insert("AuthorizationScopes".into(), strings(scopes));
                    }
                }
                Some(RouteAuth::None) => {
                    method_auth.insert("Authorizer".into(), "NONE".into());
                }
                Some(RouteAuth::Iam) => {
                    method_auth.insert("Authorizer".into(), "AWS_IAM".into());
                }
                None => {}
            }
            if api_key_required {
                method_auth.insert("ApiKeyRequired".into(), true.into());
            }
            if !method_auth.is_empty() {
                props.insert("Auth".into(), method_auth.into());
            }
            if api_key_required && api.is_none() {
                globals.push(("Auth", json!({ "ApiKeyRequired": true, "UsagePlan": { "CreateUsagePlan": "PER_API" } })));
            }
            if let Some(origin) = cors {
                globals.push((
                    "Cors",
                    json!({ "AllowOrigin": origin, "AllowHeaders": "'Content-Type,X-Api-Key'" }),
                ));
            }
            (name, "Api")
        }
        Event::Schedule {
            name,
            expression,
            enabled,
            input,
            rule_name,
            description,
            state,
            retry,
            dead_letter,
        } => {
            props.insert("Schedule".into(), expression.into());
            if let Some(e) = enabled {
                props.insert("Enabled".into(), e.into());
            }
            if let Some(i) = input {
                // `Input` is a JSON string; parsing and re-serializing normalizes its formatting.
                props.insert("Input".into(), json_text(i).to_string().into());
            }
            for (key, v) in [
                ("Name", rule_name),
                ("Description", description),
                ("State", state),
            ] {
                if let Some(v) = v {
                    props.insert(key.into(), v.into());
                }
            }
            if let Some(r) = retry {
                props.insert("RetryPolicy".into(), retry_value(r));
            }
            if dead_letter {
                props.insert("DeadLetterConfig".into(), json!({ "Type": "SQS" }));
            }
            (name, "Schedule")
        }
        Event::S3 {
            name,
            bucket,
            events,
            prefix,
            suffix,
        } => {
            props.insert("Bucket".into(), reference(bucket));
            props.insert("Events".into(), strings(events));
            let rules: Vec<Value> = [("prefix", prefix), ("suffix", suffix)]
                .into_iter()
                .filter_map(|(n, v)| v.map(|v| json!({ "Name": n, "Value": v })))
                .collect();
            if !rules.is_empty() {
                props.insert("Filter".into(), json!({ "S3Key": { "Rules": rules } }));
            }
            (name, "S3")
        }
        Event::Sqs {
            name,
            queue,
            batch_size,
            batching_window,
            polling,
        } => {
            props.insert("Queue".into(), arn_of(queue, "Arn"));
            if let Some(b) = batch_size {
                props.insert("BatchSize".into(), b.into());
            }
            if let Some(w) = batching_window {
                props.insert("MaximumBatchingWindowInSeconds".into(), w.into());
            }
            polling.write(&mut props);
            (name, "SQS")
        }
        Event::Sns(sns) => {
            props.insert("Topic".into(), arn_of(sns.topic, "Ref"));
            if let Some(f) = sns.filter_policy {
                props.insert("FilterPolicy".into(), json_text(f));
            }
            if let Some(scope) = sns.filter_scope {
                props.insert("FilterPolicyScope".into(), scope.into());
            }
            if let Some(r) = sns.region {
                props.insert("Region".into(), text(r));
            }
            match sns.sqs {
                Some(SnsQueue::Created) => {
                    props.insert("SqsSubscription".into(), true.into());
                }
                Some(SnsQueue::Queue {
                    queue,
                    batch_size,
                    enabled,
                }) => {
                    let mut q = Map::new();
                    q.insert("QueueArn".into(), get_att(queue, "Arn"));
                    q.insert("QueueUrl".into(), reference(queue));
                    if let Some(b) = batch_size {
                        q.insert("BatchSize".into(), b.into());
                    }
                    if let Some(e) = enabled {
                        q.insert("Enabled".into(), e.into());
                    }
                    props.insert("SqsSubscription".into(), q.into());
                }
                None => {}
            }
            (sns.name, "SNS")
        }
        Event::DynamoDb {
            name,
            table,
            starting_position,
            batch_size,
            batching_window,
            polling,
        } => {
            props.insert("Stream".into(), arn_of(table, "StreamArn"));
            props.insert("StartingPosition".into(), starting_position.into());
            if let Some(b) = batch_size {
                props.insert("BatchSize".into(), b.into());
            }
            if let Some(w) = batching_window {
                props.insert("MaximumBatchingWindowInSeconds".into(), w.into());
            }
            polling.write(&mut props);
            (name, "DynamoDB")
        }
        Event::Kinesis {
            name,
            stream,
            starting_position,
            starting_timestamp,
            batch_size,
            batching_window,
            polling,
        } => {
            props.insert("Stream".into(), arn_of(stream, "Arn"));
            props.insert("StartingPosition".into(), starting_position.into());
            if let Some(t) = starting_timestamp {
                props.insert("StartingPositionTimestamp".into(), t.into());
            }
            if let Some(b) = batch_size {
                props.insert("BatchSize".into(), b.into());
            }
            if let Some(w) = batching_window {
                props.insert("MaximumBatchingWindowInSeconds".into(), w.into());
            }
            polling.write(&mut props);
            (name, "Kinesis")
        }
        Event::EventBridge(e) => {
            if let Some(bus) = e.bus {
                props.insert("EventBusName".into(), text(bus));
            }
            props.insert("Pattern".into(), json_text(e.pattern));
            for (key, v) in [
                ("RuleName", e.rule_name),
                ("State", e.state),
                ("InputPath", e.input_path),
            ] {
                if let Some(v) = v {
                    props.insert(key.into(), v.into());
                }
            }
            if let Some(i) = e.input {
                props.insert("Input".into(), json_text(i).to_string().into());
            }
            if let Some((paths, template)) = e.input_transformer {
                let paths: Map<String, Value> = paths
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
                    .collect();
                props.insert(
                    "InputTransformer".into(),
                    json!({ "InputPathsMap": paths, "InputTemplate": template }),
                );
            }
            if let Some(r) = e.retry {
                props.insert("RetryPolicy".into(), retry_value(r));
            }
            if let Some(d) = e.dead_letter {
                props.insert("DeadLetterConfig".into(), dead_letter_value(d));
            }
            if let Some(id) = e.target_id {
                props.insert("Target".into(), json!({ "Id": id }));
            }
            (e.name, "EventBridgeRule")
        }
        Event::Cognito {
            name,
            user_pool,
            triggers,
        } => {
            props.insert("UserPool".into(), reference(user_pool));
            props.insert("Trigger".into(), strings(triggers));
            (name, "Cognito")
        }
        Event::ScheduleV2(ref s) => {
            props.insert("ScheduleExpression".into(), s.expression.into());
            for (key, v) in [
                ("ScheduleExpressionTimezone", s.timezone),
                ("Name", s.schedule_name),
                ("Description", s.description),
                ("State", s.state),
                ("StartDate", s.start),
                ("EndDate", s.end),
            ] {
                if let Some(v) = v {
                    props.insert(key.into(), v.into());
                }
            }
            if s.omit_name {
                props.insert("OmitName".into(), true.into());
            }
            if let Some(w) = s.flexible_window {
                props.insert(
                    "FlexibleTimeWindow".into(),
                    json!({ "Mode": "FLEXIBLE", "MaximumWindowInMinutes": w }),
                );
            }
            for (key, v) in [
                ("GroupName", s.group),
                ("KmsKeyArn", s.kms_key),
                ("RoleArn", s.role),
                ("PermissionsBoundary", s.permissions_boundary),
            ] {
                if let Some(v) = v {
                    props.insert(key.into(), text(v));
                }
            }
            if let Some(i) = s.input {
                props.insert("Input".into(), json_text(i).to_string().into());
            }
            if let Some(r) = s.retry {
                props.insert("RetryPolicy".into(), retry_value(r));
            }
            if let Some(d) = s.dead_letter {
                props.insert("DeadLetterConfig".into(), dead_letter_value(d));
            }
            (s.name, "ScheduleV2")
        }
        Event::Kafka(k) => {
            let (kind, p) = k.event();
            props = p;
            (k.name, kind)
        }
        Event::Mq(m) => {
            let (kind, p) = m.event();
            props = p;
            (m.name, kind)
        }
        Event::DocumentDb(d) => {
            let (kind, p) = d.event();
            props = p;
            (d.name, kind)
        }
        Event::CloudWatchLogs {
            name,
            log_group,
            filter,
        } => {
            props.insert("LogGroupName".into(), text(log_group));
            props.insert("FilterPattern".into(), filter.into());
            (name, "CloudWatchLogs")
        }
        Event::IotRule {
            name,
            sql,
            sql_version,
        } => {
            props.insert("Sql".into(), sql.into());
            if let Some(v) = sql_version {
                props.insert("AwsIotSqlVersion".into(), v.into());
            }
            (name, "IoTRule")
        }
        Event::AlexaSkill { name, skill_id } => {
            props.insert("SkillId".into(), text(skill_id));
            (name, "AlexaSkill")
        }
    };
    (name, json!({ "Type": kind, "Properties": props }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZIP: FunctionSpec = FunctionSpec {
        logical_id: "HelloFunction",
        package_dir: "/repo/app",
        memory: Some(256),
        code: Code::Zip {
            bin: "hello",
            named: false,
        },
        env: &[
            ("STAGE", EnvValue::Text("dev")),
            ("TABLE", EnvValue::Text("${Files}")),
        ],
        ..FunctionSpec::DEFAULT
    };

    #[test]
    fn zip_functions_build_with_cargo_lambda_from_the_package_directory() {
        let c = ZIP.contribute(&Context::new("/repo"));
        let (id, r) = &c.resources[0];
        assert_eq!(id, "HelloFunction");
        assert_eq!(
            serde_json::to_value(r).unwrap(),
            json!({
                "Type": "AWS::Serverless::Function",
                "Properties": {
                    "Architectures": ["arm64"], "MemorySize": 256, "CodeUri": "app", "Handler": "bootstrap",
                    "Runtime": "provided.al2023",
                    "Environment": {"Variables": {"STAGE": "dev", "TABLE": {"Fn::Sub": "${Files}"}}}
                },
                "Metadata": {"BuildMethod": "rust-cargolambda", "BuildProperties": {"Binary": "hello"}}
            })
        );
    }

    #[test]
    fn image_functions_with_an_http_route_and_its_url() {
        let spec = FunctionSpec {
            code: Code::Image {
                context: "model",
                dockerfile: "Dockerfile",
                tag: Some("v1"),
            },
            events: &[Event::HttpApi(&HttpRoute {
                name: "Predict",
                method: Some("POST"),
                path: Some("/"),
                api: None,
                url_output: Some("ApiUrl"),
                auth: None,
                timeout: None,
                throttling: None,
            })],
            env: &[],
            ..ZIP
        };
        let c = spec.contribute(&Context::new("/repo/app"));
        let r = serde_json::to_value(&c.resources[0].1).unwrap();
        assert_eq!(r["Properties"]["PackageType"], "Image");
        assert!(
            r["Properties"].get("Runtime").is_none() && r["Properties"].get("CodeUri").is_none()
        );
        assert_eq!(
            r["Metadata"],
            json!({"DockerContext": "model", "Dockerfile": "Dockerfile", "DockerTag": "v1"})
        );
        assert_eq!(
            r["Properties"]["Events"]["Predict"],
            json!({"Type": "HttpApi", "Properties": {"Method": "POST", "Path": "/", "PayloadFormatVersion": "2.0"}})
        );
        assert_eq!(c.outputs[0].0, "ApiUrl");
        assert_eq!(
            c.outputs[0].1.value,
            json!({"Fn::Sub": "https://${ServerlessHttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/"})
        );
    }

    #[test]
    fn declared_use_merges_per_resource_into_policies_and_environment() {
        use crate::model::resources::ResourceKind;
        const FILES: ResourceRef = ResourceRef {
            logical_id: "Files",
            kind: ResourceKind::Table,
            env: "FILES_TABLE_NAME",
            key: None,
        };
        const JOBS: ResourceRef = ResourceRef {
            logical_id: "Jobs",
            kind: ResourceKind::Queue,
            env: "JOBS_QUEUE_URL",
            key: None,
        };
        let spec = FunctionSpec {
            env: &[],
            reads: &[FILES],
            writes: &[FILES, JOBS],
            ..ZIP
        };
        let p = &spec.contribute(&Context::new("/repo")).resources[0]
            .1
            .properties;
        assert_eq!(
            p["Policies"],
            json!([
                {"DynamoDBCrudPolicy": {"TableName": {"Ref": "Files"}}},
                {"SQSSendMessagePolicy": {"QueueName": {"Fn::GetAtt": ["Jobs", "QueueName"]}}}
            ])
        );
        assert_eq!(
            p["Environment"]["Variables"],
            json!({"FILES_TABLE_NAME": {"Ref": "Files"}, "JOBS_QUEUE_URL": {"Ref": "Jobs"}})
        );
    }

    #[test]
    fn the_dispatch_mode_shares_the_binary_and_names_the_handler() {
        let c = ZIP.contribute(&Context::new("/repo").with_dispatch("app"));
        let r = serde_json::to_value(&c.resources[0].1).unwrap();
        assert_eq!(r["Properties"]["Handler"], "HelloFunction");
        assert_eq!(r["Metadata"]["BuildProperties"]["Binary"], "app");
    }

    #[test]
    fn in_the_dispatch_mode_a_named_binary_stays_the_function_s_own() {
        let spec = |bin| FunctionSpec {
            code: Code::Zip { bin, named: true },
            ..ZIP
        };
        let ctx = Context::new("/repo").with_dispatch("app");
        for (bin, handler) in [("worker", "bootstrap"), ("app", "HelloFunction")] {
            let c = spec(bin).contribute(&ctx);
            let r = serde_json::to_value(&c.resources[0].1).unwrap();
            assert_eq!(r["Properties"]["Handler"], handler, "{bin}");
            assert_eq!(r["Metadata"]["BuildProperties"]["Binary"], bin);
        }
    }

    #[test]
    fn a_condition_reaches_the_log_group_and_the_outputs() {
        let spec = FunctionSpec {
            condition: Some("IsProd"),
            log_retention: Some(7),
            function_url: Some(FunctionUrl {
                invoke_mode: None,
                iam: true,
                cors: None,
                url_output: Some("Url"),
            }),
            ..ZIP
        };
        let c = spec.contribute(&Context::new("/repo"));
        let ids: Vec<&str> = c.resources.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["HelloFunctionLogGroup", "HelloFunction"]);
        assert!(
            c.resources
                .iter()
                .all(|(_, r)| r.condition.as_deref() == Some("IsProd"))
        );
        assert_eq!(c.outputs[0].1.condition.as_deref(), Some("IsProd"));
        assert_eq!(
            c.outputs[0].1.value,
            json!({"Fn::GetAtt": ["HelloFunctionUrl", "FunctionUrl"]})
        );
        let logs = serde_json::to_value(&c.resources[0].1).unwrap();
        assert_eq!(
            logs["Properties"],
            json!({"LogGroupName": {"Fn::Sub": "/aws/lambda/${HelloFunction}"}, "RetentionInDays": 7})
        );
    }
}
