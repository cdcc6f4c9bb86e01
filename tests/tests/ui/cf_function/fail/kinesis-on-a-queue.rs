use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(queue)]
pub struct Jobs;

#[cf_resources(kinesis_stream(shards = 0, retention = 12))]
pub struct Clicks;

// A queue is polled with `sqs(..)`, not `kinesis(..)`; a stream has at least one shard and keeps a day.
#[cf_function(events(kinesis(stream = Jobs, starting_position = "LATEST")))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
