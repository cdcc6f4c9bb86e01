use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(parameter(kind = "String", no_echo))]
pub struct DbPassword;

#[cf_function(env(DB_PASSWORD = DbPassword))]
async fn handler(event: LambdaEvent<Value>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
