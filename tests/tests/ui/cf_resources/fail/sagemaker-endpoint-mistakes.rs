use infra_core::cf_resources;

// A name SageMaker refuses, no name at all, and a key the shortcut does not have.
#[cf_resources(sagemaker_endpoint(name = "image_classifier"))]
pub struct Underscored;

#[cf_resources(sagemaker_endpoint)]
pub struct Nameless;

#[cf_resources(sagemaker_endpoint(name = "ranker", instance_type = "ml.m5.large"))]
pub struct Created;

fn main() {}
