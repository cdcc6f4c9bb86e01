use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// An image built elsewhere and a zip binary are two kinds of code.
#[cf_function(bin = "worker", image_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:1")]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
