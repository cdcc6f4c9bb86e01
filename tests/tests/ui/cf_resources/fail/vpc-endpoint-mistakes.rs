use infra_core::cf_resources;

// Gateway endpoints exist for S3 and DynamoDB alone; interface endpoints are named as AWS names the service;
// each once.
#[cf_resources(vpc(cidr = "10.0.0.0/16", endpoints(gateway("s3", "sqs"), interface("ECR API", "logs", "logs"))))]
pub struct Mistyped;

// Interface endpoints answer through private DNS.
#[cf_resources(vpc(cidr = "10.1.0.0/16", dns = false, endpoints(interface("ecr.api"))))]
pub struct NoDns;

fn main() {}
