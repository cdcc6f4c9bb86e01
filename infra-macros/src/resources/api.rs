//! `http_api(..)`: an API Gateway HTTP API, its authorizers, stage, domain and logs.

use syn::{LitStr, Path};

use crate::attr::{self, Node};
use crate::ctxt::Ctxt;
use crate::function::args::{Cors, cors, pairs};
use crate::symbol::*;

pub struct HttpApi {
    pub name: Option<LitStr>,
    pub description: Option<LitStr>,
    pub stage: Option<LitStr>,
    pub cors: Option<Cors>,
    pub authorizers: Vec<Authorizer>,
    pub default_authorizer: Option<LitStr>,
    pub iam_authorizer: bool,
    pub throttling: Option<(u32, u32)>,
    pub detailed_metrics: bool,
    pub domain: Option<Domain>,
    pub access_log_retention: Option<u32>,
    pub disable_execute_api_endpoint: bool,
    pub fail_on_warnings: bool,
    pub stage_variables: Vec<(LitStr, LitStr)>,
    pub tags: Vec<(LitStr, LitStr)>,
    pub propagate_tags: bool,
    pub url_output: Option<LitStr>,
}

pub enum Authorizer {
    Jwt {
        name: LitStr,
        issuer: LitStr,
        audience: Vec<LitStr>,
        identity_source: Option<LitStr>,
        scopes: Vec<LitStr>,
    },
    Lambda {
        name: LitStr,
        function: Path,
        payload_version: &'static str,
        simple_responses: bool,
        identity_headers: Vec<LitStr>,
        reauthorize_every: Option<u32>,
    },
}

impl Authorizer {
    pub fn name(&self) -> &LitStr {
        match self {
            Authorizer::Jwt { name, .. } | Authorizer::Lambda { name, .. } => name,
        }
    }
}

pub struct Domain {
    pub name: LitStr,
    pub certificate: LitStr,
    pub hosted_zone: Option<LitStr>,
    pub base_paths: Vec<LitStr>,
}

fn authorizer_name(cx: &Ctxt, lit: &LitStr) {
    let v = lit.value();
    let valid = !v.is_empty()
        && v.bytes().all(|b| b.is_ascii_alphanumeric())
        && v != "NONE"
        && v != "AWS_IAM";
    if !valid {
        cx.error_spanned_by(lit, format!("an authorizer's name is letters and digits (SAM makes logical ids of it), and not `NONE` or `AWS_IAM`; found `{}`", v.escape_debug()));
    }
}

fn jwt(cx: &Ctxt, node: &Node) -> Option<Authorizer> {
    let example = "jwt(name = \"Users\", issuer = \"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc\", audience(\"client-id\"))";
    let items = attr::items_of(cx, node, "jwt", example)?;
    let (mut name, mut issuer, mut audience, mut source, mut scopes) =
        (None, None, Vec::new(), None, Vec::new());
    for (key, item) in attr::keyed(cx, "jwt", JWT_KEYS, items) {
        match key {
            "name" => {
                name = attr::str_value(cx, item, key, "name = \"Users\"");
                if let Some(n) = &name {
                    authorizer_name(cx, n);
                }
            }
            "issuer" => {
                issuer = attr::str_value(cx, item, key, "issuer = \"https://issuer.example.com\"");
                if let Some(i) = issuer
                    .as_ref()
                    .filter(|i| !(i.value().starts_with("https://") || i.value().contains("${")))
                {
                    cx.error_spanned_by(
                        i,
                        format!(
                            "a JWT issuer is an `https://` URL, found `{}`",
                            i.value().escape_debug()
                        ),
                    );
                }
            }
            "audience" => audience = attr::str_list(cx, item, key, "audience(\"client-id\")"),
            "identity_source" => {
                source = attr::str_value(
                    cx,
                    item,
                    key,
                    "identity_source = \"$request.header.Authorization\"",
                );
                if let Some(s) = source
                    .as_ref()
                    .filter(|s| !s.value().starts_with("$request."))
                {
                    cx.error_spanned_by(s, format!("an identity source is `$request.header.<name>` or `$request.querystring.<name>`, found `{}`", s.value().escape_debug()));
                }
            }
            "scopes" => scopes = attr::str_list(cx, item, key, "scopes(\"orders/read\")"),
            _ => unreachable!("every key in JWT_KEYS is handled"),
        }
    }
    attr::require(
        cx,
        node.span(),
        "jwt",
        items,
        &[
            ("name", name.is_some(), "name = \"Users\""),
            (
                "issuer",
                issuer.is_some(),
                "issuer = \"https://issuer.example.com\"",
            ),
            ("audience", !audience.is_empty(), "audience(\"client-id\")"),
        ],
    );
    Some(Authorizer::Jwt {
        name: name?,
        issuer: issuer?,
        audience,
        identity_source: source,
        scopes,
    })
}

fn lambda_authorizer(cx: &Ctxt, node: &Node) -> Option<Authorizer> {
    let example = "lambda_authorizer(name = \"Tokens\", function = authorize)";
    let items = attr::items_of(cx, node, "lambda_authorizer", example)?;
    let (mut name, mut function, mut version, mut simple, mut headers, mut every) =
        (None, None, "2.0", false, Vec::new(), None);
    for (key, item) in attr::keyed(cx, "lambda_authorizer", LAMBDA_AUTHORIZER_KEYS, items) {
        match key {
            "name" => {
                name = attr::str_value(cx, item, key, "name = \"Tokens\"");
                if let Some(n) = &name {
                    authorizer_name(cx, n);
                }
            }
            "function" => match attr::value_of(cx, item, key, "function = authorize") {
                Some(attr::Value::Path(p)) => function = Some(p.clone()),
                Some(other) => cx.error_at(other.span(), "`function` names a `#[cf_function]` handler by its path: write `function = authorize`"),
                None => {}
            },
            "payload_version" => {
                version = attr::choice_value(cx, item, key, &["2.0", "1.0"]).unwrap_or(version)
            }
            "simple_responses" => simple = attr::flag(cx, item, key),
            "identity_headers" => headers = attr::str_list(cx, item, key, "identity_headers(\"Authorization\")"),
            "reauthorize_every" => every = attr::int_value(cx, item, key, 0..=3600, "seconds").map(|v| v.0),
            _ => unreachable!("every key in LAMBDA_AUTHORIZER_KEYS is handled"),
        }
    }
    if headers.is_empty() && every.is_some_and(|e| e > 0) {
        cx.error_at(node.span(), "a Lambda authorizer caches its answers by its identity sources: name `identity_headers(..)`, or `reauthorize_every = 0`");
    }
    if simple && version == "1.0" {
        cx.error_at(node.span(), "`simple_responses` needs `payload_version = \"2.0\"`: payload 1.0 answers with an IAM policy");
    }
    attr::require(
        cx,
        node.span(),
        "lambda_authorizer",
        items,
        &[
            ("name", name.is_some(), "name = \"Tokens\""),
            ("function", function.is_some(), "function = authorize"),
        ],
    );
    Some(Authorizer::Lambda {
        name: name?,
        function: function?,
        payload_version: version,
        simple_responses: simple,
        identity_headers: headers,
        reauthorize_every: every,
    })
}

fn domain(cx: &Ctxt, node: &Node) -> Option<Domain> {
    let example = "domain(name = \"api.example.com\", certificate = \"arn:aws:acm:...\")";
    let items = attr::items_of(cx, node, "domain", example)?;
    let (mut name, mut certificate, mut zone, mut paths) = (None, None, None, Vec::new());
    for (key, item) in attr::keyed(cx, "domain", DOMAIN_KEYS, items) {
        match key {
            "name" => {
                name = attr::str_value(cx, item, key, "name = \"api.example.com\"");
                if let Some(n) = &name {
                    let v = n.value();
                    let valid = v.contains("${")
                        || v.contains('.')
                            && v.split('.').all(|l| {
                                !l.is_empty()
                                    && l.len() <= 63
                                    && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                            });
                    if !valid {
                        cx.error_spanned_by(n, format!("a domain name is dot-separated labels of letters, digits and `-`, found `{}`", v.escape_debug()));
                    }
                }
            }
            "certificate" => {
                certificate = attr::str_value(cx, item, key, "certificate = \"arn:aws:acm:...\"");
                if let Some(c) = certificate.as_ref().filter(|c| {
                    !(c.value().contains("${")
                        || c.value().starts_with("arn:") && c.value().contains(":acm:"))
                }) {
                    cx.error_spanned_by(
                        c,
                        format!(
                            "a certificate is an ACM certificate ARN, found `{}`",
                            c.value().escape_debug()
                        ),
                    );
                }
            }
            "hosted_zone" => zone = attr::str_value(cx, item, key, "hosted_zone = \"Z123EXAMPLE\""),
            "base_paths" => paths = attr::str_list(cx, item, key, "base_paths(\"v1\")"),
            _ => unreachable!("every key in DOMAIN_KEYS is handled"),
        }
    }
    attr::require(
        cx,
        node.span(),
        "domain",
        items,
        &[
            ("name", name.is_some(), "name = \"api.example.com\""),
            (
                "certificate",
                certificate.is_some(),
                "certificate = \"arn:aws:acm:...\"",
            ),
        ],
    );
    Some(Domain {
        name: name?,
        certificate: certificate?,
        hosted_zone: zone,
        base_paths: paths,
    })
}

pub fn http_api(cx: &Ctxt, items: &[Node]) -> HttpApi {
    let mut a = HttpApi {
        name: None,
        description: None,
        stage: None,
        cors: None,
        authorizers: Vec::new(),
        default_authorizer: None,
        iam_authorizer: false,
        throttling: None,
        detailed_metrics: false,
        domain: None,
        access_log_retention: None,
        disable_execute_api_endpoint: false,
        fail_on_warnings: false,
        stage_variables: Vec::new(),
        tags: Vec::new(),
        propagate_tags: false,
        url_output: None,
    };
    let (mut default_span, mut disable_span) = (None, None);
    for (key, item) in attr::keyed_repeating(
        cx,
        "http_api",
        HTTP_API_RESOURCE_KEYS,
        &["jwt", "lambda_authorizer"],
        items,
    ) {
        let text = |example: &str| attr::str_value(cx, item, key, example);
        match key {
            "name" => a.name = text("name = \"orders\""),
            "description" => a.description = text("description = \"the orders API\""),
            "stage" => {
                a.stage = text("stage = \"prod\"");
                if let Some(s) = &a.stage {
                    let v = s.value();
                    let valid = v == "$default"
                        || !v.is_empty()
                            && v.len() <= 128
                            && v.bytes()
                                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'));
                    if !valid {
                        cx.error_spanned_by(
                            s,
                            format!(
                                "a stage is `$default` or letters, digits, `-` and `_`, found `{}`",
                                v.escape_debug()
                            ),
                        );
                    }
                }
            }
            "cors" => a.cors = cors(cx, item),
            "jwt" => a.authorizers.extend(jwt(cx, item)),
            "lambda_authorizer" => a.authorizers.extend(lambda_authorizer(cx, item)),
            "default_authorizer" => {
                a.default_authorizer = text("default_authorizer = \"Users\"");
                default_span = Some(item.span());
            }
            "iam_authorizer" => a.iam_authorizer = attr::flag(cx, item, key),
            "throttling" => a.throttling = crate::function::sources::throttling(cx, item, key),
            "detailed_metrics" => a.detailed_metrics = attr::flag(cx, item, key),
            "domain" => a.domain = domain(cx, item),
            "access_logs" => {
                let logs = attr::items_of(cx, item, key, "access_logs(retention = 90)")
                    .unwrap_or_default();
                for (k, i) in attr::keyed(cx, "access_logs", &["retention"], logs) {
                    a.access_log_retention = crate::function::args::log_retention(cx, i, k);
                }
                if !attr::has_key(logs, "retention") {
                    cx.error_at(
                        item.span(),
                        "`access_logs` needs `retention`: write `access_logs(retention = 90)`",
                    );
                }
            }
            "disable_execute_api_endpoint" => {
                a.disable_execute_api_endpoint = attr::flag(cx, item, key);
                disable_span = Some(item.span());
            }
            "fail_on_warnings" => a.fail_on_warnings = attr::flag(cx, item, key),
            "stage_variables" => {
                a.stage_variables = pairs(cx, item, key, "stage_variables(mode = \"live\")")
            }
            "tags" => a.tags = pairs(cx, item, key, "tags(team = \"orders\")"),
            "propagate_tags" => a.propagate_tags = attr::flag(cx, item, key),
            "url_output" => a.url_output = text("url_output = \"OrdersApiUrl\""),
            _ => unreachable!("every key in HTTP_API_RESOURCE_KEYS is handled"),
        }
    }
    let names: Vec<&LitStr> = a.authorizers.iter().map(Authorizer::name).collect();
    authorizers(
        cx,
        &names,
        a.default_authorizer.as_ref().zip(default_span),
        a.iam_authorizer,
        "`jwt(..)` or `lambda_authorizer(..)`",
    );
    if let (true, None, Some(at)) = (a.disable_execute_api_endpoint, &a.domain, disable_span) {
        cx.error_at(at, "`disable_execute_api_endpoint` leaves the API reachable through a custom domain alone: add `domain(..)`");
    }
    a
}

/// `layer(content, name, description, license, architectures(..), runtimes(..), retain, publish_lambda_version,
/// build_method)`.
pub struct Layer {
    pub content: Option<LitStr>,
    pub name: Option<LitStr>,
    pub description: Option<LitStr>,
    pub license: Option<LitStr>,
    pub architectures: Vec<LitStr>,
    pub runtimes: Vec<LitStr>,
    pub retain: bool,
    pub publish_lambda_version: bool,
    pub build_method: Option<LitStr>,
}

pub fn layer(cx: &Ctxt, node: &Node, items: &[Node]) -> Layer {
    let mut l = Layer {
        content: None,
        name: None,
        description: None,
        license: None,
        architectures: Vec::new(),
        runtimes: Vec::new(),
        retain: false,
        publish_lambda_version: false,
        build_method: None,
    };
    for (key, item) in attr::keyed(cx, "layer", LAYER_KEYS, items) {
        let text = |example: &str| attr::str_value(cx, item, key, example);
        match key {
            "content" => {
                l.content = text("content = \"layer\"");
                if let Some(c) = l.content.as_ref().filter(|c| {
                    c.value().is_empty() || c.value().starts_with('/') || c.value().contains("..")
                }) {
                    cx.error_spanned_by(c, format!("`content` is a directory inside the package, relative to it, found `{}`", c.value()));
                }
            }
            "name" => {
                l.name = text("name = \"shared-libs\"");
                if let Some(n) = &l.name {
                    let v = n.value();
                    if !(1..=140).contains(&v.len())
                        || !v
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
                    {
                        cx.error_spanned_by(
                            n,
                            format!(
                                "a layer name is 1 to 140 letters, digits, `-` or `_`, found `{}`",
                                v.escape_debug()
                            ),
                        );
                    }
                }
            }
            "description" => l.description = text("description = \"shared libraries\""),
            "license" => l.license = text("license = \"MIT\""),
            "architectures" => {
                l.architectures = attr::str_list(cx, item, key, "architectures(\"arm64\")");
                for a in &l.architectures {
                    if !ARCHITECTURES.contains(&a.value().as_str()) {
                        cx.error_spanned_by(
                            a,
                            format!(
                                "invalid architecture `{}`\nexpected one of {}",
                                a.value(),
                                crate::symbol::list(ARCHITECTURES)
                            ),
                        );
                    }
                }
            }
            "runtimes" => {
                l.runtimes = attr::str_list(cx, item, key, "runtimes(\"provided.al2023\")")
            }
            "retain" => l.retain = attr::flag(cx, item, key),
            "publish_lambda_version" => l.publish_lambda_version = attr::flag(cx, item, key),
            "build_method" => l.build_method = text("build_method = \"makefile\""),
            _ => unreachable!("every key in LAYER_KEYS is handled"),
        }
    }
    if l.content.is_none() && !attr::has_key(items, "content") {
        cx.error_at(node.span(), "`layer` needs `content`: the directory of its files, e.g. `layer(content = \"layer\")`");
    }
    if l.runtimes.len() > 15 {
        cx.error_spanned_by(&l.runtimes[15], "a layer lists at most 15 runtimes");
    }
    l
}

/// `application(repository = "arn", version = "1.0.0" | template = "path", parameters(..),
/// notification_arns(..), timeout = minutes, tags(..))`.
pub struct Application {
    pub repository: Option<(LitStr, LitStr)>,
    pub template: Option<LitStr>,
    pub parameters: Vec<(LitStr, LitStr)>,
    pub notification_arns: Vec<LitStr>,
    pub timeout: Option<u32>,
    pub tags: Vec<(LitStr, LitStr)>,
}

pub fn application(cx: &Ctxt, node: &Node, items: &[Node]) -> Application {
    let mut a = Application {
        repository: None,
        template: None,
        parameters: Vec::new(),
        notification_arns: Vec::new(),
        timeout: None,
        tags: Vec::new(),
    };
    let (mut repository, mut version) = (None, None);
    for (key, item) in attr::keyed(cx, "application", APPLICATION_KEYS, items) {
        let text = |example: &str| attr::str_value(cx, item, key, example);
        match key {
            "repository" => {
                repository = text(
                    "repository = \"arn:aws:serverlessrepo:us-east-1:123456789012:applications/name\"",
                );
                if let Some(r) = repository.as_ref().filter(|r| {
                    !(r.value().contains("${")
                        || r.value().starts_with("arn:") && r.value().contains(":serverlessrepo:"))
                }) {
                    cx.error_spanned_by(r, format!("`repository` is a Serverless Application Repository ARN, `arn:aws:serverlessrepo:<region>:<account>:applications/<name>`, found `{}`", r.value().escape_debug()));
                }
            }
            "version" => {
                version = text("version = \"1.0.0\"");
                if let Some(v) = &version {
                    let written = v.value();
                    let parts: Vec<&str> = written.split('.').collect();
                    if parts.len() != 3
                        || !parts
                            .iter()
                            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                    {
                        cx.error_spanned_by(v, format!("`version` is the application's semantic version `major.minor.patch`, found `{}`", v.value()));
                    }
                }
            }
            "template" => {
                a.template = text("template = \"nested/template.yaml\"");
                if let Some(t) = a
                    .template
                    .as_ref()
                    .filter(|t| t.value().starts_with('/') || t.value().contains(".."))
                {
                    cx.error_spanned_by(
                        t,
                        format!(
                            "`template` is a path inside the package, relative to it, found `{}`",
                            t.value()
                        ),
                    );
                }
            }
            "parameters" => a.parameters = pairs(cx, item, key, "parameters(Stage = \"prod\")"),
            "notification_arns" => {
                a.notification_arns =
                    attr::str_list(cx, item, key, "notification_arns(\"${StackEvents}\")")
            }
            "timeout" => {
                a.timeout = attr::int_value(cx, item, key, 1..=43200, "minutes").map(|v| v.0)
            }
            "tags" => a.tags = pairs(cx, item, key, "tags(team = \"shop\")"),
            _ => unreachable!("every key in APPLICATION_KEYS is handled"),
        }
    }
    match (repository, version, &a.template) {
        (Some(r), Some(v), None) => a.repository = Some((r, v)),
        (None, None, Some(_)) => {}
        (Some(_), None, None) => cx.error_at(node.span(), "an application from the repository needs its `version`: add `version = \"1.0.0\"`"),
        (None, Some(v), None) => cx.error_spanned_by(&v, "`version` goes with `repository`"),
        (None, None, None) => cx.error_at(node.span(), "`application` needs `repository` and `version`, or `template = \"path\"`"),
        _ => cx.error_at(node.span(), "an application comes from the repository (`repository`, `version`) or a `template`: keep one"),
    }
    a
}

/// `globals(function(..), http_api(..), layer(publish_lambda_version))`.
pub struct Globals {
    pub function: Option<crate::function::check::Checked>,
    pub http_api: Option<HttpApi>,
    pub rest_api: Option<RestApi>,
    pub layer_publish: bool,
    pub state_machine_propagate_tags: bool,
}

pub fn globals(cx: &Ctxt, items: &[Node]) -> Globals {
    let mut g = Globals {
        function: None,
        http_api: None,
        rest_api: None,
        layer_publish: false,
        state_machine_propagate_tags: false,
    };
    for (key, item) in attr::keyed(cx, "globals", GLOBALS_KEYS, items) {
        let example = format!("{key}(..)");
        let Some(list) = attr::items_of(cx, item, key, &example) else {
            continue;
        };
        match key {
            "function" => {
                let spec =
                    crate::function::args::defaults(cx, list, item.span(), GLOBAL_FUNCTION_KEYS);
                g.function = Some(crate::function::check::check(cx, spec));
            }
            "http_api" => {
                for n in list {
                    if let Some(k) = n.key()
                        && [
                            "name",
                            "description",
                            "stage",
                            "url_output",
                            "access_logs",
                            "disable_execute_api_endpoint",
                        ]
                        .contains(&k.to_string().as_str())
                    {
                        let why = if k == "access_logs" {
                            "every HTTP API of the template already writes access logs to `HttpApiAccessLogs`; a log group of an API's own is `access_logs(..)` on its `http_api(..)` type"
                        } else {
                            "it describes one API: set it on its `http_api(..)` type"
                        };
                        cx.error_spanned_by(k, format!("`{k}` is no global: {why}"));
                    }
                }
                g.http_api = Some(http_api(cx, list));
            }
            "rest_api" => {
                for n in list {
                    if let Some(k) = n.key()
                        && [
                            "stage",
                            "url_output",
                            "cognito",
                            "token_authorizer",
                            "request_authorizer",
                            "default_authorizer",
                            "usage_plan",
                            "description",
                            "tags",
                            "fail_on_warnings",
                            "api_key_source",
                            "disable_execute_api_endpoint",
                            "models",
                            "policy",
                        ]
                        .contains(&k.to_string().as_str())
                    {
                        cx.error_spanned_by(k, format!("`{k}` is no global: SAM's `Globals.Api` does not take it (it describes one API); set it on its `rest_api(..)` type"));
                    }
                }
                g.rest_api = Some(rest_api(cx, list));
            }
            "state_machine" => {
                for (k, i) in
                    attr::keyed(cx, "globals(state_machine(..))", &["propagate_tags"], list)
                {
                    g.state_machine_propagate_tags = attr::flag(cx, i, k);
                }
            }
            _ => {
                for (k, i) in
                    attr::keyed(cx, "globals(layer(..))", &["publish_lambda_version"], list)
                {
                    g.layer_publish = attr::flag(cx, i, k);
                }
            }
        }
    }
    g
}

/// `state_machine(definition | definition_json, substitutions(..), kind, name, logging(..),
/// use_alias_as_event_target, ..)` and the function keys it shares (checked as on a function).
pub struct StateMachine {
    pub definition: Option<(bool, LitStr)>,
    /// `(name, value)`: a handler path (lower-case last segment), a resource type, or text.
    pub substitutions: Vec<(LitStr, attr::Target)>,
    pub kind: Option<&'static str>,
    pub name: Option<LitStr>,
    pub logging: Option<(&'static str, bool, u32)>,
    pub use_alias_as_event_target: bool,
    pub tracing: bool,
    pub common: crate::function::check::Checked,
}

pub fn state_machine(cx: &Ctxt, node: &Node, items: &[Node]) -> StateMachine {
    let (own, shared): (Vec<&Node>, Vec<&Node>) = items.iter().partition(|n| {
        n.key()
            .is_none_or(|k| STATE_MACHINE_KEYS.contains(&k.to_string().as_str()))
    });
    let spec =
        crate::function::args::defaults(cx, shared, node.span(), STATE_MACHINE_FUNCTION_KEYS);
    for e in &spec.events {
        if !matches!(
            e.kind.stem(),
            "Schedule" | "ScheduleV2" | "EventBridge" | "Api"
        ) {
            cx.error_at(e.span, "a state machine starts on `schedule`, `schedule_v2`, `eventbridge` and `api` events");
        }
        // A state machine's Api event has no integration timeout, and it writes no outputs.
        if let crate::function::args::EventKind::Api {
            timeout,
            url_output,
            ..
        } = &e.kind
            && (timeout.is_some() || url_output.is_some())
        {
            cx.error_at(e.span, "a state machine's `api` event takes no `timeout` or `url_output`: those are a function's");
        }
    }
    let mut m = StateMachine {
        definition: None,
        substitutions: Vec::new(),
        kind: None,
        name: None,
        logging: None,
        use_alias_as_event_target: false,
        tracing: false,
        common: crate::function::check::check(cx, spec),
    };
    let mut all: Vec<&str> = STATE_MACHINE_KEYS.to_vec();
    all.extend(STATE_MACHINE_FUNCTION_KEYS);
    for (key, item) in attr::keyed(cx, "state_machine", &all, own) {
        match key {
            "definition" => {
                if let Some(d) = attr::str_value(
                    cx,
                    item,
                    key,
                    "definition = \"statemachine/orders.asl.json\"",
                ) {
                    if d.value().starts_with('/')
                        || d.value().contains("..")
                        || d.value().is_empty()
                    {
                        cx.error_spanned_by(&d, format!("`definition` is a file inside the package, relative to it, found `{}`", d.value()));
                    }
                    if m.definition.is_some() {
                        cx.error_spanned_by(
                            &d,
                            "`definition` and `definition_json` each give the definition: keep one",
                        );
                    }
                    m.definition = Some((false, d));
                }
            }
            "definition_json" => {
                if let Some(d) =
                    attr::json_value(cx, item, key, "definition_json = r#\"{\"StartAt\": ..}\"#")
                {
                    if m.definition.is_some() {
                        cx.error_spanned_by(
                            &d,
                            "`definition` and `definition_json` each give the definition: keep one",
                        );
                    }
                    m.definition = Some((true, d));
                }
            }
            "substitutions" => {
                let example = "substitutions(ProcessOrder = process_order, OrdersTable = Orders)";
                for n in attr::items_of(cx, item, key, example).unwrap_or_default() {
                    let Node::KeyValue { key: k, .. } = n else {
                        cx.error_at(n.span(), format!("expected `Name = handler`, `Name = Type` or `Name = \"text\"`: write `{example}`"));
                        continue;
                    };
                    if let Some(v) = attr::target_value(cx, n, &k.to_string(), example) {
                        m.substitutions
                            .push((LitStr::new(&k.to_string(), k.span()), v));
                    }
                }
            }
            "kind" => m.kind = attr::choice_value(cx, item, key, &["STANDARD", "EXPRESS"]),
            "name" => m.name = attr::str_value(cx, item, key, "name = \"orders\""),
            "logging" => {
                let ex = "logging(level = \"ERROR\", retention = 30)";
                let (mut level, mut data, mut retention) = (None, false, None);
                let list = attr::items_of(cx, item, key, ex).unwrap_or_default();
                for (k, i) in attr::keyed(
                    cx,
                    "logging",
                    &["level", "include_execution_data", "retention"],
                    list,
                ) {
                    match k {
                        "level" => {
                            level = attr::choice_value(cx, i, k, &["ALL", "ERROR", "FATAL", "OFF"])
                        }
                        "include_execution_data" => data = attr::flag(cx, i, k),
                        _ => retention = crate::function::args::log_retention(cx, i, k),
                    }
                }
                match (level, retention) {
                    (Some(l), Some(r)) => m.logging = Some((l, data, r)),
                    _ if attr::has_key(list, "level") && attr::has_key(list, "retention") => {}
                    _ => cx.error_at(
                        item.span(),
                        format!("`logging` needs `level` and `retention`: write `{ex}`"),
                    ),
                }
            }
            "use_alias_as_event_target" => m.use_alias_as_event_target = attr::flag(cx, item, key),
            "tracing" => m.tracing = attr::flag(cx, item, key),
            _ => {}
        }
    }
    if m.definition.is_none()
        && !attr::has_key(items, "definition")
        && !attr::has_key(items, "definition_json")
    {
        cx.error_at(node.span(), "`state_machine` needs `definition = \"file.asl.json\"` or `definition_json = r#\"{..}\"#`");
    }
    if m.use_alias_as_event_target && m.common.spec.auto_publish_alias.is_none() {
        cx.error_at(node.span(), "`use_alias_as_event_target` sends events to the alias `auto_publish_alias` publishes: add it");
    }
    m
}

/// A REST API's `cors(..)`: `(origin, methods, headers, max_age, credentials)`.
pub type RestCors = (LitStr, Vec<LitStr>, Vec<LitStr>, Option<u32>, bool);

/// `canary(percent, stage_variables(..), use_stage_cache)`.
pub type Canary = (u32, Vec<(LitStr, LitStr)>, bool);

/// `usage_plan(quota(limit, period), throttle(burst, rate))`.
pub type UsagePlan = (Option<(u32, &'static str)>, Option<(u32, u32)>);

/// `rest_api(..)`: an `AWS::Serverless::Api`.
pub struct RestApi {
    pub name: Option<LitStr>,
    pub description: Option<LitStr>,
    pub stage: Option<LitStr>,
    pub cors: Option<RestCors>,
    pub authorizers: Vec<RestAuthorizer>,
    pub default_authorizer: Option<LitStr>,
    pub api_key_required: bool,
    pub usage_plan: Option<UsagePlan>,
    pub ip_allow: Vec<LitStr>,
    pub ip_deny: Vec<LitStr>,
    pub endpoint: Option<&'static str>,
    pub binary_media_types: Vec<LitStr>,
    pub cache_size: Option<&'static str>,
    pub throttling: Option<(u32, u32)>,
    pub metrics: bool,
    pub minimum_compression_size: Option<u32>,
    pub tracing: bool,
    pub variables: Vec<(LitStr, LitStr)>,
    pub domain: Option<Domain>,
    pub disable_execute_api_endpoint: bool,
    pub fail_on_warnings: bool,
    pub always_deploy: bool,
    pub api_key_source: Option<&'static str>,
    pub security_policy: Option<&'static str>,
    pub access_log_retention: Option<u32>,
    pub tags: Vec<(LitStr, LitStr)>,
    pub propagate_tags: bool,
    pub url_output: Option<LitStr>,
    /// `models(Name = "<JSON schema>", ..)`.
    pub models: Vec<(LitStr, LitStr)>,
    /// `canary(percent, stage_variables(..), use_stage_cache)`.
    pub canary: Option<Canary>,
    /// `policy = "<JSON>"`.
    pub policy: Option<LitStr>,
    /// `gateway_responses(KIND(status, headers(..), templates(..)), ..)`.
    pub gateway_responses: Vec<GatewayResponse>,
}

/// One entry of `gateway_responses(..)`.
pub struct GatewayResponse {
    pub kind: &'static str,
    pub status: Option<u32>,
    pub headers: Vec<(LitStr, LitStr)>,
    pub templates: Vec<(LitStr, LitStr)>,
}

fn gateway_responses(cx: &Ctxt, node: &Node) -> Vec<GatewayResponse> {
    let example =
        "gateway_responses(DEFAULT_4XX(headers(\"Access-Control-Allow-Origin\" = \"*\")))";
    let mut out = Vec::new();
    let items = attr::items_of(cx, node, "gateway_responses", example).unwrap_or_default();
    for (kind, item) in attr::keyed(cx, "gateway_responses", GATEWAY_RESPONSE_TYPES, items) {
        let mut g = GatewayResponse {
            kind,
            status: None,
            headers: Vec::new(),
            templates: Vec::new(),
        };
        let list = attr::items_of(cx, item, kind, example).unwrap_or_default();
        for (k, i) in attr::keyed(cx, kind, &["status", "headers", "templates"], list) {
            match k {
                "status" => {
                    g.status = attr::int_value(cx, i, k, 100..=599, "(an HTTP status)").map(|v| v.0)
                }
                "headers" => {
                    g.headers = pairs(cx, i, k, "headers(\"Access-Control-Allow-Origin\" = \"*\")")
                }
                _ => {
                    g.templates = pairs(
                        cx,
                        i,
                        k,
                        "templates(\"application/json\" = \"{\\\"message\\\": $context.error.messageString}\")",
                    )
                }
            }
        }
        if list.is_empty() {
            cx.error_at(
                item.span(),
                format!(
                    "`{kind}` sets nothing: give it a `status`, `headers(..)` or `templates(..)`"
                ),
            );
        }
        out.push(g);
    }
    out
}

pub enum RestAuthorizer {
    Cognito {
        name: LitStr,
        user_pool: LitStr,
        header: Option<LitStr>,
        scopes: Vec<LitStr>,
    },
    Lambda {
        name: LitStr,
        function: Path,
        payload: &'static str,
        headers: Vec<LitStr>,
        query_strings: Vec<LitStr>,
        reauthorize_every: Option<u32>,
    },
}

impl RestAuthorizer {
    pub fn name(&self) -> &LitStr {
        match self {
            RestAuthorizer::Cognito { name, .. } | RestAuthorizer::Lambda { name, .. } => name,
        }
    }
}

fn rest_authorizer(cx: &Ctxt, node: &Node, kind: &str) -> Option<RestAuthorizer> {
    let example = match kind {
        "cognito" => "cognito(name = \"Users\", user_pool = \"UserPool\")",
        "token_authorizer" => {
            "token_authorizer(name = \"Tokens\", function = authorize, header = \"Authorization\")"
        }
        _ => {
            "request_authorizer(name = \"Requests\", function = authorize, headers(\"Authorization\"))"
        }
    };
    let items = attr::items_of(cx, node, kind, example)?;
    let keys: &[&'static str] = match kind {
        "cognito" => &["name", "user_pool", "header", "scopes"],
        "token_authorizer" => &["name", "function", "header", "reauthorize_every"],
        _ => &[
            "name",
            "function",
            "headers",
            "query_strings",
            "reauthorize_every",
        ],
    };
    let (mut name, mut pool, mut header, mut scopes, mut function) =
        (None, None, None, Vec::new(), None);
    let (mut headers, mut queries, mut every) = (Vec::new(), Vec::new(), None);
    for (key, item) in attr::keyed(cx, kind, keys, items) {
        match key {
            "name" => {
                name = attr::str_value(cx, item, key, "name = \"Users\"");
                if let Some(n) = &name {
                    authorizer_name(cx, n);
                }
            }
            "user_pool" => pool = attr::str_value(cx, item, key, "user_pool = \"UserPool\""),
            "header" => header = attr::str_value(cx, item, key, "header = \"Authorization\""),
            "scopes" => scopes = attr::str_list(cx, item, key, "scopes(\"shop/read\")"),
            "function" => match attr::value_of(cx, item, key, "function = authorize") {
                Some(attr::Value::Path(p)) => function = Some(p.clone()),
                Some(other) => cx.error_at(other.span(), "`function` names a `#[cf_function]` handler by its path: write `function = authorize`"),
                None => {}
            },
            "headers" => headers = attr::str_list(cx, item, key, "headers(\"Authorization\")"),
            "query_strings" => queries = attr::str_list(cx, item, key, "query_strings(\"token\")"),
            _ => every = attr::int_value(cx, item, key, 0..=3600, "seconds").map(|v| v.0),
        }
    }
    let need = |key: &str, present: bool| {
        if !present && !attr::has_key(items, key) {
            cx.error_at(
                node.span(),
                format!("`{kind}` needs `{key}`: write `{example}`"),
            );
        }
    };
    need("name", name.is_some());
    if kind == "cognito" {
        need("user_pool", pool.is_some());
        return Some(RestAuthorizer::Cognito {
            name: name?,
            user_pool: pool?,
            header,
            scopes,
        });
    }
    need("function", function.is_some());
    if kind == "request_authorizer"
        && headers.is_empty()
        && queries.is_empty()
        && every.is_none_or(|e| e > 0)
    {
        cx.error_at(node.span(), "a request authorizer caches its answers by its identity sources: name `headers(..)` or `query_strings(..)`, or `reauthorize_every = 0`");
    }
    Some(RestAuthorizer::Lambda {
        name: name?,
        function: function?,
        payload: if kind == "token_authorizer" {
            "TOKEN"
        } else {
            "REQUEST"
        },
        headers: header.map_or(headers, |h| vec![h]),
        query_strings: queries,
        reauthorize_every: every,
    })
}

pub fn rest_api(cx: &Ctxt, items: &[Node]) -> RestApi {
    let mut a = RestApi {
        name: None,
        description: None,
        stage: None,
        cors: None,
        authorizers: Vec::new(),
        default_authorizer: None,
        api_key_required: false,
        usage_plan: None,
        ip_allow: Vec::new(),
        ip_deny: Vec::new(),
        endpoint: None,
        binary_media_types: Vec::new(),
        cache_size: None,
        throttling: None,
        metrics: false,
        minimum_compression_size: None,
        tracing: false,
        variables: Vec::new(),
        domain: None,
        disable_execute_api_endpoint: false,
        fail_on_warnings: false,
        always_deploy: false,
        api_key_source: None,
        security_policy: None,
        access_log_retention: None,
        tags: Vec::new(),
        propagate_tags: false,
        url_output: None,
        models: Vec::new(),
        canary: None,
        policy: None,
        gateway_responses: Vec::new(),
    };
    let (mut default_span, mut plan_span) = (None, None);
    let repeatable = &["cognito", "token_authorizer", "request_authorizer"];
    for (key, item) in attr::keyed_repeating(cx, "rest_api", REST_API_KEYS, repeatable, items) {
        let text = |example: &str| attr::str_value(cx, item, key, example);
        match key {
            "name" => a.name = text("name = \"shop\""),
            "description" => a.description = text("description = \"the shop's API\""),
            "stage" => {
                a.stage = text("stage = \"prod\"");
                if let Some(s) = &a.stage {
                    let v = s.value();
                    if v.is_empty()
                        || v.len() > 128
                        || !v
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
                    {
                        cx.error_spanned_by(
                            s,
                            format!(
                                "a stage is letters, digits, `-` and `_`, found `{}`",
                                v.escape_debug()
                            ),
                        );
                    }
                }
            }
            "cors" => {
                let ex =
                    "cors(allow_origin = \"https://shop.example.com\", allow_methods(\"GET\"))";
                let (mut origin, mut methods, mut headers, mut age, mut creds) =
                    (None, Vec::new(), Vec::new(), None, false);
                let list = attr::items_of(cx, item, key, ex).unwrap_or_default();
                for (k, i) in attr::keyed(
                    cx,
                    "cors",
                    &[
                        "allow_origin",
                        "allow_methods",
                        "allow_headers",
                        "max_age",
                        "allow_credentials",
                    ],
                    list,
                ) {
                    match k {
                        "allow_origin" => {
                            origin = attr::str_value(
                                cx,
                                i,
                                k,
                                "allow_origin = \"https://shop.example.com\"",
                            );
                            if let Some(o) = origin.as_ref().filter(|o| o.value().contains('\'')) {
                                cx.error_spanned_by(o, "write the origin as it is: the generator quotes it as API Gateway wants");
                            }
                        }
                        "allow_methods" => {
                            methods = attr::str_list(cx, i, k, "allow_methods(\"GET\", \"POST\")")
                        }
                        "allow_headers" => {
                            headers = attr::str_list(cx, i, k, "allow_headers(\"Content-Type\")")
                        }
                        "max_age" => {
                            age = attr::int_value(cx, i, k, 0..=86400, "seconds").map(|v| v.0)
                        }
                        _ => creds = attr::flag(cx, i, k),
                    }
                }
                match origin {
                    Some(o) => {
                        if creds && o.value() == "*" {
                            cx.error_spanned_by(
                                &o,
                                "browsers refuse credentials with the origin `*`: name the origin",
                            );
                        }
                        a.cors = Some((o, methods, headers, age, creds));
                    }
                    None if attr::has_key(list, "allow_origin") => {}
                    None => cx.error_at(
                        item.span(),
                        format!("`cors` needs `allow_origin`: write `{ex}`"),
                    ),
                }
            }
            "cognito" | "token_authorizer" | "request_authorizer" => {
                a.authorizers.extend(rest_authorizer(cx, item, key))
            }
            "default_authorizer" => {
                a.default_authorizer = text("default_authorizer = \"Users\"");
                default_span = Some(item.span());
            }
            "api_key_required" => a.api_key_required = attr::flag(cx, item, key),
            "usage_plan" => {
                plan_span = Some(item.span());
                let ex = "usage_plan(quota(limit = 10000, period = \"MONTH\"), throttle(burst = 100, rate = 50))";
                let (mut quota, mut throttle) = (None, None);
                for (k, i) in attr::keyed(
                    cx,
                    "usage_plan",
                    &["quota", "throttle"],
                    attr::items_of(cx, item, key, ex).unwrap_or_default(),
                ) {
                    let (mut x, mut y) = (None, None);
                    let sub = attr::items_of(cx, i, k, ex).unwrap_or_default();
                    if k == "quota" {
                        for (kk, ii) in attr::keyed(cx, "quota", &["limit", "period"], sub) {
                            if kk == "limit" {
                                x = attr::int_value(cx, ii, kk, 1..=u32::MAX, "requests")
                                    .map(|v| v.0);
                            } else {
                                y = attr::choice_value(cx, ii, kk, &["DAY", "WEEK", "MONTH"])
                                    .map(|p| (0, p));
                            }
                        }
                        match (x, y) {
                            (Some(l), Some((_, p))) => quota = Some((l, p)),
                            _ => cx.error_at(i.span(), "`quota` needs `limit` and `period`: write `quota(limit = 10000, period = \"MONTH\")`"),
                        }
                    } else {
                        for (kk, ii) in attr::keyed(cx, "throttle", &["burst", "rate"], sub) {
                            let v = attr::int_value(cx, ii, kk, 0..=10000, "requests").map(|v| v.0);
                            if kk == "burst" {
                                x = v
                            } else {
                                y = v.map(|v| (v, ""))
                            }
                        }
                        match (x, y) {
                            (Some(b), Some((r, _))) => throttle = Some((b, r)),
                            _ => cx.error_at(i.span(), "`throttle` needs `burst` and `rate`: write `throttle(burst = 100, rate = 50)`"),
                        }
                    }
                }
                a.usage_plan = Some((quota, throttle));
            }
            "ip_allow" | "ip_deny" => {
                let list = attr::str_list(cx, item, key, "ip_allow(\"203.0.113.0/24\")");
                for r in &list {
                    if crate::resources::check::ipv4_range(&r.value()).is_none() {
                        cx.error_spanned_by(
                            r,
                            format!("expected an IPv4 range `a.b.c.d/n`, found `{}`", r.value()),
                        );
                    }
                }
                if key == "ip_allow" {
                    a.ip_allow = list
                } else {
                    a.ip_deny = list
                }
            }
            // A private API also needs a resource policy naming its VPC endpoints, which no key writes yet.
            "endpoint" => a.endpoint = attr::choice_value(cx, item, key, &["REGIONAL", "EDGE"]),
            "binary_media_types" => {
                a.binary_media_types =
                    attr::str_list(cx, item, key, "binary_media_types(\"image/png\")")
            }
            "cache_size" => {
                a.cache_size = attr::choice_value(
                    cx,
                    item,
                    key,
                    &["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"],
                )
            }
            "throttling" => a.throttling = crate::function::sources::throttling(cx, item, key),
            "metrics" => a.metrics = attr::flag(cx, item, key),
            "minimum_compression_size" => {
                a.minimum_compression_size =
                    attr::int_value(cx, item, key, 0..=10_485_760, "bytes").map(|v| v.0)
            }
            "tracing" => a.tracing = attr::flag(cx, item, key),
            "variables" => a.variables = pairs(cx, item, key, "variables(mode = \"live\")"),
            "domain" => a.domain = domain(cx, item),
            "disable_execute_api_endpoint" => {
                a.disable_execute_api_endpoint = attr::flag(cx, item, key)
            }
            "fail_on_warnings" => a.fail_on_warnings = attr::flag(cx, item, key),
            "always_deploy" => a.always_deploy = attr::flag(cx, item, key),
            "api_key_source" => {
                a.api_key_source = attr::choice_value(cx, item, key, &["HEADER", "AUTHORIZER"])
            }
            "security_policy" => {
                a.security_policy = attr::choice_value(cx, item, key, &["TLS_1_2", "TLS_1_0"])
            }
            "access_logs" => {
                let logs = attr::items_of(cx, item, key, "access_logs(retention = 90)")
                    .unwrap_or_default();
                for (k, i) in attr::keyed(cx, "access_logs", &["retention"], logs) {
                    a.access_log_retention = crate::function::args::log_retention(cx, i, k);
                }
                if !attr::has_key(logs, "retention") {
                    cx.error_at(
                        item.span(),
                        "`access_logs` needs `retention`: write `access_logs(retention = 90)`",
                    );
                }
            }
            "tags" => a.tags = pairs(cx, item, key, "tags(team = \"shop\")"),
            "propagate_tags" => a.propagate_tags = attr::flag(cx, item, key),
            "url_output" => a.url_output = text("url_output = \"ShopApiUrl\""),
            "canary" => {
                let ex = "canary(percent = 10)";
                let list = attr::items_of(cx, item, key, ex).unwrap_or_default();
                let (mut percent, mut overrides, mut cache) = (None, Vec::new(), false);
                for (k, i) in attr::keyed(
                    cx,
                    "canary",
                    &["percent", "stage_variables", "use_stage_cache"],
                    list,
                ) {
                    match k {
                        "percent" => {
                            percent = attr::int_value(cx, i, k, 0..=100, "percent").map(|v| v.0)
                        }
                        "stage_variables" => {
                            overrides = pairs(cx, i, k, "stage_variables(mode = \"canary\")")
                        }
                        _ => cache = attr::flag(cx, i, k),
                    }
                }
                match percent {
                    Some(p) => a.canary = Some((p, overrides, cache)),
                    None if attr::has_key(list, "percent") => {}
                    None => cx.error_at(
                        item.span(),
                        format!("`canary` needs `percent`: write `{ex}`"),
                    ),
                }
            }
            "gateway_responses" => a.gateway_responses = gateway_responses(cx, item),
            "policy" => {
                a.policy = attr::json_value(
                    cx,
                    item,
                    key,
                    "policy = r#\"{\"Version\": \"2012-10-17\", \"Statement\": [..]}\"#",
                );
                if let Some(p) = a.policy.as_ref()
                    && !p.value().contains("\"Statement\"")
                {
                    cx.error_spanned_by(
                        p,
                        "`policy` is an IAM policy document with a `Statement` list",
                    );
                }
            }
            "models" => {
                a.models = pairs(
                    cx,
                    item,
                    key,
                    "models(Order = r#\"{\"type\": \"object\"}\"#)",
                );
                for (name, schema) in &a.models {
                    if !name.value().bytes().all(|b| b.is_ascii_alphanumeric()) {
                        cx.error_spanned_by(name, "a model's name is letters and digits");
                    }
                    if let Err(e) = crate::json::validate(&schema.value()) {
                        cx.error_spanned_by(schema, format!("a model is a JSON schema: {e}"));
                    }
                }
            }
            _ => unreachable!("every key in REST_API_KEYS is handled"),
        }
    }
    let names: Vec<&LitStr> = a.authorizers.iter().map(RestAuthorizer::name).collect();
    authorizers(
        cx,
        &names,
        a.default_authorizer.as_ref().zip(default_span),
        true,
        "`cognito(..)`, `token_authorizer(..)` or `request_authorizer(..)`",
    );
    if let (Some(at), false) = (plan_span, a.api_key_required) {
        cx.error_at(at, "a usage plan meters API keys: add `api_key_required`");
    }
    a
}

/// `connector(source = handler | T, destination = handler | T, permissions("Read", "Write"))`.
pub struct Connector {
    pub source: Option<Path>,
    pub destination: Option<Path>,
    pub permissions: Vec<LitStr>,
}

pub fn connector(cx: &Ctxt, node: &Node, items: &[Node]) -> Connector {
    let example = "connector(source = process_order, destination = Orders, permissions(\"Write\"))";
    let mut c = Connector {
        source: None,
        destination: None,
        permissions: Vec::new(),
    };
    for (key, item) in attr::keyed(
        cx,
        "connector",
        &["source", "destination", "permissions"],
        items,
    ) {
        match key {
            "source" | "destination" => match attr::value_of(cx, item, key, example) {
                Some(attr::Value::Path(p)) => {
                    if key == "source" {
                        c.source = Some(p.clone());
                    } else {
                        c.destination = Some(p.clone());
                    }
                }
                Some(other) => cx.error_at(other.span(), format!("`{key}` names a `#[cf_function]` handler by its path or a `#[cf_resources]` type: write `{example}`")),
                None => {}
            },
            _ => {
                c.permissions = attr::str_list(cx, item, key, "permissions(\"Read\", \"Write\")");
                for (i, p) in c.permissions.iter().enumerate() {
                    let v = p.value();
                    if !["Read", "Write"].contains(&v.as_str()) {
                        cx.error_spanned_by(p, format!("invalid permission `{v}`\nexpected one of `Read`, `Write`"));
                    } else if c.permissions[..i].iter().any(|o| o.value() == v) {
                        cx.error_spanned_by(p, format!("duplicate permission `{v}`"));
                    }
                }
            }
        }
    }
    for (key, present) in [
        ("source", c.source.is_some()),
        ("destination", c.destination.is_some()),
        ("permissions", !c.permissions.is_empty()),
    ] {
        if !present && !attr::has_key(items, key) {
            cx.error_at(
                node.span(),
                format!("`connector` needs `{key}`: write `{example}`"),
            );
        }
    }
    c
}

/// The rules an API's authorizers keep, HTTP or REST: distinct names, and a `default_authorizer` (with the span
/// of its key) that is one of them, or `AWS_IAM` where `iam` allows it. `declare` names the keys that declare one.
fn authorizers(
    cx: &Ctxt,
    names: &[&LitStr],
    default: Option<(&LitStr, proc_macro2::Span)>,
    iam: bool,
    declare: &str,
) {
    for (i, name) in names.iter().enumerate() {
        if names[..i].iter().any(|o| o.value() == name.value()) {
            cx.error_spanned_by(name, format!("duplicate authorizer `{}`", name.value()));
        }
    }
    let Some((d, at)) = default else {
        return;
    };
    let v = d.value();
    if names.iter().any(|n| n.value() == v) || (v == "AWS_IAM" && iam) {
        return;
    }
    let list: Vec<String> = names.iter().map(|n| n.value()).collect();
    let list: Vec<&str> = list.iter().map(String::as_str).collect();
    cx.error_at(
        at,
        format!(
            "`default_authorizer` names no authorizer of this API: `{v}`{}",
            if list.is_empty() {
                format!("; declare it with {declare}")
            } else {
                format!("\nexpected one of {}", crate::symbol::list(&list))
            }
        ),
    );
}
