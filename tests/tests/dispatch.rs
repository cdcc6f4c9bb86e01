//! The dispatch mode end to end, without AWS: the Filestore's one `filestore` binary runs against a Lambda
//! Runtime API emulator on 127.0.0.1, once per `_HANDLER`, takes one event, and its answer is checked.

mod support;

use std::process::Command;

use serde_json::{Value, json};
use support::runtime_api::{Posted, RuntimeApi, lambda_command};
use support::{cargo_build, run, stderr};

fn command(handler: &str, api: &str) -> Command {
    lambda_command(&cargo_build("filestore", "filestore", "dev"), handler, api)
}

/// Runs the binary with `_HANDLER=handler` on one event and returns what it posted.
fn invoke(handler: &str, event: Value) -> Posted {
    let bin = cargo_build("filestore", "filestore", "dev");
    support::runtime_api::invoke(&bin, handler, event)
}

fn api_request(path_parameters: Value, body: Option<&str>) -> Value {
    json!({
        "resource": "/files", "path": "/files", "httpMethod": "POST", "headers": {}, "multiValueHeaders": {},
        "queryStringParameters": null, "multiValueQueryStringParameters": null, "pathParameters": path_parameters,
        "stageVariables": null, "requestContext": {"httpMethod": "POST", "requestId": "r", "stage": "Prod"},
        "body": body, "isBase64Encoded": false
    })
}

#[test]
fn each_handler_answers_under_its_own_name() {
    let r = invoke("PreprocessFunction", api_request(json!(null), Some("{}")));
    assert_eq!(r.kind, "response");
    assert_eq!(r.body["statusCode"], 400);
    assert_eq!(
        r.body["body"],
        r#"{"error":"send {\"name\": \"file name\"}"}"#
    );

    let r = invoke("InfoFunction", api_request(json!({}), None));
    assert_eq!(r.kind, "response");
    assert_eq!(
        (r.body["statusCode"].as_i64(), r.body["body"].as_str()),
        (Some(400), Some(r#"{"error":"missing id"}"#))
    );
}

#[test]
fn a_handler_error_keeps_its_type_name() {
    // No table variable in this environment: the store fails, and the error is the handler's own type.
    let r = invoke("InfoFunction", api_request(json!({"id": "f1"}), None));
    assert_eq!(r.kind, "error");
    // lambda_runtime sends `Lambda-Runtime-Function-Error-Type: unhandled`; the type travels in the body.
    assert_eq!(r.error_type.as_deref(), Some("unhandled"));
    assert_eq!(r.body["errorType"], "StoreError");
    assert!(
        r.body["errorMessage"]
            .as_str()
            .unwrap()
            .starts_with("FILE_RECORD_TABLE_NAME is not set"),
        "{}",
        r.body
    );
}

#[test]
fn an_unknown_handler_fails_at_start_up_listing_the_registered_ones() {
    let api = RuntimeApi::start(json!({}));
    let out = run(&mut command("PreprocessFunktion", &api.addr));
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(
            "unknown _HANDLER `PreprocessFunktion`; registered handlers: DeleteFunction, DownloadFunction, ExpireFunction, \
             InfoFunction, PreprocessFunction, StoreFunction, UploadedFunction"
        ),
        "{err}"
    );
    assert!(api.posted.try_recv().is_err(), "no event is taken");
}
