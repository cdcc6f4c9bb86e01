use infra_core::cf_resources;

#[cf_resources(table(
    partition = "id",
    sort = "id",
    gsi(name = "by owner!", partition = "owner"),
    gsi(name = "ByOwner", partition = "owner", sort = "owner"),
    gsi(name = "ByOwner", partition = "owner"),
))]
pub struct Files {
    pub id: String,
    pub owner: String,
}

fn main() {}
