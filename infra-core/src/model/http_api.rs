//! `AWS::Serverless::HttpApi`, declared with `#[cf_resources(http_api(..))]`: an API Gateway HTTP API with its
//! stage, CORS, JWT and Lambda authorizers, throttling, access logs and custom domain. Functions attach routes
//! to it by type (`events(http_api(api = OrdersApi, ..))`), and name its authorizers, checked at compile time.

use serde_json::{Map, Value, json};

use crate::intrinsic::get_att;
use crate::model::function::{Cors, text};
use crate::registry::Contribution;
use crate::template::{Output, Resource};

/// A type declared with `#[cf_resources(http_api(..))]`: its [`HttpApiSpec`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an HTTP API",
    label = "declare it with `#[cf_resources(http_api(..))]`"
)]
pub trait CfHttpApi {
    /// What the attribute declared.
    const API: HttpApiSpec;
}

/// One authorizer of an HTTP API, by the name routes give in `auth(authorizer = "..")`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Authorizer {
    /// A JWT authorizer (`JwtConfiguration`): tokens of `issuer` for one of `audience`.
    Jwt {
        /// Its name.
        name: &'static str,
        /// `JwtConfiguration.issuer` (values follow [`text`]).
        issuer: &'static str,
        /// `JwtConfiguration.audience`.
        audience: &'static [&'static str],
        /// `IdentitySource`; `$request.header.Authorization` by default.
        identity_source: Option<&'static str>,
        /// `AuthorizationScopes` every route it guards requires, unless the route names its own.
        scopes: &'static [&'static str],
    },
    /// A Lambda authorizer: a `#[cf_function]` handler by logical id.
    Lambda {
        /// Its name.
        name: &'static str,
        /// The authorizer function's logical id; SAM lets API Gateway invoke it.
        function: &'static str,
        /// `AuthorizerPayloadFormatVersion`: `1.0` or `2.0`.
        payload_version: &'static str,
        /// `EnableSimpleResponses` (payload 2.0): the function answers `{"isAuthorized": bool}`.
        simple_responses: bool,
        /// `Identity.Headers`: the request headers the function reads (and caching keys on).
        identity_headers: &'static [&'static str],
        /// `Identity.ReauthorizeEvery`: seconds an answer is cached, 0 to 3600.
        reauthorize_every: Option<u32>,
    },
}

impl Authorizer {
    /// Its name.
    pub const fn name(&self) -> &'static str {
        match self {
            Authorizer::Jwt { name, .. } | Authorizer::Lambda { name, .. } => name,
        }
    }
}

/// A custom domain (`Domain`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Domain {
    /// `DomainName`.
    pub name: &'static str,
    /// `CertificateArn`: an ACM certificate in the stack's region (values follow [`text`]).
    pub certificate: &'static str,
    /// `Route53.HostedZoneId`: SAM adds the alias record when set.
    pub hosted_zone: Option<&'static str>,
    /// `BasePath`.
    pub base_paths: &'static [&'static str],
}

impl Domain {
    /// The `Domain` property of an HTTP or REST API: a regional domain, its base paths and DNS alias.
    pub fn value(&self) -> Value {
        let mut m = Map::new();
        m.insert("DomainName".into(), text(self.name));
        m.insert("CertificateArn".into(), text(self.certificate));
        m.insert("EndpointConfiguration".into(), "REGIONAL".into());
        if !self.base_paths.is_empty() {
            m.insert("BasePath".into(), json!(self.base_paths));
        }
        if let Some(z) = self.hosted_zone {
            m.insert("Route53".into(), json!({ "HostedZoneId": text(z) }));
        }
        m.into()
    }
}

/// Everything `#[cf_resources(http_api(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HttpApiSpec {
    /// The logical id.
    pub logical_id: &'static str,
    /// `Name`.
    pub name: Option<&'static str>,
    /// `Description`.
    pub description: Option<&'static str>,
    /// `StageName`; `$default` otherwise.
    pub stage: Option<&'static str>,
    /// `CorsConfiguration`.
    pub cors: Option<Cors>,
    /// `Auth.Authorizers`.
    pub authorizers: &'static [Authorizer],
    /// `Auth.DefaultAuthorizer`: guards every route that names none.
    pub default_authorizer: Option<&'static str>,
    /// `Auth.EnableIamAuthorizer`: routes may require SigV4 (`auth(iam)`).
    pub iam_authorizer: bool,
    /// `DefaultRouteSettings`: `(ThrottlingBurstLimit, ThrottlingRateLimit)`.
    pub throttling: Option<(u32, u32)>,
    /// `DefaultRouteSettings.DetailedMetricsEnabled`.
    pub detailed_metrics: bool,
    /// `Domain`.
    pub domain: Option<Domain>,
    /// Days its own access log group keeps the logs (`AccessLogSettings`); the template-wide access logs
    /// otherwise.
    pub access_log_retention: Option<u32>,
    /// `DisableExecuteApiEndpoint`: reachable through the custom domain alone.
    pub disable_execute_api_endpoint: bool,
    /// `FailOnWarnings`.
    pub fail_on_warnings: bool,
    /// `StageVariables`.
    pub stage_variables: &'static [(&'static str, &'static str)],
    /// `Tags`.
    pub tags: &'static [(&'static str, &'static str)],
    /// `PropagateTags`.
    pub propagate_tags: bool,
    /// An output of this logical id gives the API's URL.
    pub url_output: Option<&'static str>,
}

/// Whether `api` has an authorizer named `name` (a route's `auth(authorizer = ..)`), in a const.
pub const fn has_authorizer(api: &HttpApiSpec, name: &str) -> bool {
    let mut i = 0;
    while i < api.authorizers.len() {
        if crate::__private::same_str(api.authorizers[i].name(), name) {
            return true;
        }
        i += 1;
    }
    false
}

/// `{key: value, ..}` of written pairs (tags, stage variables).
pub(crate) fn pairs(items: &[(&str, &str)]) -> Value {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
        .collect::<Map<_, _>>()
        .into()
}

impl HttpApiSpec {
    /// This spec as `Globals.HttpApi`: what every HTTP API of the template gets (the implicit one too).
    pub fn globals(&self) -> Contribution {
        self.contribute()
            .into_globals(self.logical_id, "HttpApi", &[])
    }

    /// The API, its access log group, and its URL output.
    pub fn contribute(&self) -> Contribution {
        let id = self.logical_id;
        let mut r = Resource::new("AWS::Serverless::HttpApi");
        let p = &mut r.properties;
        let mut set = |k: &str, v: Value| {
            p.insert(k.to_owned(), v);
        };
        for (key, v) in [
            ("Name", self.name),
            ("Description", self.description),
            ("StageName", self.stage),
        ] {
            if let Some(v) = v {
                set(key, v.into());
            }
        }
        if let Some(c) = self.cors {
            set("CorsConfiguration", crate::model::function::cors_value(&c));
        }
        if !self.authorizers.is_empty() || self.iam_authorizer {
            let mut auth = Map::new();
            let authorizers: Map<String, Value> = self
                .authorizers
                .iter()
                .map(|a| (a.name().to_owned(), authorizer_value(a)))
                .collect();
            if !authorizers.is_empty() {
                auth.insert("Authorizers".into(), authorizers.into());
            }
            if let Some(d) = self.default_authorizer {
                auth.insert("DefaultAuthorizer".into(), d.into());
            }
            if self.iam_authorizer {
                auth.insert("EnableIamAuthorizer".into(), true.into());
            }
            set("Auth", auth.into());
        }
        if self.throttling.is_some() || self.detailed_metrics {
            let mut s = Map::new();
            if let Some((burst, rate)) = self.throttling {
                s.insert("ThrottlingBurstLimit".into(), burst.into());
                s.insert("ThrottlingRateLimit".into(), rate.into());
            }
            if self.detailed_metrics {
                s.insert("DetailedMetricsEnabled".into(), true.into());
            }
            set("DefaultRouteSettings", s.into());
        }
        if let Some(d) = self.domain {
            set("Domain", d.value());
        }
        if self.disable_execute_api_endpoint {
            set("DisableExecuteApiEndpoint", true.into());
        }
        if self.fail_on_warnings {
            set("FailOnWarnings", true.into());
        }
        if !self.stage_variables.is_empty() {
            set("StageVariables", pairs(self.stage_variables));
        }
        if !self.tags.is_empty() {
            set("Tags", pairs(self.tags));
        }
        if self.propagate_tags {
            set("PropagateTags", true.into());
        }
        let mut c = Contribution::new();
        if let Some(days) = self.access_log_retention {
            let logs = format!("{id}AccessLogs");
            c = c.resource(
                logs.clone(),
                Resource::new("AWS::Logs::LogGroup").property("RetentionInDays", days),
            );
            r.properties.insert(
                "AccessLogSettings".into(),
                json!({
                    "DestinationArn": get_att(&logs, "Arn"),
                    "Format": crate::model::function::http_api_access_log_format(),
                }),
            );
        }
        if let Some(out) = self.url_output {
            let stage = match self.stage {
                Some(s) if s != "$default" => format!("/{s}"),
                _ => String::new(),
            };
            c = c.output(
                out,
                Output::new(crate::intrinsic::sub(format!(
                    "https://${{{id}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}{stage}"
                )))
                .description(format!("URL of {id}")),
            );
        }
        c.resource(id, r)
    }
}

fn authorizer_value(a: &Authorizer) -> Value {
    match *a {
        Authorizer::Jwt {
            issuer,
            audience,
            identity_source,
            scopes,
            ..
        } => {
            let mut m = Map::new();
            m.insert(
                "JwtConfiguration".into(),
                json!({ "issuer": text(issuer), "audience": audience.iter().map(|a| text(a)).collect::<Vec<_>>() }),
            );
            m.insert(
                "IdentitySource".into(),
                identity_source
                    .unwrap_or("$request.header.Authorization")
                    .into(),
            );
            if !scopes.is_empty() {
                m.insert("AuthorizationScopes".into(), json!(scopes));
            }
            m.into()
        }
        Authorizer::Lambda {
            function,
            payload_version,
            simple_responses,
            identity_headers,
            reauthorize_every,
            ..
        } => {
            let mut m = Map::new();
            m.insert("FunctionArn".into(), get_att(function, "Arn"));
            m.insert(
                "AuthorizerPayloadFormatVersion".into(),
                payload_version.into(),
            );
            m.insert("EnableFunctionDefaultPermissions".into(), true.into());
            if simple_responses {
                m.insert("EnableSimpleResponses".into(), true.into());
            }
            let mut identity = Map::new();
            if !identity_headers.is_empty() {
                identity.insert("Headers".into(), json!(identity_headers));
            }
            if let Some(s) = reauthorize_every {
                identity.insert("ReauthorizeEvery".into(), s.into());
            }
            if !identity.is_empty() {
                m.insert("Identity".into(), identity.into());
            }
            m.into()
        }
    }
}
