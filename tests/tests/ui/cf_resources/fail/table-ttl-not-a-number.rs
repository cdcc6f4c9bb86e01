use infra_core::cf_resources;

#[cf_resources(table(partition = "id", ttl = "expires"))]
pub struct Files {
    pub id: String,
    pub expires: String,
}

fn main() {}
