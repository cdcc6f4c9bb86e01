use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// A trigger Cognito does not have, a user pool given by ARN, and a pool without triggers.
#[cf_function(events(
    cognito(user_pool = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc", triggers("PreSignup")),
    cognito(name = "Other", user_pool = "Users"),
))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
