use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_function(events(http_api(method = "GET", path = "/a", name = "Read"), http_api(method = "GET", path = "/b", name = "Read")))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
