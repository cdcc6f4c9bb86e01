use infra_core::cf_resources;

#[cf_resources(vpc(cidr = "10.0.0.0/16"))]
pub struct Net;

#[cf_resources(security_group(vpc = Net))]
pub struct WebSg;

#[cf_resources(ecs_cluster(vpc = Net))]
pub struct Cluster;

// Fargate offers fixed CPU sizes, each with its own memory range.
#[cf_resources(fargate_service(cluster = Cluster, image = "nginx:1.27", port = 80, security_group = WebSg,
                               cpu = 768, memory = 2048))]
pub struct Odd;

#[cf_resources(fargate_service(cluster = Cluster, image = "nginx:1.27", port = 80, security_group = WebSg,
                               cpu = 1024, memory = 512))]
pub struct Starved;

#[cf_resources(fargate_service(cluster = Cluster, image = "nginx:1.27", port = 80, security_group = WebSg,
                               cpu = 2048))]
pub struct Unsized;

fn main() {}
