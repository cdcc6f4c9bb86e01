use infra_core::cf_resources;

// Private subnets with no NAT gateway have no way out: that is `isolated`.
#[cf_resources(vpc(cidr = "10.0.0.0/16", nat_gateways = 0, subnets(public(cidr_mask = 24), private(cidr_mask = 24))))]
pub struct NoWayOut;

// A NAT gateway needs a public subnet to live in.
#[cf_resources(vpc(cidr = "10.0.0.0/16", nat_gateways = 1, subnets(private(cidr_mask = 24))))]
pub struct NowhereToLive;

fn main() {}
