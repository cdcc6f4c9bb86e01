use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// A role Lambda cannot assume, and a principal that is not a service.
#[cf_function(assume_role(services("edgelambda.amazonaws.com", "root")))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
