use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(rest_api(models(Order = "{\"type\": \"object\"}")))]
pub struct StoreApi;

// The API has no model `Refund`.
#[cf_function(events(api(method = "POST", path = "/refunds", api = StoreApi,
                         request_model(model = "Refund", validate_body))))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
