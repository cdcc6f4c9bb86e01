//! Everything generated code names. Not public API: no semver guarantees.

pub use inventory;

pub use crate::model::alarm::CfAlarm;
pub use crate::model::alarm::{
    AlarmSpec, CfTopic, Dimension, HasMetric, Metric, metric, publishes,
};
pub use crate::model::bucket::{BucketSpec, CfBucket, CorsRule};
pub use crate::model::codebuild::{
    ArtifactBucket, ArtifactStore, BuildProjectSpec, CfBuildProject,
};
pub use crate::model::dashboard::{DashboardSpec, Widget};
pub use crate::model::ecr::{CfRepository, RepositorySpec};
pub use crate::model::fargate::{
    CfCluster, CfService, ClusterSpec, ContainerImage, FargateServiceSpec, Image, LoadBalancerSpec,
    ScalingSpec, has_subnets,
};
pub use crate::model::function::{
    Architecture, Code, Cors, DeadLetter, Deployment, Event, EventDeadLetter, EventInvoke,
    EventRule, FileSystem, FunctionSpec, FunctionUrl, FunctionVpc, HttpRoute, ImageConfig, Logging,
    Policy, Polling, RequestModel, RetryPolicy, RouteAuth, RuntimeManagement, ScheduleV2, SnsQueue,
    SnsSubscription, Tracing,
};
pub use crate::model::http_api::{Authorizer, CfHttpApi, Domain, HttpApiSpec, has_authorizer};
pub use crate::model::layer::{
    AppLocation, ApplicationSpec, CfLayer, ConnectorEnd, ConnectorSpec, LayerSpec,
};
pub use crate::model::pipeline::{EcsDeploy, PipelineSpec, Source, uses_artifacts};
pub use crate::model::poller::{
    Access, DocumentDb, Kafka, KafkaSource, Mq, Pollers, SchemaRegistry,
};
pub use crate::model::queue::QueueSpec;
pub use crate::model::resources::{
    CfCondition, CfParameter, CfResource, EnvSource, EnvValue, ExternalName, FailureDestination,
    HasStream, Invocable, IsBucket, IsQueue, IsSecret, IsStream, IsTable, IsTopic, Readable,
    ResourceKind, ResourceRef, Resources, Writable,
};
pub use crate::model::rest_api::{
    CfRestApi, GatewayResponse, RestApiSpec, RestAuthorizer, has_model, has_rest_authorizer,
};
pub use crate::model::secret::SecretSpec;
pub use crate::model::security_group::{CfSecurityGroup, Peer, Rule as SgRule, SecurityGroupSpec};
pub use crate::model::state_machine::{
    Definition, Logging as StateMachineLogging, StateMachineSpec, Substitution,
};
pub use crate::model::stream::StreamSpec;
pub use crate::model::table::{Gsi, KeyAttribute, TableSpec, TtlAttribute};
pub use crate::model::topic::{Endpoint, TopicSpec};
pub use crate::model::vpc::{CfVpc, FlowLogs, SubnetGroup, SubnetKind, VpcSpec};
pub use crate::registry::{Build, Context, Contribution, Fragment, Origin};
pub use crate::template::{Output, Parameter};
pub use crate::{Value, intrinsic};

// Bound checks `#[cf_resources]` and `#[cf_function]` emit, spanned on the user's types.
pub const fn is_table<T: ?Sized + IsTable>() {}
pub const fn has_stream<T: ?Sized + HasStream>() {}
pub const fn is_bucket<T: ?Sized + IsBucket>() {}
pub const fn is_queue<T: ?Sized + IsQueue>() {}
pub const fn is_stream<T: ?Sized + IsStream>() {}
pub const fn is_topic<T: ?Sized + IsTopic>() {}
pub const fn is_secret<T: ?Sized + IsSecret>() {}
pub const fn readable<T: ?Sized + Readable>() {}
pub const fn writable<T: ?Sized + Writable>() {}
pub const fn invocable<T: ?Sized + Invocable>() {}
pub const fn failure_destination<T: ?Sized + FailureDestination>() {}
pub const fn ttl_attribute<T: ?Sized + TtlAttribute>() {}
pub const fn resources<T: ?Sized + Resources>() {}

/// `a == b`, in a const.
pub const fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

macro_rules! event_kinds {
    ($($(#[$doc:meta])* $trait:ident, $message:literal, $label:literal, $note:literal;)*) => {$(
        $(#[$doc])*
        #[diagnostic::on_unimplemented(message = $message, label = $label, note = $note)]
        pub trait $trait {}
        #[diagnostic::do_not_recommend]
        impl $trait for serde_json::Value {}
    )*};
}

/// The payload types of `aws_lambda_events` (implemented for them alone): the payload check applies to these,
/// whatever name they go by (a type alias, a re-export), and trusts every other type.
pub trait KnownEvent {}

/// A payload type under test; `(&Probe::<T>::NEW).classify()` is [`IsEvent`] for a [`KnownEvent`], else
/// [`NotEvent`] (method resolution tries `Probe<T>` before `&Probe<T>`).
pub struct Probe<T: ?Sized>(core::marker::PhantomData<T>);
impl<T: ?Sized> Probe<T> {
    /// The probe.
    pub const NEW: Self = Probe(core::marker::PhantomData);
}
/// [`Probe`]'s answer for an `aws_lambda_events` payload.
pub struct IsEvent<T: ?Sized>(core::marker::PhantomData<T>);
/// [`Probe`]'s answer for any other payload.
pub struct NotEvent;
/// Chosen first, where `T` is a [`KnownEvent`].
pub trait ClassifyEvent<T: ?Sized> {
    /// [`IsEvent`].
    fn classify(&self) -> IsEvent<T>;
}
impl<T: ?Sized + KnownEvent> ClassifyEvent<T> for Probe<T> {
    fn classify(&self) -> IsEvent<T> {
        IsEvent(core::marker::PhantomData)
    }
}
/// The fallback, one auto-reference further.
pub trait ClassifyOther {
    /// [`NotEvent`].
    fn classify(&self) -> NotEvent {
        NotEvent
    }
}
impl<T: ?Sized> ClassifyOther for &Probe<T> {}

event_kinds! {
    /// Payloads that can receive `http_api(...)` events.
    AcceptsHttpApi,
    "`{Self}` cannot receive `http_api` events", "the handler's `events(http_api(...))` send another payload",
    "`http_api` events arrive as `aws_lambda_events::apigw::ApiGatewayV2httpRequest`; take it, or `serde_json::Value`";
    /// Payloads that can receive `api(...)` events.
    AcceptsApi,
    "`{Self}` cannot receive `api` events", "the handler's `events(api(...))` send another payload",
    "`api` events arrive as `aws_lambda_events::apigw::ApiGatewayProxyRequest`; take it, or `serde_json::Value`";
    /// Payloads that can receive `schedule(...)` events.
    AcceptsSchedule,
    "`{Self}` cannot receive `schedule` events", "the handler's `events(schedule(...))` send another payload",
    "`schedule` events arrive as `aws_lambda_events::eventbridge::EventBridgeEvent`; take it, or `serde_json::Value`";
    /// Payloads that can receive `s3(...)` events.
    AcceptsS3,
    "`{Self}` cannot receive `s3` events", "the handler's `events(s3(...))` send another payload",
    "`s3` events arrive as `aws_lambda_events::s3::S3Event`; take it, or `serde_json::Value`";
    /// Payloads that can receive `sqs(...)` events.
    AcceptsSqs,
    "`{Self}` cannot receive `sqs` events", "the handler's `events(sqs(...))` send another payload",
    "`sqs` events arrive as `aws_lambda_events::sqs::SqsEvent`; take it, or `serde_json::Value`";
    /// Payloads that can receive `sns(...)` events.
    AcceptsSns,
    "`{Self}` cannot receive `sns` events", "the handler's `events(sns(...))` send another payload",
    "`sns` events arrive as `aws_lambda_events::sns::SnsEvent`; take it, or `serde_json::Value`";
    /// Payloads that can receive `dynamodb(...)` events.
    AcceptsDynamoDb,
    "`{Self}` cannot receive `dynamodb` events", "the handler's `events(dynamodb(...))` send another payload",
    "`dynamodb` events arrive as `aws_lambda_events::dynamodb::Event`; take it, or `serde_json::Value`";
    /// Payloads that can receive `kinesis(...)` events.
    AcceptsKinesis,
    "`{Self}` cannot receive `kinesis` events", "the handler's `events(kinesis(...))` send another payload",
    "`kinesis` events arrive as `aws_lambda_events::kinesis::KinesisEvent` (`KinesisTimeWindowEvent` with a `tumbling_window`); take it, or `serde_json::Value`";
    /// Payloads that can receive `eventbridge(...)` events.
    AcceptsEventBridge,
    "`{Self}` cannot receive `eventbridge` events", "the handler's `events(eventbridge(...))` send another payload",
    "`eventbridge` events arrive as `aws_lambda_events::eventbridge::EventBridgeEvent`; take it, or `serde_json::Value`";
    /// Payloads that can receive `schedule_v2(...)` events (none of `aws_lambda_events`: the function receives
    /// the schedule's `input`).
    AcceptsScheduleV2,
    "`{Self}` cannot receive `schedule_v2` events", "the handler's `events(schedule_v2(...))` send another payload",
    "EventBridge Scheduler sends the schedule's `input` as written, not an EventBridge event; take `serde_json::Value` or a type of your own";
    /// Payloads that can receive `cloudwatch_logs(...)` events.
    AcceptsCloudWatchLogs,
    "`{Self}` cannot receive `cloudwatch_logs` events", "the handler's `events(cloudwatch_logs(...))` send another payload",
    "`cloudwatch_logs` events arrive as `aws_lambda_events::cloudwatch_logs::LogsEvent` (feature `cloudwatch_logs`); take it, or `serde_json::Value`";
    /// Payloads that can receive `iot_rule(...)` events (none of `aws_lambda_events`: the rule's `SELECT` shapes
    /// them).
    AcceptsIotRule,
    "`{Self}` cannot receive `iot_rule` events", "the handler's `events(iot_rule(...))` send another payload",
    "an IoT rule sends the JSON its `SELECT` makes; take `serde_json::Value` or a type of your own";
    /// Payloads that can receive `alexa_skill(...)` requests (none of `aws_lambda_events`).
    AcceptsAlexaSkill,
    "`{Self}` cannot receive `alexa_skill` requests", "the handler's `events(alexa_skill(...))` send another payload",
    "Alexa sends its own request envelope; take `serde_json::Value` or a type of your own";
    /// Payloads that can receive `msk(...)` and `self_managed_kafka(...)` events.
    AcceptsKafka,
    "`{Self}` cannot receive Kafka events", "the handler's `events(msk(...))` or `events(self_managed_kafka(...))` send another payload",
    "Kafka events arrive as `aws_lambda_events::kafka::KafkaEvent`; take it, or `serde_json::Value`";
    /// Payloads that can receive `mq(...)` events.
    AcceptsMq,
    "`{Self}` cannot receive `mq` events", "the handler's `events(mq(...))` send another payload",
    "`mq` events arrive as `aws_lambda_events::activemq::ActiveMqEvent` (ActiveMQ) or `aws_lambda_events::rabbitmq::RabbitMqEvent` (RabbitMQ); take one, or `serde_json::Value`";
    /// Payloads that can receive `document_db(...)` events.
    AcceptsDocumentDb,
    "`{Self}` cannot receive `document_db` events", "the handler's `events(document_db(...))` send another payload",
    "`document_db` events arrive as `aws_lambda_events::documentdb::DocumentDbEvent`; take it, or `serde_json::Value`";
    /// Payloads that can receive `cognito(...)` triggers.
    AcceptsCognito,
    "`{Self}` cannot receive `cognito` triggers", "the handler's `events(cognito(...))` send another payload",
    "Cognito triggers arrive as the `aws_lambda_events::cognito` event of each trigger (feature `cognito`); take it, or `serde_json::Value`";
    /// Payloads that can receive function URL requests.
    AcceptsFunctionUrl,
    "`{Self}` cannot receive function URL requests", "the handler's `function_url(...)` sends another payload",
    "function URL requests arrive as `aws_lambda_events::lambda_function_urls::LambdaFunctionUrlRequest`; take it, or `serde_json::Value`";
}

// The checks `#[cf_function]` emits, spanned on the handler's payload type; they do nothing at run time. Each
// takes the payload's `classify()`, so an `aws_lambda_events` type must accept the event and any other passes.
// Each gate lets any payload through but an `aws_lambda_events` one that does not accept the event. Written
// out (not generated) so a failed bound points at plain lines.
pub trait GateHttpApi {}
impl<T: ?Sized + AcceptsHttpApi> GateHttpApi for IsEvent<T> {}
impl GateHttpApi for NotEvent {}
pub fn accepts_http_api<G: GateHttpApi>(_: G) {}

pub trait GateApi {}
impl<T: ?Sized + AcceptsApi> GateApi for IsEvent<T> {}
impl GateApi for NotEvent {}
pub fn accepts_api<G: GateApi>(_: G) {}

pub trait GateSchedule {}
impl<T: ?Sized + AcceptsSchedule> GateSchedule for IsEvent<T> {}
impl GateSchedule for NotEvent {}
pub fn accepts_schedule<G: GateSchedule>(_: G) {}

pub trait GateS3 {}
impl<T: ?Sized + AcceptsS3> GateS3 for IsEvent<T> {}
impl GateS3 for NotEvent {}
pub fn accepts_s3<G: GateS3>(_: G) {}

pub trait GateSqs {}
impl<T: ?Sized + AcceptsSqs> GateSqs for IsEvent<T> {}
impl GateSqs for NotEvent {}
pub fn accepts_sqs<G: GateSqs>(_: G) {}

pub trait GateSns {}
impl<T: ?Sized + AcceptsSns> GateSns for IsEvent<T> {}
impl GateSns for NotEvent {}
pub fn accepts_sns<G: GateSns>(_: G) {}

pub trait GateDynamoDb {}
impl<T: ?Sized + AcceptsDynamoDb> GateDynamoDb for IsEvent<T> {}
impl GateDynamoDb for NotEvent {}
pub fn accepts_dynamodb<G: GateDynamoDb>(_: G) {}

pub trait GateKinesis {}
impl<T: ?Sized + AcceptsKinesis> GateKinesis for IsEvent<T> {}
impl GateKinesis for NotEvent {}
pub fn accepts_kinesis<G: GateKinesis>(_: G) {}

pub trait GateEventBridge {}
impl<T: ?Sized + AcceptsEventBridge> GateEventBridge for IsEvent<T> {}
impl GateEventBridge for NotEvent {}
pub fn accepts_eventbridge<G: GateEventBridge>(_: G) {}

pub trait GateScheduleV2 {}
impl<T: ?Sized + AcceptsScheduleV2> GateScheduleV2 for IsEvent<T> {}
impl GateScheduleV2 for NotEvent {}
pub fn accepts_schedule_v2<G: GateScheduleV2>(_: G) {}

pub trait GateCloudWatchLogs {}
impl<T: ?Sized + AcceptsCloudWatchLogs> GateCloudWatchLogs for IsEvent<T> {}
impl GateCloudWatchLogs for NotEvent {}
pub fn accepts_cloudwatch_logs<G: GateCloudWatchLogs>(_: G) {}

pub trait GateIotRule {}
impl<T: ?Sized + AcceptsIotRule> GateIotRule for IsEvent<T> {}
impl GateIotRule for NotEvent {}
pub fn accepts_iot_rule<G: GateIotRule>(_: G) {}

pub trait GateAlexaSkill {}
impl<T: ?Sized + AcceptsAlexaSkill> GateAlexaSkill for IsEvent<T> {}
impl GateAlexaSkill for NotEvent {}
pub fn accepts_alexa_skill<G: GateAlexaSkill>(_: G) {}

pub trait GateKafka {}
impl<T: ?Sized + AcceptsKafka> GateKafka for IsEvent<T> {}
impl GateKafka for NotEvent {}
pub fn accepts_kafka<G: GateKafka>(_: G) {}

pub trait GateMq {}
impl<T: ?Sized + AcceptsMq> GateMq for IsEvent<T> {}
impl GateMq for NotEvent {}
pub fn accepts_mq<G: GateMq>(_: G) {}

pub trait GateDocumentDb {}
impl<T: ?Sized + AcceptsDocumentDb> GateDocumentDb for IsEvent<T> {}
impl GateDocumentDb for NotEvent {}
pub fn accepts_document_db<G: GateDocumentDb>(_: G) {}

pub trait GateCognito {}
impl<T: ?Sized + AcceptsCognito> GateCognito for IsEvent<T> {}
impl GateCognito for NotEvent {}
pub fn accepts_cognito<G: GateCognito>(_: G) {}

pub trait GateFunctionUrl {}
impl<T: ?Sized + AcceptsFunctionUrl> GateFunctionUrl for IsEvent<T> {}
impl GateFunctionUrl for NotEvent {}
pub fn accepts_function_url<G: GateFunctionUrl>(_: G) {}

#[cfg(feature = "aws-lambda-events")]
mod events {
    use super::*;
    use aws_lambda_events::event as e;
    use serde::{Serialize, de::DeserializeOwned};

    macro_rules! known {
        ($($ty:ty),* $(,)?) => {$( impl KnownEvent for $ty {} )*};
    }
    known!(
        e::apigw::ApiGatewayProxyRequest,
        e::apigw::ApiGatewayV2httpRequest,
        e::apigw::ApiGatewayWebsocketProxyRequest,
        e::apigw::ApiGatewayCustomAuthorizerRequest,
        e::apigw::ApiGatewayCustomAuthorizerRequestTypeRequest,
        e::apigw::ApiGatewayV2CustomAuthorizerV1Request,
        e::apigw::ApiGatewayV2CustomAuthorizerV2Request,
        e::s3::S3Event,
        e::s3::batch_job::S3BatchJobEvent,
        e::sqs::SqsEvent,
        e::sqs::SqsApiEvent,
        e::sns::SnsEvent,
        e::dynamodb::Event,
        e::dynamodb::TimeWindowEvent,
        e::kinesis::KinesisEvent,
        e::kinesis::KinesisTimeWindowEvent,
        e::lambda_function_urls::LambdaFunctionUrlRequest,
    );
    impl<T: Serialize + DeserializeOwned> KnownEvent for e::cloudwatch_events::CloudWatchEvent<T> {}
    impl<T: Serialize + DeserializeOwned> KnownEvent for e::eventbridge::EventBridgeEvent<T> {}
    impl<P: Serialize + DeserializeOwned> KnownEvent for e::s3::object_lambda::S3ObjectLambdaEvent<P> {}

    #[diagnostic::do_not_recommend]
    impl AcceptsHttpApi for e::apigw::ApiGatewayV2httpRequest {}
    #[diagnostic::do_not_recommend]
    impl AcceptsApi for e::apigw::ApiGatewayProxyRequest {}
    #[diagnostic::do_not_recommend]
    impl AcceptsS3 for e::s3::S3Event {}
    #[diagnostic::do_not_recommend]
    impl AcceptsSqs for e::sqs::SqsEvent {}
    #[diagnostic::do_not_recommend]
    impl AcceptsSns for e::sns::SnsEvent {}
    #[diagnostic::do_not_recommend]
    impl AcceptsDynamoDb for e::dynamodb::Event {}
    // What a stream's handler receives with a `tumbling_window`.
    #[diagnostic::do_not_recommend]
    impl AcceptsDynamoDb for e::dynamodb::TimeWindowEvent {}
    #[diagnostic::do_not_recommend]
    impl AcceptsKinesis for e::kinesis::KinesisEvent {}
    #[diagnostic::do_not_recommend]
    impl AcceptsKinesis for e::kinesis::KinesisTimeWindowEvent {}
    #[diagnostic::do_not_recommend]
    impl AcceptsFunctionUrl for e::lambda_function_urls::LambdaFunctionUrlRequest {}
    #[diagnostic::do_not_recommend]
    impl<T: Serialize + DeserializeOwned> AcceptsSchedule for e::cloudwatch_events::CloudWatchEvent<T> {}
    impl<T: Serialize + DeserializeOwned> AcceptsEventBridge
        for e::cloudwatch_events::CloudWatchEvent<T>
    {
    }
    #[diagnostic::do_not_recommend]
    impl<T: Serialize + DeserializeOwned> AcceptsSchedule for e::eventbridge::EventBridgeEvent<T> {}
    #[diagnostic::do_not_recommend]
    impl<T: Serialize + DeserializeOwned> AcceptsEventBridge for e::eventbridge::EventBridgeEvent<T> {}
}

#[cfg(feature = "dispatch")]
pub use lambda_runtime;

/// Registers a handler for [`crate::dispatch`]; nothing at all without the `dispatch` feature.
#[cfg(feature = "dispatch")]
pub use crate::__dispatch_entry as dispatch_entry;

/// Registers a handler for `crate::dispatch`; nothing at all without the `dispatch` feature.
#[cfg(not(feature = "dispatch"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __no_dispatch_entry {
    ($($t:tt)*) => {};
}

/// `main!(..; dispatch = "bin")` without the `dispatch` feature would name a binary and handlers nothing serves:
/// a compile error on the `main!` call.
#[cfg(not(feature = "dispatch"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __dispatch_needs_feature {
    ($bin:literal) => {
        ::core::compile_error!(::core::concat!(
            "`dispatch = ",
            ::core::stringify!($bin),
            "` needs infra-core's `dispatch` feature: ",
            "`infra-core = { version = \"...\", features = [\"dispatch\"] }`"
        ));
    };
}
#[cfg(feature = "dispatch")]
#[macro_export]
#[doc(hidden)]
macro_rules! __dispatch_needs_feature {
    ($bin:literal) => {};
}
pub use crate::__dispatch_needs_feature as dispatch_needs_feature;

/// Defines `$name!(key, SPEC)`: `SPEC.contribute()` with infra-core's `$feature` on, else a compile error on
/// the key naming the feature (the shortcuts built on the typed model). `$d` is a `$`, for the inner macro.
macro_rules! typed_model_gate {
    ($d:tt $name:ident $feature:literal) => {
        #[cfg(feature = $feature)]
        #[macro_export]
        #[doc(hidden)]
        macro_rules! $name {
                            ($d key:literal, $d spec:expr) => {
                                $d spec.contribute()
                            };
                        }
        #[cfg(not(feature = $feature))]
        #[macro_export]
        #[doc(hidden)]
        macro_rules! $name {
                            ($d key:literal, $d spec:expr) => {{
                                ::core::compile_error!(::core::concat!(
                                    "`",
                                    $d key,
                                    "(..)` is built on the typed model and needs infra-core's `",
                                    $feature,
                                    "` feature: `infra-core = { version = \"...\", features = [\"",
                                    $feature,
                                    "\"] }`"
                                ));
                                $d crate::__private::Contribution::new()
                            }};
                        }
    };
}
// `vpc(..)` and `security_group(..)`; `ecs_cluster(..)` and `fargate_service(..)`; `ecr_repository(..)`;
// `codebuild_project(..)`; `pipeline(..)`. Generated code names them from the crate root (`::infra_core::__ec2_contribute!`).
typed_model_gate!($ __ec2_contribute "ec2");
typed_model_gate!($ __fargate_contribute "fargate");
typed_model_gate!($ __ecr_contribute "ecr");
typed_model_gate!($ __codebuild_contribute "codebuild");
typed_model_gate!($ __codepipeline_contribute "codepipeline");
#[cfg(not(feature = "dispatch"))]
pub use crate::__no_dispatch_entry as dispatch_entry;

/// Submits a fragment to the registry; nothing at all without the `registry` feature, so Lambda binaries
/// built without it carry no registration (the specs become dead code).
#[cfg(feature = "registry")]
#[macro_export]
#[doc(hidden)]
macro_rules! __register {
    ($fragment:expr) => {
        $crate::__private::inventory::submit! { $fragment }
    };
}
#[cfg(not(feature = "registry"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __register {
    ($fragment:expr) => {};
}
pub use crate::__register as register;
