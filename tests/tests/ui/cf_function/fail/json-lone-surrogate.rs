use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_function(events(
    eventbridge(pattern = r#"{"detail": {"name": ["\ud800"]}}"#),
    schedule("rate(5 minutes)", input = r#"{"limit": 1e999}"#),
))]
async fn handler(event: LambdaEvent<Value>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
