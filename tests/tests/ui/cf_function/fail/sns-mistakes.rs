use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// A scope without a policy, a region that is not one, a batch past SQS's 10, and a subscription without its queue.
#[cf_function(events(
    sns(topic = "Alerts", filter_scope = "MessageBody", region = "Ireland"),
    sns(name = "Other", topic = "Alerts", sqs_subscription(batch_size = 20)),
))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
