use infra_core::cf_resources;

#[cf_resources(queue, name = "jobs-queue")]
pub struct Jobs;

fn main() {}
