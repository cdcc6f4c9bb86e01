use infra_core::cf_resources;

#[cf_resources(queue)]
fn jobs() {}

fn main() {}
