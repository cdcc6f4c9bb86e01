//! Infrastructure from code for AWS Lambda.
//!
//! Put the infrastructure on the code it serves and let the compiler check it. A handler annotated with
//! [`cf_function`] stays a plain `lambda_runtime` handler; the annotation registers its
//! `AWS::Serverless::Function` (events, outputs, build metadata) for the crate's `template` binary to gather:
//!
//! ```
//! use infra_core::cf_function;
//! use lambda_runtime::{Error, LambdaEvent};
//! use serde_json::Value;
//!
//! #[cf_function(memory = 4096, timeout = 15, events(http_api(method = "POST", path = "/")))]
//! async fn predict(event: LambdaEvent<Value>) -> Result<Value, Error> {
//!     Ok(event.payload)
//! }
//! # fn main() {
//! # let ctx = infra_core::registry::Context::new(env!("CARGO_MANIFEST_DIR"));
//! # let asm = infra_core::registry::collect(&ctx);
//! # let f = &asm.template.resources["PredictFunction"];
//! # assert_eq!(f.properties["MemorySize"], 4096);
//! # assert_eq!(f.properties["Events"]["HttpApi"]["Properties"]["Path"], "/");
//! # }
//! ```
//!
//! The generator is one line in `src/bin/template.rs`, naming the crates whose annotations it gathers:
//!
//! ```no_run
//! # mod my_app {}
//! infra_core::main!(my_app);
//! ```
//!
//! `cargo run --bin template` then prints the template; `--output template.yaml` writes it atomically and
//! `--check template.yaml` fails when the committed file is stale. Before anything is written the whole
//! template is validated ([`validate`]): every dangling reference, invalid logical id and exceeded
//! CloudFormation quota is reported at once, each with the `file:line` of the annotation that caused it.
//!
//! # Features
//!
//! - `aws-lambda-events` (default): `#[cf_function]` checks handlers typed with `aws_lambda_events` payloads
//!   against their events.
//! - `dispatch`: one binary serves every function, picking the handler `_HANDLER` names (see the `dispatch`
//!   module). Off by default, so per-function binaries carry nothing extra.
//! - `ec2`: the `vpc(..)` and `security_group(..)` shortcuts of `#[cf_resources]`, on the typed model.
//! - `codebuild`: the `codebuild_project(..)` shortcut, on the typed model.
//! - `codepipeline`: the `pipeline(..)` shortcut, on the typed model.
//! - `ecr`: the `ecr_repository(..)` shortcut, on the typed model.
//! - `fargate`: the `ecs_cluster(..)` and `fargate_service(..)` shortcuts (with `ec2`, and the typed model's
//!   `ecs`, `elasticloadbalancingv2`, `applicationautoscaling`, `logs` and `iam`).
//! - `registry` (default): the attributes register what they declare, for the `template` binary. Lambda
//!   binaries need none of it: build them without it (`cargo lambda build --no-default-features`, with the
//!   features you need) and they carry no registration at all — the specs become dead code.
//!
//! # Writing resources by hand
//!
//! Any CloudFormation resource can be written with [`Resource`] and registered with [`fragment!`]:
//!
//! ```
//! use infra_core::{Contribution, DeletionPolicy, Resource, intrinsic::Pseudo};
//! use infra_core::registry::Context;
//!
//! fn logs(_: &Context) -> Contribution {
//!     Contribution::new().resource(
//!         "AppLogs",
//!         Resource::new("AWS::Logs::LogGroup")
//!             .property("LogGroupName", infra_core::intrinsic::join("/", [Pseudo::StackName.into(), "app".into()]))
//!             .property("RetentionInDays", 7)
//!             .deletion_policy(DeletionPolicy::Retain),
//!     )
//! }
//! infra_core::fragment!(logs);
//! # fn main() {
//! # let asm = infra_core::registry::collect(&Context::new("."));
//! # assert_eq!(asm.template.resources["AppLogs"].properties["RetentionInDays"], 7);
//! # }
//! ```

#![warn(missing_docs)]

extern crate self as infra_core;

/// The typed model of every CloudFormation resource type, generated from AWS's registry schemas: the
/// [`infra_cfn`] crate, one feature per service (`ec2`, `ecs`, `elasticloadbalancingv2`, ...) or `full`.
pub use infra_cfn as cfn;
pub mod cli;
#[doc = include_str!("docs/coverage.md")]
pub mod coverage {}
#[cfg(feature = "dispatch")]
pub mod dispatch;
pub mod error;
pub mod guard;
pub mod intrinsic;
pub mod model;
pub mod output;
pub mod registry;
pub mod template;
pub mod validate;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

/// A CloudFormation property value: JSON data, with intrinsics as one-key objects (see [`intrinsic`]).
pub use serde_json::Value;

#[cfg(feature = "dispatch")]
pub use dispatch::run;
pub use error::{Diagnostic, Error, Severity};
#[doc = include_str!("docs/cf_function.md")]
pub use infra_macros::cf_function;
#[doc = include_str!("docs/cf_resources.md")]
pub use infra_macros::cf_resources;
pub use model::alarm::{CfAlarm, CfTopic, HasMetric};
pub use model::ecr::CfRepository;
pub use model::fargate::{CfCluster, ContainerImage};
pub use model::http_api::CfHttpApi;
pub use model::layer::{CfLayer, ConnectorEnd};
pub use model::resources::{CfCondition, CfParameter, CfResource, NotInjected, Resources};
pub use model::rest_api::CfRestApi;
pub use model::security_group::CfSecurityGroup;
pub use model::vpc::{CfVpc, SubnetKind};
pub use registry::Contribution;
pub use template::{DeletionPolicy, LogicalId, Output, Parameter, Resource, Template};

/// Defines `main` for a `template` binary: names the crates whose annotations it gathers and runs the
/// generator ([`cli::run`]).
///
/// Naming the crates is required: the linker drops a crate the binary never mentions, and its registrations
/// with it. The template's `Description` is the binary's package `description`.
///
/// ```no_run
/// # mod my_app {} mod my_shared_infra {}
/// infra_core::main!(my_app, my_shared_infra);
/// ```
///
/// With `; dispatch = "bin"`, every zip function's code is the one binary `bin` and its `Handler` is its
/// logical id, for a `main` that calls `infra_core::run()` (feature `dispatch`, see [the features](crate#features)):
///
/// ```no_run
/// # mod my_app {}
/// # #[cfg(feature = "dispatch")] // without it, `dispatch = ...` is a compile error
/// infra_core::main!(my_app; dispatch = "my-app");
/// ```
#[macro_export]
macro_rules! main {
    ($($krate:ident),+ $(,)? $(; dispatch = $bin:literal)?) => {
        $($crate::__private::dispatch_needs_feature!($bin);)?
        $(
            #[allow(unused_imports)]
            use $krate as _;
        )+
        fn main() -> ::std::process::ExitCode {
            let dispatch: ::core::option::Option<&str> = ::core::option::Option::None;
            $(let dispatch = ::core::option::Option::Some($bin);)?
            let package = $crate::cli::Package {
                name: ::core::env!("CARGO_PKG_NAME"),
                description: ::core::env!("CARGO_PKG_DESCRIPTION"),
                manifest_dir: ::core::env!("CARGO_MANIFEST_DIR"),
            };
            $crate::cli::run(&[$(::core::stringify!($krate)),+], package, dispatch)
        }
    };
}

/// Registers a hand-written fragment: a `fn(&Context) -> Contribution` whose resources, parameters,
/// conditions, mappings, outputs and globals join the template. See the crate docs for an example.
#[macro_export]
macro_rules! fragment {
    ($build:path) => {
        const _: () = {
            $crate::__private::register! {
                $crate::__private::Fragment {
                    origin: $crate::__private::Origin {
                        file: ::core::file!(),
                        line: ::core::line!(),
                        module: ::core::module_path!(),
                    },
                    build: $crate::__private::Build::Fn($build),
                }
            }
        };
    };
}
