use infra_core::cf_resources;

#[cf_resources(table(partition = "ID"))]
pub struct Files {
    pub id: String,
    pub size: u64,
}

fn main() {}
