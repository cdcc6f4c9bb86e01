use infra_core::cf_resources;

#[cf_resources(queue)]
pub struct Jobs;

#[cf_resources(topic)]
pub struct Quiet;

#[cf_resources(topic(published_by("events")))]
pub struct Rules;

// A queue has no CPU; a queue is not a topic; a topic under `alias/aws/sns`, or one only EventBridge may
// publish to, would drop every alarm.
#[cf_resources(alarm(metric = cpu(Jobs), threshold = 80, notify(Jobs, Quiet, Rules)))]
pub struct Wrong;

fn main() {}
