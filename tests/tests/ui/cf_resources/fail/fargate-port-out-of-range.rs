use infra_core::cf_resources;

#[cf_resources(vpc(cidr = "10.0.0.0/16"))]
pub struct Net;

#[cf_resources(security_group(vpc = Net))]
pub struct WebSg;

#[cf_resources(ecs_cluster(vpc = Net))]
pub struct Cluster;

// A container port and a listener port are 1 to 65535.
#[cf_resources(fargate_service(cluster = Cluster, image = "nginx:1.27", port = 70000, security_group = WebSg,
                               load_balancer(internal, listen = 0, security_group = WebSg)))]
pub struct Web;

fn main() {}
