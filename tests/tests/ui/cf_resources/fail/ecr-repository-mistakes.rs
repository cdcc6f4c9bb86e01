use infra_core::cf_resources;

// A name ECR refuses, a lifecycle that keeps nothing, a lifecycle without its count, and an unknown key.
#[cf_resources(ecr_repository(name = "Web_App/", lifecycle(keep_last = 0)))]
pub struct Web;

#[cf_resources(ecr_repository(lifecycle(), scan = true))]
pub struct Batch;

// `retain` applies to a repository (the images outlive the stack), not to a cluster.
#[cf_resources(vpc(cidr = "10.0.0.0/16"))]
pub struct Net;

#[cf_resources(ecs_cluster(vpc = Net), retain = false)]
pub struct Cluster;

fn main() {}
