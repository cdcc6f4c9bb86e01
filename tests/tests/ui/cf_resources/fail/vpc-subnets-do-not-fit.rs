use infra_core::cf_resources;

// Four /20 subnets need a /18.
#[cf_resources(vpc(cidr = "10.0.0.0/20", subnets(public(cidr_mask = 20), private(cidr_mask = 20))))]
pub struct Small;

// A subnet cannot be larger than its VPC.
#[cf_resources(vpc(cidr = "10.0.0.0/20", subnets(public(cidr_mask = 16))))]
pub struct Inverted;

// No subnet group at all.
#[cf_resources(vpc(cidr = "10.0.0.0/16", subnets()))]
pub struct Empty;

fn main() {}
