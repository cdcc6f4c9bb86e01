use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[cf_resources(table(partition = "id"))]
pub struct Files {
    pub id: String,
}

#[cf_resources(sagemaker_endpoint(name = "image-classifier"))]
pub struct Classifier;

// The name of an endpoint comes from a parameter, not a table.
#[cf_resources(sagemaker_endpoint(name = Files))]
pub struct Ranker;

// A table is read or written, never invoked; an endpoint is invoked, never read.
#[cf_function(invokes(Files), reads(Classifier))]
async fn handler(event: LambdaEvent<Value>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

#[cf_resources(vpc(cidr = "10.0.0.0/16"))]
pub struct Net;

#[cf_resources(ecs_cluster(vpc = Net))]
pub struct Cluster;

#[cf_resources(security_group(vpc = Net))]
pub struct WebSg;

#[cf_resources(fargate_service(cluster = Cluster, image = "nginx", port = 80, security_group = WebSg,
                               invokes(Files), writes(Classifier)))]
pub struct Web;

fn main() {}
