use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// MSK's SCRAM secrets are encrypted with a customer managed key, which the poller must be let decrypt with; and
// SAM builds the key's ARN from its id, so an ARN is refused.
#[cf_function(events(msk(cluster = "${Orders.Arn}", topic = "orders",
                         auth(sasl_scram_512 = "arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_a"))))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

#[cf_function(events(mq(broker = "${Broker.Arn}", queue = "orders",
                        auth(basic = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mq"),
                        secrets_kms_key = "arn:aws:kms:us-east-1:123456789012:key/1")))]
async fn other(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
