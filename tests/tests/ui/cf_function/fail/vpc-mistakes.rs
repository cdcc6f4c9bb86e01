use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(vpc(cidr = "10.0.0.0/16"))]
pub struct AppVpc;

// Public subnets give a function no way out; and a function in a VPC needs a security group.
#[cf_function(vpc(network = AppVpc, subnets = "public"))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
