//! The resources, parameter and condition of the Filestore, declared on types.

use infra_core::cf_resources;

/// A file's record, keyed by its id (the upload's object key).
#[cf_resources(table(partition = "id", ttl = "expires"))]
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FileRecord {
    /// The file's id, also its object key in [`UploadBucket`].
    pub id: String,
    /// The original file name, given back on download.
    pub name: String,
    /// `pending` until uploaded, then `uploaded`, then `stored` once kept.
    pub status: String,
    /// Size in bytes, recorded when the upload arrives.
    pub size: Option<u64>,
    /// MIME type, recorded when the upload arrives.
    pub mime: Option<String>,
    /// Creation time, epoch seconds.
    pub created: u64,
    /// Epoch seconds after which an unkept file is removed (`StoreOnLoad=false` only).
    pub expires: Option<u64>,
}

/// The uploads. Browsers PUT and GET objects directly through presigned URLs, hence the CORS rule.
#[cf_resources(bucket(cors(
    allowed_origins("*"),
    allowed_methods("PUT", "GET"),
    allowed_headers("*"),
    max_age = 3000
)))]
pub struct UploadBucket;

/// `true` keeps every upload; `false` keeps only files marked with `store`, and expires the rest.
#[cf_resources(parameter(
    kind = "String",
    default = "true",
    allowed_values("true", "false"),
    description = "keep uploads without an explicit store"
))]
pub struct StoreOnLoad;

/// Uploads expire: the `expire` function exists only then.
#[cf_resources(condition(equals(StoreOnLoad, "false")))]
pub struct StoreOnLoadOff;
