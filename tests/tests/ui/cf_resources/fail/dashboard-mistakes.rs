use infra_core::cf_resources;

#[cf_resources(queue)]
pub struct Jobs;

// A dashboard shows something; a graph has a title and metrics; a metric is one AWS publishes.
#[cf_resources(dashboard(name = "ops"))]
pub struct Empty;

#[cf_resources(dashboard(graph(metrics(backlog(Jobs))), text(width = 12)))]
pub struct Untitled;

// Names and periods CloudWatch accepts; widths of the 24-column grid; the views it draws.
#[cf_resources(dashboard(
    name = "ops board",
    graph(title = "Jobs", metrics(visible_messages(Jobs)), period = 45, width = 25, view = "line")
))]
pub struct Invalid;

// A queue has no CPU.
#[cf_resources(dashboard(graph(title = "Jobs", metrics(cpu(Jobs)))))]
pub struct WrongMetric;

fn main() {}
