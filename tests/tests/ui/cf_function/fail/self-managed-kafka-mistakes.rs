use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// A server without its port, two ways to authenticate, and a cluster reached by neither auth nor VPC.
#[cf_function(events(
    self_managed_kafka(servers("broker1.example.com"), topic = "orders",
                       auth(basic = "arn:aws:secretsmanager:us-east-1:123456789012:secret:a", iam)),
    self_managed_kafka(name = "Other", servers("broker1.example.com:9092"), topic = "orders"),
))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
