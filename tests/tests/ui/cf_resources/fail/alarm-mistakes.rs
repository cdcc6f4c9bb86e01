use infra_core::cf_resources;

#[cf_resources(topic(published_by("cloudwatch")))]
pub struct Alerts;

// Every missing key at once; a period CloudWatch does not evaluate, more datapoints than periods, more than a
// day of periods, an unknown comparison and metric.
#[cf_resources(alarm(period = 90, notify = Alerts))]
pub struct Untold;

#[cf_resources(alarm(metric = cpu_usage(Alerts), threshold = 80, comparison = "=>", periods = 2, datapoints = 3))]
pub struct Odd;

#[cf_resources(alarm(metric = visible_messages(Alerts), threshold = 10, period = 3600, periods = 25))]
pub struct Long;

fn main() {}
