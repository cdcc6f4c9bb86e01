use infra_core::cf_resources;

#[cf_resources(bucket, queue)]
pub struct Uploads;

fn main() {}
