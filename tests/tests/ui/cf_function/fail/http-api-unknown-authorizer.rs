use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(http_api(jwt(name = "Users", issuer = "https://issuer.example.com", audience("web"))))]
pub struct ShopApi;

// The API has no authorizer `Admins`, and no IAM authorizer.
#[cf_function(events(
    http_api(method = "GET", path = "/a", api = ShopApi, auth(authorizer = "Admins")),
    http_api(method = "GET", path = "/b", api = ShopApi, auth(iam)),
))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
