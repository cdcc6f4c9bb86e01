use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(queue)]
pub struct Jobs;

// Credentials live in a secret.
#[cf_function(events(msk(cluster = "${Orders.Arn}", topic = "orders", auth(sasl_scram_512 = Jobs),
                         secrets_kms_key = "1abc23d4-567f-8ab9-cde0-1fab234c5d67")))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
