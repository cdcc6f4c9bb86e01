use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// Settings of the version and alias SAM publishes, without `auto_publish_alias`.
#[cf_function(provisioned_concurrency = 2, auto_publish_code_sha256 = "abc", auto_publish_all_properties,
              version_deletion_policy = "Retain")]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
