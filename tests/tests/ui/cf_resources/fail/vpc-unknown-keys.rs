use infra_core::cf_resources;

#[cf_resources(vpc(cidr = "10.0.0.0/16", max_az = 2, subnets(protected(cidr_mask = 24), public(cidr_mask = 29))))]
pub struct AppVpc;

fn main() {}
