use infra_core::cf_resources;

#[cf_resources(table(partition = "id", billing = "on_demand"))]
pub struct Files {
    pub id: String,
}

fn main() {}
