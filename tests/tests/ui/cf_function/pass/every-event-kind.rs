//! Every event kind on one `serde_json::Value` handler, which accepts them all.

use infra_core::cf_function;
use infra_core::registry::{Context, collect};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

#[cf_function(events(
    http_api(method = "post", path = "/items", url_output = "ItemsUrl"),
    api(method = "GET", path = "/items/{id}", api_key_required = true, cors = "'*'", url_output = "RestUrl"),
    schedule("cron(0 3 * * ? *)", name = "Nightly", enabled = false, input = "{\"job\": \"cleanup\"}"),
    s3(bucket = "Uploads", events("s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"), prefix = "in/", suffix = ".csv"),
    sqs(queue = "Jobs", batch_size = 50, batching_window = 5, enabled = true),
    sns(topic = "Alerts", filter_policy = "{\"severity\": [\"high\"]}"),
    dynamodb(table = "Files", starting_position = "TRIM_HORIZON", batch_size = 100),
    eventbridge(pattern = "{\"source\": [\"aws.s3\"]}", bus = "orders"),
))]
async fn everything(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {
    let _ = everything;
    let t = collect(&Context::new(env!("CARGO_MANIFEST_DIR"))).template;
    let events = &t.resources["EverythingFunction"].properties["Events"];
    let kinds: Vec<(&str, &str)> =
        events.as_object().unwrap().iter().map(|(k, v)| (k.as_str(), v["Type"].as_str().unwrap())).collect();
    // `Events` is a map: its entries come sorted by name.
    assert_eq!(
        kinds,
        [
            ("Api", "Api"),
            ("DynamoDb", "DynamoDB"),
            ("EventBridge", "EventBridgeRule"),
            ("HttpApi", "HttpApi"),
            ("Nightly", "Schedule"),
            ("S3", "S3"),
            ("Sns", "SNS"),
            ("Sqs", "SQS"),
        ]
    );
    assert_eq!(events["HttpApi"]["Properties"]["Method"], "POST");
    assert_eq!(events["Api"]["Properties"], json!({"Method": "get", "Path": "/items/{id}", "Auth": {"ApiKeyRequired": true}}));
    assert_eq!(events["Nightly"]["Properties"], json!({"Schedule": "cron(0 3 * * ? *)", "Enabled": false, "Input": "{\"job\":\"cleanup\"}"}));
    assert_eq!(
        events["S3"]["Properties"]["Filter"],
        json!({"S3Key": {"Rules": [{"Name": "prefix", "Value": "in/"}, {"Name": "suffix", "Value": ".csv"}]}})
    );
    assert_eq!(events["Sqs"]["Properties"]["Queue"], json!({"Fn::GetAtt": ["Jobs", "Arn"]}));
    assert_eq!(events["Sns"]["Properties"]["FilterPolicy"], json!({"severity": ["high"]}));
    assert_eq!(events["DynamoDb"]["Properties"]["Stream"], json!({"Fn::GetAtt": ["Files", "StreamArn"]}));
    assert_eq!(events["EventBridge"]["Properties"]["Pattern"], json!({"source": ["aws.s3"]}));
    assert_eq!(t.globals["Api"]["Cors"]["AllowOrigin"], "'*'");
    assert_eq!(t.globals["Api"]["Auth"]["UsagePlan"], json!({"CreateUsagePlan": "PER_API"}));
    assert!(t.outputs["RestUrl"].value["Fn::Sub"].as_str().unwrap().ends_with("/Prod/items/{id}"));
}
