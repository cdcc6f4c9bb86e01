use infra_core::cf_resources;

#[cf_resources(vpc(cidr = "10.0.0.0/16"))]
pub struct Net;

#[cf_resources(table(partition = "id"))]
pub struct Files {
    pub id: String,
}

// A VPC is not a rule's peer, and a table is not a VPC.
#[cf_resources(security_group(vpc = Files, ingress(from = Net, port = 80)))]
pub struct Web;

fn main() {}
