use infra_core::cf_resources;

#[cf_resources(table(partition = "id", stream = "NEW_IMAGES"))]
pub struct Files {
    pub id: String,
}

fn main() {}
