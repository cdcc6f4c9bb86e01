use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(table(partition = "id"))]
pub struct FileRecord {
    pub id: String,
}

#[cf_function(reads(FileRecrod))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
