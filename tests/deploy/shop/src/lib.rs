//! Two handlers served by one binary (the dispatch mode): `sam build` builds `shop` once, and each
//! function's `Handler` picks its handler.

use aws_lambda_events::event::apigw::ApiGatewayProxyRequest;
use aws_lambda_events::event::eventbridge::EventBridgeEvent;
use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

/// `PUT /items/{id}` on the REST API.
#[cf_function(architecture = "x86_64", events(api(method = "put", path = "/items/{id}")))]
pub async fn put_item(event: LambdaEvent<ApiGatewayProxyRequest>) -> Result<Value, Error> {
    let id = event.payload.path_parameters.get("id").cloned().unwrap_or_default();
    let body = json!({"handler": "put_item", "id": id});
    Ok(json!({"statusCode": 200, "body": body.to_string()}))
}

/// Every hour: expires old items.
#[cf_function(architecture = "x86_64", events(schedule("rate(1 hour)")))]
pub async fn expire(event: LambdaEvent<EventBridgeEvent<Value>>) -> Result<Value, Error> {
    Ok(json!({"handler": "expire", "source": event.payload.source}))
}

/// `GET /items` on the REST API: a plain `fn`, which the dispatch binary serves as it serves `async` ones.
#[cf_function(architecture = "x86_64", events(api(method = "get", path = "/items")))]
pub fn list_items(event: LambdaEvent<Value>) -> Result<Value, Error> {
    let _ = event;
    let body = json!({"handler": "list_items"});
    Ok(json!({"statusCode": 200, "body": body.to_string()}))
}
