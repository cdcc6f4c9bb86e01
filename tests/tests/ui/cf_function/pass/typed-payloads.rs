//! Handlers typed with `aws_lambda_events` payloads compile when the payload matches their events.

use aws_lambda_events::event::{apigw, cloudwatch_events, dynamodb, eventbridge, s3, sns, sqs};
use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};

#[cf_function(events(http_api(method = "GET", path = "/")))]
async fn http(_: LambdaEvent<apigw::ApiGatewayV2httpRequest>) -> Result<(), Error> {
    Ok(())
}

#[cf_function(events(api(method = "GET", path = "/rest")))]
async fn rest(_: LambdaEvent<apigw::ApiGatewayProxyRequest>) -> Result<(), Error> {
    Ok(())
}

#[cf_function(events(s3(bucket = "Uploads")))]
async fn uploaded(_: LambdaEvent<s3::S3Event>) -> Result<(), Error> {
    Ok(())
}

#[cf_function(events(sqs(queue = "Jobs"), sqs(queue = "MoreJobs")))]
async fn jobs(_: LambdaEvent<sqs::SqsEvent>) -> Result<(), Error> {
    Ok(())
}

#[cf_function(events(sns(topic = "Alerts")))]
async fn alerts(_: LambdaEvent<sns::SnsEvent>) -> Result<(), Error> {
    Ok(())
}

#[cf_function(events(dynamodb(table = "Files")))]
async fn changes(_: LambdaEvent<dynamodb::Event>) -> Result<(), Error> {
    Ok(())
}

#[cf_function(events(schedule("rate(1 day)"), eventbridge(pattern = "{\"source\": [\"aws.ec2\"]}")))]
async fn tick(_: LambdaEvent<eventbridge::EventBridgeEvent>) -> Result<(), Error> {
    Ok(())
}

#[cf_function(events(schedule("rate(2 hours)")))]
async fn legacy_tick(_: LambdaEvent<cloudwatch_events::CloudWatchEvent>) -> Result<(), Error> {
    Ok(())
}

fn main() {
    let _ = (http, rest, uploaded, jobs, alerts, changes, tick, legacy_tick);
    let t = infra_core::registry::collect(&infra_core::registry::Context::new(".")).template;
    // Eight functions, and the HTTP APIs' access log group.
    assert_eq!(t.resources.len(), 9);
    assert!(t.resources.contains_key(infra_core::model::function::HTTP_API_ACCESS_LOGS));
    let events = &t.resources["JobsFunction"].properties["Events"];
    assert_eq!(events.as_object().unwrap().keys().collect::<Vec<_>>(), ["Sqs1", "Sqs2"]);
}
