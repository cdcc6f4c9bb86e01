use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// A parameter is named by where it is: `method.request.header.<name>`, `..querystring.<name>` or `..path.<name>`.
#[cf_function(events(api(method = "POST", path = "/refunds", request_parameters(required("X-Id")))))]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
