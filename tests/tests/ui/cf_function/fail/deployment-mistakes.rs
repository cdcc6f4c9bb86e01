use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(queue)]
pub struct Jobs;

// A deployment shifts traffic between versions of the alias: without one there is nothing to shift. A
// strategy CodeDeploy does not have, a hook given as a string, and an event CodeDeploy does not send.
#[cf_function(deployment(strategy = "Canary50Percent", pre_traffic = "CheckFunction",
                         notify(topic = Jobs, events("DeploymentFailed"))))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
