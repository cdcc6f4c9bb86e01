//! Filestore, after the article on generating CloudFormation with troposphere decorators in a Lambda project: files uploaded and downloaded through presigned S3 URLs, described by DynamoDB
//! records, behind a REST API protected by an API key and a usage plan, with CORS.
//!
//! The seed builds it with troposphere: `@cf_function(...)` on each handler, `cf_resources()` on the
//! application class, and a `template.py` gathering them. Here the same shape is Rust: the resources are types
//! in [`infra`], the handlers in [`handlers`] carry their functions' settings, and `src/bin/template.rs` gathers
//! them. If the `StoreOnLoad` parameter is `false`, uploads expire and the scheduled `expire` handler exists;
//! otherwise it is not deployed (a CloudFormation condition).

pub mod handlers;
pub mod infra;
pub mod store;
