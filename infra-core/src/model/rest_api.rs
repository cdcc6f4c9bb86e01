//! `AWS::Serverless::Api`, declared with `#[cf_resources(rest_api(..))]`: an API Gateway REST API with its stage,
//! CORS, Cognito and Lambda authorizers, API keys and usage plan, resource policy, endpoint type, caching,
//! throttling and custom domain. Functions attach methods to it by type (`events(api(api = ShopApi, ..))`) and
//! name its authorizers, checked at compile time.

use serde_json::{Map, Value, json};

use crate::intrinsic::{get_att, sub};
use crate::model::function::text;
use crate::model::http_api::{Domain, pairs};
use crate::registry::Contribution;
use crate::template::{Output, Resource};

/// A type declared with `#[cf_resources(rest_api(..))]`: its [`RestApiSpec`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a REST API",
    label = "declare it with `#[cf_resources(rest_api(..))]`"
)]
pub trait CfRestApi {
    /// What the attribute declared.
    const API: RestApiSpec;
}

/// One authorizer of a REST API, by the name methods give in `auth(authorizer = "..")`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestAuthorizer {
    /// A Cognito user pool authorizer.
    Cognito {
        /// Its name.
        name: &'static str,
        /// `UserPoolArn`: a user pool of the template by logical id, or an ARN (values follow [`text`]).
        user_pool: &'static str,
        /// `Identity.Header`.
        header: Option<&'static str>,
        /// `AuthorizationScopes`.
        scopes: &'static [&'static str],
    },
    /// A Lambda authorizer: `TOKEN` (one header) or `REQUEST` (headers and query strings).
    Lambda {
        /// Its name.
        name: &'static str,
        /// The authorizer function's logical id.
        function: &'static str,
        /// `TOKEN` or `REQUEST`.
        payload: &'static str,
        /// `Identity.Header` (TOKEN) or `Identity.Headers` (REQUEST).
        headers: &'static [&'static str],
        /// `Identity.QueryStrings` (REQUEST).
        query_strings: &'static [&'static str],
        /// `Identity.ReauthorizeEvery`: seconds an answer is cached, 0 to 3600.
        reauthorize_every: Option<u32>,
    },
}

impl RestAuthorizer {
    /// Its name.
    pub const fn name(&self) -> &'static str {
        match self {
            RestAuthorizer::Cognito { name, .. } | RestAuthorizer::Lambda { name, .. } => name,
        }
    }
}

/// A REST API's CORS settings: `(origin, methods, headers, max_age, credentials)`.
pub type RestCors = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    Option<u32>,
    bool,
);

/// One of `GatewayResponses`: what API Gateway answers for one kind of its own errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GatewayResponse {
    /// The response type: `DEFAULT_4XX`, `UNAUTHORIZED`, ...
    pub kind: &'static str,
    /// `StatusCode`.
    pub status: Option<u32>,
    /// `ResponseParameters.Headers`, values written plainly (the generator quotes them).
    pub headers: &'static [(&'static str, &'static str)],
    /// `ResponseTemplates`, by content type.
    pub templates: &'static [(&'static str, &'static str)],
}

/// A canary: `(PercentTraffic, StageVariableOverrides, UseStageCache)`.
pub type Canary = (u32, &'static [(&'static str, &'static str)], bool);

/// A usage plan: `(quota: (limit, period), throttle: (burst, rate))`.
pub type UsagePlan = (Option<(u32, &'static str)>, Option<(u32, u32)>);

/// Everything `#[cf_resources(rest_api(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RestApiSpec {
    /// The logical id.
    pub logical_id: &'static str,
    /// `Name`.
    pub name: Option<&'static str>,
    /// `Description`.
    pub description: Option<&'static str>,
    /// `StageName`.
    pub stage: &'static str,
    /// `Cors`: `(origin, methods, headers, max_age, credentials)`, written out; the generator quotes them as API
    /// Gateway wants.
    pub cors: Option<RestCors>,
    /// `Auth.Authorizers`.
    pub authorizers: &'static [RestAuthorizer],
    /// `Auth.DefaultAuthorizer`.
    pub default_authorizer: Option<&'static str>,
    /// `Auth.ApiKeyRequired`: every method needs an API key.
    pub api_key_required: bool,
    /// `Auth.UsagePlan` (`PER_API`): `(quota per period, period, burst, rate)`.
    pub usage_plan: Option<UsagePlan>,
    /// `Auth.ResourcePolicy`: `(IpRangeWhitelist, IpRangeBlacklist)`.
    pub ip_allow: &'static [&'static str],
    /// `Auth.ResourcePolicy.IpRangeBlacklist`.
    pub ip_deny: &'static [&'static str],
    /// `EndpointConfiguration.Type`: `REGIONAL`, `EDGE` or `PRIVATE`.
    pub endpoint: Option<&'static str>,
    /// `BinaryMediaTypes`.
    pub binary_media_types: &'static [&'static str],
    /// `CacheClusterSize` (`CacheClusterEnabled`).
    pub cache_size: Option<&'static str>,
    /// `MethodSettings` for every method: `(burst, rate)` and `MetricsEnabled`.
    pub throttling: Option<(u32, u32)>,
    /// `MethodSettings[].MetricsEnabled`.
    pub metrics: bool,
    /// `MinimumCompressionSize` in bytes.
    pub minimum_compression_size: Option<u32>,
    /// `TracingEnabled`.
    pub tracing: bool,
    /// `Variables` (stage variables).
    pub variables: &'static [(&'static str, &'static str)],
    /// `Domain`.
    pub domain: Option<Domain>,
    /// `DisableExecuteApiEndpoint`.
    pub disable_execute_api_endpoint: bool,
    /// `FailOnWarnings`.
    pub fail_on_warnings: bool,
    /// `AlwaysDeploy`.
    pub always_deploy: bool,
    /// `ApiKeySourceType`: `HEADER` or `AUTHORIZER`.
    pub api_key_source: Option<&'static str>,
    /// `SecurityPolicy`: `TLS_1_0` or `TLS_1_2`.
    pub security_policy: Option<&'static str>,
    /// Days its own access log group keeps the logs (`AccessLogSetting`).
    pub access_log_retention: Option<u32>,
    /// `Tags`.
    pub tags: &'static [(&'static str, &'static str)],
    /// `PropagateTags`.
    pub propagate_tags: bool,
    /// `CanarySetting`: `(PercentTraffic, StageVariableOverrides, UseStageCache)`.
    pub canary: Option<Canary>,
    /// `Policy`: a resource policy document of your own (JSON checked at compile time).
    pub policy: Option<&'static str>,
    /// `GatewayResponses`: the responses API Gateway itself gives, by type.
    pub gateway_responses: &'static [GatewayResponse],
    /// `Models`: request and response models by name, JSON schemas checked at compile time.
    pub models: &'static [(&'static str, &'static str)],
    /// An output of this logical id gives the stage's URL.
    pub url_output: Option<&'static str>,
}

/// Whether `api` has an authorizer named `name`, in a const.
pub const fn has_rest_authorizer(api: &RestApiSpec, name: &str) -> bool {
    let mut i = 0;
    while i < api.authorizers.len() {
        if crate::__private::same_str(api.authorizers[i].name(), name) {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether `api` declares the model `name`, in a const.
pub const fn has_model(api: &RestApiSpec, name: &str) -> bool {
    let mut i = 0;
    while i < api.models.len() {
        if crate::__private::same_str(api.models[i].0, name) {
            return true;
        }
        i += 1;
    }
    false
}

/// `'value'`: a header value as API Gateway's CORS settings take it.
fn quoted(s: &str) -> Value {
    format!("'{s}'").into()
}

impl RestApiSpec {
    /// This spec as `Globals.Api`: what every REST API of the template gets (the implicit one too), but its
    /// stage, which SAM does not take from `Globals`.
    pub fn globals(&self) -> Contribution {
        self.contribute()
            .into_globals(self.logical_id, "Api", &["StageName"])
    }

    /// The API, its access log group and its URL output.
    pub fn contribute(&self) -> Contribution {
        let id = self.logical_id;
        let mut c = Contribution::new();
        let mut r = Resource::new("AWS::Serverless::Api")
            .property("StageName", self.stage)
            // OpenAPI 3: without it SAM also deploys a stage named `Stage`.
            .property("OpenApiVersion", "3.0.1");
        let p = &mut r.properties;
        let mut set = |k: &str, v: Value| {
            p.insert(k.to_owned(), v);
        };
        for (key, v) in [
            ("Name", self.name),
            ("Description", self.description),
            ("ApiKeySourceType", self.api_key_source),
            ("SecurityPolicy", self.security_policy),
        ] {
            if let Some(v) = v {
                set(key, v.into());
            }
        }
        if let Some((origin, methods, headers, max_age, credentials)) = self.cors {
            let mut m = Map::new();
            m.insert("AllowOrigin".into(), quoted(origin));
            if !methods.is_empty() {
                m.insert("AllowMethods".into(), quoted(&methods.join(",")));
            }
            if !headers.is_empty() {
                m.insert("AllowHeaders".into(), quoted(&headers.join(",")));
            }
            if let Some(age) = max_age {
                m.insert("MaxAge".into(), quoted(&age.to_string()));
            }
            if credentials {
                m.insert("AllowCredentials".into(), true.into());
            }
            set("Cors", m.into());
        }
        let mut auth = Map::new();
        if !self.authorizers.is_empty() {
            let authorizers: Map<String, Value> = self
                .authorizers
                .iter()
                .map(|a| (a.name().to_owned(), authorizer_value(a)))
                .collect();
            auth.insert("Authorizers".into(), authorizers.into());
        }
        if let Some(d) = self.default_authorizer {
            auth.insert("DefaultAuthorizer".into(), d.into());
            // The CORS preflight stays open: browsers send it without credentials.
            if self.cors.is_some() {
                auth.insert("AddDefaultAuthorizerToCorsPreflight".into(), false.into());
            }
        }
        if self.api_key_required {
            auth.insert("ApiKeyRequired".into(), true.into());
            if self.cors.is_some() {
                auth.insert("AddApiKeyRequiredToCorsPreflight".into(), false.into());
            }
        }
        if let Some((quota, throttle)) = self.usage_plan {
            let mut plan = Map::new();
            plan.insert("CreateUsagePlan".into(), "PER_API".into());
            if let Some((limit, period)) = quota {
                plan.insert("Quota".into(), json!({ "Limit": limit, "Period": period }));
            }
            if let Some((burst, rate)) = throttle {
                plan.insert(
                    "Throttle".into(),
                    json!({ "BurstLimit": burst, "RateLimit": rate }),
                );
            }
            auth.insert("UsagePlan".into(), plan.into());
        }
        if !self.ip_allow.is_empty() || !self.ip_deny.is_empty() {
            let mut policy = Map::new();
            if !self.ip_allow.is_empty() {
                policy.insert("IpRangeWhitelist".into(), json!(self.ip_allow));
            }
            if !self.ip_deny.is_empty() {
                policy.insert("IpRangeBlacklist".into(), json!(self.ip_deny));
            }
            auth.insert("ResourcePolicy".into(), policy.into());
        }
        if !auth.is_empty() {
            set("Auth", auth.into());
        }
        if let Some(e) = self.endpoint {
            set("EndpointConfiguration", json!({ "Type": e }));
        }
        if !self.binary_media_types.is_empty() {
            set("BinaryMediaTypes", json!(self.binary_media_types));
        }
        if let Some(size) = self.cache_size {
            set("CacheClusterEnabled", true.into());
            set("CacheClusterSize", size.into());
        }
        if self.throttling.is_some() || self.metrics {
            let mut m = Map::new();
            m.insert("ResourcePath".into(), "/*".into());
            m.insert("HttpMethod".into(), "*".into());
            if let Some((burst, rate)) = self.throttling {
                m.insert("ThrottlingBurstLimit".into(), burst.into());
                m.insert("ThrottlingRateLimit".into(), rate.into());
            }
            if self.metrics {
                m.insert("MetricsEnabled".into(), true.into());
            }
            set("MethodSettings", json!([m]));
        }
        if let Some(n) = self.minimum_compression_size {
            set("MinimumCompressionSize", n.into());
        }
        if self.tracing {
            set("TracingEnabled", true.into());
        }
        if !self.variables.is_empty() {
            set("Variables", pairs(self.variables));
        }
        if let Some(d) = self.domain {
            set("Domain", d.value());
        }
        for (key, on) in [
            (
                "DisableExecuteApiEndpoint",
                self.disable_execute_api_endpoint,
            ),
            ("FailOnWarnings", self.fail_on_warnings),
            ("AlwaysDeploy", self.always_deploy),
            ("PropagateTags", self.propagate_tags),
        ] {
            if on {
                set(key, true.into());
            }
        }
        if !self.tags.is_empty() {
            set("Tags", pairs(self.tags));
        }
        if let Some((percent, overrides, cache)) = self.canary {
            let mut m = Map::new();
            m.insert("PercentTraffic".into(), percent.into());
            if !overrides.is_empty() {
                m.insert("StageVariableOverrides".into(), pairs(overrides));
            }
            if cache {
                m.insert("UseStageCache".into(), true.into());
            }
            set("CanarySetting", m.into());
        }
        if !self.gateway_responses.is_empty() {
            let responses: Map<String, Value> = self
                .gateway_responses
                .iter()
                .map(|g| {
                    let mut m = Map::new();
                    if let Some(code) = g.status {
                        m.insert("StatusCode".into(), code.to_string().into());
                    }
                    if !g.headers.is_empty() {
                        let headers: Map<String, Value> = g
                            .headers
                            .iter()
                            .map(|(k, v)| ((*k).to_owned(), quoted(v)))
                            .collect();
                        m.insert("ResponseParameters".into(), json!({ "Headers": headers }));
                    }
                    if !g.templates.is_empty() {
                        m.insert("ResponseTemplates".into(), pairs(g.templates));
                    }
                    (g.kind.to_owned(), m.into())
                })
                .collect();
            set("GatewayResponses", responses.into());
        }
        if let Some(policy) = self.policy {
            set(
                "Policy",
                serde_json::from_str(policy).expect("checked at compile time"),
            );
        }
        if !self.models.is_empty() {
            let models: Map<String, Value> = self
                .models
                .iter()
                .map(|(name, schema)| {
                    let schema = serde_json::from_str(schema).expect("checked at compile time");
                    ((*name).to_owned(), schema)
                })
                .collect();
            set("Models", models.into());
        }
        if let Some(days) = self.access_log_retention {
            let logs = format!("{id}AccessLogs");
            c = c.resource(
                logs.clone(),
                Resource::new("AWS::Logs::LogGroup").property("RetentionInDays", days),
            );
            set(
                "AccessLogSetting",
                json!({
                    "DestinationArn": get_att(&logs, "Arn"),
                    "Format": crate::model::function::http_api_access_log_format()
                        .replace("$context.routeKey", "$context.resourcePath"),
                }),
            );
        }
        if let Some(out) = self.url_output {
            c = c.output(
                out,
                Output::new(sub(format!(
                    "https://${{{id}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/{}",
                    self.stage
                )))
                .description(format!("URL of {id}")),
            );
        }
        c.resource(id, r)
    }
}

fn authorizer_value(a: &RestAuthorizer) -> Value {
    match *a {
        RestAuthorizer::Cognito {
            user_pool,
            header,
            scopes,
            ..
        } => {
            let arn = if user_pool.starts_with("arn:") || user_pool.contains("${") {
                text(user_pool)
            } else {
                get_att(user_pool, "Arn")
            };
            let mut m = Map::new();
            m.insert("UserPoolArn".into(), arn);
            if let Some(h) = header {
                m.insert("Identity".into(), json!({ "Header": h }));
            }
            if !scopes.is_empty() {
                m.insert("AuthorizationScopes".into(), json!(scopes));
            }
            m.into()
        }
        RestAuthorizer::Lambda {
            function,
            payload,
            headers,
            query_strings,
            reauthorize_every,
            ..
        } => {
            let mut m = Map::new();
            m.insert("FunctionArn".into(), get_att(function, "Arn"));
            m.insert("FunctionPayloadType".into(), payload.into());
            let mut identity = Map::new();
            if payload == "TOKEN" {
                if let Some(h) = headers.first() {
                    identity.insert("Header".into(), (*h).into());
                }
            } else {
                if !headers.is_empty() {
                    identity.insert("Headers".into(), json!(headers));
                }
                if !query_strings.is_empty() {
                    identity.insert("QueryStrings".into(), json!(query_strings));
                }
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
