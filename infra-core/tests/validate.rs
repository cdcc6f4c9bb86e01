//! One test per validation rule: a template that breaks it yields exactly the expected diagnostic, and a
//! twin that keeps it yields none.

use infra_core::intrinsic::{Pseudo, get_att, if_, reference, sub};
use infra_core::registry::{Origin, Origins, Section};
use infra_core::validate::{self, MAX_BODY, MAX_INLINE_BODY, estimate_transformed};
use infra_core::{Output, Parameter, Resource, Severity, Template};
use serde_json::json;

fn messages(t: &Template) -> Vec<String> {
    validate::validate(t, &Origins::new())
        .into_iter()
        .map(|d| d.to_string())
        .collect()
}

fn with(resources: Vec<(&str, Resource)>) -> Template {
    let mut t = Template::new();
    for (id, r) in resources {
        t.add_resource(id, r);
    }
    t
}

fn bucket() -> Resource {
    Resource::new("AWS::S3::Bucket")
}

fn http_function(path: &str) -> Resource {
    Resource::new("AWS::Serverless::Function").property(
        "Events",
        json!({"Api": {"Type": "HttpApi", "Properties": {"Method": "GET", "Path": path}}}),
    )
}

#[test]
fn a_valid_template_has_no_diagnostics() {
    let mut t = with(vec![
        ("Uploads", bucket().condition("IsProd")),
        (
            "Api",
            http_function("/").property(
                "Environment",
                json!({"Variables": {"BUCKET": reference("Uploads")}}),
            ),
        ),
    ]);
    t.add_parameter("Stage", Parameter::string());
    t.add_condition(
        "IsProd",
        json!({"Fn::Equals": [reference("Stage"), "prod"]}),
    );
    t.add_output(
        "Url",
        Output::new(sub(
            "https://${ServerlessHttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/",
        )),
    );
    t.add_output("Role", Output::new(get_att("ApiRole", "Arn")));
    assert_eq!(messages(&t), Vec::<String>::new());
}

#[test]
fn logical_ids_are_alphanumeric_and_carry_their_origin() {
    let mut t = with(vec![("upload-bucket", bucket()), ("Ok1", bucket())]);
    t.add_parameter("my_param", Parameter::string());
    t.add_output("x".repeat(256), Output::new("v"));
    let mut origins = Origins::new();
    let at = Origin {
        file: "src/lib.rs",
        line: 12,
        module: "app",
    };
    origins.insert((Section::Resources, "upload-bucket".into()), at);
    let got: Vec<String> = validate::validate(&t, &origins)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        got,
        [
            "error: invalid logical id `my_param` in Parameters: use 1 to 255 ASCII letters and digits only".to_owned(),
            "src/lib.rs:12: error: invalid logical id `upload-bucket` in Resources: use 1 to 255 ASCII letters and digits only"
                .to_owned(),
            format!("error: invalid logical id `{}` in Outputs: use 1 to 255 ASCII letters and digits only", "x".repeat(256)),
        ]
    );
}

#[test]
fn a_name_cannot_be_both_parameter_and_resource() {
    let mut t = with(vec![("Bucket", bucket())]);
    t.add_parameter("Bucket", Parameter::string());
    assert_eq!(
        messages(&t),
        ["error: `Bucket` is both a parameter and a resource"]
    );
}

#[test]
fn refs_must_name_a_resource_parameter_or_pseudo_parameter() {
    let t = with(vec![
        ("Uploads", bucket()),
        (
            "Topic",
            Resource::new("AWS::SNS::Topic").property(
                "DisplayName",
                json!([reference("Upload"), Pseudo::Region.to_ref()]),
            ),
        ),
    ]);
    assert_eq!(
        messages(&t),
        [
            "error: resource `Topic` has `Ref` to `Upload`, which is not a resource, parameter or pseudo parameter (did you mean `Uploads`?)"
        ]
    );
}

#[test]
fn getatt_in_both_forms_must_name_a_resource() {
    let t = with(vec![(
        "Topic",
        Resource::new("AWS::SNS::Topic")
            .property("A", get_att("Queue", "Arn"))
            .property("B", json!({"Fn::GetAtt": "Table.StreamArn"})),
    )]);
    assert_eq!(
        messages(&t),
        [
            "error: resource `Topic` has `Fn::GetAtt` to `Queue.Arn`, but no resource `Queue` exists",
            "error: resource `Topic` has `Fn::GetAtt` to `Table.StreamArn`, but no resource `Table` exists",
        ]
    );
}

#[test]
fn sub_variables_must_exist_except_literals_and_locals() {
    let t = with(vec![(
        "Topic",
        Resource::new("AWS::SNS::Topic")
            .property(
                "A",
                sub("${AWS::StackName}-${!Literal}-${Missing}-${Gone.Arn}"),
            )
            .property(
                "B",
                json!({"Fn::Sub": ["${Local}-${Other}", {"Local": "x"}]}),
            ),
    )]);
    assert_eq!(
        messages(&t),
        [
            "error: resource `Topic` has `Fn::Sub ${}` to `Missing`, which is not a resource, parameter or pseudo parameter",
            "error: resource `Topic` has `Fn::GetAtt` to `Gone.Arn`, but no resource `Gone` exists",
            "error: resource `Topic` has `Fn::Sub ${}` to `Other`, which is not a resource, parameter or pseudo parameter",
        ]
    );
}

#[test]
fn depends_on_must_name_a_resource() {
    let t = with(vec![
        ("Uploads", bucket()),
        (
            "Topic",
            Resource::new("AWS::SNS::Topic").depends_on("Upload"),
        ),
    ]);
    assert_eq!(
        messages(&t),
        [
            "error: resource `Topic` has `DependsOn: Upload`, but no resource `Upload` exists (did you mean `Uploads`?)"
        ]
    );
}

#[test]
fn conditions_must_be_declared_wherever_they_are_used() {
    let mut t = with(vec![
        ("Uploads", bucket().condition("IsProd")),
        // An IAM statement's `Condition` is a property, not a condition reference.
        (
            "Policy",
            Resource::new("AWS::IAM::ManagedPolicy")
                .property("Statement", json!({"Condition": "Anything"})),
        ),
        (
            "Topic",
            Resource::new("AWS::SNS::Topic").property("DisplayName", if_("IsDev", "a", "b")),
        ),
    ]);
    t.add_condition(
        "Both",
        json!({"Fn::And": [{"Condition": "IsStaging"}, {"Fn::Equals": ["a", "a"]}]}),
    );
    t.add_output("Name", Output::new("x").condition("IsTest"));
    assert_eq!(
        messages(&t),
        [
            "error: resource `Topic` uses condition `IsDev`, which is not declared in Conditions",
            "error: resource `Uploads` uses condition `IsProd`, which is not declared in Conditions",
            "error: output `Name` uses condition `IsTest`, which is not declared in Conditions",
            "error: condition `Both` uses condition `IsStaging`, which is not declared in Conditions",
        ]
    );
}

#[test]
fn conditions_may_only_reference_parameters() {
    let mut t = with(vec![("Uploads", bucket())]);
    t.add_condition(
        "HasBucket",
        json!({"Fn::Equals": [reference("Uploads"), "x"]}),
    );
    assert_eq!(
        messages(&t),
        [
            "error: condition `HasBucket` references resource `Uploads`; conditions may only reference parameters"
        ]
    );
}

#[test]
fn find_in_map_must_name_a_mapping() {
    let mut t = with(vec![(
        "Topic",
        Resource::new("AWS::SNS::Topic").property(
            "A",
            json!({"Fn::FindInMap": ["Regions", Pseudo::Region.to_ref(), "Ami"]}),
        ),
    )]);
    assert_eq!(
        messages(&t),
        [
            "error: resource `Topic` has `Fn::FindInMap` on `Regions`, which is not declared in Mappings"
        ]
    );
    t.mappings
        .insert("Regions".into(), json!({"us-east-1": {"Ami": "ami-1"}}));
    assert_eq!(messages(&t), Vec::<String>::new());
}

#[test]
fn sam_implicit_ids_exist_only_when_sam_creates_them() {
    let refs = |t: &mut Template| {
        t.add_output("Url", Output::new(reference("ServerlessHttpApi")));
        t.add_output("Role", Output::new(get_att("FnRole", "Arn")));
        t.add_output("Rest", Output::new(reference("ServerlessRestApi")));
    };
    let mut t = with(vec![("Fn", http_function("/"))]);
    refs(&mut t);
    assert_eq!(
        messages(&t),
        [
            "error: output `Rest` has `Ref` to `ServerlessRestApi`, which is not a resource, parameter or pseudo parameter (did you mean `ServerlessHttpApi`?)"
        ]
    );
    // With an explicit role there is no `FnRole`; with an explicit API no `ServerlessHttpApi`.
    let explicit = Resource::new("AWS::Serverless::Function")
        .property("Role", "arn:aws:iam::1:role/r")
        .property(
            "Events",
            json!({"Api": {"Type": "HttpApi", "Properties": {"ApiId": reference("Http")}}}),
        );
    let mut t = with(vec![
        ("Fn", explicit),
        ("Http", Resource::new("AWS::Serverless::HttpApi")),
    ]);
    refs(&mut t);
    assert_eq!(messages(&t).len(), 3, "{:?}", messages(&t));
}

/// What SAM creates for an event, a URL, an alias or an API stage can be referenced by its id; an id it will not
/// create is refused with the nearest one it will.
#[test]
fn references_reach_every_id_the_transform_creates() {
    let worker = Resource::new("AWS::Serverless::Function")
        .property("AutoPublishAlias", "live")
        .property(
            "Events",
            json!({
                "Tick": {"Type": "Schedule", "Properties": {"Schedule": "rate(1 hour)"}},
                "Jobs": {"Type": "SQS", "Properties": {"Queue": "arn:aws:sqs:us-east-1:123456789012:jobs"}},
                "Get": {"Type": "Api", "Properties": {"Path": "/", "Method": "get", "RestApiId": reference("Rest")}},
            }),
        );
    let rest = Resource::new("AWS::Serverless::Api").property("StageName", "live");
    let refs = |names: &[&str]| {
        let mut t = with(vec![("Worker", worker.clone()), ("Rest", rest.clone())]);
        for (i, n) in names.iter().enumerate() {
            t.add_output(format!("O{i}"), Output::new(reference(*n)));
        }
        messages(&t)
    };
    assert_eq!(
        refs(&[
            "WorkerTick",
            "WorkerTickPermission",
            "WorkerJobs",
            "WorkerGetPermissionlive",
            "WorkerAliaslive",
            "Worker.Version",
            "RestliveStage",
        ]),
        Vec::<String>::new()
    );
    assert_eq!(
        refs(&["WorkerTock", "RestLiveStage"]),
        [
            "error: output `O0` has `Ref` to `WorkerTock`, which is not a resource, parameter or pseudo parameter (did you mean `WorkerTick`?)",
            "error: output `O1` has `Ref` to `RestLiveStage`, which is not a resource, parameter or pseudo parameter (did you mean `RestliveStage`?)",
        ]
    );
}

/// Troposphere happily writes a template of 170 HTTP functions; the transform makes it 512 resources and
/// CloudFormation refuses it. Here the generator refuses it first.
#[test]
fn the_resource_quota_applies_to_the_transformed_template() {
    let functions = |n: usize| {
        with(
            (0..n)
                .map(|i| {
                    (
                        Box::leak(format!("Fn{i}").into_boxed_str()) as &str,
                        http_function(&format!("/fn{i}")),
                    )
                })
                .collect(),
        )
    };
    // Each function: itself, its role, its permission; plus the implicit API and its stage.
    assert_eq!(estimate_transformed(&functions(166)), 500);
    // For benchmarks of oversized workloads the count quotas can be warnings; they are never dropped.
    let relaxed = validate::validate_with(&functions(170), &Origins::new(), Severity::Warning);
    assert_eq!(relaxed.len(), 1);
    assert_eq!(relaxed[0].severity, Severity::Warning);
    assert_eq!(messages(&functions(166)), Vec::<String>::new());
    assert_eq!(
        messages(&functions(170)),
        [
            "error: the template declares 170 resources, which the SAM transform expands to 512; \
          CloudFormation accepts at most 500 per stack: split it into nested stacks (the largest shares: \
          510 from resources added without an annotation)"
        ]
    );
    // With origins, the error stands at the largest share and names the next ones.
    let mut origins = Origins::new();
    for i in 0..170 {
        let (file, line) = if i < 100 {
            ("src/a.rs", 5)
        } else {
            ("src/b.rs", 9)
        };
        let at = Origin {
            file,
            line,
            module: "app",
        };
        origins.insert((Section::Resources, format!("Fn{i}")), at);
    }
    let got: Vec<String> = validate::validate(&functions(170), &origins)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        got,
        [
            "src/a.rs:5: error: the template declares 170 resources, which the SAM transform expands to 512; \
          CloudFormation accepts at most 500 per stack: split it into nested stacks (the largest shares: \
          300 from src/a.rs:5, 210 from src/b.rs:9)"
        ]
    );
}

#[test]
fn parameter_output_and_mapping_quotas() {
    let mut t = with(vec![("B", bucket())]);
    for i in 0..201 {
        t.add_parameter(format!("P{i}"), Parameter::string());
        t.add_output(format!("O{i}"), Output::new("x"));
        t.mappings.insert(format!("M{i}"), json!({"a": {"b": "c"}}));
    }
    let mut origins = Origins::new();
    let at = |line| Origin {
        file: "src/lib.rs",
        line,
        module: "app",
    };
    origins.insert((Section::Parameters, "P99".into()), at(3));
    origins.insert((Section::Outputs, "O99".into()), at(4));
    let got: Vec<String> = validate::validate(&t, &origins)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        got,
        [
            "src/lib.rs:3: error: the template has 201 parameters; CloudFormation accepts at most 200 (`P99` is the first past it)",
            "src/lib.rs:4: error: the template has 201 outputs; CloudFormation accepts at most 200 (`O99` is the first past it)",
            "error: the template has 201 mappings; CloudFormation accepts at most 200 (`M99` is the first past it)",
        ]
    );
}

#[test]
fn the_description_has_at_most_1024_bytes() {
    let mut t = with(vec![("B", bucket())]);
    t.description = Some("é".repeat(512));
    assert_eq!(messages(&t), Vec::<String>::new());
    t.description = Some("é".repeat(512) + "x");
    assert_eq!(
        messages(&t),
        ["error: the description is 1025 bytes; CloudFormation accepts at most 1024"]
    );
}

#[test]
fn body_size_warns_above_the_inline_limit_and_fails_above_one_megabyte() {
    assert!(validate::check_size(&"x".repeat(MAX_INLINE_BODY)).is_empty());
    let warn = validate::check_size(&"x".repeat(MAX_INLINE_BODY + 1));
    assert_eq!(warn.len(), 1);
    assert_eq!(warn[0].severity, Severity::Warning);
    assert!(
        warn[0]
            .message
            .starts_with("template body is 51201 bytes, above the 51200-byte inline limit")
    );
    let err = validate::check_size(&"x".repeat(MAX_BODY + 1));
    assert_eq!(
        err[0].to_string(),
        "error: template body is 1000001 bytes; CloudFormation accepts at most 1000000"
    );
}

#[test]
fn resources_that_would_get_one_physical_name_are_refused_with_their_origins() {
    use infra_core::model::resources::bucket_name;
    let long = "TheUploadsOfEveryCustomerInEveryRegion";
    let named = |id: &str| Resource::new("AWS::S3::Bucket").property("BucketName", bucket_name(id));
    let mut t = with(vec![
        ("Uploads", named("Uploads")),
        ("UPLOADS", named("UPLOADS")),
        (&format!("{long}A"), named(&format!("{long}A"))),
        (&format!("{long}B"), named(&format!("{long}B"))),
        ("Distinct", named("Distinct")),
    ]);
    t.add_resource(
        "Jobs",
        Resource::new("AWS::SQS::Queue").property("QueueName", "jobs"),
    );
    t.add_resource(
        "Work",
        Resource::new("AWS::SQS::Queue").property("QueueName", "jobs"),
    );
    t.add_resource(
        "Fn",
        Resource::new("AWS::Lambda::Function").property("FunctionName", "f"),
    );
    t.add_resource(
        "Sam",
        Resource::new("AWS::Serverless::Function").property("FunctionName", "f"),
    );
    let mut origins = Origins::new();
    origins.insert(
        (Section::Resources, "Work".into()),
        Origin {
            file: "src/lib.rs",
            line: 7,
            module: "app",
        },
    );
    let got: Vec<String> = validate::validate(&t, &origins)
        .iter()
        .map(ToString::to_string)
        .collect();
    let tail = ": CloudFormation creates the first and fails the stack on the next; give them names that differ \
                (for names derived from the logical id, ids that differ in their first 37 characters, ignoring case)";
    assert_eq!(
        got,
        [
            format!(
                "error: resources `Fn` and `Sam` (AWS::Lambda::Function) would get the same name `f`{tail}"
            ),
            format!(
                "error: resources `{long}A` and `{long}B` (AWS::S3::Bucket) would get the same name \
                 `theuploadsofeverycustomerineveryregio-…`{tail}"
            ),
            format!(
                "error: resources `UPLOADS` and `Uploads` (AWS::S3::Bucket) would get the same name `uploads-…`{tail}"
            ),
            format!(
                "src/lib.rs:7: error: resources `Jobs` and `Work` (AWS::SQS::Queue) would get the same name `jobs` \
                 (declared: `Work` at src/lib.rs:7){tail}"
            ),
        ]
    );
}

#[test]
fn cycles_of_resources_and_of_conditions_are_refused_with_every_member() {
    let queue = || Resource::new("AWS::SQS::Queue");
    let mut t = with(vec![
        ("A", queue().depends_on("B")),
        ("B", queue().depends_on("A")),
        ("Self", queue().depends_on("Self")),
        (
            "X",
            queue().property(
                "RedrivePolicy",
                json!({"deadLetterTargetArn": get_att("Y", "Arn")}),
            ),
        ),
        (
            "Y",
            queue().property("QueueName", sub("${Z.QueueName}-dlq")),
        ),
        (
            "Z",
            queue().property("Tags", json!([{"Key": "peer", "Value": reference("X")}])),
        ),
        ("Chain", queue().depends_on("A")),
        (
            "Free",
            queue().property("QueueName", reference("AWS::StackName")),
        ),
    ]);
    t.conditions.insert(
        "On".into(),
        json!({"Fn::And": [{"Condition": "Off"}, {"Fn::Equals": ["a", "a"]}]}),
    );
    t.conditions
        .insert("Off".into(), json!({"Fn::Not": [{"Condition": "On"}]}));
    t.conditions
        .insert("Fine".into(), json!({"Fn::Not": [{"Condition": "On"}]}));
    let mut origins = Origins::new();
    for (i, id) in ["A", "B", "X", "Y", "Z"].into_iter().enumerate() {
        let at = Origin {
            file: "src/lib.rs",
            line: 10 + i as u32,
            module: "app",
        };
        origins.insert((Section::Resources, id.into()), at);
    }
    let got: Vec<String> = validate::validate(&t, &origins)
        .iter()
        .map(ToString::to_string)
        .collect();
    let tail = "CloudFormation cannot order them and refuses the template";
    let fix = "drop one of the references or `DependsOn`s, or derive the value without it (e.g. a name built \
               from the stack, as buckets' names are)";
    assert_eq!(
        got,
        [
            format!(
                "src/lib.rs:10: error: resources form a cycle: `A` → `B` → `A` (declared: `A` at src/lib.rs:10, \
                 `B` at src/lib.rs:11); {tail}: {fix}"
            ),
            format!("error: resources form a cycle: `Self` → `Self`; {tail}: {fix}"),
            format!(
                "src/lib.rs:12: error: resources form a cycle: `X` → `Y` → `Z` → `X` (declared: `X` at \
                 src/lib.rs:12, `Y` at src/lib.rs:13, `Z` at src/lib.rs:14); {tail}: {fix}"
            ),
            format!(
                "error: conditions form a cycle: `Off` → `On` → `Off`; {tail}: a condition cannot depend on itself"
            ),
        ]
    );
}

#[test]
fn ids_the_sam_transform_creates_are_neither_too_long_nor_taken() {
    let long = format!("F{}", "n".repeat(244));
    let function = |events: serde_json::Value| {
        Resource::new("AWS::Serverless::Function")
            .property("Runtime", "provided.al2023")
            .property("Events", events)
    };
    let mut t = with(vec![
        (&long, function(json!({"Tick": {"Type": "Schedule"}}))),
        (
            "XFunction",
            function(
                json!({"Get": {"Type": "HttpApi", "Properties": {"Path": "/", "Method": "GET"}}}),
            ),
        ),
        ("XFunctionRole", Resource::new("AWS::IAM::Role")),
        ("ServerlessHttpApi", Resource::new("AWS::ApiGatewayV2::Api")),
    ]);
    t.add_resource("Fine", function(json!({})));
    let mut origins = Origins::new();
    let at = |line| Origin {
        file: "src/lib.rs",
        line,
        module: "app",
    };
    origins.insert((Section::Resources, long.clone()), at(3));
    origins.insert((Section::Resources, "XFunctionRole".into()), at(9));
    let got: Vec<String> = validate::validate(&t, &origins)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        got,
        [
            format!(
                "src/lib.rs:3: error: the SAM transform names a resource of function `{long}` `{}…` (259 characters); \
                 CloudFormation accepts at most 255: shorten the logical id (or the event's name)",
                &long[..40]
            ),
            "src/lib.rs:9: error: `XFunctionRole` is an id the SAM transform creates for function `XFunction`: the two \
             would collide; give the resource another logical id"
                .to_owned(),
            "error: `ServerlessHttpApi` is an id the SAM transform creates for the implicit API: the two would collide; \
             give the resource another logical id"
                .to_owned(),
        ]
    );
}

#[test]
fn hand_written_functions_get_lambda_s_variable_names_and_one_function_per_route() {
    let function = |env: serde_json::Value, path: &str| {
        Resource::new("AWS::Serverless::Function")
            .property("Environment", json!({ "Variables": env }))
            .property(
                "Events",
                json!({"Get": {"Type": "HttpApi", "Properties": {"Path": path, "Method": "get"}}}),
            )
    };
    let mut t = with(vec![
        (
            "A",
            function(json!({"MY-VAR": "x", "1ST": "y", "OK_1": "z"}), "/items"),
        ),
        ("B", function(json!({}), "/items")),
        ("C", function(json!({}), "/other")),
    ]);
    t.globals.insert(
        "Function".into(),
        json!({"Environment": {"Variables": {"_X": "1"}}})
            .as_object()
            .unwrap()
            .clone(),
    );
    let mut m = messages(&t);
    m.retain(|m| !m.contains("the SAM transform"));
    assert_eq!(
        m,
        [
            "error: function `A` sets the environment variable `1ST`: names match `[A-Za-z][A-Za-z0-9_]+` (Lambda's rule)",
            "error: function `A` sets the environment variable `MY-VAR`: names match `[A-Za-z][A-Za-z0-9_]+` (Lambda's rule)",
            "error: `Globals.Function` sets the environment variable `_X`: names match `[A-Za-z][A-Za-z0-9_]+` (Lambda's rule)",
            "error: functions `A` and `B` both serve `GET /items` on one API: API Gateway routes a request to one \
             integration; give each its own path or method",
        ]
    );
}

#[test]
fn grants_of_everything_are_warned_about_unless_a_reason_is_given() {
    let function = |policies: serde_json::Value| {
        Resource::new("AWS::Serverless::Function").property("Policies", policies)
    };
    let t = with(vec![
        (
            "Admin",
            function(json!(["AdministratorAccess", {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b"}]}])),
        ),
        (
            "Reader",
            function(json!([{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]}])),
        ),
        (
            "Denier",
            function(json!([{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}])),
        ),
        (
            "Role",
            Resource::new("AWS::IAM::Role").property(
                "ManagedPolicyArns",
                json!([{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess"}]),
            ),
        ),
        (
            "Tracer",
            Resource::new("AWS::IAM::Role")
                .property("Policies", json!([{"PolicyName": "p", "PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "xray:PutTraceSegments", "Resource": "*"}}}]))
                .broad_permissions("xray:PutTraceSegments has no resource-level permissions"),
        ),
    ]);
    let mut origins = Origins::new();
    origins.insert(
        (Section::Resources, "Admin".into()),
        Origin {
            file: "src/lib.rs",
            line: 4,
            module: "app",
        },
    );
    let got: Vec<String> = validate::validate(&t, &origins)
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(ToString::to_string)
        .collect();
    let function_way = "`broad_permissions = \"why\"` on its `#[cf_function]`";
    assert_eq!(
        got,
        [
            format!(
                "src/lib.rs:4: warning: `Admin` is allowed every action (`Action: *`) and the `AdministratorAccess` \
                 managed policy: narrow it to the actions and resources it uses, or say it is intended with {function_way}"
            ),
            format!(
                "warning: `Reader` is allowed `s3:GetObject` on every resource (`Resource: *`): narrow it to the \
                 actions and resources it uses, or say it is intended with {function_way}"
            ),
            "warning: `Role` is allowed the `AdministratorAccess` managed policy: narrow it to the actions and \
             resources it uses, or say it is intended with `.broad_permissions(\"why\")` on the `Resource` (metadata \
             `infra: {broad_permissions: why}`)"
                .to_owned(),
        ]
    );
}

/// A size given by a parameter is checked against Lambda's range on every value the parameter may take: its
/// default, its allowed values, and its bounds (an unbounded one could pass anything at deploy time).
#[test]
fn sizes_given_by_parameters_fit_lambda_s_ranges() {
    let f = Resource::new("AWS::Serverless::Function")
        .property("MemorySize", json!({"Ref": "Memory"}))
        .property("Timeout", json!({"Ref": "Wait"}))
        .property("EphemeralStorage", json!({"Size": {"Ref": "Disk"}}));
    let mut t = with(vec![("Worker", f)]);
    t.add_parameter(
        "Memory",
        Parameter::new("Number")
            .default_value("64")
            .allowed_values(["64", "512"]),
    );
    t.add_parameter("Wait", Parameter::new("Number").default_value("30"));
    let mut disk = Parameter::new("Number").default_value("1024");
    disk.min_value = Some(512.0);
    disk.max_value = Some(10240.0);
    t.add_parameter("Disk", disk);
    assert_eq!(
        messages(&t),
        [
            "error: parameter `Memory` gives `MemorySize` of `Worker`, which takes 128 to 10240 MB, but its default is 64",
            "error: parameter `Memory` gives `MemorySize` of `Worker`, which takes 128 to 10240 MB, but an allowed value is 64",
            "error: parameter `Wait` gives `Timeout` of `Worker`, which takes 1 to 900 seconds: bound it with `allowed_values(..)` (or MinValue 1 and MaxValue 900) so no deploy can pass a value Lambda refuses",
        ]
    );
}
