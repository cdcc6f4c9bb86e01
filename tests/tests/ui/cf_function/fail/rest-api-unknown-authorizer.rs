use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(rest_api(cognito(name = "Shoppers", user_pool = "Users")))]
pub struct StoreApi;

// The API has no authorizer `Admins`; and the implicit API has none at all.
#[cf_function(events(
    api(method = "GET", path = "/a", api = StoreApi, auth(authorizer = "Admins")),
))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

#[cf_function(events(api(method = "GET", path = "/b", auth(authorizer = "Admins"))))]
async fn other(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
