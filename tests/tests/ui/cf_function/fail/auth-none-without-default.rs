use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(http_api(jwt(name = "Users", issuer = "https://issuer.example.com", audience("web"))))]
pub struct OpenApi;

// `auth(none)` exempts a route from a default authorizer: this API has none, and neither has the implicit one.
#[cf_function(events(http_api(method = "GET", path = "/a", api = OpenApi, auth(none))))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

#[cf_function(events(http_api(method = "GET", path = "/b", auth(none))))]
async fn other(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
