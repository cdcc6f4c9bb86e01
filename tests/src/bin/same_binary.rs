//! Two handlers, one package, no `bin`: both functions would deploy the package's one binary. The generator
//! refuses it.
#![allow(dead_code)] // the handlers are registered, not called

use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_function(events(http_api(method = "POST", path = "/orders")))]
async fn create_order(e: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(e.payload)
}

#[cf_function(events(sqs(queue = "arn:aws:sqs:us-east-1:123456789012:orders")))]
async fn process(e: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(e.payload)
}

/// Its own binary: not part of the refusal.
#[cf_function(bin = "report")]
async fn report(e: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(e.payload)
}

infra_core::main!(infra_tests);
