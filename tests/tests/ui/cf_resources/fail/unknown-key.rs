use infra_core::cf_resources;

#[cf_resources(tabel(partition = "id"))]
pub struct Files {
    pub id: String,
}

fn main() {}
