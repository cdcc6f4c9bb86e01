use infra_core::cf_function;

#[cf_function(memory = 512)]
struct Handler;

fn main() {}
