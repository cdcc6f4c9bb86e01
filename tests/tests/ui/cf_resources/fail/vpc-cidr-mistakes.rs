use infra_core::cf_resources;

#[cf_resources(vpc(cidr = "10.0.1.0/16"))]
pub struct HostBits;

#[cf_resources(vpc(cidr = "10.0.0.0/8"))]
pub struct TooLarge;

#[cf_resources(vpc(cidr = "10.0.0.0"))]
pub struct NoPrefix;

#[cf_resources(vpc(max_azs = 2))]
pub struct NoCidr;

fn main() {}
