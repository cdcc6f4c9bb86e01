use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(table(partition = "id", stream = "NEW_IMAGE"))]
pub struct Files {
    pub id: String,
}

// A filter that is not JSON, one concurrent invocation, eleven batches per shard, and a stream option on a
// queue.
#[cf_function(events(
    sqs(queue = "Jobs", filters("{kind: order}"), max_concurrency = 1, bisect),
    dynamodb(table = Files, parallelization = 11),
))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
