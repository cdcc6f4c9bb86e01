use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// MQ authenticates with a user and password alone, a broker is an ARN, and a queue is required.
#[cf_function(events(mq(broker = "orders-broker", auth(sasl_scram_512 = "arn:aws:secretsmanager:us-east-1:1:secret:a"))))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
