use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// A date that does not exist, a window past Scheduler's 24 hours, a start without its UTC mark, a time zone
// that is not a name, a state EventBridge Scheduler does not have, and a schedule name with a space.
#[cf_function(events(
    schedule_v2("at(2030-02-30T09:00:00)", flexible_window = 1500, start = "2030-01-01T00:00:00"),
    schedule_v2("rate(1 day)", name = "Daily", timezone = "Paris time", state = "PAUSED",
                schedule_name = "daily report"),
))]
async fn report(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
