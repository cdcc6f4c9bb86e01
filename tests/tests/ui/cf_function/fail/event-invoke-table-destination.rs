use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(table(partition = "id"))]
pub struct Orders {
    pub id: String,
}

// A destination is a queue or a topic.
#[cf_function(event_invoke(on_failure = Orders))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
