use infra_core::cf_resources;

#[cf_resources(table(partition = "active"))]
pub struct Flags {
    pub active: bool,
}

fn main() {}
