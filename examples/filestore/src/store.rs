//! Where records and files live: [`AwsStore`] (DynamoDB and S3 through the AWS SDK) in Lambda, and
//! [`MemoryStore`] in tests.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_s3::presigning::PresigningConfig;
use infra_core::CfResource;
use lambda_runtime::Diagnostic;

use crate::infra::{FileRecord, UploadBucket};

/// Why a store operation failed. Handlers return it as is, so Lambda's error response names its type
/// (`StoreError`) rather than a boxed error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

// Not `std::error::Error` on purpose: this blanket conversion lets `?` take any error (SDK, presigning,
// missing environment), which would overlap with `From<T> for T` otherwise.
impl<E: std::error::Error> From<E> for StoreError {
    fn from(e: E) -> Self {
        StoreError(e.to_string())
    }
}

impl From<StoreError> for Diagnostic {
    fn from(e: StoreError) -> Diagnostic {
        Diagnostic {
            error_type: "StoreError".into(),
            error_message: e.0,
        }
    }
}

type Error = StoreError;

/// Records in the table, objects in the bucket.
pub trait Store: Send + Sync {
    /// Writes (or replaces) a record.
    fn put(&self, record: &FileRecord) -> impl Future<Output = Result<(), Error>> + Send;
    /// The record of `id`, if any.
    fn get(&self, id: &str) -> impl Future<Output = Result<Option<FileRecord>, Error>> + Send;
    /// Removes the record of `id`.
    fn delete(&self, id: &str) -> impl Future<Output = Result<(), Error>> + Send;
    /// Records whose `expires` is at or before `now`.
    fn expired(&self, now: u64) -> impl Future<Output = Result<Vec<FileRecord>, Error>> + Send;
    /// A URL that lets its holder PUT the object `id` for `valid`.
    fn presign_put(
        &self,
        id: &str,
        valid: Duration,
    ) -> impl Future<Output = Result<String, Error>> + Send;
    /// A URL that lets its holder GET the object `id` for `valid`, saved as `file_name`.
    fn presign_get(
        &self,
        id: &str,
        file_name: &str,
        valid: Duration,
    ) -> impl Future<Output = Result<String, Error>> + Send;
    /// Size and MIME type of the object `id`.
    fn head(&self, id: &str) -> impl Future<Output = Result<(u64, String), Error>> + Send;
    /// Removes the object `id`.
    fn remove_object(&self, id: &str) -> impl Future<Output = Result<(), Error>> + Send;
}

/// DynamoDB and S3, named by the environment variables `#[cf_function(reads(..), writes(..))]` injects.
pub struct AwsStore {
    ddb: aws_sdk_dynamodb::Client,
    s3: aws_sdk_s3::Client,
}

impl AwsStore {
    /// Clients configured from the Lambda environment (region, credentials).
    pub async fn from_env() -> Self {
        let config = aws_config::load_from_env().await;
        AwsStore {
            ddb: aws_sdk_dynamodb::Client::new(&config),
            s3: aws_sdk_s3::Client::new(&config),
        }
    }
}

fn to_item(r: &FileRecord) -> HashMap<String, AttributeValue> {
    let mut item = HashMap::new();
    item.insert("id".into(), AttributeValue::S(r.id.clone()));
    item.insert("name".into(), AttributeValue::S(r.name.clone()));
    item.insert("status".into(), AttributeValue::S(r.status.clone()));
    item.insert("created".into(), AttributeValue::N(r.created.to_string()));
    if let Some(size) = r.size {
        item.insert("size".into(), AttributeValue::N(size.to_string()));
    }
    if let Some(mime) = &r.mime {
        item.insert("mime".into(), AttributeValue::S(mime.clone()));
    }
    if let Some(expires) = r.expires {
        item.insert("expires".into(), AttributeValue::N(expires.to_string()));
    }
    item
}

fn from_item(item: &HashMap<String, AttributeValue>) -> Result<FileRecord, Error> {
    let s = |k: &str| item.get(k).and_then(|v| v.as_s().ok()).cloned();
    let n = |k: &str| {
        item.get(k)
            .and_then(|v| v.as_n().ok())
            .and_then(|v| v.parse::<u64>().ok())
    };
    Ok(FileRecord {
        id: s("id").ok_or_else(|| StoreError("a record without id".into()))?,
        name: s("name").unwrap_or_default(),
        status: s("status").unwrap_or_default(),
        size: n("size"),
        mime: s("mime"),
        created: n("created").unwrap_or_default(),
        expires: n("expires"),
    })
}

impl Store for AwsStore {
    async fn put(&self, record: &FileRecord) -> Result<(), Error> {
        let table = FileRecord::runtime_ref()?;
        self.ddb
            .put_item()
            .table_name(table)
            .set_item(Some(to_item(record)))
            .send()
            .await?;
        Ok(())
    }

    async fn get(&self, id: &str) -> Result<Option<FileRecord>, Error> {
        let table = FileRecord::runtime_ref()?;
        let out = self
            .ddb
            .get_item()
            .table_name(table)
            .key("id", AttributeValue::S(id.into()))
            .send()
            .await?;
        out.item().map(from_item).transpose()
    }

    async fn delete(&self, id: &str) -> Result<(), Error> {
        let table = FileRecord::runtime_ref()?;
        self.ddb
            .delete_item()
            .table_name(table)
            .key("id", AttributeValue::S(id.into()))
            .send()
            .await?;
        Ok(())
    }

    async fn expired(&self, now: u64) -> Result<Vec<FileRecord>, Error> {
        let table = FileRecord::runtime_ref()?;
        let mut out = Vec::new();
        let mut start = None;
        loop {
            let page = self
                .ddb
                .scan()
                .table_name(&table)
                .filter_expression("expires <= :now")
                .expression_attribute_values(":now", AttributeValue::N(now.to_string()))
                .set_exclusive_start_key(start)
                .send()
                .await?;
            for item in page.items() {
                out.push(from_item(item)?);
            }
            match page.last_evaluated_key() {
                Some(k) => start = Some(k.clone()),
                None => return Ok(out),
            }
        }
    }

    async fn presign_put(&self, id: &str, valid: Duration) -> Result<String, Error> {
        let req = self
            .s3
            .put_object()
            .bucket(UploadBucket::runtime_ref()?)
            .key(id);
        Ok(req
            .presigned(PresigningConfig::expires_in(valid)?)
            .await?
            .uri()
            .to_owned())
    }

    async fn presign_get(
        &self,
        id: &str,
        file_name: &str,
        valid: Duration,
    ) -> Result<String, Error> {
        let req = self
            .s3
            .get_object()
            .bucket(UploadBucket::runtime_ref()?)
            .key(id)
            .response_content_disposition(crate::handlers::content_disposition(file_name));
        Ok(req
            .presigned(PresigningConfig::expires_in(valid)?)
            .await?
            .uri()
            .to_owned())
    }

    async fn head(&self, id: &str) -> Result<(u64, String), Error> {
        let out = self
            .s3
            .head_object()
            .bucket(UploadBucket::runtime_ref()?)
            .key(id)
            .send()
            .await?;
        let size = out.content_length().unwrap_or_default().max(0) as u64;
        Ok((
            size,
            out.content_type()
                .unwrap_or("application/octet-stream")
                .to_owned(),
        ))
    }

    async fn remove_object(&self, id: &str) -> Result<(), Error> {
        self.s3
            .delete_object()
            .bucket(UploadBucket::runtime_ref()?)
            .key(id)
            .send()
            .await?;
        Ok(())
    }
}

/// Everything in memory: records, and objects as `(size, mime)`.
#[derive(Default)]
pub struct MemoryStore {
    /// Records by id.
    pub records: Mutex<BTreeMap<String, FileRecord>>,
    /// Objects by key.
    pub objects: Mutex<BTreeMap<String, (u64, String)>>,
}

impl Store for MemoryStore {
    async fn put(&self, record: &FileRecord) -> Result<(), Error> {
        self.records
            .lock()
            .unwrap()
            .insert(record.id.clone(), record.clone());
        Ok(())
    }

    async fn get(&self, id: &str) -> Result<Option<FileRecord>, Error> {
        Ok(self.records.lock().unwrap().get(id).cloned())
    }

    async fn delete(&self, id: &str) -> Result<(), Error> {
        self.records.lock().unwrap().remove(id);
        Ok(())
    }

    async fn expired(&self, now: u64) -> Result<Vec<FileRecord>, Error> {
        Ok(self
            .records
            .lock()
            .unwrap()
            .values()
            .filter(|r| r.expires.is_some_and(|e| e <= now))
            .cloned()
            .collect())
    }

    async fn presign_put(&self, id: &str, valid: Duration) -> Result<String, Error> {
        Ok(format!("memory://put/{id}?expires={}", valid.as_secs()))
    }

    async fn presign_get(
        &self,
        id: &str,
        file_name: &str,
        valid: Duration,
    ) -> Result<String, Error> {
        Ok(format!(
            "memory://get/{id}?expires={}&disposition={}",
            valid.as_secs(),
            crate::handlers::content_disposition(file_name)
        ))
    }

    async fn head(&self, id: &str) -> Result<(u64, String), Error> {
        self.objects
            .lock()
            .unwrap()
            .get(id)
            .cloned()
            .ok_or_else(|| StoreError(format!("no object {id}")))
    }

    async fn remove_object(&self, id: &str) -> Result<(), Error> {
        self.objects.lock().unwrap().remove(id);
        Ok(())
    }
}
