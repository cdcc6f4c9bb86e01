use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// Lambda adds layers to zip functions alone, and does not update an image's runtime.
#[cf_function(image = "model", layers("arn:aws:lambda:us-east-1:123456789012:layer:libs:1"),
              runtime_management(update = "FunctionUpdate"))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
