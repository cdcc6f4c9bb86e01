use infra_core::cf_resources;

// A default authorizer the API lacks, two authorizers of one name, an issuer that is not a URL, simple
// responses with payload 1.0, a stage with a space, and an API reachable by no address.
#[cf_resources(http_api(
    jwt(name = "Users", issuer = "cognito", audience("web")),
    jwt(name = "Users", issuer = "https://issuer.example.com", audience("web")),
    lambda_authorizer(name = "Tokens", function = authorize, payload_version = "1.0", simple_responses),
    default_authorizer = "Admins",
    stage = "my stage",
    disable_execute_api_endpoint,
))]
pub struct ShopApi;

fn main() {}
