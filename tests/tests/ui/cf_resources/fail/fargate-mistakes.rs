use infra_core::cf_resources;

#[cf_resources(vpc(cidr = "10.0.0.0/16", subnets(public(cidr_mask = 20), private(cidr_mask = 20), isolated(cidr_mask = 24))))]
pub struct Net;

#[cf_resources(security_group(vpc = Net))]
pub struct WebSg;

#[cf_resources(ecs_cluster(vpc = Net))]
pub struct Cluster;

// Isolated tasks, a name too long for the load balancer's, both schemes, a SAM policy template on an ECS role.
#[cf_resources(fargate_service(cluster = Cluster, image = "nginx:1.27", port = 80, security_group = WebSg,
                               subnets = "isolated", name = "a-service-name-far-too-long-for-it",
                               load_balancer(internal, internet_facing, security_group = WebSg),
                               policies(DynamoDBReadPolicy(TableName = "orders"))))]
pub struct Web;

fn main() {}
