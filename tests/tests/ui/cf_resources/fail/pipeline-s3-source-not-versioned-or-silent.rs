use infra_core::cf_resources;

const BUILDSPEC: &str = "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n";

// An S3 source bucket keeps versions, and sends its events to EventBridge (else no upload starts the pipeline).
#[cf_resources(bucket)]
pub struct Silent;

#[cf_resources(bucket(versioning = false, eventbridge))]
pub struct Unversioned;

#[cf_resources(codebuild_project(buildspec = BUILDSPEC, artifacts = FromSilent))]
pub struct BuildSilent;

#[cf_resources(codebuild_project(buildspec = BUILDSPEC, artifacts = FromUnversioned))]
pub struct BuildUnversioned;

#[cf_resources(pipeline(source(s3(bucket = Silent, key = "app.zip")), build(BuildSilent)))]
pub struct FromSilent;

#[cf_resources(pipeline(source(s3(bucket = Unversioned, key = "app.zip")), build(BuildUnversioned)))]
pub struct FromUnversioned;

fn main() {}
