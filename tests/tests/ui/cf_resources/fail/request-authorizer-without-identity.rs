use infra_core::cf_resources;

// A request authorizer caches its answers by its identity sources, and names none.
#[cf_resources(rest_api(request_authorizer(name = "Requests", function = authorize)))]
pub struct StoreApi;

fn main() {}
