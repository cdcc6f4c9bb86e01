use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// EFS without a VPC to reach it, mounted outside `/mnt`, and without its file system.
#[cf_function(file_system(access_point = "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1", mount = "/data"))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
