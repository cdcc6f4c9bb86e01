use infra_core::cf_resources;

#[cf_resources(parameter(kind = "Strin"))]
pub struct Stage;

#[cf_resources(parameter(kind = "String", default = "maybe", allowed_values("true", "false")))]
pub struct StoreOnLoad;

#[cf_resources(parameter(kind = "String", no_echo, default = "hunter2"))]
pub struct DbPassword;

fn main() {}
