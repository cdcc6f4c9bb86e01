use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// A database name with a dot, a system collection, a full-document mode DocumentDB does not have, and no
// credentials.
#[cf_function(events(document_db(cluster = "arn:aws:rds:us-east-1:123456789012:cluster:shop", database = "shop.v2",
                                 collection = "system.users", full_document = "Full")))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
