use infra_core::cf_resources;

fn validate() {}

// A substitution names a `#[cf_function]` handler (lower-case) or a `#[cf_resources]` type.
#[cf_resources(state_machine(definition = "flow.asl.json", substitutions(Validate = validate)))]
pub struct Flow;

fn main() {
    validate();
}
