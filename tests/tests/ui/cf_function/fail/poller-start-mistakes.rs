use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// A table's stream has no `AT_TIMESTAMP`, a timestamp needs it, and a queue offers no Kafka metrics.
#[cf_function(events(
    dynamodb(table = "Files", starting_position = "AT_TIMESTAMP"),
    kinesis(stream = "Clicks", starting_timestamp = 1700000000),
    sqs(queue = "Jobs", metrics("KafkaMetrics")),
))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
