use infra_core::cf_resources;

#[cf_resources(queue, logical_id = "jobs-queue")]
pub struct Jobs;

fn main() {}
