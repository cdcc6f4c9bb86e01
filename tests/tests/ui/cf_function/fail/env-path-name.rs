use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_function(env(config::STAGE = "prod"))]
async fn handler(event: LambdaEvent<Value>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
