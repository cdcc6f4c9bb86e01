use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(queue)]
pub struct Jobs;

#[cf_function(auto_publish_alias = "live", deployment(strategy = "AllAtOnce", alarms(Jobs)))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
