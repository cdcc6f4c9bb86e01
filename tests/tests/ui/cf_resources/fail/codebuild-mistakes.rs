use infra_core::cf_resources;

#[cf_resources(queue)]
pub struct Jobs;

// A build needs its buildspec; compute types are CodeBuild's; a buildspec is text.
#[cf_resources(codebuild_project(compute = "huge"))]
pub struct NoSpec;

#[cf_resources(codebuild_project(buildspec = 3))]
pub struct NumberSpec;

// A queue is neither a repository to push to nor an artifact bucket.
#[cf_resources(codebuild_project(buildspec = "version: 0.2", pushes(Jobs), artifacts = Jobs))]
pub struct WrongTypes;

fn main() {}
