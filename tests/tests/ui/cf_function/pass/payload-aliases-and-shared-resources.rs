// A payload behind a type alias is checked as the type it names; a user's own payload type is trusted; a
// resource read and written, even through two paths to one type, injects its variable once.
use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};

type Request = aws_lambda_events::event::apigw::ApiGatewayV2httpRequest;

pub struct Mine;

mod tables {
    #[infra_core::cf_resources(table(partition = "id"))]
    pub struct Files {
        pub id: String,
    }
}
use tables::Files;

#[cf_resources(bucket)]
pub struct Uploads;

#[cf_function(events(http_api(method = "GET", path = "/")), reads(Files, Uploads), writes(tables::Files))]
async fn aliased(event: LambdaEvent<Request>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

#[cf_function(events(http_api(method = "POST", path = "/"), s3(bucket = Uploads)), env(UPLOADS = "x"))]
async fn own(event: LambdaEvent<Mine>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
