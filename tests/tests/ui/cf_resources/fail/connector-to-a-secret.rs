use infra_core::cf_resources;

#[cf_resources(queue)]
pub struct Jobs;

#[cf_resources(secret)]
pub struct Token;

// SAM's connectors do not join secrets.
#[cf_resources(connector(source = Jobs, destination = Token, permissions("Read")))]
pub struct JobsReadToken;

fn main() {}
