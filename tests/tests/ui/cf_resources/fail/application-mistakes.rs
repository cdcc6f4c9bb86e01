use infra_core::cf_resources;

// An application from the repository without its version, one from both places, and a version that is not
// `major.minor.patch`.
#[cf_resources(application(repository = "arn:aws:serverlessrepo:us-east-1:123456789012:applications/a"))]
pub struct NoVersion;

#[cf_resources(application(
    repository = "arn:aws:serverlessrepo:us-east-1:123456789012:applications/a",
    version = "1.0.0",
    template = "nested/template.yaml"
))]
pub struct BothPlaces;

#[cf_resources(application(repository = "arn:aws:serverlessrepo:us-east-1:1:applications/a", version = "latest"))]
pub struct Latest;

fn main() {}
