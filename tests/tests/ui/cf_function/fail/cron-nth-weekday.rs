use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_function(events(schedule("cron(0 12 ? * MON#9 *)")))]
async fn handler(event: LambdaEvent<Value>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
