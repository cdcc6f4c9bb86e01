use infra_core::cf_resources;

// A layer without its content, a name with a space, and an architecture Lambda does not have.
#[cf_resources(layer(name = "shared libs", architectures("arm")))]
pub struct Shared;

// Content outside the package.
#[cf_resources(layer(content = "../elsewhere"))]
pub struct Outside;

fn main() {}
