use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// The role SAM creates for the schedule may not decrypt with a customer managed key.
#[cf_function(events(schedule_v2("rate(1 hour)", kms_key = "arn:aws:kms:us-east-1:123456789012:key/1")))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
