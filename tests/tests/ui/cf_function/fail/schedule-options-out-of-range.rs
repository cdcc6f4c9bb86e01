use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// Both `enabled` and `state`, a state EventBridge does not have, a rule name with a space, and retries past
// EventBridge's bounds.
#[cf_function(events(
    schedule("rate(1 hour)", enabled = true, state = "DISABLED", rule_name = "hourly sweep"),
    schedule("rate(1 day)", name = "Daily", state = "PAUSED", retry(attempts = 200, max_age = 30),
             dead_letter = 1),
))]
async fn sweep(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
