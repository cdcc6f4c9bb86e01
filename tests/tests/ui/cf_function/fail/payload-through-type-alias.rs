use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};

// An alias hides the name, not the type: the check still sees an SQS payload.
type Request = aws_lambda_events::event::sqs::SqsEvent;

#[cf_function(events(http_api(method = "GET", path = "/")))]
async fn handler(event: LambdaEvent<Request>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
