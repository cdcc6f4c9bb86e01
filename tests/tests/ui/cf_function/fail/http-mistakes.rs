use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_function(
    function_url(auth = "none", cors(allow_methods("GET", "FETCH"))),
    events(
        api(method = "GET", path = "/items", cors = "*"),
        api(method = "get", path = "/items", name = "Again"),
    ),
)]
async fn handler(event: LambdaEvent<Value>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
