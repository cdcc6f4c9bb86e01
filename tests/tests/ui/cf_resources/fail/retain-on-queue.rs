use infra_core::cf_resources;

#[cf_resources(queue, retain = false)]
pub struct Jobs;

fn main() {}
