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

use serde_json::Value;
use support::{
    Moto, SamReport, cargo_build, estimate_of, root, run, sam_check, scratch, stderr,
    transformed_path,
};

/// The example's generator binary: `template` for the default example, `<example>-template` for the others,
/// so the generators of one workspace never overwrite each other in `target/`.
fn generator(example: &str) -> String {
    match example {
        "ml-discovery" => "template".into(),
        other => format!("{other}-template"),
    }
}

/// What the common checks found for one example.
struct Checked {
    report: SamReport,
    transformed: PathBuf,
}

/// `--check`, transform + cfn-lint, estimate vs. real count, and the README's warning list.
fn check(example: &str) -> Checked {
    let dir = root().join("examples").join(example);
    let bin = cargo_build(example, &generator(example), "dev");
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

    let estimate = estimate_of(&copy);
    assert!(
        estimate == report.resources,
        "{example}: estimate {estimate} != real {}",
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

/// The resources `moto_deploy.py` left out of the moto stack.
fn skipped(report: &Value) -> Vec<&str> {
    report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
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

#[test]
fn filestore() {
    let c = check("filestore");
    let t = &c.report.transformed["Resources"];
    // What moto cannot show, on the transformed template: the REST API's key, usage plan and CORS preflight,
    // the bucket's CORS rule and notification, and its public access block.
    let kinds: Vec<&str> = t
        .as_object()
        .unwrap()
        .values()
        .map(|r| r["Type"].as_str().unwrap())
        .collect();
    for kind in [
        "AWS::ApiGateway::RestApi",
        "AWS::ApiGateway::ApiKey",
        "AWS::ApiGateway::UsagePlan",
        "AWS::ApiGateway::UsagePlanKey",
    ] {
        assert!(kinds.contains(&kind), "{kind} missing");
    }
    let paths = &t["ServerlessRestApi"]["Properties"]["Body"]["paths"];
    for (path, method) in [
        ("/files", "post"),
        ("/files/{id}/store", "post"),
        ("/files/{id}", "delete"),
        ("/files/{id}", "get"),
        ("/files/{id}/download", "get"),
    ] {
        let op = &paths[path][method];
        assert_eq!(
            op["x-amazon-apigateway-integration"]["type"], "aws_proxy",
            "{method} {path}"
        );
        assert_eq!(
            op["security"][0],
            serde_json::json!({"api_key": []}),
            "{method} {path} needs the API key"
        );
        assert!(
            paths[path]["options"].is_object(),
            "CORS preflight for {path}"
        );
    }
    let bucket = &t["UploadBucket"]["Properties"];
    assert_eq!(
        bucket["CorsConfiguration"]["CorsRules"][0]["AllowedMethods"],
        serde_json::json!(["PUT", "GET"])
    );
    assert_eq!(
        bucket["NotificationConfiguration"]["LambdaConfigurations"][0]["Event"],
        "s3:ObjectCreated:*"
    );
    assert_eq!(
        bucket["PublicAccessBlockConfiguration"]["BlockPublicPolicy"],
        true
    );
    assert_eq!(t["ExpireFunction"]["Condition"], "StoreOnLoadOff");

    let moto = Moto::start();
    let kept = deployed(&moto, &c, "filestore-kept", &[("StoreOnLoad", "true")]);
    let left_out = skipped(&kept);
    assert!(
        left_out.len() == 5
            && left_out
                .iter()
                .all(|id| id.starts_with("ServerlessRestApi")),
        "only the REST API's body-dependent resources are left out on moto: {left_out:?}"
    );
    let expiring = deployed(&moto, &c, "filestore-expiring", &[("StoreOnLoad", "false")]);
    // The condition: `expire` exists only when uploads expire.
    assert!(
        !kept["lambda"]
            .as_object()
            .unwrap()
            .contains_key("ExpireFunction")
    );
    assert!(
        !kept["resources"]
            .as_object()
            .unwrap()
            .contains_key("ExpireFunctionSchedule")
    );
    assert_eq!(expiring["lambda"]["ExpireFunction"]["Timeout"], 300);
    let functions: Vec<&String> = kept["lambda"].as_object().unwrap().keys().collect();
    assert_eq!(
        functions,
        [
            "DeleteFunction",
            "DownloadFunction",
            "InfoFunction",
            "PreprocessFunction",
            "StoreFunction",
            "UploadedFunction"
        ]
    );
    // The table, from the FileRecord struct.
    let table = &expiring["dynamodb"]["FileRecord"];
    assert_eq!(
        table["KeySchema"],
        serde_json::json!([{"AttributeName": "id", "KeyType": "HASH"}])
    );
    assert_eq!(table["BillingMode"], "PAY_PER_REQUEST");
    // Declared use: the environment names the real table and bucket, and the policies are scoped to them.
    let bucket_name = expiring["s3"]["UploadBucket"]["name"].as_str().unwrap();
    let table_name = table["TableName"].as_str().unwrap();
    let env = &expiring["lambda"]["PreprocessFunction"]["Environment"]["Variables"];
    assert_eq!(
        (
            env["UPLOAD_BUCKET_NAME"].as_str(),
            env["FILE_RECORD_TABLE_NAME"].as_str()
        ),
        (Some(bucket_name), Some(table_name))
    );
    assert_eq!(env["STORE_ON_LOAD"], "false");
    let policies = expiring["iam"]["UploadedFunctionRole"]["inline"].to_string();
    assert!(
        policies.contains(&format!("arn:aws:s3:::{bucket_name}/*"))
            && policies.contains(&format!("table/{table_name}")),
        "{policies}"
    );
    assert!(
        !policies.contains("s3:PutObject"),
        "`uploaded` only reads the bucket: {policies}"
    );
    assert_eq!(
        expiring["s3"]["UploadBucket"]["encryption"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"],
        "AES256"
    );
}

#[test]
fn fargate_web() {
    let c = check("fargate-web");
    let t = &c.report.transformed["Resources"];
    // What moto does not keep: Fargate, task CPU and task role, and the auto scaling (2–4 tasks on CPU 70 %).
    for (tier, cpu, memory) in [("Web", "256", "512"), ("Was", "1024", "3072")] {
        let task = &t[format!("{tier}Task")]["Properties"];
        assert_eq!(
            (task["Cpu"].as_str(), task["Memory"].as_str()),
            (Some(cpu), Some(memory))
        );
        assert_eq!(
            task["RequiresCompatibilities"],
            serde_json::json!(["FARGATE"])
        );
        assert_eq!(
            t[format!("{tier}Service")]["Properties"]["LaunchType"],
            "FARGATE"
        );
        let scaling = &t[format!("{tier}Scaling")]["Properties"];
        assert_eq!(
            (
                scaling["MinCapacity"].as_u64(),
                scaling["MaxCapacity"].as_u64()
            ),
            (Some(2), Some(4))
        );
        let policy = &t[format!("{tier}CpuScaling")]["Properties"]["TargetTrackingScalingPolicyConfiguration"];
        assert_eq!(
            (
                policy["TargetValue"].as_f64(),
                policy["ScaleInCooldown"].as_u64(),
                policy["ScaleOutCooldown"].as_u64()
            ),
            (Some(70.0), Some(300), Some(300))
        );
    }
    assert_eq!(
        t["AppVpcPublicSubnet1"]["Properties"]["MapPublicIpOnLaunch"],
        true
    );
    assert!(
        t["AppVpcPrivateSubnet1"]["Properties"]
            .get("MapPublicIpOnLaunch")
            .is_none()
    );
    assert_eq!(
        t["WasTask"]["Properties"]["TaskRoleArn"],
        serde_json::json!({"Fn::GetAtt": ["WasTaskRole", "Arn"]})
    );
    let statement =
        &t["WasTaskRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0];
    assert_eq!(statement["Action"], "sagemaker:InvokeEndpoint");
    // The one endpoint the WAS calls, whose name the container receives.
    assert_eq!(
        statement["Resource"]["Fn::Sub"],
        "arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:endpoint/${ClassifierName}"
    );
    assert_eq!(
        t["WasTask"]["Properties"]["ContainerDefinitions"][0]["Environment"][0],
        serde_json::json!({"Name": "CLASSIFIER_ENDPOINT_NAME", "Value": {"Ref": "ClassifierName"}})
    );
    // The web tier has no task role: it touches nothing; each tier's execution role reads only its own logs.
    assert!(t["WebTask"]["Properties"].get("TaskRoleArn").is_none());
    let pulls = &t["WebExecutionRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
    assert_eq!(
        pulls[2]["Resource"],
        serde_json::json!({"Fn::GetAtt": ["WebLogs", "Arn"]})
    );

    let moto = Moto::start();
    let image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1";
    let r = deployed(
        &moto,
        &c,
        "fargate-web",
        &[("WebImage", image), ("WasImage", image)],
    );
    assert_eq!(
        skipped(&r),
        ["WasCpuScaling", "WasScaling", "WebCpuScaling", "WebScaling"],
        "moto has no Application Auto Scaling"
    );
    let ec2 = &r["ec2"];
    assert_eq!(ec2["AppVpc"], "10.0.0.0/16");
    let subnets: Vec<(&str, &str)> = [
        "AppVpcPublicSubnet1",
        "AppVpcPublicSubnet2",
        "AppVpcPrivateSubnet1",
        "AppVpcPrivateSubnet2",
    ]
    .iter()
    .map(|s| {
        (
            ec2[s]["CidrBlock"].as_str().unwrap(),
            ec2[s]["AvailabilityZone"].as_str().unwrap(),
        )
    })
    .collect();
    assert_eq!(
        subnets,
        [
            ("10.0.0.0/20", "us-east-1a"),
            ("10.0.16.0/20", "us-east-1b"),
            ("10.0.32.0/20", "us-east-1a"),
            ("10.0.48.0/20", "us-east-1b")
        ]
    );
    // Two NAT gateways, one in each public subnet.
    let resources = r["resources"].as_object().unwrap();
    let subnet_of = |nat: &str| ec2[nat]["SubnetId"].as_str().unwrap().to_owned();
    assert_ne!(subnet_of("AppVpcNat1"), subnet_of("AppVpcNat2"));
    assert_eq!(
        resources
            .values()
            .filter(|k| *k == "AWS::EC2::NatGateway")
            .count(),
        2
    );
    // The four security groups chain: internet -> web ALB :80 -> web :8000 -> WAS ALB :80 -> WAS :8081.
    let id = |sg: &str| ec2[sg]["GroupId"].clone();
    let ingress = |sg: &str| ec2[sg]["Ingress"][0].clone();
    assert_eq!(
        ingress("AppWebAlbSg"),
        serde_json::json!({"port": 80, "cidrs": ["0.0.0.0/0"], "groups": []})
    );
    assert_eq!(
        ingress("AppWebSg"),
        serde_json::json!({"port": 8000, "cidrs": [], "groups": [id("AppWebAlbSg")]})
    );
    assert_eq!(
        ingress("AppWasAlbSg"),
        serde_json::json!({"port": 80, "cidrs": [], "groups": [id("AppWebSg")]})
    );
    assert_eq!(
        ingress("AppWasSg"),
        serde_json::json!({"port": 8081, "cidrs": [], "groups": [id("AppWasAlbSg")]})
    );
    // Services, task definitions, load balancers, health checks, log retention.
    let (ecs, elb) = (&r["ecs"], &r["elbv2"]);
    for (tier, port, scheme) in [("Web", 8000, "internet-facing"), ("Was", 8081, "internal")] {
        assert_eq!(ecs[format!("{tier}Service")]["desiredCount"], 2);
        assert_eq!(
            ecs[format!("{tier}Task")]["ports"],
            serde_json::json!([port])
        );
        assert_eq!(elb[format!("{tier}Alb")]["Scheme"], scheme);
        assert_eq!(
            elb[format!("{tier}Listener")],
            serde_json::json!({"Port": 80, "Actions": ["forward"]})
        );
        let tg = &elb[format!("{tier}TargetGroup")];
        assert_eq!(
            (tg["Port"].as_u64(), tg["HealthCheckPath"].as_str()),
            (Some(port), Some("/health"))
        );
        assert_eq!(r["logs"][format!("{tier}Logs")], 7);
    }
    assert_eq!(ecs["WasTask"]["memory"], "3072");
    assert_eq!(
        r["outputs"]["WebPageURL"],
        format!("http://{}", elb["WebAlb"]["DNSName"].as_str().unwrap())
    );
    assert_eq!(
        r["outputs"]["WasAlbUrl"],
        format!("http://{}", elb["WasAlb"]["DNSName"].as_str().unwrap())
    );
}

#[test]
fn pipeline() {
    let c = check("pipeline");
    let t = &c.report.transformed["Resources"];
    // moto implements neither CodeBuild, CodePipeline, CloudWatch alarms nor Application Auto Scaling: they are
    // checked here, on the template.
    let build = &t["BuildProject"]["Properties"];
    assert_eq!(build["Source"]["BuildSpec"], pipeline::BUILDSPEC);
    assert!(pipeline::BUILDSPEC.contains("printf '[{\"name\":\"comentarios-app\",\"imageUri\":\"%s\"}]' $IMAGE:$CODEBUILD_BUILD_NUMBER > image-to-ecs.json"));
    let vars: Vec<&str> = build["Environment"]["EnvironmentVariables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["Name"].as_str().unwrap())
        .collect();
    assert_eq!(vars, ["AWS_ACCOUNT_ID", "IMAGE_NAME"]);
    assert_eq!(build["Environment"]["PrivilegedMode"], true);
    let stages: Vec<(&str, &str)> = t["Pipeline"]["Properties"]["Stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["Name"].as_str().unwrap(),
                s["Actions"][0]["ActionTypeId"]["Provider"]
                    .as_str()
                    .unwrap(),
            )
        })
        .collect();
    assert_eq!(
        stages,
        [
            ("Source", "CodeCommit"),
            ("Build", "CodeBuild"),
            ("Deploy", "ECS")
        ]
    );
    assert_eq!(
        t["Pipeline"]["Properties"]["Stages"][2]["Actions"][0]["Configuration"]["FileName"],
        "image-to-ecs.json"
    );
    let scaling = &t["AppScaling"]["Properties"];
    assert_eq!(
        (
            scaling["MinCapacity"].as_u64(),
            scaling["MaxCapacity"].as_u64()
        ),
        (Some(1), Some(3))
    );
    assert_eq!(
        t["CpuAlarm"]["Properties"]["AlarmActions"],
        serde_json::json!([{"Ref": "Alerts"}])
    );
    assert_eq!(
        t["Dashboard"]["Properties"]["DashboardName"],
        "comentarios-dash"
    );
    // The service's execution role pulls from this repository and writes this log group, nothing more; the
    // app is granted nothing, so it has no task role.
    let pulls = t["AppExecutionRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
        .as_array()
        .unwrap();
    assert_eq!(
        pulls[1]["Resource"],
        serde_json::json!({"Fn::GetAtt": ["AppRepository", "Arn"]})
    );
    assert_eq!(
        pulls[2]["Resource"],
        serde_json::json!({"Fn::GetAtt": ["AppLogs", "Arn"]})
    );
    assert!(t.get("AppTaskRole").is_none());
    assert_eq!(
        t["AppTask"]["Properties"]["ContainerDefinitions"][0]["Image"],
        serde_json::json!({"Fn::Sub": "${AppRepository.RepositoryUri}:latest"})
    );
    // The alarm's topic is under a key of its own that CloudWatch may use: under `alias/aws/sns` every alarm
    // would be dropped.
    assert_eq!(
        t["Alerts"]["Properties"]["KmsMasterKeyId"],
        serde_json::json!({"Ref": "AlertsKey"})
    );
    assert_eq!(
        t["AlertsKey"]["Properties"]["KeyPolicy"]["Statement"][1]["Principal"]["Service"],
        serde_json::json!(["cloudwatch.amazonaws.com"])
    );

    let moto = Moto::start();
    let r = deployed(&moto, &c, "pipeline", &[("AlertEmail", "ops@example.com")]);
    assert_eq!(
        skipped(&r),
        [
            "AppCpuScaling",
            "AppScaling",
            "BuildProject",
            "CpuAlarm",
            "Pipeline"
        ]
    );
    // The topic and its email subscription, from the typed shortcuts and the parameter.
    assert_eq!(
        r["sns"]["Alerts"]["subscriptions"],
        serde_json::json!([["email", "ops@example.com"]])
    );
    // VPC with two public subnets in two AZs and the two security groups.
    let ec2 = &r["ec2"];
    assert_eq!(ec2["ComentariosVpc"], "10.10.0.0/16");
    assert_ne!(
        ec2["ComentariosVpcPublicSubnet1"]["AvailabilityZone"],
        ec2["ComentariosVpcPublicSubnet2"]["AvailabilityZone"]
    );
    assert_eq!(
        ec2["VpcInternalSg"]["Ingress"][0]["cidrs"],
        serde_json::json!(["10.10.0.0/16"])
    );
    let ports: Vec<u64> = ec2["WebSg"]["Ingress"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["port"].as_u64().unwrap())
        .collect();
    assert_eq!(ports, [80, 8000]);
    // The service on 8000 behind the load balancer on 80, with the /health-check target check.
    assert_eq!(r["ecs"]["AppService"]["desiredCount"], 1);
    assert_eq!(r["ecs"]["AppTask"]["ports"], serde_json::json!([8000]));
    assert_eq!(
        r["elbv2"]["AppListener"],
        serde_json::json!({"Port": 80, "Actions": ["forward"]})
    );
    let tg = &r["elbv2"]["AppTargetGroup"];
    assert_eq!(
        (tg["Port"].as_u64(), tg["HealthCheckPath"].as_str()),
        (Some(8000), Some("/health-check"))
    );
    // The ECR repository exists, and the roles' policies name it and the artifacts bucket, not `*` (but for
    // the two actions AWS gives no resource-level permissions).
    assert!(r["resources"]["AppRepository"] == "AWS::ECR::Repository");
    let build_policy = r["iam"]["BuildProjectRole"]["inline"].to_string();
    assert!(
        build_policy.contains("repository/comentarios-app"),
        "{build_policy}"
    );
}

/// The checks an example's README accepts: the `- `CKV_...`` lines of its `## checkov findings` section, each
/// `- `<check> <logical id>`: <reason>`.
fn readme_checkov(example: &str) -> Vec<String> {
    let readme =
        std::fs::read_to_string(root().join("examples").join(example).join("README.md")).unwrap();
    let Some(section) = readme.split("## checkov findings").nth(1) else {
        return Vec::new();
    };
    let mut listed: Vec<String> = section
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|l| l.strip_prefix("- `CKV"))
        .map(|l| format!("CKV{}", l.split('`').next().unwrap()))
        .collect();
    listed.sort();
    listed
}

/// checkov (pinned in `tests/requirements-checkov.txt`, in a venv of its own) over the four examples' transformed
/// templates, in one run: every failed check is one its example's README lists with the reason it is accepted,
/// and every listed one still fails, so a new finding fails the test and a fixed one must leave the list.
#[test]
fn checkov_finds_only_what_each_readme_accepts() {
    const EXAMPLES: [&str; 4] = ["ml-discovery", "filestore", "fargate-web", "pipeline"];
    let dir = scratch("checkov");
    let sources: Vec<PathBuf> = EXAMPLES
        .iter()
        .map(|e| {
            let to = dir.join(format!("{e}.yaml"));
            std::fs::copy(root().join("examples").join(e).join("template.yaml"), &to).unwrap();
            to
        })
        .collect();
    for (e, count) in EXAMPLES.iter().zip(support::sam_counts(&sources, true)) {
        assert!(count.is_ok(), "{e}: the transform refused it: {count:?}");
    }
    for s in &sources {
        std::fs::remove_file(s).unwrap();
    }
    let out = run(Command::new(support::checkov())
        .current_dir(&dir)
        .args([
            "-d",
            ".",
            "--framework",
            "cloudformation",
            "-o",
            "json",
            "--quiet",
            "--compact",
        ])
        .arg("--skip-download")
        .env("CKV_SKIP_PACKAGE_UPDATE_CHECK", "true")
        .env("BC_SKIP_MAPPING", "TRUE"));
    let parsed: Value = serde_json::from_str(&support::stdout(&out))
        .unwrap_or_else(|e| panic!("checkov printed no JSON ({e}):\n{}", stderr(&out)));
    let reports = match parsed {
        Value::Array(reports) => reports,
        one => vec![one],
    };
    let mut found: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut scanned = 0;
    for r in &reports {
        scanned += r["summary"]["resource_count"].as_u64().unwrap_or(0);
        for f in r["results"]["failed_checks"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let file = f["file_path"].as_str().unwrap();
            let example = file
                .trim_start_matches('/')
                .trim_end_matches(".transformed.json");
            let id = f["resource"].as_str().unwrap().rsplit('.').next().unwrap();
            found
                .entry(example.to_owned())
                .or_default()
                .push(format!("{} {id}", f["check_id"].as_str().unwrap()));
        }
    }
    assert!(
        scanned > 100,
        "checkov scanned {scanned} resources:\n{}",
        stderr(&out)
    );
    let mut wrong = Vec::new();
    for e in EXAMPLES {
        let mut got = found.remove(e).unwrap_or_default();
        got.sort();
        let listed = readme_checkov(e);
        for new in got.iter().filter(|g| !listed.contains(g)) {
            wrong.push(format!(
                "{e}: checkov reports `{new}`, which README.md does not list"
            ));
        }
        for fixed in listed.iter().filter(|l| !got.contains(l)) {
            wrong.push(format!(
                "{e}: README.md lists `{fixed}`, which checkov no longer reports"
            ));
        }
    }
    assert!(found.is_empty(), "findings in unknown files: {found:?}");
    assert!(wrong.is_empty(), "{wrong:#?}");
}
