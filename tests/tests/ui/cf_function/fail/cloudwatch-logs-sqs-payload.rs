use aws_lambda_events::sqs::SqsEvent;
use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};

#[cf_function(events(cloudwatch_logs(log_group = "/app/orders", filter = "ERROR")))]
async fn errors(event: LambdaEvent<SqsEvent>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
