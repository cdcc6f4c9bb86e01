use infra_core::cf_resources;

#[cf_resources(table(sort = "created"))]
pub struct Files {
    pub id: String,
    pub created: u64,
}

fn main() {}
