use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// A subscription without its filter pattern, and one on a log group given as a type-less number.
#[cf_function(events(
    cloudwatch_logs(log_group = "/app/orders"),
    cloudwatch_logs(name = "Other", log_group = 7, filter = "ERROR"),
))]
async fn errors(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
