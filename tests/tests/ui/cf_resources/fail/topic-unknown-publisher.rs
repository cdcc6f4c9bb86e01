use infra_core::cf_resources;

// A publishing service is one whose principal the topic's key can grant; each is named once.
#[cf_resources(topic(published_by("cloudwach", "events", "events")))]
pub struct Alerts;

fn main() {}
