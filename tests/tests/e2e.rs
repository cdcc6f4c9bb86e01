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
        "the template declares 170 resources, which the SAM transform expands to 512;"
    ));

    let path = scratch("quota").join("template.yaml");
    std::fs::write(&path, render(&t, Format::Yaml)).unwrap();
    let report = sam_check(&path);
    assert_eq!((report.sam_resources, report.resources), (170, 512));
    assert!(report.resources > infra_core::validate::MAX_RESOURCES);
}

/// A template using every `#[cf_function]` key and event kind passes the SAM transform and cfn-lint with no
/// error. The only warnings are about the usage plan resources SAM itself generates for `api_key_required` (on
/// the implicit API and on `HttpStoreApi`).
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
            "W3005 Resources/HttpStoreApiUsagePlan/DependsOn/0: 'HttpStoreApi' dependency already enforced by a 'Ref' at 'Resources/HttpStoreApiUsagePlan/Properties/ApiStages/0/ApiId'",
            "W3005 Resources/HttpStoreApiUsagePlanKey/DependsOn/0: 'HttpStoreApiApiKey' dependency already enforced by a 'Ref' at 'Resources/HttpStoreApiUsagePlanKey/Properties/KeyId'",
            "W3005 Resources/ServerlessRestApiUsagePlan/DependsOn/0: 'ServerlessRestApi' dependency already enforced by a 'Ref' at 'Resources/ServerlessRestApiUsagePlan/Properties/ApiStages/0/ApiId'",
            "W3005 Resources/ServerlessRestApiUsagePlanKey/DependsOn/0: 'ServerlessRestApiApiKey' dependency already enforced by a 'Ref' at 'Resources/ServerlessRestApiUsagePlanKey/Properties/KeyId'",
        ]
    );
    let estimate = estimate_of(&path);
    assert_eq!(
        estimate, report.resources,
        "the generator's count of the transformed template"
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
    // EventBridge Scheduler: the schedule's own role may invoke this function and send to the typed queue alone.
    let weekdays = &r["SourceSchedulerFunctionWeekdays"];
    assert_eq!(weekdays["Type"], "AWS::Scheduler::Schedule");
    assert_eq!(
        weekdays["Properties"]["Target"]["DeadLetterConfig"]["Arn"]["Fn::GetAtt"][0],
        "SourceMissed"
    );
    let grants: Vec<(String, String)> =
        r["SourceSchedulerFunctionWeekdaysRole"]["Properties"]["Policies"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["PolicyDocument"]["Statement"].as_array().unwrap())
            .map(|s| {
                (
                    s["Action"].to_string(),
                    s["Resource"]["Fn::GetAtt"][0].to_string(),
                )
            })
            .collect();
    assert_eq!(
        grants,
        [
            (
                r#""lambda:InvokeFunction""#.into(),
                r#""SourceSchedulerFunction""#.into()
            ),
            (r#""sqs:SendMessage""#.into(), r#""SourceMissed""#.into()),
        ]
    );
    assert_eq!(
        r["SourceSchedulerFunctionOnceQueue"]["Type"],
        "AWS::SQS::Queue"
    );
    assert_eq!(
        r["SourceLogsFunctionCloudWatchLogs"]["Type"],
        "AWS::Logs::SubscriptionFilter"
    );
    assert_eq!(
        r["SourceIotFunctionIoTRule"]["Properties"]["TopicRulePayload"]["AwsIotSqlVersion"],
        "2016-03-23"
    );
    // Destinations of asynchronous invocations: SAM grants publishing to the topic and sending to the queue alone.
    let policies = r["AsyncDestinationsFunctionRole"]["Properties"]["Policies"].to_string();
    assert!(
        policies.contains(r#""Action":"sns:publish","Effect":"Allow","Resource":{"Ref":"AsyncDone"}"#)
            && policies.contains(r#""Action":"sqs:SendMessage","Effect":"Allow","Resource":{"Fn::GetAtt":["AsyncChangesFailed","Arn"]}"#),
        "{policies}"
    );
    assert_eq!(
        r["ReleaseWarmFunctionAliaslive"]["Properties"]["ProvisionedConcurrencyConfig"]["ProvisionedConcurrentExecutions"],
        2
    );
    // A role of one's own: SAM creates none.
    assert!(r.get("IamOwnRoleFunctionRole").is_none());
    assert_eq!(
        r["IamEdgeFunctionRole"]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]
            ["Service"][1],
        "edgelambda.amazonaws.com"
    );
    // In the VPC's private subnets, with SAM's VPC access policy, and EFS mounted read-only through its access
    // point alone.
    let models = &r["NetModelsFunction"]["Properties"];
    assert_eq!(
        models["VpcConfig"]["SubnetIds"],
        serde_json::json!([{"Ref": "NetVpcPrivateSubnet1"}, {"Ref": "NetVpcPrivateSubnet2"}])
    );
    let role = &r["NetModelsFunctionRole"]["Properties"];
    assert_eq!(
        role["ManagedPolicyArns"][1],
        "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
    );
    assert_eq!(
        role["Policies"][0]["PolicyDocument"]["Statement"][0]["Action"],
        serde_json::json!(["elasticfilesystem:ClientMount"])
    );
    assert_eq!(
        r["UrlStreamFunctionUrl"]["Properties"]["InvokeMode"],
        "RESPONSE_STREAM"
    );
    // Kafka, MQ and DocumentDB: SAM's mappings, and the grants it leaves out added (MSK with SASL/SCRAM reads
    // its secret).
    let msk = &r["PollMskFunctionMsk"]["Properties"];
    assert_eq!(
        msk["AmazonManagedKafkaEventSourceConfig"]["ConsumerGroupId"],
        "orders-lambda"
    );
    assert_eq!(
        msk["ProvisionedPollerConfig"],
        serde_json::json!({"MinimumPollers": 1, "MaximumPollers": 20, "PollerGroupName": "orders"})
    );
    let msk_role = r["PollMskFunctionRole"]["Properties"]["Policies"].to_string();
    assert!(
        msk_role.contains(r#"{"Action":["secretsmanager:GetSecretValue"],"Effect":"Allow","Resource":[{"Ref":"PollKafkaUser"}]}"#),
        "{msk_role}"
    );
    assert_eq!(
        r["PollKafkaFunctionKafka"]["Properties"]["SourceAccessConfigurations"][2],
        serde_json::json!({"Type": "VPC_SUBNET", "URI": {"Fn::Sub": "subnet:${NetVpcPrivateSubnet1}"}})
    );
    // MQ: SAM's policy named per event, and the network interfaces the poller needs in the broker's VPC.
    let mq = r["PollMqFunctionRole"]["Properties"]["Policies"].to_string();
    assert!(
        mq.contains(r#""PolicyName":"PollMqFunctionMqAMQPolicy""#)
            && mq.contains("ec2:CreateNetworkInterface"),
        "{mq}"
    );
    assert!(
        msk_role.contains(r#""Action":["kms:Decrypt"]"#),
        "{msk_role}"
    );
    assert_eq!(
        r["PollDocdbFunctionDocumentDb"]["Properties"]["DocumentDBEventSourceConfig"]["FullDocument"],
        "UpdateLookup"
    );
    assert_eq!(
        r["PollKinesisFunctionKinesis"]["Properties"]["StartingPositionTimestamp"],
        1_700_000_000
    );
    // EventBridge rules: the transformer, retries and typed dead-letter queue on the target; SNS through queues;
    // Cognito triggers on the pool.
    let target = &r["SourceRulesFunctionObjects"]["Properties"]["Targets"][0];
    assert_eq!(target["Id"], "objects");
    assert_eq!(
        target["InputTransformer"]["InputPathsMap"]["bucket"],
        "$.detail.bucket.name"
    );
    assert_eq!(
        target["DeadLetterConfig"]["Arn"],
        serde_json::json!({"Fn::GetAtt": ["SourceMissed", "Arn"]})
    );
    // SAM writes no policy for a dead-letter queue given by ARN: the generator lets that rule alone send to it.
    assert_eq!(
        r["SourceRulesFunctionObjectsDeadLetterPolicy"]["Properties"]["PolicyDocument"]["Statement"]
            [0]["Condition"],
        serde_json::json!({"ArnEquals": {"aws:SourceArn": {"Fn::GetAtt": ["SourceRulesFunctionObjects", "Arn"]}}})
    );
    assert_eq!(
        r["SourceRulesFunctionInstances"]["Properties"]["Targets"][0]["InputPath"],
        "$.detail"
    );
    assert_eq!(
        r["SourceFanoutFunctionOrders"]["Properties"]["FilterPolicyScope"],
        "MessageBody"
    );
    assert_eq!(
        r["SourceFanoutFunctionRefunds"]["Properties"]["Endpoint"],
        serde_json::json!({"Fn::GetAtt": ["SourceInbox", "Arn"]})
    );
    assert_eq!(
        r["SourceFanoutFunctionRefundsEventSourceMapping"]["Properties"]["BatchSize"],
        5
    );
    assert_eq!(
        r["SourceUsers"]["Properties"]["LambdaConfig"]["PreSignUp"],
        serde_json::json!({"Fn::GetAtt": ["SourceSignupFunction", "Arn"]})
    );
    // An HTTP API of its own: routes guarded by name, the Lambda authorizer invocable by API Gateway, throttling
    // per route, its own access logs; the other API's `$default` route behind a custom domain.
    let body = &r["HttpShopApi"]["Properties"]["Body"];
    assert_eq!(
        body["paths"]["/products"]["get"]["security"],
        serde_json::json!([{"Users": ["shop/read"]}])
    );
    assert_eq!(
        body["paths"]["/health"]["get"]["security"],
        serde_json::json!([{"NONE": []}])
    );
    assert_eq!(
        r["HttpShopApiTokensAuthorizerPermission"]["Properties"]["Principal"],
        "apigateway.amazonaws.com"
    );
    let stage = &r["HttpShopApiprodStage"]["Properties"];
    assert_eq!(
        stage["RouteSettings"]["GET /products"],
        serde_json::json!({"ThrottlingBurstLimit": 10, "ThrottlingRateLimit": 5})
    );
    assert_eq!(
        stage["AccessLogSettings"]["DestinationArn"],
        serde_json::json!({"Fn::GetAtt": ["HttpShopApiAccessLogs", "Arn"]})
    );
    assert_eq!(
        r["HttpEdgeApi"]["Properties"]["Body"]["paths"]["/$default"]["x-amazon-apigateway-any-method"]
            ["isDefaultRoute"],
        true
    );
    assert_eq!(
        r["HttpEdgeApiv1ApiMapping"]["Type"],
        "AWS::ApiGatewayV2::ApiMapping"
    );
    // A canary deployment: the typed alarm rolls it back, the hook named by its handler runs first.
    let group = &r["ReleaseCanaryFunctionDeploymentGroup"]["Properties"];
    assert_eq!(
        group["AlarmConfiguration"]["Alarms"],
        serde_json::json!([{"Name": {"Ref": "ReleaseBacklog"}}])
    );
    assert_eq!(
        group["TriggerConfigurations"][0]["TriggerTargetArn"],
        serde_json::json!({"Ref": "ReleaseNews"})
    );
    assert_eq!(
        r["ReleaseCanaryFunctionAliaslive"]["UpdatePolicy"]["CodeDeployLambdaAliasUpdate"]["BeforeAllowTrafficHook"],
        serde_json::json!({"Ref": "ReleaseCheckFunction"})
    );
    // A state machine: it may invoke the function its definition names and write the table, nothing more; its
    // definition's names resolved.
    let machine = &r["FlowMachine"]["Properties"];
    assert_eq!(
        machine["DefinitionSubstitutions"]["Validate"],
        serde_json::json!({"Fn::GetAtt": ["FlowValidateFunction", "Arn"]})
    );
    assert_eq!(
        machine["DefinitionSubstitutions"]["Orders"],
        serde_json::json!({"Ref": "FlowOrders"})
    );
    let flow_role = r["FlowMachineRole"]["Properties"]["Policies"].to_string();
    assert!(
        flow_role.contains(r#""Action":["lambda:InvokeFunction"]"#)
            && flow_role.contains("FlowValidateFunction"),
        "{flow_role}"
    );
    assert_eq!(
        machine["TracingConfiguration"],
        serde_json::json!({"Enabled": true})
    );
    assert_eq!(
        r["FlowExpressSchedule"]["Properties"]["Targets"][0]["Arn"],
        serde_json::json!({"Ref": "FlowExpressAliaslive"})
    );
    // A REST API of its own: methods guarded by name (a public one still needs its API key), the usage plan,
    // the token authorizer invocable by API Gateway.
    let store = &r["HttpStoreApi"]["Properties"]["Body"]["paths"];
    assert_eq!(
        store["/cart"]["get"]["security"],
        serde_json::json!([{"Shoppers": []}, {"api_key": []}])
    );
    assert_eq!(
        store["/status"]["get"]["x-amazon-apigateway-integration"]["timeoutInMillis"],
        5000
    );
    assert_eq!(
        r["HttpStoreApi"]["Properties"]["Body"]["x-amazon-apigateway-gateway-responses"]["DEFAULT_4XX"]
            ["responseParameters"]["gatewayresponse.header.Access-Control-Allow-Origin"],
        "'https://store.example.com'"
    );
    assert_eq!(
        r["HttpStoreApiv1Stage"]["Properties"]["CanarySetting"]["PercentTraffic"],
        10
    );
    assert_eq!(
        store["/stock"]["post"]["x-amazon-apigateway-request-validator"],
        "body-only"
    );
    assert_eq!(
        store["/stock"]["post"]["parameters"][0],
        serde_json::json!({"in": "header", "name": "X-Partner-Id", "required": true, "type": "string"})
    );
    assert_eq!(
        r["HttpStoreApiUsagePlan"]["Properties"]["Quota"],
        serde_json::json!({"Limit": 100000, "Period": "MONTH"})
    );
    assert_eq!(
        r["HttpStoreApiPartnersAuthorizerPermission"]["Type"],
        "AWS::Lambda::Permission"
    );
    // Connectors: SAM's policies, on the destination alone.
    let reads = r["FlowValidateReadsOrdersPolicy"]["Properties"]["PolicyDocument"].to_string();
    assert!(
        reads.contains("dynamodb:GetItem") && reads.contains("FlowOrders"),
        "{reads}"
    );
    assert_eq!(
        r["FlowMachineCallsValidatePolicy"]["Properties"]["Roles"],
        serde_json::json!([{"Ref": "FlowMachineRole"}])
    );
    // Only the declared skill may invoke the function.
    assert_eq!(
        r["SourceAlexaFunctionAlexaSkillPermission"]["Properties"]["EventSourceToken"],
        "amzn1.ask.skill.12345678-1234-1234-1234-123456789012"
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
    assert_eq!(
        r["VpcMainPrivateSubnet2DefaultRoute"]["Properties"]["NatGatewayId"],
        serde_json::json!({"Ref": "VpcMainNat1"})
    );
    assert_eq!(
        r["VpcDefaultsPrivateSubnet2"]["Properties"]["CidrBlock"],
        "10.30.192.0/18"
    );
    assert_eq!(
        r["SgTasks"]["Properties"]["SecurityGroupIngress"][0]["SourceSecurityGroupId"],
        serde_json::json!({"Fn::GetAtt": ["SgLoadBalancer", "GroupId"]})
    );
    assert_eq!(r["EcsWebAlb"]["Properties"]["Scheme"], "internet-facing");
    assert_eq!(r["EcsApiAlb"]["Properties"]["Scheme"], "internal");
    let worker =
        &r["EcsWorkerService"]["Properties"]["NetworkConfiguration"]["AwsvpcConfiguration"];
    assert_eq!(worker["AssignPublicIp"], "ENABLED");
    assert!(
        r.get("EcsWorkerTaskRole").is_none(),
        "the worker is granted nothing"
    );
    assert_eq!(r["EcsCluster"]["Type"], "AWS::ECS::Cluster");
    // A topic AWS services publish to: its key lets them, and the function publishing to it may use the key.
    assert_eq!(
        r["TopicAlarms"]["Properties"]["KmsMasterKeyId"],
        serde_json::json!({"Ref": "TopicAlarmsKey"})
    );
    assert_eq!(
        r["AlarmWebSlow"]["Properties"]["Dimensions"][0]["Value"],
        serde_json::json!({"Fn::GetAtt": ["EcsWebAlb", "LoadBalancerFullName"]})
    );
    assert_eq!(r["AlarmWebSlow"]["Properties"]["Threshold"], 1.5);
    assert_eq!(
        r["VpcMainFlowLog"]["Properties"]["DeliverLogsPermissionArn"],
        serde_json::json!({"Fn::GetAtt": ["VpcMainFlowLogsRole", "Arn"]})
    );
    assert_eq!(
        r["AlarmJobsStuck"]["Properties"]["MetricName"],
        "ApproximateAgeOfOldestMessage"
    );
    let publisher = r["TopicPublisherFunctionRole"]["Properties"]["Policies"].to_string();
    assert!(
        publisher.contains("kms:GenerateDataKey") && publisher.contains("TopicAlarmsKey"),
        "{publisher}"
    );
}

/// Every delivery, monitoring and network construct of the `constructs` app passes the SAM transform and cfn-lint with no error and no warning.
#[test]
fn every_construct_passes_sam_translator_and_cfn_lint() {
    let report = sam_check(&generate("constructs"));
    assert_eq!(report.errors, Vec::<String>::new());
    assert_eq!(report.warnings, Vec::<String>::new());
    let r = &report.transformed["Resources"];
    let actions = |id: &str, stage: usize| {
        r[id]["Properties"]["Stages"][stage]["Actions"][0]["ActionTypeId"]["Provider"].clone()
    };
    assert_eq!(actions("PipeFromCommit", 0), "CodeCommit");
    assert_eq!(actions("PipeFromCommit", 2), "ECS");
    assert_eq!(actions("PipeFromGitHub", 0), "CodeStarSourceConnection");
    assert_eq!(actions("PipeFromS3", 0), "S3");
    assert_eq!(actions("PipeFromS3", 1), "ECS");
    // The pipelines that cannot start themselves have a rule; the connection's needs none.
    assert_eq!(r["PipeFromCommitTrigger"]["Type"], "AWS::Events::Rule");
    assert_eq!(r["PipeFromS3Trigger"]["Type"], "AWS::Events::Rule");
    assert!(r.get("PipeFromGitHubTrigger").is_none());
    assert_eq!(
        r["PipeReleases"]["Properties"]["NotificationConfiguration"]["EventBridgeConfiguration"]["EventBridgeEnabled"],
        true
    );
    // The deploy passes the service's execution and task roles, to ECS alone.
    let role = r["PipeFromCommitRole"]["Properties"]["Policies"].to_string();
    assert!(
        role.contains("PipeWebExecutionRole") && role.contains("PipeWebTaskRole"),
        "{role}"
    );
    assert!(role.contains("iam:PassedToService"), "{role}");
    // The build's role reaches the pipeline's artifacts.
    let build = r["PipeBuildRole"]["Properties"]["Policies"].to_string();
    assert!(build.contains("PipeFromCommitArtifacts"), "{build}");
    // The dashboard's body is the JSON CloudWatch takes, naming the stack's resources.
    let board = r["DashBoard"]["Properties"]["DashboardBody"]["Fn::Sub"]
        .as_str()
        .unwrap();
    let board: serde_json::Value = serde_json::from_str(board).unwrap();
    assert_eq!(
        board["widgets"][1]["properties"]["metrics"][0][3],
        "${DashJobs.QueueName}"
    );
    assert_eq!(board["widgets"][2]["y"], 6);
    // Endpoints: gateways on every route table, interfaces behind their own group.
    assert_eq!(
        r["NetSealedDynamodbEndpoint"]["Properties"]["RouteTableIds"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(
        r["NetSealedLogsEndpoint"]["Properties"]["VpcEndpointType"],
        "Interface"
    );
    // SageMaker endpoints: nothing created, each invoker granted exactly the endpoints it names.
    assert!(r.get("MlClassifier").is_none() && r.get("MlRanker").is_none());
    let endpoints = |role: &str| -> Vec<(String, String)> {
        let mut out = Vec::new();
        for p in r[role]["Properties"]["Policies"].as_array().unwrap() {
            for s in p["PolicyDocument"]["Statement"].as_array().unwrap() {
                let action = match &s["Action"] {
                    serde_json::Value::Array(a) => a[0].as_str().unwrap().to_owned(),
                    a => a.as_str().unwrap().to_owned(),
                };
                let arn = s["Resource"]["Fn::Sub"].as_str().unwrap_or_default();
                out.push((action, arn.rsplit(':').next().unwrap().to_owned()));
            }
        }
        out
    };
    let invoke = |tail: &str| ("sagemaker:InvokeEndpoint".to_owned(), tail.to_owned());
    assert_eq!(
        endpoints("MlScoreFunctionRole"),
        [
            invoke("endpoint/image-classifier"),
            invoke("endpoint/${MlRankerName}")
        ]
    );
    assert_eq!(
        endpoints("MlWasTaskRole"),
        [invoke("endpoint/image-classifier")]
    );
}

/// `globals(..)`: every function and HTTP API of the template gets the defaults, a function's own values win
/// and its variables join the global ones; the transform and cfn-lint accept it.
#[test]
fn globals_reach_every_function_and_api() {
    let report = sam_check(&generate("globals"));
    assert_eq!(report.errors, Vec::<String>::new());
    assert_eq!(report.warnings, Vec::<String>::new());
    let r = &report.transformed["Resources"];
    let list = &r["GlobListFunction"]["Properties"];
    assert_eq!(
        (&list["MemorySize"], &list["Timeout"]),
        (&serde_json::json!(512), &serde_json::json!(10))
    );
    assert_eq!(list["TracingConfig"], serde_json::json!({"Mode": "Active"}));
    assert_eq!(
        list["LoggingConfig"],
        serde_json::json!({"LogFormat": "JSON", "ApplicationLogLevel": "INFO"})
    );
    assert_eq!(r["GlobListFunctionRole"]["Properties"]["Path"], "/app/");
    assert_eq!(
        r["GlobListFunctionEventInvokeConfig"]["Properties"]["MaximumRetryAttempts"],
        1
    );
    let report_fn = &r["GlobReportFunction"]["Properties"];
    assert_eq!(
        (&report_fn["MemorySize"], &report_fn["Timeout"]),
        (&serde_json::json!(2048), &serde_json::json!(60))
    );
    assert_eq!(
        report_fn["Environment"]["Variables"],
        serde_json::json!({"STAGE": "prod", "REPORT": "daily"})
    );
    assert_eq!(
        r["GlobInternalApi"]["Properties"]["Policy"]["Statement"][0]["Action"],
        "execute-api:Invoke"
    );
    let rest = &r["ServerlessRestApiProdStage"]["Properties"];
    assert_eq!(rest["TracingEnabled"], true);
    assert_eq!(
        rest["MethodSettings"],
        serde_json::json!([{"ResourcePath": "/*", "HttpMethod": "*", "ThrottlingBurstLimit": 20, "ThrottlingRateLimit": 10}])
    );
    let stage = &r["ServerlessHttpApiApiGatewayDefaultStage"]["Properties"];
    assert_eq!(
        stage["DefaultRouteSettings"],
        serde_json::json!({"ThrottlingBurstLimit": 50, "ThrottlingRateLimit": 20})
    );
}

/// No IAM statement the generator writes (or that SAM expands from the policies it chose) has `*` as an action
/// or resource, or a service-wide `svc:*` action: the apps' users wrote none. The exceptions are actions with no
/// resource-level permission (`ecr:GetAuthorizationToken`, a pipeline's `ecs:RegisterTaskDefinition`, the network
/// interface actions SAM grants a DocumentDB or VPC Kafka poller), only in a role whose metadata (or whose
/// function's) names each of them.
/// A KMS key policy's `Resource` is always `*` (the key itself); its only `kms:*` is the account root's, in a
/// key whose metadata says why.
#[test]
fn generated_iam_has_no_wildcards() {
    for app in ["resources", "constructs", "functions", "sample"] {
        let report = sam_check(&generate(app));
        let mut statements = 0;
        for (id, r) in report.transformed["Resources"].as_object().unwrap() {
            for st in r["Properties"]["KeyPolicy"]["Statement"]
                .as_array()
                .into_iter()
                .flatten()
            {
                statements += 1;
                let root = st["Principal"]["AWS"]["Fn::Sub"]
                    .as_str()
                    .is_some_and(|p| p.ends_with(":root"));
                let documented = r["Metadata"]["infra"]["broad_permissions"].is_string();
                if st["Action"] == "kms:*" {
                    assert!(
                        root && documented,
                        "{app}: {id} gives kms:* beyond the account: {st}"
                    );
                } else {
                    assert!(
                        st["Action"]
                            .as_array()
                            .is_some_and(|a| a.iter().all(|a| !a.as_str().unwrap().ends_with('*'))),
                        "{app}: {id} allows a wildcard action: {st}"
                    );
                }
            }
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
                    // A `*` is admitted where the role's metadata (or, for the role SAM makes for function or
                    // state machine `F`, `FRole`, that of `F`) names every action of the statement as having no
                    // resource-level permission.
                    let function = id
                        .strip_suffix("Role")
                        .map(|f| &report.transformed["Resources"][f])
                        .filter(|f| {
                            f["Type"] == "AWS::Lambda::Function"
                                || f["Type"] == "AWS::StepFunctions::StateMachine"
                        });
                    let reason = r["Metadata"]["infra"]["broad_permissions"]
                        .as_str()
                        .or_else(|| function?["Metadata"]["infra"]["broad_permissions"].as_str());
                    let documented = reason.is_some_and(|why| {
                        list(&st["Action"])
                            .iter()
                            .all(|a| why.contains(a.as_str().unwrap()))
                    });
                    for res in list(&st["Resource"]) {
                        if res == "*" && documented {
                            continue;
                        }
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

/// Runs one of the tests package's generator apps into a scratch `template.yaml` of its own: tests run in
/// parallel, and one test's transform must not read a template another is rewriting.
fn generate(app: &str) -> std::path::PathBuf {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let bin = match app {
        "resources" => env!("CARGO_BIN_EXE_resources"),
        "constructs" => env!("CARGO_BIN_EXE_constructs"),
        "functions" => env!("CARGO_BIN_EXE_functions"),
        "globals" => env!("CARGO_BIN_EXE_globals"),
        _ => env!("CARGO_BIN_EXE_sample"),
    };
    let path = scratch(&format!("generate-{app}-{call}")).join("template.yaml");
    let out = run(Command::new(bin).arg("--output").arg(&path));
    assert!(out.status.success(), "{}", stderr(&out));
    path
}

/// The generator's count of what the SAM transform makes equals aws-sam-translator's, construct by construct:
/// every function property and event kind that adds resources, the implicit and explicit APIs, usage plans per
/// API and shared, dead-letter queues SAM creates, and a `Condition` (which changes nothing).
#[test]
fn the_estimate_is_the_transform_s_exact_count_for_every_construct() {
    use serde_json::{Value, json};
    let sources = [
        ("Bucket", "AWS::S3::Bucket", json!({})),
        ("Queue", "AWS::SQS::Queue", json!({})),
        ("Topic", "AWS::SNS::Topic", json!({})),
        (
            "Table",
            "AWS::DynamoDB::Table",
            json!({"StreamSpecification": {"StreamViewType": "NEW_IMAGE"}}),
        ),
        ("Stream", "AWS::Kinesis::Stream", json!({"ShardCount": 1})),
        ("Pool", "AWS::Cognito::UserPool", json!({})),
        ("Logs", "AWS::Logs::LogGroup", json!({})),
    ];
    let ev = |kind: &str, props: Value| json!({"Type": kind, "Properties": props});
    let get = |path: &str| json!({"Path": path, "Method": "get"});
    let sqs_dlq = json!({"Type": "SQS"});
    // (case, function properties, globals, extra resources)
    let cases: Vec<(&str, Value, Value, Value)> = vec![
        ("zip", json!({}), json!({}), json!({})),
        (
            "image",
            json!({"PackageType": "Image", "CodeUri": null, "Handler": null, "Runtime": null}),
            json!({}),
            json!({}),
        ),
        (
            "role given",
            json!({"Role": "arn:aws:iam::123456789012:role/r"}),
            json!({}),
            json!({}),
        ),
        (
            "alias",
            json!({"AutoPublishAlias": "live"}),
            json!({}),
            json!({}),
        ),
        (
            "url none",
            json!({"FunctionUrlConfig": {"AuthType": "NONE"}}),
            json!({}),
            json!({}),
        ),
        (
            "url iam",
            json!({"FunctionUrlConfig": {"AuthType": "AWS_IAM"}}),
            json!({}),
            json!({}),
        ),
        (
            "role-only properties",
            json!({"Policies": ["AWSLambdaBasicExecutionRole"], "Tracing": "Active",
                   "DeadLetterQueue": {"Type": "SQS", "TargetArn": {"Fn::GetAtt": ["Queue", "Arn"]}}}),
            json!({}),
            json!({}),
        ),
        (
            "api",
            json!({"Events": {"A": ev("Api", get("/a")), "B": ev("Api", get("/b"))}}),
            json!({"Api": {"Cors": "'*'"}}),
            json!({}),
        ),
        (
            "api key per api",
            json!({"Events": {"A": ev("Api", json!({"Path": "/a", "Method": "get", "Auth": {"ApiKeyRequired": true}}))}}),
            json!({"Api": {"Auth": {"ApiKeyRequired": true, "UsagePlan": {"CreateUsagePlan": "PER_API"}}}}),
            json!({}),
        ),
        (
            "per api plan, implicit and explicit",
            json!({"Events": {"A": ev("Api", get("/a")),
                              "B": ev("Api", json!({"Path": "/b", "Method": "get", "RestApiId": {"Ref": "Rest"}}))}}),
            json!({"Api": {"Auth": {"UsagePlan": {"CreateUsagePlan": "PER_API"}}}}),
            json!({"Rest": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "prod"}}}),
        ),
        (
            "shared plan, two explicit apis",
            json!({"Events": {"A": ev("Api", json!({"Path": "/a", "Method": "get", "RestApiId": {"Ref": "Rest"}})),
                              "B": ev("Api", json!({"Path": "/b", "Method": "get", "RestApiId": {"Ref": "Other"}}))}}),
            json!({}),
            json!({
                "Rest": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "prod",
                    "Auth": {"UsagePlan": {"CreateUsagePlan": "SHARED"}}}},
                "Other": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "prod",
                    "Auth": {"UsagePlan": {"CreateUsagePlan": "SHARED"}}}},
            }),
        ),
        (
            "no plan",
            json!({"Events": {"A": ev("Api", json!({"Path": "/a", "Method": "get", "RestApiId": {"Ref": "Rest"}}))}}),
            json!({}),
            json!({"Rest": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "prod",
                "Auth": {"UsagePlan": {"CreateUsagePlan": "NONE"}}}}}),
        ),
        (
            "http api",
            json!({"Events": {"A": ev("HttpApi", get("/a")), "B": ev("HttpApi", get("/b"))}}),
            json!({"HttpApi": {"CorsConfiguration": {"AllowOrigins": ["*"]}}}),
            json!({}),
        ),
        (
            "explicit http api",
            json!({"Events": {"A": ev("HttpApi", json!({"Path": "/a", "Method": "get", "ApiId": {"Ref": "Http"}}))}}),
            json!({}),
            json!({"Http": {"Type": "AWS::Serverless::HttpApi", "Properties": {}}}),
        ),
        (
            "pollers and notifications",
            json!({"Events": {
                "S3": ev("S3", json!({"Bucket": {"Ref": "Bucket"}, "Events": "s3:ObjectCreated:*"})),
                "Sns": ev("SNS", json!({"Topic": {"Ref": "Topic"}})),
                "Sqs": ev("SQS", json!({"Queue": {"Fn::GetAtt": ["Queue", "Arn"]}})),
                "Kinesis": ev("Kinesis", json!({"Stream": {"Fn::GetAtt": ["Stream", "Arn"]}, "StartingPosition": "LATEST"})),
                "Ddb": ev("DynamoDB", json!({"Stream": {"Fn::GetAtt": ["Table", "StreamArn"]}, "StartingPosition": "LATEST"})),
            }}),
            json!({}),
            json!({}),
        ),
        (
            "rules",
            json!({"Events": {
                "Tick": ev("Schedule", json!({"Schedule": "rate(5 minutes)"})),
                "Rule": ev("EventBridgeRule", json!({"Pattern": {"source": ["aws.s3"]}})),
                "Old": ev("CloudWatchEvent", json!({"Pattern": {"source": ["aws.ec2"]}})),
            }}),
            json!({}),
            json!({}),
        ),
        (
            "rules with dead-letter queues SAM creates",
            json!({"Events": {
                "Tick": ev("Schedule", json!({"Schedule": "rate(5 minutes)", "DeadLetterConfig": sqs_dlq})),
                "Rule": ev("EventBridgeRule", json!({"Pattern": {"source": ["aws.s3"]}, "DeadLetterConfig": sqs_dlq})),
            }}),
            json!({}),
            json!({}),
        ),
        (
            "scheduler",
            json!({"Events": {
                "V2": ev("ScheduleV2", json!({"ScheduleExpression": "rate(5 minutes)"})),
                "V2Dlq": ev("ScheduleV2", json!({"ScheduleExpression": "rate(1 hour)", "DeadLetterConfig": sqs_dlq})),
            }}),
            json!({}),
            json!({}),
        ),
        (
            "logs, iot, cognito",
            json!({"Events": {
                "Logs": ev("CloudWatchLogs", json!({"LogGroupName": {"Ref": "Logs"}, "FilterPattern": ""})),
                "Iot": ev("IoTRule", json!({"Sql": "SELECT * FROM 'topic'"})),
                "SignUp": ev("Cognito", json!({"UserPool": {"Ref": "Pool"}, "Trigger": "PreSignUp"})),
                "Confirm": ev("Cognito", json!({"UserPool": {"Ref": "Pool"}, "Trigger": "PostConfirmation"})),
            }}),
            json!({}),
            json!({}),
        ),
        (
            "sns through a queue SAM creates",
            json!({"Events": {"Sns": ev("SNS", json!({"Topic": {"Ref": "Topic"}, "SqsSubscription": true}))}}),
            json!({}),
            json!({}),
        ),
        (
            "destinations SAM creates",
            json!({"EventInvokeConfig": {"MaximumRetryAttempts": 1, "DestinationConfig": {
                "OnSuccess": {"Type": "SQS"}, "OnFailure": {"Type": "SNS"}}}}),
            json!({}),
            json!({}),
        ),
        (
            "deployment preference",
            json!({"AutoPublishAlias": "live", "DeploymentPreference": {"Type": "AllAtOnce"}}),
            json!({}),
            json!({}),
        ),
        (
            "scheduler with its role given",
            json!({"Events": {"V2": ev("ScheduleV2", json!({"ScheduleExpression": "rate(5 minutes)",
                "RoleArn": "arn:aws:iam::123456789012:role/scheduler"}))}}),
            json!({}),
            json!({}),
        ),
        (
            "named stages",
            json!({"Events": {
                "R": ev("Api", json!({"Path": "/r", "Method": "get", "RestApiId": {"Ref": "Rest"}})),
                "H": ev("HttpApi", json!({"Path": "/h", "Method": "get", "ApiId": {"Ref": "Http"}})),
                "Alexa": ev("AlexaSkill", json!({})),
            }}),
            json!({}),
            json!({
                "Rest": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "live"}},
                "Http": {"Type": "AWS::Serverless::HttpApi", "Properties": {"StageName": "v1"}},
            }),
        ),
        (
            "condition",
            json!({"Condition": "On", "AutoPublishAlias": "live", "FunctionUrlConfig": {"AuthType": "NONE"},
                   "Events": {"A": ev("Api", get("/a")), "H": ev("HttpApi", get("/h")),
                              "Sns": ev("SNS", json!({"Topic": {"Ref": "Topic"}}))}}),
            json!({}),
            json!({}),
        ),
    ];
    let dir = scratch("estimate");
    let mut paths = Vec::new();
    let mut estimates = Vec::new();
    let mut created = Vec::new();
    for (i, (_, function, globals, extra)) in cases.iter().enumerate() {
        let mut t = Template::new();
        t.conditions
            .insert("On".into(), json!({"Fn::Equals": ["a", "a"]}));
        for (id, kind, props) in &sources {
            let mut r = Resource::new(*kind);
            r.properties = props.as_object().unwrap().clone();
            t.add_resource(*id, r);
        }
        for (id, r) in extra.as_object().unwrap() {
            let mut res = Resource::new(r["Type"].as_str().unwrap());
            res.properties = r["Properties"].as_object().unwrap().clone();
            t.add_resource(id.clone(), res);
        }
        let mut f = Resource::new("AWS::Serverless::Function")
            .property("CodeUri", ".")
            .property("Handler", "bootstrap")
            .property("Runtime", "provided.al2023");
        for (k, v) in function.as_object().unwrap() {
            match (k.as_str(), v) {
                ("Condition", v) => f.condition = v.as_str().map(str::to_owned),
                (_, Value::Null) => {
                    f.properties.remove(k);
                }
                _ => {
                    f.properties.insert(k.clone(), v.clone());
                }
            }
        }
        if f.properties.get("PackageType").is_some() {
            f.properties.insert(
                "ImageUri".into(),
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/f:1".into(),
            );
        }
        t.add_resource("Fn", f);
        for (section, m) in globals.as_object().unwrap() {
            t.globals
                .insert(section.clone(), m.as_object().unwrap().clone());
        }
        estimates.push(infra_core::validate::estimate_transformed(&t));
        let ids: Vec<String> = infra_core::validate::sam_created_ids(&t)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        created.push((t.resources.keys().cloned().collect::<Vec<_>>(), ids));
        let path = dir.join(format!("case{i}.json"));
        std::fs::write(&path, render(&t, Format::Json)).unwrap();
        paths.push(path);
    }
    let counts = support::sam_counts(&paths, true);
    // Each id the transform creates is one `sam_created_ids` names (a `*` standing for SAM's hash), and each it
    // names is created: the validator's list of referable ids is the transform's own.
    for (i, ((case, ..), (declared, ids))) in cases.iter().zip(&created).enumerate() {
        let out: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("case{i}.transformed.json"))).unwrap(),
        )
        .unwrap();
        let made: Vec<&String> = out["Resources"]
            .as_object()
            .unwrap()
            .keys()
            .filter(|id| !declared.contains(id))
            .collect();
        let matches = |pattern: &str, id: &str| match pattern.strip_suffix('*') {
            Some(stem) => id
                .strip_prefix(stem)
                .is_some_and(|h| h.len() == 10 && h.bytes().all(|b| b.is_ascii_hexdigit())),
            None => pattern == id,
        };
        let unnamed: Vec<_> = made
            .iter()
            .filter(|m| !ids.iter().any(|p| matches(p, m)))
            .collect();
        let phantom: Vec<_> = ids
            .iter()
            .filter(|p| !made.iter().any(|m| matches(p, m)))
            .collect();
        assert!(
            unnamed.is_empty() && phantom.is_empty(),
            "{case}: created but not named {unnamed:?}, named but not created {phantom:?}"
        );
    }
    let wrong: Vec<String> = cases
        .iter()
        .zip(estimates.iter().zip(&counts))
        .filter(|(_, (estimate, count))| count.as_ref() != Ok(*estimate))
        .map(|((case, ..), (estimate, count))| {
            format!("{case}: estimate {estimate}, transform {count:?}")
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}
