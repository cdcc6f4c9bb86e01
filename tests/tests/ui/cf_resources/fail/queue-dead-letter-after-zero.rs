use infra_core::cf_resources;

#[cf_resources(queue(dead_letter_after = 0))]
pub struct Jobs;

fn main() {}
