use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// Two inputs at once, a path that is not JSONPath, a transformer without its template, and a target id with a
// space.
#[cf_function(events(
    eventbridge(pattern = "{\"source\": [\"aws.s3\"]}", input = "{\"job\": 1}", input_path = "detail"),
    eventbridge(name = "Other", pattern = "{\"source\": [\"aws.ec2\"]}",
                input_transformer(paths(id = "$.detail.id")), target_id = "my target"),
))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
