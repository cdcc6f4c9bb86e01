use infra_core::cf_resources;

#[cf_resources(bucket(cors(allowed_methods("GET"))))]
pub struct Uploads;

fn main() {}
