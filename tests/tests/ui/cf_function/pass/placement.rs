//! Sync and async handlers, in nested modules and as associated functions, are all registered and unchanged.

use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

mod api {
    pub mod v1 {
        use super::super::*;

        #[cf_function(memory = 256)]
        pub fn sync_handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
            Ok(event.payload)
        }
    }
}

struct Handlers;

impl Handlers {
    #[cf_function(logical_id = "AssociatedFunction")]
    async fn associated(event: LambdaEvent<Value>) -> Result<Value, Error> {
        Ok(event.payload)
    }
}

#[cf_function]
async fn r#type(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {
    // The handlers are plain functions, callable as written.
    let event = LambdaEvent::new(Value::from(7), lambda_runtime::Context::default());
    assert_eq!(api::v1::sync_handler(event).unwrap(), Value::from(7));
    let _ = (Handlers::associated, r#type);
    let asm = infra_core::registry::collect(&infra_core::registry::Context::new("."));
    let ids: Vec<&String> = asm.template.resources.keys().collect();
    assert_eq!(ids, ["AssociatedFunction", "SyncHandlerFunction", "TypeFunction"]);
    assert!(asm.origins.values().all(|o| o.file.ends_with("placement.rs")));
}
