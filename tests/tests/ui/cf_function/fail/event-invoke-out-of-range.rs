use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// Lambda retries an asynchronous invocation at most twice, and keeps it 60 s to 6 h.
#[cf_function(event_invoke(max_retries = 3, max_age = 30, on_success = "arn:aws:sqs:us-east-1:123456789012:done"))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
