use infra_core::cf_resources;

#[cf_resources(vpc(cidr = "10.0.0.0/16"))]
pub struct Net;

#[cf_resources(security_group(vpc = Net))]
pub struct WebSg;

#[cf_resources(queue)]
pub struct Jobs;

#[cf_resources(parameter(kind = "Number"))]
pub struct Replicas;

// A VPC is not a cluster, a queue not a secret, a number parameter not an image, and a cluster's VPC is a VPC.
#[cf_resources(ecs_cluster(vpc = WebSg))]
pub struct Cluster;

#[cf_resources(fargate_service(cluster = Net, image = Replicas, port = 80, security_group = WebSg,
                               secrets(TOKEN = Jobs)))]
pub struct Web;

fn main() {}
