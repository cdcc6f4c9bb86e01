use infra_core::cf_resources;

#[cf_resources(table(partition = "id"))]
pub struct Files;

fn main() {}
