use infra_core::cf_resources;

pub struct Orders;

#[cf_resources(bucket)]
impl Orders {}

#[cf_resources(bucket)]
pub trait Store {}

#[cf_resources(bucket)]
mod storage {}

#[cf_resources(bucket)]
const LIMIT: u32 = 1;

#[cf_resources(bucket)]
static NAME: &str = "x";

#[cf_resources(bucket)]
type Alias = Orders;

#[cf_resources(table(partition = "id"))]
pub union Record {
    id: u32,
}

fn main() {}
