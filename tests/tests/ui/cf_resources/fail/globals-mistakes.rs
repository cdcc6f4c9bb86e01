use infra_core::cf_resources;

// A function's binary is its own, memory has a floor, and a stage belongs to one API.
#[cf_resources(globals(
    function(bin = "app", memory = 64),
    http_api(stage = "prod"),
))]
pub struct Defaults;

fn main() {}
