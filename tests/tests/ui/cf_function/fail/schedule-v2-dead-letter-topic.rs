use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(topic)]
pub struct Missed;

// A schedule's dead-letter target is a queue.
#[cf_function(events(schedule_v2("rate(1 hour)", dead_letter = Missed)))]
async fn report(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
