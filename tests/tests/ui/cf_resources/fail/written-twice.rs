use infra_core::cf_resources;

#[cf_resources(bucket)]
#[cf_resources(bucket(versioning))]
pub struct Uploads;

fn main() {}
