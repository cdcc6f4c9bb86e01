use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

pub trait Handles {
    async fn handle(event: LambdaEvent<Value>) -> Result<(), Error>;
}

pub struct Orders;

impl Handles for Orders {
    #[cf_function(memory = 512)]
    async fn handle(event: LambdaEvent<Value>) -> Result<(), Error> {
        let _ = event;
        Ok(())
    }
}

fn main() {}
