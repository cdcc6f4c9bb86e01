use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_function(events(http_api(method = "GET", path = "/"), schedule("rate(1 hour)")))]
async fn handler(
    event: LambdaEvent<aws_lambda_events::event::apigw::ApiGatewayV2httpRequest>,
) -> Result<Value, Error> {
    let _ = event;
    Ok(Value::Null)
}

fn main() {}
