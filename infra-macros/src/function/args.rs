//! Tokens to a typed [`Spec`]: every key is looked up, its value checked on its own (type, range, allowed
//! values, syntax) and kept with its span. Rules across keys are in `check`.

use proc_macro2::Span;
use syn::{Ident, LitStr};

use crate::attr::{self, Args, Node, Target};
use crate::ctxt::Ctxt;
use crate::policy_templates::POLICY_TEMPLATES;
use crate::symbol::{self, *};

/// Everything `#[cf_function]` declares, typed, with spans.
pub struct Spec {
    pub ident: Ident,
    /// The handler's visibility, which its registration (naming its logical id) shares.
    pub vis: syn::Visibility,
    /// The `T` of a `LambdaEvent<T>` first parameter, when the handler is not generic.
    pub payload: Option<syn::Type>,
    /// The handler is an `async fn`.
    pub is_async: bool,
    pub broad_permissions: Option<LitStr>,
    pub logical_id: Option<LitStr>,
    pub description: Option<LitStr>,
    pub memory: Option<u32>,
    pub timeout: Option<u32>,
    pub ephemeral_storage: Option<u32>,
    pub reserved_concurrency: Option<u32>,
    pub architecture: Option<&'static str>,
    pub bin: Option<LitStr>,
    pub image: Option<LitStr>,
    /// `image_uri = "..." | Type`: a prebuilt image.
    pub image_uri: Option<Target>,
    pub dockerfile: Option<LitStr>,
    pub tag: Option<LitStr>,
    pub env: Vec<(Ident, Target)>,
    /// ARNs as written, or `layer(..)` types.
    pub layers: Vec<Target>,
    pub tracing: Option<&'static str>,
    pub log_retention: Option<u32>,
    pub tags: Vec<(LitStr, LitStr)>,
    pub condition: Option<Target>,
    pub function_url: Option<FunctionUrl>,
    pub dead_letter: Option<(&'static str, LitStr)>,
    pub auto_publish_alias: Option<LitStr>,
    pub version_description: Option<LitStr>,
    pub function_name: Option<LitStr>,
    pub kms_key: Option<LitStr>,
    pub permissions_boundary: Option<LitStr>,
    pub code_signing_config: Option<LitStr>,
    pub recursive_loop: Option<&'static str>,
    /// `logging(format, application_level, system_level, log_group)`.
    pub logging: Option<Logging>,
    pub event_invoke: Option<super::settings::EventInvoke>,
    pub deployment: Option<super::settings::Deployment>,
    pub provisioned_concurrency: Option<(u32, syn::LitInt)>,
    pub role: Option<LitStr>,
    pub role_path: Option<LitStr>,
    /// `assume_role(services(..))`.
    pub assume_role: Vec<LitStr>,
    pub runtime_management: Option<super::settings::RuntimeManagement>,
    pub auto_publish_code_sha256: Option<LitStr>,
    pub auto_publish_all_properties: Option<bool>,
    pub version_deletion_policy: Option<&'static str>,
    pub file_system: Option<super::settings::FileSystem>,
    pub vpc: Option<super::settings::Vpc>,
    pub image_config: Option<super::settings::ImageConfig>,
    pub propagate_tags: bool,
    pub source_kms_key: Option<LitStr>,
    /// Keys given a parameter type: `(property, parameter, key)`.
    pub parameters: Vec<(&'static str, syn::Path, &'static str)>,
    pub policies: Vec<Policy>,
    pub reads: Vec<syn::Path>,
    /// `invokes(..)`: SageMaker endpoint types.
    pub invokes: Vec<syn::Path>,
    pub writes: Vec<syn::Path>,
    pub events: Vec<Event>,
}

#[derive(Default)]
pub struct Logging {
    pub format: Option<&'static str>,
    pub application_level: Option<&'static str>,
    pub system_level: Option<&'static str>,
    pub log_group: Option<LitStr>,
}

pub struct FunctionUrl {
    pub iam: bool,
    pub invoke_mode: Option<&'static str>,
    pub cors: Option<Cors>,
    pub url_output: Option<LitStr>,
}

#[derive(Default)]
pub struct Cors {
    pub allow_origins: Vec<LitStr>,
    pub allow_methods: Vec<LitStr>,
    pub allow_headers: Vec<LitStr>,
    pub expose_headers: Vec<LitStr>,
    pub max_age: Option<u32>,
    pub allow_credentials: Option<bool>,
}

pub enum Policy {
    Template {
        name: &'static str,
        params: Vec<(&'static str, LitStr)>,
    },
    Managed(LitStr),
    Statement {
        effect: &'static str,
        actions: Vec<LitStr>,
        resources: Vec<LitStr>,
    },
}

/// One entry of `events(...)`.
pub struct Event {
    /// Span of the kind (`http_api`), for errors about the whole event.
    pub span: Span,
    pub name: Option<LitStr>,
    pub kind: EventKind,
}

pub enum EventKind {
    HttpApi(Box<super::sources::HttpRoute>),
    Api {
        method: &'static str,
        path: LitStr,
        api_key_required: bool,
        cors: Option<LitStr>,
        api: Option<Target>,
        url_output: Option<LitStr>,
        auth: Option<super::sources::RouteAuth>,
        timeout: Option<u32>,
        /// `request_model(model = "..", required, validate_body, validate_parameters)`.
        request_model: Option<(LitStr, bool, bool, bool)>,
        /// `request_parameters(required(..), optional(..))`.
        request_parameters: Vec<(LitStr, bool)>,
    },
    Schedule {
        expression: LitStr,
        enabled: Option<bool>,
        input: Option<LitStr>,
        rule_name: Option<LitStr>,
        description: Option<LitStr>,
        state: Option<&'static str>,
        /// `retry(attempts = n, max_age = seconds)`.
        retry: Option<(Option<u32>, Option<u32>)>,
        dead_letter: bool,
    },
    S3 {
        bucket: Target,
        events: Vec<LitStr>,
        prefix: Option<LitStr>,
        suffix: Option<LitStr>,
    },
    Sqs {
        queue: Target,
        batch_size: Option<u32>,
        batching_window: Option<u32>,
        polling: Polling,
    },
    Sns(Box<super::sources::Sns>),
    DynamoDb {
        table: Target,
        starting_position: &'static str,
        batch_size: Option<u32>,
        batching_window: Option<u32>,
        polling: Polling,
    },
    Kinesis {
        stream: Target,
        starting_position: &'static str,
        starting_timestamp: Option<u32>,
        batch_size: Option<u32>,
        batching_window: Option<u32>,
        polling: Polling,
    },
    EventBridge(Box<super::sources::EventBridge>),
    Cognito {
        user_pool: LitStr,
        triggers: Vec<LitStr>,
    },
    ScheduleV2(Box<super::sources::ScheduleV2>),
    Kafka(Box<super::pollers::Kafka>),
    Mq(Box<super::pollers::Mq>),
    DocumentDb(Box<super::pollers::DocumentDb>),
    CloudWatchLogs {
        log_group: LitStr,
        filter: LitStr,
    },
    IotRule {
        sql: LitStr,
        sql_version: Option<&'static str>,
    },
    AlexaSkill {
        skill_id: LitStr,
    },
}

/// A poller's options past its source and batch (`filters`, `report_failures`, ...), as written.
#[derive(Default)]
pub struct Polling {
    pub filters: Vec<LitStr>,
    pub report_failures: bool,
    pub max_concurrency: Option<u32>,
    pub bisect: Option<bool>,
    pub max_record_age: Option<u32>,
    pub max_retries: Option<u32>,
    pub parallelization: Option<u32>,
    pub tumbling_window: Option<u32>,
    pub on_failure: Option<syn::Path>,
    pub enabled: Option<bool>,
    pub kms_key: Option<LitStr>,
    pub metrics: Vec<LitStr>,
}

impl Polling {
    /// Reads `key` if it is a poller option; false if it is not one. `kind` is the event kind, for the
    /// metrics it offers.
    pub(crate) fn take(&mut self, cx: &Ctxt, item: &Node, key: &str, kind: &str) -> bool {
        let int = |range, unit| attr::int_value(cx, item, key, range, unit).map(|v| v.0);
        match key {
            "filters" => {
                let example = r#"filters("{\"body\": {\"kind\": [\"order\"]}}")"#;
                self.filters = attr::str_list(cx, item, key, example);
                for f in &self.filters {
                    if let Err(e) = crate::json::validate(&f.value()) {
                        cx.error_spanned_by(f, format!("a filter is a JSON event pattern: {e}"));
                    }
                }
                if self.filters.len() > 5 {
                    cx.error_spanned_by(
                        &self.filters[5],
                        "an event source mapping takes at most 5 filters",
                    );
                }
            }
            "report_failures" => self.report_failures = attr::flag(cx, item, key),
            "max_concurrency" => self.max_concurrency = int(2..=1000, "concurrent invocations"),
            "bisect" => self.bisect = Some(attr::flag(cx, item, key)),
            "max_record_age" => self.max_record_age = int(60..=604_800, "seconds"),
            "max_retries" => self.max_retries = int(0..=10_000, "retries"),
            "parallelization" => self.parallelization = int(1..=10, "batches per shard"),
            "tumbling_window" => self.tumbling_window = int(0..=900, "seconds"),
            "enabled" => self.enabled = attr::bool_value(cx, item, key).map(|b| b.value),
            "kms_key" => {
                self.kms_key = attr::str_value(cx, item, key, "kms_key = \"${FiltersKey.Arn}\"")
            }
            "metrics" => {
                let offered: &[&str] = if matches!(kind, "msk" | "self_managed_kafka") {
                    &["EventCount", "ErrorCount", "KafkaMetrics"]
                } else {
                    &["EventCount", "ErrorCount"]
                };
                self.metrics =
                    attr::str_list(cx, item, key, "metrics(\"EventCount\", \"ErrorCount\")");
                for (i, m) in self.metrics.iter().enumerate() {
                    let v = m.value();
                    if !offered.contains(&v.as_str()) {
                        cx.error_spanned_by(
                            m,
                            format!(
                                "`{kind}` offers no metric `{v}`{}\nexpected one of {}",
                                symbol::hint(&v, offered),
                                symbol::list(offered)
                            ),
                        );
                    } else if self.metrics[..i].iter().any(|o| o.value() == v) {
                        cx.error_spanned_by(m, format!("duplicate metric `{v}`"));
                    }
                }
            }
            "on_failure" => match attr::value_of(cx, item, key, "on_failure = FailedChanges") {
                Some(attr::Value::Path(p)) => self.on_failure = Some(p.clone()),
                Some(other) => cx.error_at(
                    other.span(),
                    "`on_failure` takes a queue or topic type: write `on_failure = FailedChanges`",
                ),
                None => {}
            },
            _ => return false,
        }
        true
    }
}

impl EventKind {
    /// The default event name's stem.
    pub fn stem(&self) -> &'static str {
        match self {
            EventKind::HttpApi(_) => "HttpApi",
            EventKind::Api { .. } => "Api",
            EventKind::Schedule { .. } => "Schedule",
            EventKind::S3 { .. } => "S3",
            EventKind::Sqs { .. } => "Sqs",
            EventKind::Sns(_) => "Sns",
            EventKind::DynamoDb { .. } => "DynamoDb",
            EventKind::Kinesis { .. } => "Kinesis",
            EventKind::EventBridge(_) => "EventBridge",
            EventKind::Cognito { .. } => "Cognito",
            EventKind::ScheduleV2(_) => "ScheduleV2",
            EventKind::Kafka(k) if k.servers.is_empty() => "Msk",
            EventKind::Kafka(_) => "Kafka",
            EventKind::Mq(_) => "Mq",
            EventKind::DocumentDb(_) => "DocumentDb",
            EventKind::CloudWatchLogs { .. } => "CloudWatchLogs",
            EventKind::IotRule { .. } => "IoTRule",
            EventKind::AlexaSkill { .. } => "AlexaSkill",
        }
    }
}

pub fn parse(cx: &Ctxt, func: &syn::ItemFn, args: &Args) -> Spec {
    if let Some(recv) = func.sig.receiver() {
        cx.error_spanned_by(
            recv,
            "`cf_function` cannot be used on a method: make the handler a free function",
        );
    }
    let mut spec = Spec {
        ident: func.sig.ident.clone(),
        vis: func.vis.clone(),
        payload: payload_type(func),
        is_async: func.sig.asyncness.is_some(),
        broad_permissions: None,
        logical_id: None,
        description: None,
        memory: None,
        timeout: None,
        ephemeral_storage: None,
        reserved_concurrency: None,
        architecture: None,
        bin: None,
        image: None,
        image_uri: None,
        dockerfile: None,
        tag: None,
        env: Vec::new(),
        layers: Vec::new(),
        tracing: None,
        log_retention: None,
        tags: Vec::new(),
        condition: None,
        function_url: None,
        dead_letter: None,
        auto_publish_alias: None,
        version_description: None,
        function_name: None,
        kms_key: None,
        permissions_boundary: None,
        code_signing_config: None,
        recursive_loop: None,
        logging: None,
        parameters: Vec::new(),
        event_invoke: None,
        deployment: None,
        provisioned_concurrency: None,
        role: None,
        role_path: None,
        assume_role: Vec::new(),
        runtime_management: None,
        auto_publish_code_sha256: None,
        auto_publish_all_properties: None,
        version_deletion_policy: None,
        file_system: None,
        vpc: None,
        image_config: None,
        propagate_tags: false,
        source_kms_key: None,
        policies: Vec::new(),
        reads: Vec::new(),
        invokes: Vec::new(),
        writes: Vec::new(),
        events: Vec::new(),
    };
    fill(cx, &mut spec, &args.0, "cf_function", FUNCTION_KEYS);
    spec
}

/// A spec of no handler, for `globals(function(..))`: the keys of `allowed` read from `items`.
pub(crate) fn defaults<'n>(
    cx: &Ctxt,
    items: impl IntoIterator<Item = &'n Node>,
    span: Span,
    allowed: &[&'static str],
) -> Spec {
    let func: syn::ItemFn = syn::parse_quote_spanned!(span=> fn globals() {});
    let mut spec = parse(cx, &func, &Args(Vec::new()));
    fill(cx, &mut spec, items, "globals(function(..))", allowed);
    spec
}

/// Reads the keys of `items` (each one of `allowed`) into `spec`, and checks the rules across them.
fn fill<'n>(
    cx: &Ctxt,
    spec: &mut Spec,
    items: impl IntoIterator<Item = &'n Node>,
    what: &str,
    allowed: &[&'static str],
) {
    let keyed = attr::keyed(cx, what, allowed, items);
    // Where each key is written, for the rules across keys below.
    let at = |key: &str| keyed.iter().find(|(k, _)| *k == key).map(|(_, n)| n.span());
    for &(key, node) in &keyed {
        match key {
            "logical_id" => {
                spec.logical_id = attr::str_value(cx, node, key, "logical_id = \"PredictFunction\"")
            }
            "description" => {
                spec.description = attr::str_value(cx, node, key, "description = \"...\"")
            }
            "memory" | "timeout" | "ephemeral_storage" | "reserved_concurrency" => {
                let (property, range, unit) = match key {
                    "memory" => ("MemorySize", 128..=10240, "MB"),
                    "timeout" => ("Timeout", 1..=900, "seconds"),
                    "ephemeral_storage" => ("EphemeralStorage", 512..=10240, "MB"),
                    _ => ("ReservedConcurrentExecutions", 0..=1_000_000, "executions"),
                };
                // A `Number` parameter type gives the value when the stack is deployed.
                if let Node::KeyValue { value: attr::Value::Path(p), .. } = node {
                    spec.parameters.push((property, p.clone(), key));
                    continue;
                }
                let v = attr::int_value(cx, node, key, range, unit).map(|v| v.0);
                match key {
                    "memory" => spec.memory = v,
                    "timeout" => spec.timeout = v,
                    "ephemeral_storage" => spec.ephemeral_storage = v,
                    _ => spec.reserved_concurrency = v,
                }
            }
            "architecture" => spec.architecture = attr::choice_value(cx, node, key, ARCHITECTURES),
            "bin" => spec.bin = attr::str_value(cx, node, key, "bin = \"my-handler\""),
            "image" => spec.image = attr::str_value(cx, node, key, "image = \"model\""),
            "image_uri" => {
                spec.image_uri = attr::target_value(
                    cx,
                    node,
                    key,
                    "image_uri = \"123456789012.dkr.ecr.us-east-1.amazonaws.com/model:1\"",
                )
            }
            "dockerfile" => {
                spec.dockerfile = attr::str_value(cx, node, key, "dockerfile = \"Dockerfile\"")
            }
            "tag" => spec.tag = attr::str_value(cx, node, key, "tag = \"latest\""),
            "env" => spec.env = env(cx, node),
            "layers" => {
                let example = "layers(SharedLibs, \"arn:aws:lambda:...:layer:name:1\")";
                for item in attr::items_of(cx, node, key, example).unwrap_or_default() {
                    match item {
                        Node::Lit(syn::Lit::Str(s)) => spec.layers.push(Target::Id(s.clone())),
                        Node::Path(p) => spec.layers.push(Target::Type(p.clone())),
                        other => cx.error_at(other.span(), format!("`layers(..)` holds `layer(..)` types and layer version ARNs: write `{example}`")),
                    }
                }
            }
            "tracing" => spec.tracing = attr::choice_value(cx, node, key, TRACING),
            "log_retention" => spec.log_retention = log_retention(cx, node, key),
            "tags" => spec.tags = pairs(cx, node, key, "tags(team = \"ml\")"),
            "condition" => spec.condition = attr::target_value(cx, node, key, "condition = IsProd"),
            "reads" => spec.reads = attr::type_list(cx, node, key, "reads(FilesTable)"),
            "writes" => spec.writes = attr::type_list(cx, node, key, "writes(UploadBucket)"),
            "invokes" => spec.invokes = attr::type_list(cx, node, key, "invokes(Classifier)"),
            "function_url" => spec.function_url = function_url(cx, node),
            "dead_letter" => spec.dead_letter = dead_letter(cx, node),
            "auto_publish_alias" => {
                spec.auto_publish_alias =
                    attr::str_value(cx, node, key, "auto_publish_alias = \"live\"")
            }
            "policies" => {
                let example = "policies(DynamoDBReadPolicy(TableName = \"${Files}\"))";
                for item in attr::items_of(cx, node, key, example).unwrap_or_default() {
                    spec.policies.extend(policy(cx, item));
                }
            }
            "broad_permissions" => {
                spec.broad_permissions = attr::str_value(
                    cx,
                    node,
                    key,
                    "broad_permissions = \"xray:PutTraceSegments has no resource-level permissions\"",
                );
                if let Some(why) = &spec.broad_permissions
                    && why.value().trim().is_empty()
                {
                    cx.error_spanned_by(why, "`broad_permissions` says why the broad grant is intended: the reason cannot be empty");
                }
            }
            "version_description" => {
                spec.version_description =
                    attr::str_value(cx, node, key, "version_description = \"adds retries\"")
            }
            "function_name" => {
                spec.function_name =
                    attr::str_value(cx, node, key, "function_name = \"orders-api\"");
                if let Some(n) = &spec.function_name {
                    let v = n.value();
                    let valid = (1..=64).contains(&v.len())
                        && v.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'));
                    if !valid && !v.contains("${") {
                        cx.error_spanned_by(n, format!("a function name is 1 to 64 letters, digits, `-` or `_`, found `{}`", v.escape_debug()));
                    }
                }
            }
            "kms_key" => {
                spec.kms_key = attr::str_value(cx, node, key, "kms_key = \"${AppKey.Arn}\"")
            }
            "permissions_boundary" => {
                spec.permissions_boundary = attr::str_value(
                    cx,
                    node,
                    key,
                    "permissions_boundary = \"arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/boundary\"",
                )
            }
            "code_signing_config" => {
                spec.code_signing_config =
                    attr::str_value(cx, node, key, "code_signing_config = \"${Signing.CodeSigningConfigArn}\"")
            }
            "recursive_loop" => {
                spec.recursive_loop = attr::choice_value(cx, node, key, RECURSIVE_LOOP)
            }
            "logging" => {
                let mut l = Logging::default();
                let example = "logging(format = \"JSON\", application_level = \"INFO\")";
                for (k, item) in attr::keyed(
                    cx,
                    "logging",
                    LOGGING_KEYS,
                    attr::items_of(cx, node, key, example).unwrap_or_default(),
                ) {
                    match k {
                        "format" => l.format = attr::choice_value(cx, item, k, LOG_FORMATS),
                        "application_level" => {
                            l.application_level =
                                attr::choice_value(cx, item, k, APPLICATION_LOG_LEVELS)
                        }
                        "system_level" => {
                            l.system_level = attr::choice_value(cx, item, k, SYSTEM_LOG_LEVELS)
                        }
                        _ => {
                            l.log_group =
                                attr::str_value(cx, item, k, "log_group = \"/app/orders\"")
                        }
                    }
                }
                if (l.application_level.is_some() || l.system_level.is_some())
                    && l.format != Some("JSON")
                {
                    cx.error_at(node.span(), "log levels apply to JSON logs only: add `format = \"JSON\"` to `logging(..)`");
                }
                spec.logging = Some(l);
            }
            "snap_start" => cx.error_at(
                node.span(),
                "AWS does not support SnapStart on the `provided.al2023` runtime Rust functions run on (only on Java, Python and .NET runtimes); a Rust function's cold start is already short",
            ),
            "event_invoke" => spec.event_invoke = super::settings::event_invoke(cx, node),
            "deployment" => spec.deployment = super::settings::deployment(cx, node),
            "provisioned_concurrency" => {
                spec.provisioned_concurrency =
                    attr::int_value(cx, node, key, 1..=1_000_000, "executions")
            }
            "role" => {
                spec.role = attr::str_value(cx, node, key, "role = \"${AppRole.Arn}\"");
                if let Some(r) = &spec.role {
                    let v = r.value();
                    if !(v.contains("${") || v.starts_with("arn:") && v.contains(":role/")) {
                        cx.error_spanned_by(r, format!("`role` is a role ARN `arn:<partition>:iam::<account>:role/<name>` or a `${{...}}` substitution naming one, found `{}`", v.escape_debug()));
                    }
                }
            }
            "role_path" => {
                spec.role_path = attr::str_value(cx, node, key, "role_path = \"/app/\"");
                if let Some(p) = &spec.role_path {
                    let v = p.value();
                    if !(v.starts_with('/') && v.ends_with('/') && v.len() <= 512) {
                        cx.error_spanned_by(p, format!("an IAM path starts and ends with `/` (e.g. `/app/`), found `{}`", v.escape_debug()));
                    }
                }
            }
            "assume_role" => spec.assume_role = super::settings::assume_role(cx, node),
            "runtime_management" => {
                spec.runtime_management = super::settings::runtime_management(cx, node)
            }
            "auto_publish_code_sha256" => {
                spec.auto_publish_code_sha256 =
                    attr::str_value(cx, node, key, "auto_publish_code_sha256 = \"${CodeHash}\"")
            }
            "auto_publish_all_properties" => {
                spec.auto_publish_all_properties = Some(attr::flag(cx, node, key))
            }
            "version_deletion_policy" => {
                spec.version_deletion_policy =
                    attr::choice_value(cx, node, key, VERSION_DELETION_POLICIES)
            }
            "file_system" => spec.file_system = super::settings::file_system(cx, node),
            "vpc" => spec.vpc = super::settings::vpc(cx, node),
            "image_config" => spec.image_config = super::settings::image_config(cx, node),
            "propagate_tags" => spec.propagate_tags = attr::flag(cx, node, key),
            "source_kms_key" => {
                spec.source_kms_key =
                    attr::str_value(cx, node, key, "source_kms_key = \"${CodeKey.Arn}\"")
            }
            "events" => {
                let example = "events(http_api(method = \"GET\", path = \"/\"))";
                for item in attr::items_of(cx, node, key, example).unwrap_or_default() {
                    spec.events.extend(event(cx, item));
                }
            }
            _ => unreachable!("every key in FUNCTION_KEYS is handled"),
        }
    }
    if spec.auto_publish_alias.is_none() {
        for (key, what) in [
            ("version_description", "describes the version SAM publishes"),
            (
                "provisioned_concurrency",
                "keeps instances of the alias SAM publishes warm",
            ),
            ("deployment", "shifts traffic to each version SAM publishes"),
            (
                "auto_publish_code_sha256",
                "decides when SAM publishes a new version",
            ),
            (
                "auto_publish_all_properties",
                "decides when SAM publishes a new version",
            ),
            (
                "version_deletion_policy",
                "keeps or deletes the versions SAM publishes",
            ),
        ] {
            if let Some(span) = at(key) {
                cx.error_at(span, format!("`{key}` {what} with `auto_publish_alias`: add `auto_publish_alias = \"live\"`"));
            }
        }
    }
    if let (Some((p, lit)), Some(r)) = (&spec.provisioned_concurrency, spec.reserved_concurrency)
        && *p > r
    {
        cx.error_spanned_by(lit, format!("`provisioned_concurrency` ({p}) exceeds `reserved_concurrency` ({r}): Lambda cannot keep more instances warm than the function may run"));
    }
    if spec.role.is_some() {
        for key in [
            "reads",
            "writes",
            "invokes",
            "policies",
            "permissions_boundary",
            "assume_role",
            "role_path",
        ] {
            if let Some(span) = at(key) {
                cx.error_at(span, format!("`{key}` shapes the role SAM creates, and `role` brings your own, so SAM creates none: grant it on your role, or drop `role`"));
            }
        }
    }
    if spec.image.is_some() || spec.image_uri.is_some() {
        for (key, why) in [
            (
                "layers",
                "Lambda adds layers to zip functions alone: put their files in the image",
            ),
            (
                "runtime_management",
                "an image carries its own runtime, which Lambda does not update",
            ),
        ] {
            if let Some(span) = at(key) {
                cx.error_at(
                    span,
                    format!("`{key}` does not apply to an image function: {why}"),
                );
            }
        }
    }
    if let (Some(span), true) = (at("image_uri"), spec.image.is_some() || spec.bin.is_some()) {
        cx.error_at(span, "`image_uri` names an image built elsewhere: `image` (built here) and `bin` (a zip) describe other code; keep one");
    }
    if spec.image.is_none() && spec.image_uri.is_none() {
        if let Some(span) = at("image_config") {
            cx.error_at(span, "`image_config` overrides an image's command, entry point or directory: it needs `image = \"dir\"`");
        }
    } else if let Some(span) = at("source_kms_key") {
        cx.error_at(
            span,
            "`source_kms_key` encrypts a zip function's code: an `image` function's code is in ECR",
        );
    }
    if let (Some(span), None) = (at("file_system"), &spec.vpc) {
        cx.error_at(span, "Lambda reaches an EFS file system through the VPC: add `vpc(network = AppVpc, security_groups(FunctionSg))` with subnets that have its mount targets");
    }
    if let (
        Some(Logging {
            log_group: Some(g), ..
        }),
        Some(_),
    ) = (&spec.logging, spec.log_retention)
    {
        cx.error_spanned_by(g, "`log_retention` creates the function's own log group `/aws/lambda/<name>`, and `log_group` sends the logs elsewhere: keep one of the two");
    }
}

/// The `T` of `LambdaEvent<T>` in the first parameter, unless the function is generic.
fn payload_type(func: &syn::ItemFn) -> Option<syn::Type> {
    if !func.sig.generics.params.is_empty() {
        return None;
    }
    let Some(syn::FnArg::Typed(arg)) = func.sig.inputs.first() else {
        return None;
    };
    let syn::Type::Path(p) = &*arg.ty else {
        return None;
    };
    let last = p.path.segments.last()?;
    if last.ident != "LambdaEvent" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(t) => Some(t.clone()),
        _ => None,
    }
}

/// `env(NAME = "text" | Type, ...)`.
/// `env(NAME = "text", NAME = Type)`, shared with `fargate_service(..)`.
pub(crate) fn env(cx: &Ctxt, node: &Node) -> Vec<(Ident, Target)> {
    let mut out = Vec::new();
    let example = "env(STAGE = \"prod\", TABLE = FilesTable)";
    for item in attr::items_of(cx, node, "env", example).unwrap_or_default() {
        match item {
            Node::KeyValue { key: k, .. } => {
                if let Some(v) =
                    attr::target_value(cx, item, &k.to_string(), &format!("{k} = \"value\""))
                {
                    out.push((k.clone(), v));
                }
            }
            Node::StrKeyValue { key: k, .. } => cx.error_spanned_by(
                k,
                format!(
                    "environment variable names are identifiers, not strings: write `{} = ...`",
                    k.value()
                ),
            ),
            other => cx.error_at(
                other.span(),
                format!(
                    "expected `NAME = \"value\"` or `NAME = Type` in `env(...)`: write `{example}`"
                ),
            ),
        }
    }
    out
}

/// `key(name = "value", "quoted-name" = "value", ...)`.
pub(crate) fn pairs(cx: &Ctxt, node: &Node, key: &str, example: &str) -> Vec<(LitStr, LitStr)> {
    let mut out = Vec::new();
    for item in attr::items_of(cx, node, key, example).unwrap_or_default() {
        match item {
            Node::KeyValue { key: k, .. } => {
                if let Some(v) =
                    attr::str_value(cx, item, &k.to_string(), &format!("{k} = \"value\""))
                {
                    out.push((LitStr::new(&k.to_string(), k.span()), v));
                }
            }
            Node::StrKeyValue { key: k, value } => match value {
                attr::Value::Lit(syn::Lit::Str(v)) => out.push((k.clone(), v.clone())),
                other => cx.error_at(
                    other.span(),
                    format!("`{key}(...)` values are string literals: write `{example}`"),
                ),
            },
            other => cx.error_at(
                other.span(),
                format!("expected `NAME = \"value\"` in `{key}(...)`: write `{example}`"),
            ),
        }
    }
    out
}

/// Days CloudWatch Logs can keep logs, under `key`.
pub(crate) fn log_retention(cx: &Ctxt, node: &Node, key: &str) -> Option<u32> {
    let (days, lit) = attr::int_value(cx, node, key, 1..=3653, "days")?;
    if LOG_RETENTION_DAYS.contains(&days) {
        return Some(days);
    }
    cx.error_spanned_by(
        &lit,
        format!(
            "CloudWatch Logs does not keep logs for {days} days\nexpected one of {}",
            symbol::list(LOG_RETENTION_DAYS)
        ),
    );
    None
}

fn function_url(cx: &Ctxt, node: &Node) -> Option<FunctionUrl> {
    let items = attr::items_of(cx, node, "function_url", "function_url(auth = \"iam\")")?;
    let mut url = FunctionUrl {
        iam: true,
        invoke_mode: None,
        cors: None,
        url_output: None,
    };
    let mut auth = None;
    for (key, item) in attr::keyed(cx, "function_url", FUNCTION_URL_KEYS, items) {
        match key {
            "auth" => auth = attr::choice_value(cx, item, key, URL_AUTH),
            "url_output" => {
                url.url_output = attr::str_value(cx, item, key, "url_output = \"FunctionUrl\"")
            }
            "cors" => url.cors = cors(cx, item),
            "invoke_mode" => url.invoke_mode = attr::choice_value(cx, item, key, URL_INVOKE_MODES),
            _ => unreachable!("every key in FUNCTION_URL_KEYS is handled"),
        }
    }
    match auth {
        Some(a) => url.iam = a == "iam",
        None if attr::has_key(items, "auth") => {}
        None => cx.error_at(
            node.span(),
            "`function_url` needs `auth`: add `auth = \"iam\"` or `auth = \"none\"` (public)",
        ),
    }
    Some(url)
}

pub(crate) fn cors(cx: &Ctxt, node: &Node) -> Option<Cors> {
    let items = attr::items_of(
        cx,
        node,
        "cors",
        "cors(allow_origins(\"https://example.com\"))",
    )?;
    let mut c = Cors::default();
    for (key, item) in attr::keyed(cx, "cors", CORS_KEYS, items) {
        let list = |ex: &str| attr::str_list(cx, item, key, ex);
        match key {
            "allow_origins" => c.allow_origins = list("allow_origins(\"https://example.com\")"),
            "allow_methods" => c.allow_methods = list("allow_methods(\"GET\", \"POST\")"),
            "allow_headers" => c.allow_headers = list("allow_headers(\"content-type\")"),
            "expose_headers" => c.expose_headers = list("expose_headers(\"etag\")"),
            "max_age" => {
                c.max_age = attr::int_value(cx, item, key, 0..=86400, "seconds").map(|v| v.0)
            }
            "allow_credentials" => {
                c.allow_credentials = attr::bool_value(cx, item, key).map(|b| b.value)
            }
            _ => unreachable!("every key in CORS_KEYS is handled"),
        }
    }
    Some(c)
}

fn dead_letter(cx: &Ctxt, node: &Node) -> Option<(&'static str, LitStr)> {
    let items = attr::items_of(cx, node, "dead_letter", "dead_letter(sqs = \"FailedJobs\")")?;
    let found = attr::keyed(cx, "dead_letter", DEAD_LETTER_KEYS, items);
    if found.len() != 1 {
        cx.error_at(
            node.span(),
            "`dead_letter` takes exactly one of `sqs = \"QueueId\"` or `sns = \"TopicId\"`",
        );
        return None;
    }
    let (key, item) = found[0];
    attr::str_value(cx, item, key, &format!("{key} = \"LogicalId\"")).map(|v| (key, v))
}

/// One entry of `policies(..)`: a SAM policy template, a managed policy, or `statement(..)`.
pub(crate) fn policy(cx: &Ctxt, node: &Node) -> Option<Policy> {
    let names: Vec<&str> = POLICY_TEMPLATES.iter().map(|(n, _)| *n).collect();
    let (ident, items): (String, &[Node]) = match node {
        Node::Lit(syn::Lit::Str(s)) => {
            let v = s.value();
            let valid = v.starts_with("arn:")
                || (!v.is_empty()
                    && v.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-/".contains(c)));
            if !valid {
                cx.error_spanned_by(s, format!("`{v}` is not a managed policy name or ARN"));
            }
            return Some(Policy::Managed(s.clone()));
        }
        Node::List { key, items } if key == "statement" => return statement(cx, node, items),
        Node::List { key, items } => (key.to_string(), items),
        Node::Path(p) if p.get_ident().is_some() => (p.get_ident().unwrap().to_string(), &[]),
        other => {
            cx.error_at(other.span(), "expected a SAM policy template such as `S3ReadPolicy(BucketName = \"${Uploads}\")`, a managed policy name (`\"AWSXrayWriteOnlyAccess\"`) or `statement(...)`");
            return None;
        }
    };
    let Some((name, params)) = POLICY_TEMPLATES.iter().find(|(n, _)| *n == ident) else {
        cx.error_at(
            node.span(),
            format!("unknown SAM policy template `{ident}`{}\nwrite a managed policy as a string, an inline policy as `statement(...)`", symbol::hint(&ident, &names)),
        );
        return None;
    };
    let mut out = Vec::new();
    for (key, item) in attr::keyed(cx, name, params, items) {
        if let Some(v) = attr::str_value(cx, item, key, &format!("{key} = \"${{LogicalId}}\"")) {
            out.push((key, v));
        }
    }
    let missing: Vec<&str> = params
        .iter()
        .copied()
        .filter(|p| !out.iter().any(|(k, _)| k == p))
        .collect();
    if !missing.is_empty() {
        let example: Vec<String> = missing.iter().map(|p| format!("{p} = \"...\"")).collect();
        cx.error_at(
            node.span(),
            format!(
                "`{name}` needs {}: add `{}`",
                symbol::list(&missing),
                example.join(", ")
            ),
        );
    }
    Some(Policy::Template { name, params: out })
}

fn statement(cx: &Ctxt, node: &Node, items: &[Node]) -> Option<Policy> {
    let (mut effect, mut actions, mut resources) = ("Allow", Vec::new(), Vec::new());
    for (key, item) in attr::keyed(cx, "statement", STATEMENT_KEYS, items) {
        match key {
            "effect" => effect = attr::choice_value(cx, item, key, EFFECTS).unwrap_or(effect),
            "actions" => actions = attr::str_list(cx, item, key, "actions(\"s3:GetObject\")"),
            "resources" => {
                resources = attr::str_list(
                    cx,
                    item,
                    key,
                    "resources(\"arn:${AWS::Partition}:s3:::bucket/*\")",
                )
            }
            _ => unreachable!("every key in STATEMENT_KEYS is handled"),
        }
    }
    for a in &actions {
        let v = a.value();
        let valid = v == "*"
            || v.split_once(':').is_some_and(|(svc, act)| {
                !svc.is_empty()
                    && svc.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !act.is_empty()
                    && act
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'*' || b == b'?')
            });
        if !valid {
            cx.error_spanned_by(
                a,
                format!("`{v}` is not an IAM action: write `service:Action`, e.g. `s3:GetObject`"),
            );
        }
    }
    if actions.is_empty() || resources.is_empty() {
        cx.error_at(
            node.span(),
            "`statement` needs `actions(...)` and `resources(...)`",
        );
    }
    Some(Policy::Statement {
        effect,
        actions,
        resources,
    })
}

/// `events(kind(...))`.
fn event(cx: &Ctxt, node: &Node) -> Option<Event> {
    let kinds = attr::keyed(cx, "events", EVENT_KINDS, std::slice::from_ref(node));
    let &(kind, node) = kinds.first()?;
    let items = attr::items_of(cx, node, kind, &format!("{kind}(...)"))?;
    let span = node.span();
    let mut name = None;
    let required = |what: &str, present: bool, example: &str| {
        attr::require(cx, span, kind, items, &[(what, present, example)])
    };
    let kind = match kind {
        "api" => {
            let keys = API_KEYS;
            let (mut method, mut path, mut api, mut url_output, mut key_required, mut cors) =
                (None, None, None, None, false, None);
            let (mut auth, mut timeout, mut request_model, mut request_parameters) =
                (None, None, None, Vec::new());
            for (key, item) in attr::keyed(cx, kind, keys, items) {
                match key {
                    "method" => method = method_value(cx, item),
                    "path" => path = attr::str_value(cx, item, key, "path = \"/items\""),
                    "name" => name = attr::str_value(cx, item, key, "name = \"GetItems\""),
                    "api" => api = attr::target_value(cx, item, key, "api = ShopApi"),
                    "auth" => auth = super::sources::route_auth(cx, item),
                    "request_model" => request_model = super::sources::request_model(cx, item),
                    "request_parameters" => {
                        request_parameters = super::sources::request_parameters(cx, item)
                    }
                    "timeout" => {
                        timeout =
                            attr::int_value(cx, item, key, 50..=29000, "milliseconds").map(|v| v.0)
                    }
                    "url_output" => {
                        url_output = attr::str_value(cx, item, key, "url_output = \"ApiUrl\"")
                    }
                    "api_key_required" => {
                        key_required = attr::bool_value(cx, item, key).is_some_and(|b| b.value)
                    }
                    "cors" => cors = attr::str_value(cx, item, key, "cors = \"'*'\""),
                    _ => unreachable!("every key in {keys:?} is handled"),
                }
            }
            required("path", path.is_some(), "path = \"/\"");
            if method.is_none() && !attr::has_key(items, "method") {
                cx.error_at(
                    span,
                    format!("`{kind}` needs `method`: add `method = \"GET\"`"),
                );
            }
            let (method, path) = (method?, path?);
            if let (Some(super::sources::RouteAuth::None), None) = (&auth, &api) {
                cx.error_at(span, "`auth(none)` exempts a method from its API's default authorizer, and the implicit REST API has none: drop `auth(none)`");
            }
            if let (Some(super::sources::RouteAuth::Authorizer(..)), None) = (&auth, &api) {
                cx.error_at(span, "the implicit REST API has no authorizers: declare an API with `#[cf_resources(rest_api(cognito(..)))]` and name it with `api = ShopApi`");
            }
            EventKind::Api {
                method,
                path,
                api_key_required: key_required,
                cors,
                api,
                url_output,
                auth,
                timeout,
                request_model,
                request_parameters,
            }
        }
        "schedule" => {
            let (mut enabled, mut input) = (None, None);
            let (mut rule_name, mut description, mut state, mut retry, mut dead_letter) =
                (None, None, None, None, false);
            let mut state_span = None;
            let (expression, keyed) =
                super::sources::positional(cx, items, "schedule", "schedule(\"rate(5 minutes)\")");
            for (key, item) in attr::keyed(cx, "schedule", SCHEDULE_KEYS, keyed) {
                match key {
                    "name" => name = attr::str_value(cx, item, key, "name = \"Nightly\""),
                    "enabled" => enabled = attr::bool_value(cx, item, key).map(|b| b.value),
                    "input" => {
                        input = attr::json_value(
                            cx,
                            item,
                            key,
                            "input = \"{\\\"job\\\": \\\"cleanup\\\"}\"",
                        )
                    }
                    "rule_name" => {
                        rule_name =
                            attr::str_value(cx, item, key, "rule_name = \"nightly-cleanup\"");
                        if let Some(n) = &rule_name {
                            super::sources::check_name(cx, n, "an EventBridge rule name");
                        }
                    }
                    "description" => {
                        description =
                            attr::str_value(cx, item, key, "description = \"nightly clean-up\"");
                        if let Some(d) = description.as_ref().filter(|d| d.value().len() > 512) {
                            cx.error_spanned_by(d, format!("an EventBridge rule's description is at most 512 characters, found {}", d.value().len()));
                        }
                    }
                    "state" => {
                        state = attr::choice_value(cx, item, key, RULE_STATES);
                        state_span = Some(item.span());
                    }
                    "retry" => retry = Some(super::sources::retry(cx, item, key)),
                    "dead_letter" => dead_letter = attr::flag(cx, item, key),
                    _ => unreachable!("every key in SCHEDULE_KEYS is handled"),
                }
            }
            if let (Some(_), Some(_), Some(at)) = (&enabled, &state, state_span) {
                cx.error_at(at, "`enabled` and `state` both set the rule's state: keep `state`, which also takes `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`");
            }
            required(
                "an expression",
                expression.is_some(),
                "schedule(\"rate(5 minutes)\")",
            );
            let expression = expression?;
            if let Err(e) = crate::schedule::validate(&expression.value()) {
                cx.error_spanned_by(&expression, format!("invalid schedule: {e}"));
            }
            EventKind::Schedule {
                expression,
                enabled,
                input,
                rule_name,
                description,
                state,
                retry,
                dead_letter,
            }
        }
        "s3" => {
            let (mut bucket, mut events, mut prefix, mut suffix) = (None, Vec::new(), None, None);
            for (key, item) in attr::keyed(cx, "s3", S3_KEYS, items) {
                match key {
                    "bucket" => bucket = attr::target_value(cx, item, key, "bucket = UploadBucket"),
                    "events" => {
                        events = attr::str_list(cx, item, key, "events(\"s3:ObjectCreated:*\")");
                        for e in &events {
                            let v = e.value();
                            if !S3_EVENTS.contains(&v.as_str()) {
                                cx.error_spanned_by(
                                    e,
                                    format!(
                                        "unknown S3 event `{v}`{}\nexpected one of {}",
                                        symbol::hint(&v, S3_EVENTS),
                                        symbol::list(S3_EVENTS)
                                    ),
                                );
                            }
                        }
                    }
                    "prefix" => prefix = attr::str_value(cx, item, key, "prefix = \"uploads/\""),
                    "suffix" => suffix = attr::str_value(cx, item, key, "suffix = \".jpg\""),
                    "name" => name = attr::str_value(cx, item, key, "name = \"Uploaded\""),
                    _ => unreachable!("every key in S3_KEYS is handled"),
                }
            }
            required("bucket", bucket.is_some(), "bucket = UploadBucket");
            let bucket = bucket?;
            EventKind::S3 {
                bucket,
                events,
                prefix,
                suffix,
            }
        }
        "sqs" => {
            let (mut queue, mut batch_size, mut window) = (None, None, None);
            let mut polling = Polling::default();
            for (key, item) in attr::keyed(cx, "sqs", SQS_KEYS, items) {
                if polling.take(cx, item, key, kind) {
                    continue;
                }
                match key {
                    "queue" => queue = attr::target_value(cx, item, key, "queue = JobsQueue"),
                    "batch_size" => {
                        batch_size =
                            attr::int_value(cx, item, key, 1..=10000, "messages").map(|v| v.0)
                    }
                    "batching_window" => {
                        window = attr::int_value(cx, item, key, 0..=300, "seconds").map(|v| v.0)
                    }
                    "name" => name = attr::str_value(cx, item, key, "name = \"Jobs\""),
                    _ => unreachable!("every key in SQS_KEYS is handled"),
                }
            }
            if let (Some(b), None) = (batch_size, window)
                && b > 10
            {
                cx.error_at(span, format!("a `batch_size` of {b} needs `batching_window` (SQS allows more than 10 messages per batch only with a batching window)"));
            }
            required("queue", queue.is_some(), "queue = JobsQueue");
            let queue = queue?;
            EventKind::Sqs {
                queue,
                batch_size,
                batching_window: window,
                polling,
            }
        }
        "dynamodb" | "kinesis" => {
            // A table's stream and a Kinesis stream take the same options.
            let (source, keys, example) = if kind == "dynamodb" {
                ("table", DYNAMODB_KEYS, "table = FilesTable")
            } else {
                ("stream", KINESIS_KEYS, "stream = Clicks")
            };
            let (mut target, mut position, mut batch_size, mut window) = (None, None, None, None);
            let mut timestamp = None;
            let mut polling = Polling::default();
            for (key, item) in attr::keyed(cx, kind, keys, items) {
                if polling.take(cx, item, key, kind) {
                    continue;
                }
                match key {
                    "batching_window" => {
                        window = attr::int_value(cx, item, key, 0..=300, "seconds").map(|v| v.0)
                    }
                    "table" | "stream" => target = attr::target_value(cx, item, key, example),
                    "starting_position" => {
                        // A table's stream starts at its oldest or newest record only.
                        let choices = if kind == "kinesis" {
                            STREAM_STARTING_POSITIONS
                        } else {
                            STARTING_POSITIONS
                        };
                        position = attr::choice_value(cx, item, key, choices)
                    }
                    "starting_timestamp" => {
                        timestamp = attr::int_value(cx, item, key, 1..=u32::MAX, "Unix seconds")
                    }
                    "batch_size" => {
                        batch_size =
                            attr::int_value(cx, item, key, 1..=10000, "records").map(|v| v.0)
                    }
                    "name" => name = attr::str_value(cx, item, key, "name = \"Changes\""),
                    _ => unreachable!("every key in {keys:?} is handled"),
                }
            }
            required(source, target.is_some(), example);
            super::pollers::check_timestamp(cx, span, position, &timestamp);
            let (target, starting_position) = (target?, position.unwrap_or("LATEST"));
            if kind == "dynamodb" {
                EventKind::DynamoDb {
                    table: target,
                    starting_position,
                    batch_size,
                    batching_window: window,
                    polling,
                }
            } else {
                EventKind::Kinesis {
                    stream: target,
                    starting_position,
                    starting_timestamp: timestamp.map(|t| t.0),
                    batch_size,
                    batching_window: window,
                    polling,
                }
            }
        }
        "schedule_v2" | "cloudwatch_logs" | "iot_rule" | "alexa_skill" | "eventbridge" | "sns"
        | "cognito" | "http_api" => super::sources::parse(cx, kind, items, span, &mut name)?,
        "msk" | "self_managed_kafka" | "mq" | "document_db" => {
            super::pollers::parse(cx, kind, items, span, &mut name)?
        }
        _ => unreachable!("every kind in EVENT_KINDS is handled"),
    };
    Some(Event { span, name, kind })
}

/// HTTP methods are accepted in any case and written upper-case.
pub(crate) fn method_value(cx: &Ctxt, node: &Node) -> Option<&'static str> {
    let s = attr::str_value(cx, node, "method", "method = \"GET\"")?;
    let v = s.value();
    if let Some(m) = HTTP_METHODS
        .iter()
        .copied()
        .find(|m| m.eq_ignore_ascii_case(&v))
    {
        return Some(m);
    }
    cx.error_spanned_by(
        &s,
        format!(
            "invalid `method` `{v}`{}\nexpected one of {}",
            symbol::hint(&v, HTTP_METHODS),
            symbol::list(HTTP_METHODS)
        ),
    );
    None
}
