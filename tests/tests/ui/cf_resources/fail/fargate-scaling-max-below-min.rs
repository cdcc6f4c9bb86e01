use infra_core::cf_resources;

#[cf_resources(vpc(cidr = "10.0.0.0/16"))]
pub struct Net;

#[cf_resources(security_group(vpc = Net))]
pub struct WebSg;

#[cf_resources(ecs_cluster(vpc = Net))]
pub struct Cluster;

// Scaling runs between `min` and `max`: a `max` below `min` and a `max` of zero are refused on the token, and
// scaling needs what it tracks.
#[cf_resources(fargate_service(cluster = Cluster, image = "nginx:1.27", port = 80, security_group = WebSg,
                               scaling(min = 4, max = 2, cpu_target = 70)))]
pub struct Web;

#[cf_resources(fargate_service(cluster = Cluster, image = "nginx:1.27", port = 80, security_group = WebSg,
                               scaling(min = 0, max = 0, memory_target = 70)))]
pub struct Idle;

#[cf_resources(fargate_service(cluster = Cluster, image = "nginx:1.27", port = 80, security_group = WebSg,
                               scaling(max = 3)))]
pub struct Untracked;

fn main() {}
