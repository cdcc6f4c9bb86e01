use infra_core::cf_resources;

// No definition, an S3 event (state machines start on schedules, rules and APIs), logging without its
// retention, and an alias target without an alias.
#[cf_resources(state_machine(
    events(s3(bucket = "Uploads")),
    logging(level = "ALL"),
    use_alias_as_event_target,
))]
pub struct Flow;

// Both definitions at once, and a definition that is not JSON.
#[cf_resources(state_machine(definition = "flow.asl.json", definition_json = "{\"StartAt\": "))]
pub struct Twice;

fn main() {}
