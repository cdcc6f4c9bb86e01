use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// A method without its path, an authorizer on the implicit API (which has none), a timeout past API Gateway's
// 30 s, both `none` and an authorizer, and throttling without its rate.
#[cf_function(events(
    http_api(method = "GET"),
    http_api(name = "Other", method = "GET", path = "/b", auth(authorizer = "Users"), timeout = 60000),
    http_api(name = "Third", method = "GET", path = "/c", auth(none, authorizer = "Users"), throttling(burst = 5)),
))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
