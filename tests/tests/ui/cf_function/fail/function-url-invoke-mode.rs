use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// Lambda's modes are `BUFFERED` and `RESPONSE_STREAM`.
#[cf_function(function_url(auth = "iam", invoke_mode = "STREAM"))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
