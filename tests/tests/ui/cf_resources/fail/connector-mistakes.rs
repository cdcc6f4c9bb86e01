use infra_core::cf_resources;

#[cf_resources(queue)]
pub struct Jobs;

// A permission SAM's connectors do not have, and no destination.
#[cf_resources(connector(source = Jobs, permissions("Delete")))]
pub struct JobsToNowhere;

fn main() {}
