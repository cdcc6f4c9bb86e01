use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(topic)]
pub struct Alerts;

#[cf_function(reads(Alerts))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
