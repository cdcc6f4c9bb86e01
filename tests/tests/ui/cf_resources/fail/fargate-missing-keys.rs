use infra_core::cf_resources;

#[cf_resources(vpc(cidr = "10.0.0.0/16"))]
pub struct Net;

#[cf_resources(security_group(vpc = Net))]
pub struct WebSg;

// Every missing key at once; a load balancer needs its scheme and its group.
#[cf_resources(fargate_service(port = 80, load_balancer(health_check = "health")))]
pub struct Web;

fn main() {}
