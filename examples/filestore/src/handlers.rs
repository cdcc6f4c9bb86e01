//! The Filestore's handlers. Each is a plain `lambda_runtime` handler carrying its function's settings; the
//! work is in a `*_with` function taking any [`Store`], so tests run it on [`crate::store::MemoryStore`].
//!
//! | Route | Handler | Declared use |
//! |-------|---------|--------------|
//! | `POST /files` `{"name": ..}` | [`preprocess`]: a record and a presigned upload URL | writes the table and the bucket |
//! | `POST /files/{id}/store` | [`store`]: keep the file (no expiry) | writes the table |
//! | `DELETE /files/{id}` | [`delete`]: the object and the record | reads and writes both |
//! | `GET /files/{id}` | [`info`]: the record | reads the table |
//! | `GET /files/{id}/download` | [`download`]: a presigned GET, saved under the original name | reads both |
//! | S3 `ObjectCreated` | [`uploaded`]: size and MIME type into the record | reads the bucket, writes the table |
//! | every hour, if `StoreOnLoad=false` | [`expire`]: remove expired files | reads and writes both |

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_lambda_events::apigw::{ApiGatewayProxyRequest, ApiGatewayProxyResponse};
use aws_lambda_events::eventbridge::EventBridgeEvent;
use aws_lambda_events::http::{HeaderMap, HeaderValue};
use aws_lambda_events::s3::S3Event;
use infra_core::cf_function;
use lambda_runtime::LambdaEvent;
use serde_json::{Value, json};
use tokio::sync::OnceCell;

use crate::infra::{FileRecord, StoreOnLoad, StoreOnLoadOff, UploadBucket};
use crate::store::{AwsStore, Store, StoreError as Error};

/// How long presigned URLs and unkept uploads last.
pub const URL_VALIDITY: Duration = Duration::from_secs(15 * 60);
/// How long an unkept upload lives when `StoreOnLoad=false`.
pub const UNKEPT_LIFETIME: u64 = 24 * 60 * 60;

async fn aws() -> &'static AwsStore {
    static STORE: OnceCell<AwsStore> = OnceCell::const_new();
    STORE.get_or_init(AwsStore::from_env).await
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// `attachment; filename="..."`, with quotes and control characters removed from the name.
pub fn content_disposition(file_name: &str) -> String {
    let clean: String = file_name
        .chars()
        .filter(|c| !c.is_control() && *c != '"' && *c != '\\')
        .collect();
    format!("attachment; filename=\"{clean}\"")
}

/// A JSON response with the CORS header the browser client needs (the seed's "return the
/// Access-Control-Allow-Origin header in the Lambda response").
pub fn respond(status: i64, body: Value) -> ApiGatewayProxyResponse {
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    headers.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    let mut r = ApiGatewayProxyResponse::default();
    r.status_code = status;
    r.headers = headers;
    r.body = Some(body.to_string().into());
    r
}

fn path_id(req: &ApiGatewayProxyRequest) -> Option<&str> {
    req.path_parameters
        .get("id")
        .map(String::as_str)
        .filter(|id| !id.is_empty())
}

fn not_found(id: &str) -> ApiGatewayProxyResponse {
    respond(404, json!({ "error": format!("no file {id}") }))
}

/// `POST /files` with `{"name": "report.pdf"}`: records a pending file and answers with its id and a URL to
/// PUT its content to.
#[cf_function(
    description = "Filestore: create a file record and a presigned upload URL",
    timeout = 10,
    writes(FileRecord, UploadBucket),
    env(STORE_ON_LOAD = StoreOnLoad),
    events(api(method = "POST", path = "/files", api_key_required = true, cors = "'*'", url_output = "FilesApiUrl"))
)]
pub async fn preprocess(
    event: LambdaEvent<ApiGatewayProxyRequest>,
) -> Result<ApiGatewayProxyResponse, Error> {
    let keep = std::env::var("STORE_ON_LOAD").map_or(true, |v| v != "false");
    let id = event.context.request_id.clone();
    preprocess_with(aws().await, event.payload, &id, keep, now()).await
}

/// [`preprocess`] on any store.
pub async fn preprocess_with(
    store: &impl Store,
    req: ApiGatewayProxyRequest,
    id: &str,
    keep: bool,
    now: u64,
) -> Result<ApiGatewayProxyResponse, Error> {
    let body: Value =
        serde_json::from_str(req.body.as_deref().unwrap_or("{}")).unwrap_or(Value::Null);
    let Some(name) = body
        .get("name")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
    else {
        return Ok(respond(
            400,
            json!({ "error": "send {\"name\": \"file name\"}" }),
        ));
    };
    let record = FileRecord {
        id: id.to_owned(),
        name: name.to_owned(),
        status: "pending".into(),
        size: None,
        mime: None,
        created: now,
        expires: (!keep).then_some(now + UNKEPT_LIFETIME),
    };
    store.put(&record).await?;
    let url = store.presign_put(id, URL_VALIDITY).await?;
    Ok(respond(201, json!({ "id": id, "upload_url": url })))
}

/// `POST /files/{id}/store`: keeps the file (removes its expiry).
#[cf_function(
    description = "Filestore: keep a file",
    reads(FileRecord),
    writes(FileRecord),
    events(api(
        method = "POST",
        path = "/files/{id}/store",
        api_key_required = true,
        cors = "'*'"
    ))
)]
pub async fn store(
    event: LambdaEvent<ApiGatewayProxyRequest>,
) -> Result<ApiGatewayProxyResponse, Error> {
    store_with(aws().await, event.payload).await
}

/// [`store`] on any store.
pub async fn store_with(
    store: &impl Store,
    req: ApiGatewayProxyRequest,
) -> Result<ApiGatewayProxyResponse, Error> {
    let Some(id) = path_id(&req) else {
        return Ok(respond(400, json!({ "error": "missing id" })));
    };
    let Some(mut record) = store.get(id).await? else {
        return Ok(not_found(id));
    };
    record.expires = None;
    record.status = "stored".into();
    store.put(&record).await?;
    Ok(respond(200, json!(record)))
}

/// `DELETE /files/{id}`: removes the object and its record.
#[cf_function(
    description = "Filestore: delete a file",
    reads(FileRecord, UploadBucket),
    writes(FileRecord, UploadBucket),
    events(api(
        method = "DELETE",
        path = "/files/{id}",
        api_key_required = true,
        cors = "'*'"
    ))
)]
pub async fn delete(
    event: LambdaEvent<ApiGatewayProxyRequest>,
) -> Result<ApiGatewayProxyResponse, Error> {
    delete_with(aws().await, event.payload).await
}

/// [`delete`] on any store.
pub async fn delete_with(
    store: &impl Store,
    req: ApiGatewayProxyRequest,
) -> Result<ApiGatewayProxyResponse, Error> {
    let Some(id) = path_id(&req) else {
        return Ok(respond(400, json!({ "error": "missing id" })));
    };
    if store.get(id).await?.is_none() {
        return Ok(not_found(id));
    }
    store.remove_object(id).await?;
    store.delete(id).await?;
    Ok(respond(200, json!({ "deleted": id })))
}

/// `GET /files/{id}`: the record.
#[cf_function(
    description = "Filestore: a file's record",
    reads(FileRecord),
    events(api(
        method = "GET",
        path = "/files/{id}",
        api_key_required = true,
        cors = "'*'"
    ))
)]
pub async fn info(
    event: LambdaEvent<ApiGatewayProxyRequest>,
) -> Result<ApiGatewayProxyResponse, Error> {
    info_with(aws().await, event.payload).await
}

/// [`info`] on any store.
pub async fn info_with(
    store: &impl Store,
    req: ApiGatewayProxyRequest,
) -> Result<ApiGatewayProxyResponse, Error> {
    let Some(id) = path_id(&req) else {
        return Ok(respond(400, json!({ "error": "missing id" })));
    };
    Ok(match store.get(id).await? {
        Some(record) => respond(200, json!(record)),
        None => not_found(id),
    })
}

/// `GET /files/{id}/download`: a presigned GET URL that saves the file under its original name.
#[cf_function(
    description = "Filestore: a presigned download URL",
    reads(FileRecord, UploadBucket),
    events(api(
        method = "GET",
        path = "/files/{id}/download",
        api_key_required = true,
        cors = "'*'"
    ))
)]
pub async fn download(
    event: LambdaEvent<ApiGatewayProxyRequest>,
) -> Result<ApiGatewayProxyResponse, Error> {
    download_with(aws().await, event.payload).await
}

/// [`download`] on any store.
pub async fn download_with(
    store: &impl Store,
    req: ApiGatewayProxyRequest,
) -> Result<ApiGatewayProxyResponse, Error> {
    let Some(id) = path_id(&req) else {
        return Ok(respond(400, json!({ "error": "missing id" })));
    };
    let Some(record) = store.get(id).await? else {
        return Ok(not_found(id));
    };
    if record.status == "pending" {
        return Ok(respond(
            409,
            json!({ "error": format!("file {id} has not been uploaded yet") }),
        ));
    }
    let url = store.presign_get(id, &record.name, URL_VALIDITY).await?;
    Ok(respond(
        200,
        json!({ "id": id, "name": record.name, "download_url": url }),
    ))
}

/// S3 `ObjectCreated`: records the upload's size and MIME type.
#[cf_function(
    description = "Filestore: record an upload's size and MIME type",
    reads(UploadBucket, FileRecord),
    writes(FileRecord),
    events(s3(bucket = UploadBucket, events("s3:ObjectCreated:*")))
)]
pub async fn uploaded(event: LambdaEvent<S3Event>) -> Result<(), Error> {
    uploaded_with(aws().await, event.payload).await
}

/// [`uploaded`] on any store.
pub async fn uploaded_with(store: &impl Store, event: S3Event) -> Result<(), Error> {
    for record in event.records {
        let Some(key) = record.s3.object.url_decoded_key.or(record.s3.object.key) else {
            continue;
        };
        let Some(mut file) = store.get(&key).await? else {
            continue;
        };
        let (size, mime) = store.head(&key).await?;
        file.size = Some(size);
        file.mime = Some(mime);
        if file.status == "pending" {
            file.status = "uploaded".into();
        }
        store.put(&file).await?;
    }
    Ok(())
}

/// Every hour, when uploads expire (`StoreOnLoad=false`): removes expired files and their records.
#[cf_function(
    description = "Filestore: remove expired uploads",
    timeout = 300,
    condition = StoreOnLoadOff,
    reads(FileRecord, UploadBucket),
    writes(FileRecord, UploadBucket),
    events(schedule("rate(1 hour)"))
)]
pub async fn expire(event: LambdaEvent<EventBridgeEvent>) -> Result<Value, Error> {
    let _ = event;
    expire_with(aws().await, now()).await
}

/// [`expire`] on any store.
pub async fn expire_with(store: &impl Store, now: u64) -> Result<Value, Error> {
    let expired = store.expired(now).await?;
    for file in &expired {
        store.remove_object(&file.id).await?;
        store.delete(&file.id).await?;
    }
    Ok(json!({ "expired": expired.len() }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;

    fn request(id: Option<&str>, body: Option<&str>) -> ApiGatewayProxyRequest {
        let mut r = ApiGatewayProxyRequest::default();
        if let Some(id) = id {
            r.path_parameters.insert("id".into(), id.into());
        }
        r.body = body.map(str::to_owned);
        r
    }

    fn body(r: &ApiGatewayProxyResponse) -> Value {
        serde_json::from_slice(r.body.as_deref().unwrap()).unwrap()
    }

    #[tokio::test]
    async fn a_file_goes_through_upload_store_download_and_delete() {
        let s = MemoryStore::default();
        let r = preprocess_with(
            &s,
            request(None, Some(r#"{"name": "report \"q3\".pdf"}"#)),
            "f1",
            false,
            1000,
        )
        .await
        .unwrap();
        assert_eq!(r.status_code, 201);
        assert_eq!(r.headers["access-control-allow-origin"], "*");
        assert_eq!(body(&r)["upload_url"], "memory://put/f1?expires=900");
        assert_eq!(
            s.records.lock().unwrap()["f1"].expires,
            Some(1000 + UNKEPT_LIFETIME)
        );

        let early = download_with(&s, request(Some("f1"), None)).await.unwrap();
        assert_eq!(early.status_code, 409);

        s.objects
            .lock()
            .unwrap()
            .insert("f1".into(), (2048, "application/pdf".into()));
        let event: S3Event = serde_json::from_value(json!({"Records": [{
            "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1", "eventTime": "2026-11-23T00:00:00Z",
            "eventName": "ObjectCreated:Put", "userIdentity": {"principalId": "p"}, "requestParameters": {"sourceIPAddress": "127.0.0.1"},
            "responseElements": {}, "s3": {"s3SchemaVersion": "1.0", "configurationId": "c",
                "bucket": {"name": "uploadbucket-1", "ownerIdentity": {"principalId": "p"}, "arn": "arn:aws:s3:::uploadbucket-1"},
                "object": {"key": "f1", "size": 2048, "eTag": "e", "sequencer": "s"}}
        }]}))
        .unwrap();
        uploaded_with(&s, event).await.unwrap();
        let rec = body(&info_with(&s, request(Some("f1"), None)).await.unwrap());
        assert_eq!(
            (
                rec["size"].as_u64(),
                rec["mime"].as_str(),
                rec["status"].as_str()
            ),
            (Some(2048), Some("application/pdf"), Some("uploaded"))
        );

        let d = body(&download_with(&s, request(Some("f1"), None)).await.unwrap());
        assert!(
            d["download_url"]
                .as_str()
                .unwrap()
                .ends_with("disposition=attachment; filename=\"report q3.pdf\""),
            "{d}"
        );

        let kept = body(&store_with(&s, request(Some("f1"), None)).await.unwrap());
        assert_eq!(
            (kept["status"].as_str(), kept["expires"].as_u64()),
            (Some("stored"), None)
        );
        assert_eq!(
            expire_with(&s, u64::MAX).await.unwrap(),
            json!({"expired": 0})
        );

        assert_eq!(
            delete_with(&s, request(Some("f1"), None))
                .await
                .unwrap()
                .status_code,
            200
        );
        assert!(s.records.lock().unwrap().is_empty() && s.objects.lock().unwrap().is_empty());
        assert_eq!(
            info_with(&s, request(Some("f1"), None))
                .await
                .unwrap()
                .status_code,
            404
        );
    }

    #[tokio::test]
    async fn unkept_uploads_expire_and_bad_requests_are_refused() {
        let s = MemoryStore::default();
        preprocess_with(
            &s,
            request(None, Some(r#"{"name": "a.txt"}"#)),
            "a",
            false,
            10,
        )
        .await
        .unwrap();
        preprocess_with(
            &s,
            request(None, Some(r#"{"name": "b.txt"}"#)),
            "b",
            true,
            10,
        )
        .await
        .unwrap();
        assert_eq!(
            expire_with(&s, 10 + UNKEPT_LIFETIME).await.unwrap(),
            json!({"expired": 1})
        );
        assert_eq!(s.records.lock().unwrap().keys().collect::<Vec<_>>(), ["b"]);
        assert_eq!(
            preprocess_with(&s, request(None, Some("{}")), "c", true, 0)
                .await
                .unwrap()
                .status_code,
            400
        );
        assert_eq!(
            info_with(&s, request(None, None))
                .await
                .unwrap()
                .status_code,
            400
        );
    }
}
