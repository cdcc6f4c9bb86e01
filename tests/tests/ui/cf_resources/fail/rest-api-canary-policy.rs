use infra_core::cf_resources;

// A canary takes a share of the traffic up to all of it, and a policy is a document with statements.
#[cf_resources(rest_api(canary(percent = 150), policy = "{\"Version\": \"2012-10-17\"}"))]
pub struct StoreApi;

fn main() {}
