//! Every function-level key at once; `main` checks what each one produced.

use infra_core::cf_function;
use infra_core::registry::{Context, collect};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

#[cf_function(
    logical_id = "Worker",
    description = "does the work",
    memory = 1024,
    timeout = 30,
    ephemeral_storage = 2048,
    reserved_concurrency = 5,
    architecture = "x86_64",
    bin = "worker",
    env(STAGE = "prod", TABLE = "${Files}"),
    layers("arn:aws:lambda:us-east-1:123456789012:layer:tools:3"),
    tracing = "active",
    log_retention = 14,
    tags(team = "ml", tier = "backend", "cost-center" = "4711"),
    condition = "IsProd",
    function_url(auth = "none", cors(allow_origins("https://example.com"), allow_methods("GET"), max_age = 60, allow_credentials = true), url_output = "WorkerUrl"),
    dead_letter(sqs = "Failed"),
    auto_publish_alias = "live",
    policies(DynamoDBReadPolicy(TableName = "${Files}"), "AWSXrayWriteOnlyAccess", statement(effect = "Allow", actions("s3:GetObject"), resources("arn:${AWS::Partition}:s3:::uploads/*"))),
)]
async fn work(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

#[cf_function(image = "model", dockerfile = "Dockerfile.lambda", tag = "v1")]
fn image_handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {
    let _ = (work, image_handler);
    let t = collect(&Context::new(env!("CARGO_MANIFEST_DIR"))).template;
    let f = serde_json::to_value(&t.resources["Worker"]).unwrap();
    let p = &f["Properties"];
    assert_eq!(f["Condition"], "IsProd");
    assert_eq!(p["Description"], "does the work");
    assert_eq!((p["MemorySize"].clone(), p["Timeout"].clone()), (json!(1024), json!(30)));
    assert_eq!(p["EphemeralStorage"], json!({"Size": 2048}));
    assert_eq!(p["ReservedConcurrentExecutions"], 5);
    assert_eq!(p["Architectures"], json!(["x86_64"]));
    assert_eq!(f["Metadata"]["BuildProperties"]["Binary"], "worker");
    assert_eq!(p["Environment"]["Variables"], json!({"STAGE": "prod", "TABLE": {"Fn::Sub": "${Files}"}}));
    assert_eq!(p["Layers"], json!(["arn:aws:lambda:us-east-1:123456789012:layer:tools:3"]));
    assert_eq!(p["Tracing"], "Active");
    assert_eq!(p["Tags"], json!({"team": "ml", "tier": "backend", "cost-center": "4711"}));
    assert_eq!(
        p["FunctionUrlConfig"],
        json!({"AuthType": "NONE", "Cors": {"AllowOrigins": ["https://example.com"], "AllowMethods": ["GET"], "MaxAge": 60, "AllowCredentials": true}})
    );
    assert_eq!(p["DeadLetterQueue"], json!({"Type": "SQS", "TargetArn": {"Fn::GetAtt": ["Failed", "Arn"]}}));
    assert_eq!(p["AutoPublishAlias"], "live");
    assert_eq!(
        p["Policies"],
        json!([
            {"DynamoDBReadPolicy": {"TableName": {"Fn::Sub": "${Files}"}}},
            "AWSXrayWriteOnlyAccess",
            {"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": [{"Fn::Sub": "arn:${AWS::Partition}:s3:::uploads/*"}]}]}
        ])
    );
    assert_eq!(t.resources["WorkerLogGroup"].properties["RetentionInDays"], 14);
    assert_eq!(t.outputs["WorkerUrl"].value, json!({"Fn::GetAtt": ["WorkerUrl", "FunctionUrl"]}));
    let image = serde_json::to_value(&t.resources["ImageHandlerFunction"]).unwrap();
    assert_eq!(image["Properties"]["PackageType"], "Image");
    assert_eq!(image["Metadata"]["Dockerfile"], "Dockerfile.lambda");
    assert_eq!(image["Metadata"]["DockerTag"], "v1");
}
