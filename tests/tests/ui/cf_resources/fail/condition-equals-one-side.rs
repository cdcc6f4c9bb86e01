use infra_core::cf_resources;

#[cf_resources(parameter(kind = "String"))]
pub struct Stage;

#[cf_resources(condition(equals(Stage)))]
pub struct IsProd;

fn main() {}
