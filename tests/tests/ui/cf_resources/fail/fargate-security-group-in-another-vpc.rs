use infra_core::cf_resources;

#[cf_resources(vpc(cidr = "10.0.0.0/16"))]
pub struct Net;

#[cf_resources(vpc(cidr = "10.1.0.0/16"))]
pub struct Other;

#[cf_resources(security_group(vpc = Other))]
pub struct ElsewhereSg;

#[cf_resources(security_group(vpc = Net))]
pub struct LbSg;

#[cf_resources(ecs_cluster(vpc = Net))]
pub struct Cluster;

// A group applies only in its own VPC: the tasks' group is in another than the cluster's.
#[cf_resources(fargate_service(cluster = Cluster, image = "nginx:1.27", port = 80, security_group = ElsewhereSg,
                               load_balancer(internal, security_group = LbSg)))]
pub struct Web;

fn main() {}
