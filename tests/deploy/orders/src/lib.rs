//! Two handlers, each deployed as a binary of its own (`bin = "..."`): `sam build` builds `create-order` and
//! `process`, and each function runs its own.

use aws_lambda_events::event::apigw::ApiGatewayV2httpRequest;
use aws_lambda_events::event::sqs::SqsEvent;
use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

/// The orders waiting to be processed.
#[cf_resources(queue)]
pub struct OrderQueue;

/// `POST /orders`: takes an order.
#[cf_function(bin = "create-order", architecture = "x86_64", writes(OrderQueue),
              events(http_api(method = "POST", path = "/orders")))]
pub async fn create_order(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<Value, Error> {
    let body = json!({"handler": "create_order", "path": event.payload.raw_path});
    Ok(json!({"statusCode": 201, "body": body.to_string()}))
}

/// Processes the queued orders.
#[cf_function(bin = "process", architecture = "x86_64", reads(OrderQueue),
              events(sqs(queue = OrderQueue)))]
pub async fn process(event: LambdaEvent<SqsEvent>) -> Result<Value, Error> {
    Ok(json!({"handler": "process", "records": event.payload.records.len()}))
}
