use infra_core::cf_resources;

#[cf_resources(topic(subscriptions(email = "ops at example.com")))]
pub struct Alerts;

fn main() {}
