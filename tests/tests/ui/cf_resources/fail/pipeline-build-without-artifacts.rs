use infra_core::cf_resources;

const BUILDSPEC: &str = "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n";

#[cf_resources(bucket)]
pub struct Elsewhere;

// A build in a pipeline reads the source from, and writes its output to, that pipeline's artifact bucket.
#[cf_resources(codebuild_project(buildspec = BUILDSPEC))]
pub struct NoArtifacts;

#[cf_resources(codebuild_project(buildspec = BUILDSPEC, artifacts = Elsewhere))]
pub struct OtherBucket;

#[cf_resources(pipeline(source(codecommit(repository = "app", branch = "main")), build(NoArtifacts)))]
pub struct First;

#[cf_resources(pipeline(source(codecommit(repository = "app", branch = "main")), build(OtherBucket)))]
pub struct Second;

fn main() {}
