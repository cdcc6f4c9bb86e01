use infra_core::cf_resources;

#[cf_resources]
pub struct Network;

fn main() {}
