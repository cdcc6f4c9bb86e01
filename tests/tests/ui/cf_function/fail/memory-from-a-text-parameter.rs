use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(parameter(kind = "String", default = "512"))]
pub struct MemoryText;

// `memory` takes a number: a `String` parameter would fail the deploy.
#[cf_function(memory = MemoryText)]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
