use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(table(partition = "id", stream = "NEW_IMAGE"))]
pub struct Files {
    pub id: String,
}

// A stream's failures go to a queue or a topic, not back to a table.
#[cf_function(events(dynamodb(table = Files, on_failure = Files)))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
