use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

// `FileRecord` (a table) and `FileRecordTable` (a table) both inject `FILE_RECORD_TABLE_NAME`.
#[cf_resources(table(partition = "id"))]
pub struct FileRecord {
    pub id: String,
}

#[cf_resources(table(partition = "id"))]
pub struct FileRecordTable {
    pub id: String,
}

#[cf_resources(bucket)]
pub struct Uploads;

#[cf_function(reads(FileRecord, Uploads), writes(FileRecordTable), env(UPLOADS_BUCKET_NAME = "mine"))]
async fn handler(event: LambdaEvent<Value>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
