use infra_core::cf_resources;

#[cf_resources(bucket(cors(allowed_origins("*"), allowed_methods("PATCH"))))]
pub struct Uploads;

fn main() {}
