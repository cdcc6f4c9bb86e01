use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

/// Public and private subnets only.
#[cf_resources(vpc(cidr = "10.0.0.0/16"))]
pub struct AppVpc;

#[cf_resources(security_group(vpc = AppVpc, description = "the function"))]
pub struct FunctionSg;

#[cf_function(vpc(network = AppVpc, subnets = "isolated", security_groups(FunctionSg)))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
