//! `#[cf_resources(globals(..))]`: defaults every function and HTTP API of the template takes (SAM's `Globals`),
//! and functions that override or add to them. Its template is checked against the `Glob` golden file and by
//! aws-sam-translator + cfn-lint.
#![allow(dead_code)] // the handlers are registered, not called

use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

type Result = std::result::Result<Value, Error>;

/// Every function: 512 MB, 10 s, traced, JSON logs, retried once when invoked asynchronously, its role under
/// `/app/`; every HTTP and REST API: CORS for the shop, throttled (REST: traced, regional); every state machine:
/// its tags on what SAM creates with it.
#[cf_resources(globals(
    function(
        memory = 512,
        timeout = 10,
        tracing = "active",
        env(STAGE = "prod"),
        tags(team = "shop"),
        propagate_tags,
        logging(format = "JSON", application_level = "INFO"),
        event_invoke(max_retries = 1),
        role_path = "/app/",
        runtime_management(update = "FunctionUpdate")
    ),
    http_api(
        cors(allow_origins("https://shop.example.com"), allow_methods("GET")),
        throttling(burst = 50, rate = 20),
        tags(team = "shop")
    ),
    rest_api(
        cors(allow_origin = "https://shop.example.com", allow_methods("GET")),
        endpoint = "REGIONAL",
        throttling(burst = 20, rate = 10),
        tracing
    ),
    layer(publish_lambda_version),
    state_machine(propagate_tags)
))]
pub struct GlobDefaults;

/// Takes every default.
#[cf_function(
    bin = "glob-list",
    events(http_api(method = "GET", path = "/products"))
)]
async fn glob_list(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Overrides the memory and timeout, adds a variable; a method of the implicit REST API, which takes the REST
/// defaults.
#[cf_function(
    bin = "glob-report",
    memory = 2048,
    timeout = 60,
    env(REPORT = "daily"),
    events(api(method = "GET", path = "/report"))
)]
async fn glob_report(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// An API only this account may call, by its own resource policy.
#[cf_resources(rest_api(
    policy = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "execute-api:Invoke",
    "Resource": "execute-api:/*"}]}"#
))]
pub struct GlobInternalApi;

#[cf_function(
    bin = "glob-internal",
    events(api(method = "GET", path = "/internal", api = GlobInternalApi))
)]
async fn glob_internal(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

infra_core::main!(infra_tests);
