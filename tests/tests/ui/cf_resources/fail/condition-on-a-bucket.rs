use infra_core::cf_resources;

#[cf_resources(bucket)]
pub struct Uploads;

#[cf_resources(condition(equals(Uploads, "x")))]
pub struct HasUploads;

fn main() {}
