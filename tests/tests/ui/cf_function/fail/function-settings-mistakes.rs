use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// SnapStart on provided.al2023, a version description without a published version, log levels on text logs,
// a log group beside the one `log_retention` creates, a name with a space, and a recursion mode Lambda lacks.
#[cf_function(
    snap_start,
    version_description = "first",
    logging(format = "Text", application_level = "INFO", log_group = "/app/x"),
    log_retention = 7,
    function_name = "orders api",
    recursive_loop = "Stop"
)]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {}
