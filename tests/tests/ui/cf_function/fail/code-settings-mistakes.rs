use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// An image's configuration on a zip function.
#[cf_function(bin = "zip", image_config(working_directory = "app"))]
async fn zipped(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

// A zip's code key on an image function.
#[cf_function(image = "model", source_kms_key = "arn:aws:kms:us-east-1:123456789012:key/1")]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
