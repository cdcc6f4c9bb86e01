//! The Lambda `bootstrap`: runs the `predict` handler with `lambda_runtime`.

use lambda_runtime::{Error, service_fn};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(ml_discovery::predict)).await
}
