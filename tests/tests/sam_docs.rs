//! Apps in the style of the AWS SAM developer guide's examples, each written twice: by hand as a SAM template in
//! `tests/sam_docs/<app>.yaml`, and in Rust in `src/bin/sam_docs.rs` (one binary, one template, every logical
//! id of an app starting with its prefix). aws-sam-translator must turn both into the same resources and
//! properties, code locations, metadata and SAM's hash suffixes aside (`tests/tools/sam_compare.py`).

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use support::{python, root, run, sam_check, scratch, stderr, stdout};

/// Each template of `tests/sam_docs/` and the logical-id prefix of its app in the Rust twin.
const APPS: &[(&str, &str)] = &[
    ("cognito_signup", "Signup"),
    ("container_render", "Render"),
    ("dynamodb_ledger", "Ledger"),
    ("eventbridge_audit", "Audit"),
    ("function_url_stream", "Chat"),
    ("http_jwt_notes", "Notes"),
    ("http_lambda_auth_payments", "Pay"),
    ("iot_sensors", "Sensors"),
    ("kinesis_clicks", "Clicks"),
    ("logs_alerts", "Alerts"),
    ("msk_orders", "Kafka"),
    ("nightly_export", "Nightly"),
    ("provisioned_checkout", "Checkout"),
    ("scheduler_report", "Report"),
    ("sns_fanout", "Fanout"),
    ("sqs_worker", "Worker"),
    ("thumbnails", "Thumb"),
    ("vpc_efs_models", "Models"),
];

/// What the generator adds for every app alike, outside any app's prefix: the access logs of HTTP APIs that set
/// none (`Globals.HttpApi`). An app that uses it declares it in its template too.
const SHARED: &[&str] = &["HttpApiAccessLogs"];

fn templates() -> PathBuf {
    root().join("tests").join("sam_docs")
}

/// Runs the `sam_docs` generator into `dir`.
fn generate(dir: &Path, file: &str) -> PathBuf {
    let path = dir.join(file);
    let out = run(Command::new(env!("CARGO_BIN_EXE_sam_docs"))
        .current_dir(root().join("tests"))
        .arg("--output")
        .arg(&path));
    assert!(out.status.success(), "sam_docs failed:\n{}", stderr(&out));
    path
}

#[test]
fn every_sam_docs_template_matches_its_rust_twin() {
    let files: BTreeSet<String> = std::fs::read_dir(templates())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        files.len() >= 12,
        "at least 12 templates in tests/sam_docs, found {}",
        files.len()
    );
    let listed: BTreeSet<String> = APPS.iter().map(|(f, _)| (*f).to_owned()).collect();
    assert_eq!(
        files, listed,
        "each template of tests/sam_docs has a row in APPS, and each row a template"
    );

    let generated = generate(&scratch("sam_docs"), "template.json");
    // Every resource, parameter, condition and output of the Rust side belongs to an app, so each one is
    // compared with a template.
    let template: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&generated).unwrap()).unwrap();
    let strays: Vec<String> = ["Parameters", "Conditions", "Resources", "Outputs"]
        .into_iter()
        .flat_map(|section| {
            let ids = template[section].as_object().cloned().unwrap_or_default();
            ids.into_iter()
                .map(move |(id, _)| format!("{section}.{id}"))
        })
        .filter(|path| {
            let id = path.split_once('.').unwrap().1;
            !SHARED.contains(&id) && !APPS.iter().any(|(_, p)| id.starts_with(p))
        })
        .collect();
    assert!(strays.is_empty(), "of no app: {strays:?}");

    // One run transforms the generated template once and compares every app with it.
    let mut compare = Command::new(python());
    compare
        .arg(root().join("tests/tools/sam_compare.py"))
        .arg(&generated);
    for (file, prefix) in APPS {
        compare
            .arg(templates().join(format!("{file}.yaml")))
            .arg(prefix);
    }
    let out = run(&mut compare);
    let reports: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|_| panic!("sam_compare.py failed:\n{}", stderr(&out)));
    assert_eq!(reports.len(), APPS.len(), "one report per app");
    let mut failures = Vec::new();
    for ((file, prefix), report) in APPS.iter().zip(&reports) {
        if report["equal"] == true {
            assert!(
                report["resources"].as_u64().unwrap() > 0,
                "{file}.yaml: no resource starts with {prefix}"
            );
            continue;
        }
        let mut lines = vec![format!("{file}.yaml (prefix {prefix}):")];
        for e in report["errors"].as_array().into_iter().flatten() {
            lines.push(format!("  error: {}", e.as_str().unwrap_or_default()));
        }
        for id in report["only_in_yaml"].as_array().into_iter().flatten() {
            lines.push(format!(
                "  only in the YAML: {}",
                id.as_str().unwrap_or_default()
            ));
        }
        for id in report["only_in_rust"].as_array().into_iter().flatten() {
            lines.push(format!(
                "  only in the Rust: {}",
                id.as_str().unwrap_or_default()
            ));
        }
        for d in report["differences"].as_array().into_iter().flatten() {
            lines.push(format!(
                "  {}: YAML {} / Rust {}",
                d["path"].as_str().unwrap_or_default(),
                d["yaml"],
                d["rust"]
            ));
        }
        failures.push(lines.join("\n"));
    }
    assert!(
        failures.is_empty(),
        "{} of {} apps differ:\n{}",
        failures.len(),
        APPS.len(),
        failures.join("\n")
    );
}

/// The Rust side as a whole, every app in one template, passes the SAM transform and cfn-lint with no error
/// and no warning.
#[test]
fn the_sam_docs_template_passes_sam_translator_and_cfn_lint() {
    let path = generate(&scratch("sam_docs_lint"), "template.yaml");
    let report = sam_check(&path);
    assert_eq!(report.errors, Vec::<String>::new());
    assert_eq!(report.warnings, Vec::<String>::new());
    assert!(report.resources > report.sam_resources);
}
