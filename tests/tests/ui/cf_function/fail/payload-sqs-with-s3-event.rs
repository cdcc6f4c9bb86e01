use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};

#[cf_function(events(s3(bucket = "Uploads")))]
async fn handler(event: LambdaEvent<aws_lambda_events::event::sqs::SqsEvent>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
