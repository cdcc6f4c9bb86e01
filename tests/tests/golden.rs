//! Golden templates: the `functions`, `resources` and `constructs` apps' templates, one YAML file per key family (the
//! entries whose logical id starts with the family's prefix). `INFRA_BLESS=1 cargo test --test golden`
//! rewrites the files; review the diff like code.

mod support;

use std::process::Command;

use serde_json::{Map, Value};
use support::{root, run, stderr, stdout};

fn template(bin: &str) -> Value {
    let out = run(Command::new(bin)
        .current_dir(root())
        .args(["--format", "json"]));
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// The sections of `t` reduced to the entries of one family; `Globals` go with `Http` (the REST API's) and
/// `Glob` (the `globals` app's).
fn family(t: &Value, prefix: &str) -> Value {
    let mut out = Map::new();
    for (section, entries) in t.as_object().unwrap() {
        let Some(entries) = entries.as_object() else {
            continue;
        };
        let kept: Map<String, Value> = if section == "Globals" {
            if prefix == "Http" || prefix == "Glob" {
                entries.clone()
            } else {
                Map::new()
            }
        } else {
            entries
                .iter()
                .filter(|(id, _)| id.starts_with(prefix))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        if !kept.is_empty() {
            out.insert(section.clone(), kept.into());
        }
    }
    out.into()
}

/// Compares each family of `bin`'s template with `tests/golden/<dir>/<family>.yaml`.
fn check_families(bin: &str, dir: &str, families: &[&str]) {
    let t = template(bin);
    let dir = root().join("tests/golden").join(dir);
    let bless = std::env::var_os("INFRA_BLESS").is_some();
    let mut stale = Vec::new();
    for prefix in families {
        let got = infra_core::output::to_yaml(&family(&t, prefix));
        let path = dir.join(format!("{}.yaml", prefix.to_lowercase()));
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &got).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(got.as_str()) {
            stale.push(format!("{}:\n{got}", path.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "golden files differ (INFRA_BLESS=1 to rewrite):\n{}",
        stale.join("\n")
    );
    // Every declared entry belongs to a family, so nothing escapes the goldens.
    let orphans: Vec<String> = ["Resources", "Parameters", "Conditions", "Outputs"]
        .iter()
        .filter_map(|s| t[*s].as_object())
        .flat_map(|m| m.keys())
        .filter(|id| !families.iter().any(|f| id.starts_with(f)))
        .cloned()
        .collect();
    assert_eq!(orphans, Vec::<String>::new());
}

#[test]
fn each_cf_function_key_family_matches_its_golden_template() {
    check_families(
        env!("CARGO_BIN_EXE_functions"),
        "cf_function",
        &[
            "Sizing", "Code", "Config", "Url", "Iam", "Release", "Http", "Async", "Source", "Net",
            "Poll", "Layer", "Nested", "Flow",
        ],
    );
}

#[test]
fn each_cf_resources_family_matches_its_golden_template() {
    check_families(
        env!("CARGO_BIN_EXE_resources"),
        "cf_resources",
        &[
            "Table", "Bucket", "Queue", "Topic", "Secret", "Param", "Use", "Vpc", "Sg", "Ecs",
            "Ecr", "Alarm", "Build",
        ],
    );
}

#[test]
fn the_globals_app_matches_its_golden_template() {
    // The implicit HTTP API's access log group, `HttpApiAccessLogs`, is a family of its own.
    check_families(
        env!("CARGO_BIN_EXE_globals"),
        "globals",
        &["Glob", "HttpApi"],
    );
}

#[test]
fn each_construct_family_matches_its_golden_template() {
    check_families(
        env!("CARGO_BIN_EXE_constructs"),
        "cf_resources",
        &["Pipe", "Dash", "Net", "Ml"],
    );
}
