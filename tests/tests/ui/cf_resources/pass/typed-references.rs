//! Resources declared on types and referenced by type: policies and environment from declared use, events on
//! typed targets, and the Filestore `StoreOnLoad` parameter and condition.

use infra_core::{CfResource, cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

#[cf_resources(table(partition = "id", sort = "created", ttl = "expires", stream = "NEW_IMAGE", gsi(name = "ByOwner", partition = "owner"), gsi(name = "ByCreated", partition = "created")))]
pub struct FileRecord {
    pub id: String,
    pub created: u64,
    pub owner: String,
    pub size: u64,
    pub expires: i64,
}

#[cf_resources(bucket(cors(allowed_origins("*"), allowed_methods("PUT", "GET")), cors(allowed_origins("https://example.com"), allowed_methods("DELETE")), expire_after_days = 30))]
pub struct UploadBucket;

#[cf_resources(queue(visibility_timeout = 60, dead_letter_after = 3))]
pub struct Jobs;

#[cf_resources(topic(subscriptions(email = AlertEmail)))]
pub struct Alerts;

#[cf_resources(parameter(kind = "String", default = "ops@example.com", description = "who gets alerts"))]
pub struct AlertEmail;

#[cf_resources(parameter(kind = "String", default = "true", allowed_values("true", "false")))]
pub struct StoreOnLoad;

#[cf_resources(condition(equals(StoreOnLoad, "false")))]
pub struct StoreOnLoadOff;

#[cf_function(reads(UploadBucket), writes(FileRecord, Alerts), events(s3(bucket = UploadBucket)))]
async fn uploaded(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

#[cf_function(condition = StoreOnLoadOff, reads(FileRecord), writes(FileRecord, Jobs), env(BUCKET = UploadBucket, STORE = StoreOnLoad), events(schedule("rate(1 hour)"), dynamodb(table = FileRecord)))]
async fn expire(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

fn main() {
    let _ = (uploaded, expire);
    let asm = infra_core::registry::collect(&infra_core::registry::Context::new("."));
    assert_eq!(asm.diagnostics, []);
    let t = asm.template;
    let up = &t.resources["UploadedFunction"].properties;
    assert_eq!(up["Policies"][0]["S3ReadPolicy"]["BucketName"], infra_core::model::resources::bucket_name("UploadBucket"));
    assert_eq!(up["Policies"][1], json!({"DynamoDBWritePolicy": {"TableName": {"Ref": "FileRecord"}}}));
    assert_eq!(up["Policies"][2], json!({"SNSPublishMessagePolicy": {"TopicName": {"Fn::GetAtt": ["Alerts", "TopicName"]}}}));
    assert_eq!(up["Environment"]["Variables"]["FILE_RECORD_TABLE_NAME"], json!({"Ref": "FileRecord"}));
    assert_eq!(up["Environment"]["Variables"]["ALERTS_TOPIC_ARN"], json!({"Ref": "Alerts"}));
    assert_eq!(up["Events"]["S3"]["Properties"]["Bucket"], json!({"Ref": "UploadBucket"}));
    let ex = &t.resources["ExpireFunction"];
    assert_eq!(ex.condition.as_deref(), Some("StoreOnLoadOff"));
    assert_eq!(ex.properties["Policies"][0], json!({"DynamoDBCrudPolicy": {"TableName": {"Ref": "FileRecord"}}}));
    assert_eq!(ex.properties["Environment"]["Variables"]["STORE"], json!({"Ref": "StoreOnLoad"}));
    assert_eq!(ex.properties["Events"]["DynamoDb"]["Properties"]["Stream"], json!({"Fn::GetAtt": ["FileRecord", "StreamArn"]}));
    assert_eq!(t.conditions["StoreOnLoadOff"], json!({"Fn::Equals": [{"Ref": "StoreOnLoad"}, "false"]}));
    assert_eq!(t.parameters["StoreOnLoad"].allowed_values, [json!("true"), json!("false")]);
    let table = serde_json::to_value(&t.resources["FileRecord"]).unwrap();
    assert_eq!(table["Properties"]["AttributeDefinitions"], json!([
        {"AttributeName": "id", "AttributeType": "S"},
        {"AttributeName": "created", "AttributeType": "N"},
        {"AttributeName": "owner", "AttributeType": "S"}
    ]));
    assert_eq!(table["DeletionPolicy"], "Retain");
    assert_eq!(t.resources["Alerts"].properties["Subscription"], json!([{"Protocol": "email", "Endpoint": {"Ref": "AlertEmail"}}]));
    assert!(t.resources.contains_key("JobsDeadLetter"));
    assert_eq!(<FileRecord as CfResource>::REF.env, "FILE_RECORD_TABLE_NAME");
    assert!(FileRecord::runtime_ref().is_err());
}
