use infra_core::cf_resources;

// Private subnets only: nothing there is reachable from the internet.
#[cf_resources(vpc(cidr = "10.0.0.0/16", nat_gateways = 0, subnets(isolated(cidr_mask = 20))))]
pub struct Net;

#[cf_resources(security_group(vpc = Net))]
pub struct WebSg;

#[cf_resources(ecs_cluster(vpc = Net))]
pub struct Cluster;

#[cf_resources(fargate_service(cluster = Cluster, image = "nginx:1.27", port = 80, security_group = WebSg,
                               subnets = "public",
                               load_balancer(internet_facing, security_group = WebSg)))]
pub struct Web;

fn main() {}
