use infra_core::cf_resources;

#[cf_resources(vpc(cidr = "10.0.0.0/16"))]
pub struct Net;

#[cf_resources(security_group(
    vpc = Net,
    ingress(from = "10.0.0.1/16", port = 80),
    ingress(from = "0.0.0.0/0", port = 70000),
    ingress(from = "0.0.0.0/0", ports(8100, 8000)),
    ingress(from = "0.0.0.0/0"),
    ingress(from = "0.0.0.0/0", protocol = "all", port = 22),
    ingress(port = 443),
    egress(to = "0.0.0.0/0", protocol = "tpc", port = 443),
))]
pub struct Web;

#[cf_resources(security_group(ingress(from = "0.0.0.0/0", port = 443)))]
pub struct NoVpc;

fn main() {}
