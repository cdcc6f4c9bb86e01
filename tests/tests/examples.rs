//! The example apps, end to end: each committed `template.yaml` is fresh, survives the SAM transform and
//! cfn-lint with 0 errors (and exactly the warnings its README lists), and deploys on a local moto
//! CloudFormation server, where the service APIs show the declared settings.
//!
//! moto does not model API Gateway (v1 bodies, v2), S3 CORS and notifications, S3 public access blocks, or a
//! Lambda function's architecture and package type (it reports `x86_64` and `Zip` whatever was declared): those
//! are checked on the transformed template instead, in each test.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use infra_core::validate::estimate_transformed;
use infra_core::{Resource, Template};
use serde_json::Value;
use support::{
    Moto, SamReport, cargo_build, root, run, sam_check, scratch, stderr, transformed_path,
};

/// What the common checks found for one example.
struct Checked {
    report: SamReport,
    transformed: PathBuf,
}

/// `--check`, transform + cfn-lint, estimate vs. real count, and the README's warning list.
fn check(example: &str) -> Checked {
    let dir = root().join("examples").join(example);
    let bin = cargo_build(example, "template", "dev");
    let out = run(Command::new(&bin)
        .current_dir(&dir)
        .args(["--check", "template.yaml"]));
    assert!(
        out.status.success(),
        "{example}: the committed template is stale:\n{}",
        stderr(&out)
    );

    let copy = scratch(&format!("example-{example}")).join("template.yaml");
    std::fs::copy(dir.join("template.yaml"), &copy).unwrap();
    let report = sam_check(&copy);
    assert_eq!(
        report.errors,
        Vec::<String>::new(),
        "{example}: cfn-lint errors on the transformed template"
    );
    assert_eq!(
        warning_keys(&report),
        readme_warnings(&dir),
        "{example}: cfn-lint warnings differ from the README's list"
    );

    let parsed: Value = serde_yaml::from_str(&std::fs::read_to_string(&copy).unwrap()).unwrap();
    let mut t = Template::new();
    for (id, r) in parsed["Resources"].as_object().unwrap() {
        let mut res = Resource::new(r["Type"].as_str().unwrap());
        res.properties = r["Properties"].as_object().cloned().unwrap_or_default();
        t.add_resource(id.clone(), res);
    }
    let estimate = estimate_transformed(&t);
    assert!(
        estimate <= report.resources,
        "{example}: estimate {estimate} > real {}",
        report.resources
    );
    Checked {
        transformed: transformed_path(&copy),
        report,
    }
}

/// The warnings an example's README accepts: the `- W....` lines of its `## cfn-lint warnings` section, each
/// `- <rule> <path>: <reason>`; the rule and path must match a reported warning.
fn readme_warnings(dir: &Path) -> Vec<String> {
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let Some(section) = readme.split("## cfn-lint warnings").nth(1) else {
        return Vec::new();
    };
    section
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|l| l.strip_prefix("- `W"))
        .map(|l| format!("W{}", l.split('`').next().unwrap()))
        .collect()
}

/// The transformed template's warnings, reduced to `rule path` as the README lists them.
fn warning_keys(report: &SamReport) -> Vec<String> {
    report
        .warnings
        .iter()
        .map(|w| w.split(':').next().unwrap().to_owned())
        .collect()
}

fn deployed(moto: &Moto, c: &Checked, stack: &str, params: &[(&str, &str)]) -> Value {
    let r = moto.deploy(&c.transformed, stack, params);
    assert_eq!(
        r["status"], "CREATE_COMPLETE",
        "{stack}: {} {:?}",
        r["reason"], r["events"]
    );
    eprintln!(
        "{stack}: CREATE_COMPLETE in {} s, {} resources after the transform",
        r["seconds"], c.report.resources
    );
    r
}

#[test]
fn ml_discovery() {
    let c = check("ml-discovery");
    let t = &c.report.transformed["Resources"];
    // What moto cannot show: the HTTP API, its proxy integration (payload 2.0) and the route.
    let body = &t["ServerlessHttpApi"]["Properties"]["Body"];
    let route = &body["paths"]["/"]["post"]["x-amazon-apigateway-integration"];
    assert_eq!(
        (
            route["type"].as_str(),
            route["payloadFormatVersion"].as_str()
        ),
        (Some("aws_proxy"), Some("2.0"))
    );
    assert_eq!(
        t["PredictFunction"]["Properties"]["Architectures"],
        serde_json::json!(["arm64"])
    );
    assert_eq!(t["PredictFunction"]["Properties"]["PackageType"], "Image");

    let moto = Moto::start();
    let r = deployed(&moto, &c, "ml-discovery", &[]);
    let f = &r["lambda"]["PredictFunction"];
    assert_eq!(
        (f["MemorySize"].as_u64(), f["Timeout"].as_u64()),
        (Some(4096), Some(15))
    );
    assert!(r["iam"]["PredictFunctionRole"].is_object());
    assert!(
        r["outputs"]["HttpApiUrl"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
}
