use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// SAM names both events' role policies alike: the deploy would fail.
#[cf_function(events(
    msk(cluster = "${Orders.Arn}", topic = "orders"),
    msk(name = "Refunds", cluster = "${Orders.Arn}", topic = "refunds"),
))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
