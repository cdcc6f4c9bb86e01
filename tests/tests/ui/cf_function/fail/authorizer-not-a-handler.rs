use infra_core::cf_resources;

fn authorize() {}

// A Lambda authorizer names a `#[cf_function]` handler.
#[cf_resources(http_api(lambda_authorizer(name = "Tokens", function = authorize)))]
pub struct ShopApi;

fn main() {
    authorize();
}
