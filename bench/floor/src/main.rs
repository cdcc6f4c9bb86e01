//! The floor of the generation benchmark: builds the workload's template (N functions, see
//! bench/gen_workload.py) directly as a `serde_json::Value` and prints it as YAML, or JSON with `json`.
//!
//! usage: bench-floor N [yaml|json]

use serde_json::{Map, Value, json};

/// The HTTP API access-log format infra-core writes.
const ACCESS_LOG_FORMAT: &str = r#"{"integrationError":"$context.integrationErrorMessage","ip":"$context.identity.sourceIp","requestId":"$context.requestId","requestTime":"$context.requestTime","responseLength":"$context.responseLength","routeKey":"$context.routeKey","status":"$context.status"}"#;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).expect("usage: bench-floor N [yaml|json]");
    let json_out = args.next().as_deref() == Some("json");
    let mut resources = Map::new();
    let mut outputs = Map::new();
    resources.insert(
        "Records".into(),
        json!({"Type": "AWS::DynamoDB::Table", "Properties": {
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST",
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}},
            "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}),
    );
    resources.insert(
        "HttpApiAccessLogs".into(),
        json!({"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 90}}),
    );
    for i in 0..n {
        resources.insert(
            format!("Fn{i}Function"),
            json!({"Type": "AWS::Serverless::Function", "Properties": {
                "Architectures": ["arm64"], "MemorySize": 512 + (i % 4) * 256, "Timeout": 15, "CodeUri": ".",
                "Handler": "bootstrap", "Runtime": "provided.al2023",
                "Environment": {"Variables": {"RECORDS_TABLE_NAME": {"Ref": "Records"}}},
                "Policies": [{"DynamoDBCrudPolicy": {"TableName": {"Ref": "Records"}}}],
                "Events": {"HttpApi": {"Type": "HttpApi", "Properties": {"Method": "POST", "Path": format!("/fn{i}"), "PayloadFormatVersion": "2.0"}}}},
                "Metadata": {"BuildMethod": "rust-cargolambda", "BuildProperties": {"Binary": format!("fn{i}")}}}),
        );
        outputs.insert(
            format!("Fn{i}Url"),
            json!({"Description": format!("URL of POST /fn{i}"),
                   "Value": {"Fn::Sub": format!("https://${{ServerlessHttpApi}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/fn{i}")}}),
        );
    }
    let access_logs = json!({"DestinationArn": {"Fn::GetAtt": ["HttpApiAccessLogs", "Arn"]}, "Format": ACCESS_LOG_FORMAT});
    let template = json!({"AWSTemplateFormatVersion": "2010-09-09", "Transform": ["AWS::Serverless-2016-10-31"],
                          "Globals": {"HttpApi": {"AccessLogSettings": access_logs}},
                          "Resources": Value::Object(resources), "Outputs": Value::Object(outputs)});
    if json_out {
        println!("{}", serde_json::to_string_pretty(&template).unwrap());
    } else {
        print!("{}", serde_yaml::to_string(&template).unwrap());
    }
}
