use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(vpc(cidr = "10.0.0.0/16"))]
pub struct AppVpc;

#[cf_resources(vpc(cidr = "10.1.0.0/16"))]
pub struct OtherVpc;

#[cf_resources(security_group(vpc = OtherVpc, description = "elsewhere"))]
pub struct OtherSg;

#[cf_function(vpc(network = AppVpc, security_groups(OtherSg)))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
