use infra_core::cf_resources;

const BUILDSPEC: &str = "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n";

#[cf_resources(codebuild_project(buildspec = BUILDSPEC, artifacts = NoSource))]
pub struct Make;

// A pipeline needs a source, and a second stage after it.
#[cf_resources(pipeline(build(Make)))]
pub struct NoSource;

#[cf_resources(pipeline(source(codecommit(repository = "app", branch = "main"))))]
pub struct SourceOnly;

// One source, with every key its kind needs; a source kind AWS does not have.
#[cf_resources(pipeline(
    source(codecommit(repository = "app", branch = "main"), s3(bucket = Uploads, key = "a.zip")),
    build(Make)
))]
pub struct TwoSources;

#[cf_resources(pipeline(source(connection(repository = "owner/app")), build(Make)))]
pub struct MissingKeys;

#[cf_resources(pipeline(source(github(repository = "owner/app")), build(Make)))]
pub struct UnknownKind;

// The S3 source's bucket is a type; a build stage runs one project; a deploy names its service.
#[cf_resources(pipeline(source(s3(bucket = "uploads", key = "a.zip")), build(Make, Make)))]
pub struct BucketByName;

#[cf_resources(pipeline(source(codecommit(repository = "app", branch = "main")), deploy(ecs(file = "x.json"))))]
pub struct NoService;

fn main() {}
