use infra_core::cf_resources;

// Two AZs hold at most two NAT gateways.
#[cf_resources(vpc(cidr = "10.0.0.0/16", max_azs = 2, nat_gateways = 3))]
pub struct AppVpc;

fn main() {}
