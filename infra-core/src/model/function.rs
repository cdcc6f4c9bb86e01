//! `AWS::Serverless::Function`, as `#[cf_function]` describes it.
//!
//! The macro checks the attribute at compile time and emits a [`FunctionSpec`] constant (only `&'static`
//! data); [`FunctionSpec::contribute`] turns it into the function resource, its events and outputs when the
//! generator runs.

use serde_json::{Map, json};

use crate::Value;
use crate::intrinsic::sub;
use crate::registry::{Context, Contribution};
use crate::template::{Output, Resource};

/// The CloudFormation type this module builds.
pub const TYPE: &str = "AWS::Serverless::Function";

/// The instruction set a function runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Architecture {
    /// Graviton (`arm64`): the default, cheaper per GB-second.
    Arm64,
    /// `x86_64`.
    X86_64,
}

impl Architecture {
    /// The name in `Architectures`.
    pub const fn name(self) -> &'static str {
        match self {
            Architecture::Arm64 => "arm64",
            Architecture::X86_64 => "x86_64",
        }
    }
}

/// How the function's code is packaged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    /// A zip of the `bootstrap` binary built by cargo-lambda (`sam build` with `BuildMethod: rust-cargolambda`).
    Zip {
        /// The Cargo binary target to build.
        bin: &'static str,
    },
    /// A container image built from a directory of the package.
    Image {
        /// The Docker build context, relative to the package directory.
        context: &'static str,
        /// The Dockerfile, relative to the context.
        dockerfile: &'static str,
        /// The image tag.
        tag: Option<&'static str>,
    },
}

/// One event source of a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// An API Gateway HTTP API route (payload format 2.0, Lambda proxy integration).
    HttpApi {
        /// The event's name under `Events`.
        name: &'static str,
        /// `GET`, `POST`, ... or `ANY`.
        method: &'static str,
        /// The route path, starting with `/`.
        path: &'static str,
        /// When set, an output of this logical id gives the route's URL.
        url_output: Option<&'static str>,
    },
}

/// Everything `#[cf_function]` declares about one handler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FunctionSpec {
    /// The function's logical id.
    pub logical_id: &'static str,
    /// `CARGO_MANIFEST_DIR` of the crate the handler is in.
    pub package_dir: &'static str,
    /// `Description`.
    pub description: Option<&'static str>,
    /// `MemorySize` in MB.
    pub memory: Option<u32>,
    /// `Timeout` in seconds.
    pub timeout: Option<u32>,
    /// `Architectures`.
    pub architecture: Architecture,
    /// Zip or image.
    pub code: Code,
    /// `Environment.Variables`.
    pub env: &'static [(&'static str, &'static str)],
    /// `Events`.
    pub events: &'static [Event],
}

impl FunctionSpec {
    /// The function resource and the outputs it asks for.
    pub fn contribute(&self, ctx: &Context) -> Contribution {
        let mut props = Map::new();
        let mut metadata = Map::new();
        let mut set = |k: &str, v: Value| {
            props.insert(k.to_owned(), v);
        };
        set("Architectures", json!([self.architecture.name()]));
        if let Some(d) = self.description {
            set("Description", d.into());
        }
        if let Some(m) = self.memory {
            set("MemorySize", m.into());
        }
        if let Some(t) = self.timeout {
            set("Timeout", t.into());
        }
        match self.code {
            Code::Zip { bin } => {
                set("CodeUri", ctx.relative_path(self.package_dir, "").into());
                set("Handler", "bootstrap".into());
                set("Runtime", "provided.al2023".into());
                metadata.insert("BuildMethod".into(), "rust-cargolambda".into());
                metadata.insert("BuildProperties".into(), json!({ "Binary": bin }));
            }
            Code::Image {
                context,
                dockerfile,
                tag,
            } => {
                set("PackageType", "Image".into());
                metadata.insert(
                    "DockerContext".into(),
                    ctx.relative_path(self.package_dir, context).into(),
                );
                metadata.insert("Dockerfile".into(), dockerfile.into());
                if let Some(tag) = tag {
                    metadata.insert("DockerTag".into(), tag.into());
                }
            }
        }
        if !self.env.is_empty() {
            let vars: Map<String, Value> = self
                .env
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).into()))
                .collect();
            set("Environment", json!({ "Variables": vars }));
        }
        let mut c = Contribution::new();
        if !self.events.is_empty() {
            let mut events = Map::new();
            for e in self.events {
                match *e {
                    Event::HttpApi {
                        name,
                        method,
                        path,
                        url_output,
                    } => {
                        events.insert(
                            name.into(),
                            json!({
                                "Type": "HttpApi",
                                "Properties": { "Method": method, "Path": path, "PayloadFormatVersion": "2.0" }
                            }),
                        );
                        if let Some(id) = url_output {
                            let url = sub(format!(
                                "https://${{ServerlessHttpApi}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}{path}"
                            ));
                            c = c.output(
                                id,
                                Output::new(url).description(format!("URL of {method} {path}")),
                            );
                        }
                    }
                }
            }
            set("Events", Value::Object(events));
        }
        let mut resource = Resource::new(TYPE);
        resource.properties = props;
        resource.metadata = metadata;
        c.resource(self.logical_id, resource)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZIP: FunctionSpec = FunctionSpec {
        logical_id: "HelloFunction",
        package_dir: "/repo/app",
        description: None,
        memory: Some(256),
        timeout: None,
        architecture: Architecture::Arm64,
        code: Code::Zip { bin: "hello" },
        env: &[("STAGE", "dev")],
        events: &[],
    };

    #[test]
    fn zip_functions_build_with_cargo_lambda_from_the_package_directory() {
        let c = ZIP.contribute(&Context::new("/repo"));
        let (id, r) = &c.resources[0];
        assert_eq!(id, "HelloFunction");
        assert_eq!(
            serde_json::to_value(r).unwrap(),
            json!({
                "Type": "AWS::Serverless::Function",
                "Properties": {
                    "Architectures": ["arm64"], "MemorySize": 256, "CodeUri": "app", "Handler": "bootstrap",
                    "Runtime": "provided.al2023", "Environment": {"Variables": {"STAGE": "dev"}}
                },
                "Metadata": {"BuildMethod": "rust-cargolambda", "BuildProperties": {"Binary": "hello"}}
            })
        );
    }

    #[test]
    fn image_functions_with_an_http_route_and_its_url() {
        let spec = FunctionSpec {
            code: Code::Image {
                context: "model",
                dockerfile: "Dockerfile",
                tag: Some("v1"),
            },
            events: &[Event::HttpApi {
                name: "Predict",
                method: "POST",
                path: "/",
                url_output: Some("ApiUrl"),
            }],
            env: &[],
            ..ZIP
        };
        let c = spec.contribute(&Context::new("/repo/app"));
        let r = serde_json::to_value(&c.resources[0].1).unwrap();
        assert_eq!(r["Properties"]["PackageType"], "Image");
        assert!(
            r["Properties"].get("Runtime").is_none() && r["Properties"].get("CodeUri").is_none()
        );
        assert_eq!(
            r["Metadata"],
            json!({"DockerContext": "model", "Dockerfile": "Dockerfile", "DockerTag": "v1"})
        );
        assert_eq!(
            r["Properties"]["Events"]["Predict"],
            json!({"Type": "HttpApi", "Properties": {"Method": "POST", "Path": "/", "PayloadFormatVersion": "2.0"}})
        );
        assert_eq!(c.outputs[0].0, "ApiUrl");
        assert_eq!(
            c.outputs[0].1.value,
            json!({"Fn::Sub": "https://${ServerlessHttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/"})
        );
    }
}
