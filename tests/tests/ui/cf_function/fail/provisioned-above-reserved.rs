use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// More warm instances than the function may run.
#[cf_function(auto_publish_alias = "live", reserved_concurrency = 5, provisioned_concurrency = 10)]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
