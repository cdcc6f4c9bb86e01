use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// A one-letter topic, a timestamp start without its time, pollers the wrong way round, a metric MSK does not
// have, and a registry without provisioned pollers (on a second event).
#[cf_function(events(
    msk(cluster = "arn:aws:kafka:us-east-1:123456789012:cluster/c/1", topic = "t",
        starting_position = "AT_TIMESTAMP", provisioned_pollers(min = 10, max = 2), metrics("KafkaMetric")),
    msk(name = "Other", cluster = "${Orders.Arn}", topic = "orders",
        schema_registry(uri = "https://registry.example.com", format = "JSON", validate("VALUE"))),
))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
