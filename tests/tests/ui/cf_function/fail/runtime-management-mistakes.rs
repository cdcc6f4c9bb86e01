use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// A pinned runtime without its version, and a version Lambda would ignore.
#[cf_function(runtime_management(update = "Manual"))]
async fn pinned(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

#[cf_function(runtime_management(update = "Auto", version = "arn:aws:lambda:us-east-1::runtime:abc"))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
