use infra_core::cf_resources;

#[cf_resources(topic(subscriptions(mail = "ops@example.com")))]
pub struct Alerts;

fn main() {}
