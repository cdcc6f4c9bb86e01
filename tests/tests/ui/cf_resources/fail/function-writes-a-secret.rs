use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(secret)]
pub struct ApiToken;

#[cf_resources(secret(length = 4))]
pub struct TooShort;

#[cf_function(writes(ApiToken))]
async fn handler(event: LambdaEvent<Value>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
