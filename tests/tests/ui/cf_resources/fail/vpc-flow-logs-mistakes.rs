use infra_core::cf_resources;

// CloudWatch Logs keeps logs for fixed periods; a flow log records all, accepted or rejected traffic.
#[cf_resources(vpc(cidr = "10.0.0.0/16", flow_logs(retention = 10, traffic = "DENIED", format = "x")))]
pub struct AppVpc;

fn main() {}
