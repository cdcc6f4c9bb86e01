use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// A name and `omit_name`; a role of one's own and a boundary for the role SAM would create; an end before the
// start.
#[cf_function(events(schedule_v2(
    "rate(1 hour)",
    schedule_name = "hourly",
    omit_name,
    role = "arn:aws:iam::123456789012:role/scheduler",
    permissions_boundary = "arn:aws:iam::123456789012:policy/boundary",
    start = "2031-01-01T00:00:00Z",
    end = "2030-01-01T00:00:00Z",
)))]
async fn report(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
