use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(topic)]
pub struct Alerts;

// A topic delivers through a queue, not through another topic.
#[cf_function(events(sns(topic = Alerts, sqs_subscription(queue = Alerts))))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
