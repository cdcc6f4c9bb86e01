use infra_core::cf_resources;

#[cf_resources(queue)]
pub struct Jobs;

// The build is a CodeBuild project, the deploy a Fargate service, the branch a parameter, the S3 source a bucket.
#[cf_resources(pipeline(source(codecommit(repository = "app", branch = Jobs)), build(Jobs), deploy(ecs(Jobs))))]
pub struct WrongKinds;

#[cf_resources(pipeline(source(s3(bucket = Jobs, key = "a.zip")), deploy(ecs(Jobs))))]
pub struct QueueSource;

fn main() {}
