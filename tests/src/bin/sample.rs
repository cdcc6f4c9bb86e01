//! A small valid app: a handler, a hand-written fragment with a parameter, a condition, a conditional bucket,
//! and strings that YAML 1.1 readers would mistake for other types.

use infra_core::intrinsic::{equals, reference};
use infra_core::registry::Context;
use infra_core::{Contribution, Output, Parameter, Resource, cf_function};

#[allow(dead_code)] // a real app's `main` runs it with lambda_runtime
#[cf_function(
    memory = 256,
    timeout = 10,
    env(STAGE = "on", MODE = "0755"),
    events(http_api(method = "get", path = "/items"))
)]
async fn list_items(event: serde_json::Value) -> Result<serde_json::Value, std::io::Error> {
    Ok(event)
}

fn storage(_: &Context) -> Contribution {
    Contribution::new()
        .parameter(
            "KeepData",
            Parameter::string()
                .default_value("yes")
                .allowed_values(["yes", "no"]),
        )
        .condition("Keep", equals(reference("KeepData"), "yes"))
        .resource(
            "Archive",
            Resource::new("AWS::S3::Bucket")
                .condition("Keep")
                .property("Tags", tags()),
        )
        .output(
            "ArchiveName",
            Output::new(reference("Archive"))
                .description("null")
                .condition("Keep"),
        )
}
infra_core::fragment!(storage);

/// Tag values YAML 1.1 would read as dates, booleans, null or numbers unless they are quoted.
fn tags() -> serde_json::Value {
    let tricky = [
        "2010-09-09",
        "on",
        "off",
        "yes",
        "no",
        "y",
        "n",
        "null",
        "~",
        "1e3",
        "0x10",
        "0o17",
        "1_000",
        "12:30",
        ".5",
        "+1",
        "a: b",
        "#x",
        "",
        " padded ",
        "true",
        "False",
        "multi\nline",
        "tab\t",
        "quote\"s",
        "back\\slash",
    ];
    tricky
        .iter()
        .enumerate()
        .map(|(i, v)| serde_json::json!({"Key": format!("k{i}"), "Value": v}))
        .collect()
}

infra_core::main!(infra_tests);
