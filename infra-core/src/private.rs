//! Everything generated code names. Not public API: no semver guarantees.

pub use inventory;

pub use crate::model::function::{
    Architecture, Code, Cors, DeadLetter, Event, FunctionSpec, FunctionUrl, Policy, Tracing,
};
pub use crate::registry::{Context, Contribution, Fragment, Origin};

macro_rules! event_kinds {
    ($($(#[$doc:meta])* $trait:ident, $check:ident, $message:literal, $label:literal, $note:literal;)*) => {$(
        $(#[$doc])*
        #[diagnostic::on_unimplemented(message = $message, label = $label, note = $note)]
        pub trait $trait {}
        impl $trait for serde_json::Value {}
        /// Compile-time check emitted by `#[cf_function]`; does nothing.
        pub const fn $check<T: ?Sized + $trait>() {}
    )*};
}

event_kinds! {
    /// Payloads that can receive `http_api(...)` events.
    AcceptsHttpApi, accepts_http_api,
    "`{Self}` cannot receive `http_api` events", "the handler's `events(http_api(...))` send another payload",
    "`http_api` events arrive as `aws_lambda_events::apigw::ApiGatewayV2httpRequest`; take it, or `serde_json::Value`";
    /// Payloads that can receive `api(...)` events.
    AcceptsApi, accepts_api,
    "`{Self}` cannot receive `api` events", "the handler's `events(api(...))` send another payload",
    "`api` events arrive as `aws_lambda_events::apigw::ApiGatewayProxyRequest`; take it, or `serde_json::Value`";
    /// Payloads that can receive `schedule(...)` events.
    AcceptsSchedule, accepts_schedule,
    "`{Self}` cannot receive `schedule` events", "the handler's `events(schedule(...))` send another payload",
    "`schedule` events arrive as `aws_lambda_events::eventbridge::EventBridgeEvent`; take it, or `serde_json::Value`";
    /// Payloads that can receive `s3(...)` events.
    AcceptsS3, accepts_s3,
    "`{Self}` cannot receive `s3` events", "the handler's `events(s3(...))` send another payload",
    "`s3` events arrive as `aws_lambda_events::s3::S3Event`; take it, or `serde_json::Value`";
    /// Payloads that can receive `sqs(...)` events.
    AcceptsSqs, accepts_sqs,
    "`{Self}` cannot receive `sqs` events", "the handler's `events(sqs(...))` send another payload",
    "`sqs` events arrive as `aws_lambda_events::sqs::SqsEvent`; take it, or `serde_json::Value`";
    /// Payloads that can receive `sns(...)` events.
    AcceptsSns, accepts_sns,
    "`{Self}` cannot receive `sns` events", "the handler's `events(sns(...))` send another payload",
    "`sns` events arrive as `aws_lambda_events::sns::SnsEvent`; take it, or `serde_json::Value`";
    /// Payloads that can receive `dynamodb(...)` events.
    AcceptsDynamoDb, accepts_dynamodb,
    "`{Self}` cannot receive `dynamodb` events", "the handler's `events(dynamodb(...))` send another payload",
    "`dynamodb` events arrive as `aws_lambda_events::dynamodb::Event`; take it, or `serde_json::Value`";
    /// Payloads that can receive `eventbridge(...)` events.
    AcceptsEventBridge, accepts_eventbridge,
    "`{Self}` cannot receive `eventbridge` events", "the handler's `events(eventbridge(...))` send another payload",
    "`eventbridge` events arrive as `aws_lambda_events::eventbridge::EventBridgeEvent`; take it, or `serde_json::Value`";
    /// Payloads that can receive function URL requests.
    AcceptsFunctionUrl, accepts_function_url,
    "`{Self}` cannot receive function URL requests", "the handler's `function_url(...)` sends another payload",
    "function URL requests arrive as `aws_lambda_events::lambda_function_urls::LambdaFunctionUrlRequest`; take it, or `serde_json::Value`";
}

#[cfg(feature = "aws-lambda-events")]
mod events {
    use super::*;
    use aws_lambda_events::event as e;
    use serde::{Serialize, de::DeserializeOwned};

    impl AcceptsHttpApi for e::apigw::ApiGatewayV2httpRequest {}
    impl AcceptsApi for e::apigw::ApiGatewayProxyRequest {}
    impl AcceptsS3 for e::s3::S3Event {}
    impl AcceptsSqs for e::sqs::SqsEvent {}
    impl AcceptsSns for e::sns::SnsEvent {}
    impl AcceptsDynamoDb for e::dynamodb::Event {}
    impl AcceptsFunctionUrl for e::lambda_function_urls::LambdaFunctionUrlRequest {}
    impl<T: Serialize + DeserializeOwned> AcceptsSchedule for e::cloudwatch_events::CloudWatchEvent<T> {}
    impl<T: Serialize + DeserializeOwned> AcceptsEventBridge
        for e::cloudwatch_events::CloudWatchEvent<T>
    {
    }
    impl<T: Serialize + DeserializeOwned> AcceptsSchedule for e::eventbridge::EventBridgeEvent<T> {}
    impl<T: Serialize + DeserializeOwned> AcceptsEventBridge for e::eventbridge::EventBridgeEvent<T> {}
}
