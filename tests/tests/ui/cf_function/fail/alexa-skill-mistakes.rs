use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// Without a skill id any skill may invoke the function; and an id that is not a skill's.
#[cf_function(events(alexa_skill(), alexa_skill(name = "Other", skill_id = "my-skill")))]
async fn skill(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
