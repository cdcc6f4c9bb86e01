use infra_core::cf_resources;

#[cf_resources(parameter(kind = "String"), output = "StageValue")]
pub struct Stage;

fn main() {}
