use infra_core::cf_resources;

// An origin quoted by hand (the generator quotes it), credentials for every origin, a usage plan without API
// keys, a default authorizer the API lacks, a cache size API Gateway does not offer, and a range that is not one.
#[cf_resources(rest_api(
    cors(allow_origin = "'*'"),
    usage_plan(throttle(burst = 10, rate = 5)),
    default_authorizer = "Admins",
    cache_size = "1",
    ip_deny("192.0.2.0"),
))]
pub struct StoreApi;

#[cf_resources(rest_api(cors(allow_origin = "*", allow_credentials)))]
pub struct OpenApi;

fn main() {}
