use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// A query that is not `SELECT ... FROM`, an SQL version AWS IoT does not have, and a rule without a query.
#[cf_function(events(
    iot_rule(sql = "sensors/+/readings", sql_version = "2016"),
    iot_rule(name = "Other"),
))]
async fn readings(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
