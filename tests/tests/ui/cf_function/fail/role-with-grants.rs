use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// With a role of its own SAM creates none, so nothing can be added to it.
#[cf_function(role = "arn:aws:iam::123456789012:role/app", policies("AWSXrayWriteOnlyAccess"),
              permissions_boundary = "arn:aws:iam::123456789012:policy/boundary", role_path = "/app/")]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
