//! End to end with the tools AWS runs: the generated templates are loaded by PyYAML, transformed offline by
//! aws-sam-translator and linted by cfn-lint (pinned in tests/requirements.txt, installed on first use).

mod support;

use std::process::Command;

use infra_core::output::{Format, render};
use infra_core::validate::validate;
use infra_core::{Resource, Template};
use support::{
    cargo_build, estimate_of, pyyaml_same_data, root, run, sam_check, scratch, stderr, stdout,
};

/// The default example's generator, built in debug, release and fat-LTO release, prints the same bytes, and
/// nothing of the build machine's paths.
#[test]
fn default_example_output_is_identical_across_profiles() {
    let example = root().join("examples/ml-discovery");
    let outputs: Vec<(String, String, String)> = ["dev", "release", "lto"]
        .into_iter()
        .map(|profile| {
            let bin = cargo_build("ml-discovery", "template", profile);
            let yaml = run(Command::new(&bin).current_dir(&example));
            let json = run(Command::new(&bin)
                .current_dir(&example)
                .args(["--format", "json"]));
            assert!(
                yaml.status.success() && json.status.success(),
                "{profile}: {}",
                stderr(&yaml)
            );
            (profile.to_owned(), stdout(&yaml), stdout(&json))
        })
        .collect();
    for (profile, yaml, json) in &outputs[1..] {
        assert_eq!(yaml, &outputs[0].1, "{profile} YAML differs from debug");
        assert_eq!(json, &outputs[0].2, "{profile} JSON differs from debug");
    }
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    for needle in [
        root().display().to_string(),
        home,
        "/home/".into(),
        "/tmp/".into(),
        ".cargo".into(),
    ] {
        assert!(
            !outputs[0].1.contains(&needle),
            "the template contains the build path {needle:?}"
        );
    }
}

/// PyYAML (YAML 1.1) reads the YAML output as the same data as the JSON output: dates, booleans, null and
/// numbers written as strings stay strings.
#[test]
fn pyyaml_reads_yaml_and_json_output_as_the_same_data() {
    let dir = scratch("pyyaml");
    for (name, bin, cwd) in [
        ("sample", env!("CARGO_BIN_EXE_sample").into(), root()),
        (
            "ml-discovery",
            cargo_build("ml-discovery", "template", "dev"),
            root().join("examples/ml-discovery"),
        ),
    ] {
        let yaml = dir.join(format!("{name}.yaml"));
        let json = dir.join(format!("{name}.json"));
        for path in [&yaml, &json] {
            let out = run(Command::new(&bin)
                .current_dir(&cwd)
                .arg("--output")
                .arg(path));
            assert!(out.status.success(), "{}", stderr(&out));
        }
        pyyaml_same_data(&yaml, &json)
            .unwrap_or_else(|d| panic!("{name}: PyYAML reads different data: {d}"));
    }
    // The check is not vacuous: serde_yaml's own YAML (YAML 1.2 style) fails it.
    let sample: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("sample.json")).unwrap()).unwrap();
    let naive = dir.join("naive.yaml");
    std::fs::write(&naive, serde_yaml::to_string(&sample).unwrap()).unwrap();
    let err = pyyaml_same_data(&naive, &dir.join("sample.json")).unwrap_err();
    assert!(
        err.contains("$.AWSTemplateFormatVersion: datetime.date(2010, 9, 9)"),
        "{err}"
    );
}

/// 170 HTTP functions are 170 resources as written and 512 after the SAM transform: CloudFormation would
/// refuse the stack. The generator says so before anything is written, and the real translator agrees.
#[test]
fn a_template_over_the_quota_after_the_transform_is_refused() {
    let mut t = Template::new();
    for i in 0..170 {
        let f = Resource::new("AWS::Serverless::Function")
            .property("Runtime", "provided.al2023")
            .property("Handler", "bootstrap")
            .property("CodeUri", ".")
            .property(
                "Events",
                serde_json::json!({"Api": {"Type": "HttpApi", "Properties": {"Method": "POST", "Path": format!("/fn{i}")}}}),
            );
        t.add_resource(format!("Fn{i}"), f);
    }
    let diags = validate(&t, &Default::default());
    assert_eq!(diags.len(), 1);
    assert!(diags[0].message.starts_with(
        "the template declares 170 resources, which the SAM transform expands to at least 512;"
    ));

    let path = scratch("quota").join("template.yaml");
    std::fs::write(&path, render(&t, Format::Yaml)).unwrap();
    let report = sam_check(&path);
    assert_eq!((report.sam_resources, report.resources), (170, 512));
    assert!(report.resources > infra_core::validate::MAX_RESOURCES);
}

/// A template using every `#[cf_function]` key and event kind passes the SAM transform and cfn-lint with no
/// error. The only warnings are about the usage plan resources SAM itself generates for `api_key_required`.
#[test]
fn every_function_key_passes_sam_translator_and_cfn_lint() {
    let path = scratch("functions").join("template.yaml");
    let out = run(Command::new(env!("CARGO_BIN_EXE_functions"))
        .arg("--output")
        .arg(&path));
    assert!(out.status.success(), "{}", stderr(&out));
    let report = sam_check(&path);
    assert_eq!(report.errors, Vec::<String>::new());
    assert_eq!(
        report.warnings,
        [
            "W3005 Resources/ServerlessRestApiUsagePlan/DependsOn/0: 'ServerlessRestApi' dependency already enforced by a 'Ref' at 'Resources/ServerlessRestApiUsagePlan/Properties/ApiStages/0/ApiId'",
            "W3005 Resources/ServerlessRestApiUsagePlanKey/DependsOn/0: 'ServerlessRestApiApiKey' dependency already enforced by a 'Ref' at 'Resources/ServerlessRestApiUsagePlanKey/Properties/KeyId'",
        ]
    );
    let estimate = estimate_of(&path);
    assert!(
        estimate <= report.resources,
        "estimate {estimate} exceeds the real {}",
        report.resources
    );
    // What the transform made of the keys, checked on the CloudFormation side.
    let r = &report.transformed["Resources"];
    assert_eq!(r["UrlPublicFunctionUrl"]["Properties"]["AuthType"], "NONE");
    assert_eq!(
        r["AsyncSqsFunctionSqs"]["Type"],
        "AWS::Lambda::EventSourceMapping"
    );
    assert_eq!(r["AsyncSqsFunctionSqs"]["Properties"]["BatchSize"], 50);
    assert_eq!(
        r["ReleaseAliasFunctionAliaslive"]["Type"],
        "AWS::Lambda::Alias"
    );
    assert_eq!(
        r["ReleaseConditionalFunction"]["Condition"],
        "ReleaseIsProd"
    );
    assert_eq!(r["SizingLargeFunction"]["Properties"]["MemorySize"], 10240);
    assert_eq!(
        r["AsyncScheduleFunctionWeekdays"]["Properties"]["ScheduleExpression"],
        "cron(0 3 ? * MON-FRI *)"
    );
}

/// Every `#[cf_resources]` shortcut and typed reference passes the SAM transform and cfn-lint with no error and
/// no warning.
#[test]
fn every_resource_shortcut_passes_sam_translator_and_cfn_lint() {
    let report = sam_check(&generate("resources"));
    assert_eq!(report.errors, Vec::<String>::new());
    assert_eq!(report.warnings, Vec::<String>::new());
    let r = &report.transformed["Resources"];
    assert_eq!(r["TableFiles"]["DeletionPolicy"], "Retain");
    assert_eq!(r["UseExpireFunction"]["Condition"], "ParamStoreOnLoadOff");
    assert_eq!(
        r["QueueJobs"]["Properties"]["RedrivePolicy"]["maxReceiveCount"],
        5
    );
}

/// No IAM statement the generator writes (or that SAM expands from the policies it chose) has `*` as an action
/// or resource, or a service-wide `svc:*` action: the apps' users wrote none.
#[test]
fn generated_iam_has_no_wildcards() {
    for app in ["resources", "functions", "sample"] {
        let report = sam_check(&generate(app));
        let mut statements = 0;
        for (id, r) in report.transformed["Resources"].as_object().unwrap() {
            for policy in r["Properties"]["Policies"].as_array().into_iter().flatten() {
                for st in policy["PolicyDocument"]["Statement"].as_array().unwrap() {
                    statements += 1;
                    let list = |v: &serde_json::Value| -> Vec<serde_json::Value> {
                        v.as_array().cloned().unwrap_or_else(|| vec![v.clone()])
                    };
                    for a in list(&st["Action"]) {
                        let a = a.as_str().unwrap();
                        assert!(
                            a != "*" && !a.ends_with(":*"),
                            "{app}: {id} allows action {a}"
                        );
                    }
                    for res in list(&st["Resource"]) {
                        assert_ne!(res, "*", "{app}: {id} allows every resource: {st}");
                    }
                }
            }
        }
        assert!(
            app == "sample" || statements > 3,
            "{app}: only {statements} statements checked"
        );
    }
}

/// A function notified by a bucket that it also reads: with the derived bucket name there is no cycle; had the
/// policy used `Ref` on the bucket, cfn-lint would report E3004 (the negative control shows the check works).
#[test]
fn an_s3_notified_function_reading_its_bucket_has_no_circular_dependency() {
    let path = generate("resources");
    let report = sam_check(&path);
    assert!(!report.errors.iter().any(|e| e.starts_with("E3004")));
    let policy =
        &report.transformed["Resources"]["UseUploadedFunctionRole"]["Properties"]["Policies"];
    assert!(
        policy.to_string().contains("bucketuploads"),
        "the policy names the bucket: {policy}"
    );

    let mut t: serde_json::Value =
        serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    t["Resources"]["UseUploadedFunction"]["Properties"]["Policies"][0]["S3ReadPolicy"]["BucketName"] =
        serde_json::json!({"Ref": "BucketUploads"});
    let control = path.with_file_name("with-ref.yaml");
    std::fs::write(&control, render(&t, Format::Yaml)).unwrap();
    let report = sam_check(&control);
    assert!(
        report.errors.iter().any(|e| e.starts_with("E3004")),
        "expected a cycle: {:?}",
        report.errors
    );
}

/// Runs one of the tests package's generator apps into a scratch `template.yaml`.
fn generate(app: &str) -> std::path::PathBuf {
    let bin = match app {
        "resources" => env!("CARGO_BIN_EXE_resources"),
        "functions" => env!("CARGO_BIN_EXE_functions"),
        _ => env!("CARGO_BIN_EXE_sample"),
    };
    let path = scratch(&format!("generate-{app}")).join("template.yaml");
    let out = run(Command::new(bin).arg("--output").arg(&path));
    assert!(out.status.success(), "{}", stderr(&out));
    path
}
