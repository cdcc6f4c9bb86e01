use infra_core::cf_resources;

// A response type API Gateway does not have, and a response that sets nothing.
#[cf_resources(rest_api(gateway_responses(DEFAULT_4xx(status = 400), THROTTLED())))]
pub struct StoreApi;

fn main() {}
