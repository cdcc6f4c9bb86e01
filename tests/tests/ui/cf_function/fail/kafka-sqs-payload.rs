use aws_lambda_events::sqs::SqsEvent;
use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};

#[cf_function(events(msk(cluster = "${Orders.Arn}", topic = "orders")))]
async fn handler(event: LambdaEvent<SqsEvent>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
