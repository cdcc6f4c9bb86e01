//! The deploy path: the generated templates go through `sam build` (the SAM CLI and cargo-lambda pinned in
//! tests/requirements.txt), and each function's built `bootstrap` runs against the Runtime API emulator with
//! a sample event of its event kind, answering with its own handler.
//!
//! Two apps from `tests/deploy/`: `orders` (a binary per handler, `bin = "..."`) and `shop` (one binary, the
//! dispatch mode), each built as a standalone crate and as a member of one workspace — four `sam build`s.
//! Functions are built for x86_64, the one standard library this machine has; arm64 is built too when its
//! target is installed, and otherwise the test says it skipped it and why.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use support::{python, root, run, scratch, stderr, stdout};

/// Each function's logical id and the handler its answer must name.
type Answers = &'static [(&'static str, &'static str)];

/// The apps: name, the handler each function's answer names, and whether its infra-core has `dispatch`.
const APPS: [(&str, Answers, bool); 2] = [
    (
        "orders",
        &[
            ("CreateOrderFunction", "create_order"),
            ("ProcessFunction", "process"),
        ],
        false,
    ),
    (
        "shop",
        &[
            ("ExpireFunction", "expire"),
            ("ListItemsFunction", "list_items"),
            ("PutItemFunction", "put_item"),
        ],
        true,
    ),
];

/// Copies `tests/deploy/<app>/src` to `dir` and writes its manifest; a standalone crate gets a `[workspace]`
/// of its own and the repository's lockfile, so it builds the same versions.
fn place(app: &str, dispatch: bool, dir: &Path, standalone: bool) {
    copy_dir(
        &root().join("tests/deploy").join(app).join("src"),
        &dir.join("src"),
    );
    let features = if dispatch {
        ", features = [\"dispatch\"]"
    } else {
        ""
    };
    let workspace = if standalone { "\n[workspace]\n" } else { "" };
    let manifest = format!(
        "[package]\nname = \"{app}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\ninfra-core = {{ path = {:?}{features} }}\nlambda_runtime = \"1.5.0\"\n\
         aws_lambda_events = {{ version = \"1.2.1\", default-features = false, features = [\"apigw\", \"sqs\", \"eventbridge\"] }}\n\
         serde_json = \"1.0.154\"\ntokio = {{ version = \"1.54.1\", features = [\"macros\", \"rt\"] }}\n{workspace}",
        root().join("infra-core").display().to_string(),
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    if standalone {
        std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A command run as a user would, without the outer `cargo test`'s package variables.
fn user_command(program: impl AsRef<std::ffi::OsStr>, dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir)
        .env_remove("CARGO_MANIFEST_DIR")
        .env_remove("CARGO_PKG_NAME");
    cmd
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// `cargo run --bin <app>-template -- --output template.yaml` in the app's directory.
fn generate(app: &str, dir: &Path, target: &Path) -> String {
    let out = run(user_command(cargo(), dir)
        .args(["run", "--quiet", "--bin", &format!("{app}-template"), "--"])
        .args(["--output", "template.yaml"])
        .env("CARGO_TARGET_DIR", target));
    assert!(
        out.status.success(),
        "{app} generator in {}:\n{}",
        dir.display(),
        stderr(&out)
    );
    std::fs::read_to_string(dir.join("template.yaml")).unwrap()
}

/// `sam build` of `dir/template.yaml` into `build`; `target` is the `CARGO_TARGET_DIR` to build in, when not
/// the one Cargo finds itself.
fn sam_build(dir: &Path, template: &str, build: &Path, target: Option<&Path>) {
    let venv_bin = python().parent().unwrap();
    let cargo_bin = Path::new(&cargo()).parent().map(Path::to_path_buf);
    let path = std::env::join_paths(
        [venv_bin.to_path_buf()]
            .into_iter()
            .chain(cargo_bin)
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let app_dir = scratch(&format!(
        "samcli-{}",
        build.file_name().unwrap().to_string_lossy()
    ));
    let mut cmd = user_command(venv_bin.join("sam"), dir);
    cmd.args(["build", "--template-file", template, "--build-dir"])
        .arg(build)
        .env("PATH", path)
        .env("SAM_CLI_TELEMETRY", "0")
        .env("__SAM_CLI_APP_DIR", app_dir);
    if let Some(t) = target {
        cmd.env("CARGO_TARGET_DIR", t);
    }
    let out = run(&mut cmd);
    assert!(
        out.status.success(),
        "sam build in {} failed:\n{}\n{}",
        dir.display(),
        stdout(&out),
        stderr(&out)
    );
}

/// A sample event of each kind the apps use, shaped as the service sends it.
fn sample_event(kind: &str) -> Value {
    match kind {
        "HttpApi" => json!({
            "version": "2.0", "routeKey": "POST /orders", "rawPath": "/orders", "rawQueryString": "",
            "headers": {"content-type": "application/json"},
            "requestContext": {"accountId": "123456789012", "apiId": "api", "domainName": "d", "domainPrefix": "d",
                "http": {"method": "POST", "path": "/orders", "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1",
                    "userAgent": "test"},
                "requestId": "r", "routeKey": "POST /orders", "stage": "$default", "time": "01/Dec/2026:00:00:00 +0000",
                "timeEpoch": 1_796_083_200_000_i64},
            "body": "{\"item\":\"book\"}", "isBase64Encoded": false
        }),
        "SQS" => json!({"Records": [{
            "messageId": "m1", "receiptHandle": "h", "body": "{\"order\":1}", "attributes": {},
            "messageAttributes": {}, "md5OfBody": "x", "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:orders", "awsRegion": "us-east-1"
        }]}),
        "Api" => json!({
            "resource": "/items/{id}", "path": "/items/i7", "httpMethod": "PUT", "headers": {},
            "multiValueHeaders": {}, "queryStringParameters": null, "multiValueQueryStringParameters": null,
            "pathParameters": {"id": "i7"}, "stageVariables": null,
            "requestContext": {"httpMethod": "PUT", "requestId": "r", "stage": "Prod"},
            "body": "{}", "isBase64Encoded": false
        }),
        "Schedule" => json!({
            "version": "0", "id": "e1", "detail-type": "Scheduled Event", "source": "aws.events",
            "account": "123456789012", "time": "2026-12-01T00:00:00Z", "region": "us-east-1",
            "resources": ["arn:aws:events:us-east-1:123456789012:rule/r"], "detail": {}
        }),
        other => panic!("no sample event for `{other}`"),
    }
}

/// What `sam build` wrote: each function's logical id, `bootstrap`, `Handler` and first event kind.
fn built_functions(build: &Path) -> Vec<(String, PathBuf, String, String)> {
    let text = std::fs::read_to_string(build.join("template.yaml")).unwrap();
    let t: Value = serde_yaml::from_str(&text).unwrap();
    let mut out = Vec::new();
    for (id, r) in t["Resources"].as_object().unwrap() {
        if r["Type"] != "AWS::Serverless::Function" {
            continue;
        }
        let p = &r["Properties"];
        let code = build.join(p["CodeUri"].as_str().unwrap());
        let kind = p["Events"].as_object().unwrap().values().next().unwrap()["Type"]
            .as_str()
            .unwrap()
            .to_owned();
        out.push((
            id.clone(),
            code.join("bootstrap"),
            p["Handler"].as_str().unwrap().to_owned(),
            kind,
        ));
    }
    out
}

/// The handler an answer names: in the body of an HTTP response, or at the top level.
fn answered_by(body: &Value) -> String {
    match body.get("body").and_then(Value::as_str) {
        Some(inner) => serde_json::from_str::<Value>(inner).unwrap()["handler"].clone(),
        None => body["handler"].clone(),
    }
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// The sysroot holds `target`'s standard library.
fn target_installed(target: &str) -> bool {
    let out = run(Command::new("rustc").args(["--print", "sysroot"]));
    let sysroot = stdout(&out).trim().to_owned();
    Path::new(&sysroot)
        .join("lib/rustlib")
        .join(target)
        .join("lib")
        .is_dir()
}

#[test]
fn sam_build_builds_each_functions_own_handler() {
    let base = scratch("deploy");
    let host_target = root().join("target").join("deploy-host");
    let workspace = base.join("workspace");
    std::fs::create_dir_all(&workspace).unwrap();
    std::fs::write(
        workspace.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"orders\", \"shop\"]\n",
    )
    .unwrap();
    std::fs::copy(root().join("Cargo.lock"), workspace.join("Cargo.lock")).unwrap();
    // The workspace builds where Cargo finds its target directory; the standalone crates share it.
    let lambda_target = workspace.join("target");
    let layouts = |app: &str| {
        [
            ("member", workspace.join(app), false),
            ("standalone", base.join("standalone").join(app), true),
        ]
    };
    for (app, _, dispatch) in APPS {
        for (_, dir, standalone) in layouts(app) {
            place(app, dispatch, &dir, standalone);
        }
    }
    for (app, expected, _) in APPS {
        for (layout, dir, standalone) in layouts(app) {
            let template = generate(app, &dir, &host_target);
            assert!(
                template.contains("CodeUri: \".\"\n"),
                "{app} {layout}:\n{template}"
            );
            let build = base.join(format!("build-{app}-{layout}"));
            sam_build(
                &dir,
                "template.yaml",
                &build,
                standalone.then_some(&*lambda_target),
            );
            let functions = built_functions(&build);
            assert_eq!(
                functions.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
                expected.iter().map(|e| e.0).collect::<Vec<_>>(),
                "{app} {layout}"
            );
            for ((id, bootstrap, handler, kind), (_, answer)) in functions.iter().zip(expected) {
                let posted = support::runtime_api::invoke(bootstrap, handler, sample_event(kind));
                assert_eq!(
                    posted.kind, "response",
                    "{app} {layout} {id}: {}",
                    posted.body
                );
                assert_eq!(
                    answered_by(&posted.body),
                    *answer,
                    "{app} {layout}: {id} ran another handler: {}",
                    posted.body
                );
            }
        }
    }

    // arm64, when this machine can build it: the same template with `arm64`, an aarch64 `bootstrap`.
    if target_installed("aarch64-unknown-linux-gnu") {
        let dir = workspace.join("orders");
        let text = std::fs::read_to_string(dir.join("template.yaml")).unwrap();
        std::fs::write(dir.join("arm64.yaml"), text.replace("- x86_64", "- arm64")).unwrap();
        let build = base.join("build-orders-arm64");
        sam_build(&dir, "arm64.yaml", &build, None);
        for (id, bootstrap, ..) in built_functions(&build) {
            let elf = std::fs::read(&bootstrap).unwrap();
            // e_machine, at byte 18 of an ELF header: 183 is AArch64.
            assert_eq!(u16::from_le_bytes([elf[18], elf[19]]), 183, "{id}");
        }
    } else {
        // Written to stderr itself, past the test harness's capture, so CI's log shows the skip.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr().lock(),
            "note: skipped the arm64 build: the aarch64-unknown-linux-gnu standard library is not \
             installed (`rustup target add aarch64-unknown-linux-gnu` enables it); x86_64 was built and run"
        );
    }
}

/// `sam validate --lint` (cfn-lint inside the SAM CLI, offline) accepts every example's template.
#[test]
fn sam_validate_lint_passes_on_every_example() {
    let sam = python().parent().unwrap().join("sam");
    let app_dir = scratch("samcli-validate");
    for example in ["ml-discovery", "filestore", "fargate-web", "pipeline"] {
        let dir = root().join("examples").join(example);
        let out = run(Command::new(&sam)
            .current_dir(&dir)
            .args(["validate", "--lint", "--template-file", "template.yaml"])
            .env("SAM_CLI_TELEMETRY", "0")
            .env("__SAM_CLI_APP_DIR", &app_dir));
        assert!(
            out.status.success(),
            "{example}: sam validate --lint failed:\n{}{}",
            stdout(&out),
            stderr(&out)
        );
        assert!(
            stdout(&out).contains("is a valid SAM Template"),
            "{example}: {}",
            stdout(&out)
        );
    }
}

/// A checkout moved with its target directory (no rebuild): the template names paths in the new place.
/// A handler the dispatch binary could not serve (its `LambdaEvent<T>` written through an alias, so the attribute
/// cannot see it) is refused when the template is generated, at its `file:line`, before anything is built.
#[test]
fn a_handler_the_dispatch_binary_cannot_serve_is_refused() {
    let dir = scratch("unservable").join("shop");
    place("shop", true, &dir, true);
    let lib = dir.join("src/lib.rs");
    let mut code = std::fs::read_to_string(&lib).unwrap();
    code.push_str(
        "\npub type Ping = LambdaEvent<Value>;\n\n\
         #[cf_function(architecture = \"x86_64\", events(schedule(\"rate(5 minutes)\")))]\n\
         pub async fn ping(event: Ping) -> Result<Value, Error> {\n    Ok(event.payload)\n}\n",
    );
    std::fs::write(&lib, code).unwrap();
    let out = run(user_command(cargo(), &dir)
        .args([
            "run",
            "--quiet",
            "--bin",
            "shop-template",
            "--",
            "--output",
            "template.yaml",
        ])
        .env(
            "CARGO_TARGET_DIR",
            root().join("target").join("deploy-host"),
        ));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "src/lib.rs:34: error: function `PingFunction` runs in the dispatch binary `shop`, but its handler is \
             not registered there"
        ),
        "{err}"
    );
    assert!(!dir.join("template.yaml").exists());

    // A handler in an `impl` block: the dispatch entry cannot name it, and the build says so instead of
    // registering a free function of the same name.
    let dir = scratch("unservable-impl").join("shop");
    place("shop", true, &dir, true);
    let mut code = std::fs::read_to_string(&lib).unwrap();
    code = code.replace("\npub type Ping = LambdaEvent<Value>;", "");
    code = code.replace(
        "pub async fn ping(event: Ping)",
        "pub async fn ping(event: LambdaEvent<Value>)",
    );
    code = code.replace(
        "#[cf_function(architecture = \"x86_64\", events(schedule(\"rate(5 minutes)\")))]\npub async fn ping",
        "pub struct Jobs;\n\nimpl Jobs {\n    #[cf_function(architecture = \"x86_64\", events(schedule(\"rate(5 minutes)\")))]\n    pub async fn ping",
    );
    code.push_str("}\n");
    std::fs::write(dir.join("src/lib.rs"), code).unwrap();
    let out = run(user_command(cargo(), &dir)
        .args(["build", "--quiet", "--bin", "shop-template"])
        .env(
            "CARGO_TARGET_DIR",
            root().join("target").join("deploy-host"),
        ));
    assert!(
        !out.status.success(),
        "a handler in an impl block built in the dispatch mode"
    );
    assert!(
        stderr(&out).contains("cannot find value `cf_function_of_ping` in this scope"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_moved_checkout_emits_paths_into_itself() {
    let base = scratch("moved");
    let (before, after) = (base.join("before"), base.join("after"));
    place("orders", false, &before.join("orders"), true);
    let target = before.join("orders").join("target");
    generate("orders", &before.join("orders"), &target);
    std::fs::rename(&before, &after).unwrap();
    let dir = after.join("orders");
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let out = run(user_command(cargo(), &dir)
        .args([
            "run",
            "--bin",
            "orders-template",
            "--",
            "--output",
            "out/template.yaml",
        ])
        .env("CARGO_TARGET_DIR", dir.join("target")));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("Compiling orders"),
        "the move must not rebuild, or this proves nothing:\n{}",
        stderr(&out)
    );
    let t = std::fs::read_to_string(dir.join("out/template.yaml")).unwrap();
    assert!(t.contains("CodeUri: \"..\"\n"), "{t}");
    assert!(!t.contains("before"), "{t}");
}
