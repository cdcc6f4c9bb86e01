use aws_lambda_events::eventbridge::EventBridgeEvent;
use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// EventBridge Scheduler sends the schedule's input, not an EventBridge event.
#[cf_function(events(schedule_v2("rate(1 hour)", input = "{\"job\": \"report\"}")))]
async fn report(event: LambdaEvent<EventBridgeEvent<Value>>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
