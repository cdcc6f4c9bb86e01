//! Tokens to a typed [`Spec`], with spans.

use proc_macro2::Span;
use syn::{Ident, LitStr, Path, Type};

use crate::attr::{self, Args, Node, Target};
use crate::ctxt::Ctxt;
use crate::symbol::{self, *};

pub struct Spec {
    pub ident: Ident,
    /// Named fields, for `table(..)`.
    pub fields: Vec<Field>,
    pub logical_id: Option<LitStr>,
    pub retain: Option<(bool, Span)>,
    pub output: Option<LitStr>,
    pub shortcut: Option<Shortcut>,
}

/// A named field of the type.
pub struct Field {
    pub ty: Type,
    /// The Rust name, without `r#` (`type`).
    pub rust: String,
    /// The name it serializes to, after serde's `rename` and `rename_all` (`kind`): the attribute's name.
    pub name: String,
}

pub enum Shortcut {
    Table {
        partition: Option<LitStr>,
        sort: Option<LitStr>,
        provisioned: Option<(u32, u32)>,
        ttl: Option<LitStr>,
        stream: Option<&'static str>,
        gsis: Vec<Gsi>,
        point_in_time_recovery: bool,
    },
    Bucket {
        cors: Vec<Cors>,
        versioning: bool,
        expire_after_days: Option<u32>,
        eventbridge: bool,
    },
    Queue {
        fifo: bool,
        visibility_timeout: Option<u32>,
        retention: Option<u32>,
        dead_letter_after: Option<u32>,
    },
    Topic {
        subscriptions: Vec<(&'static str, Endpoint)>,
        /// Service principals, deduplicated, in the order written.
        published_by: Vec<&'static str>,
    },
    Secret {
        description: Option<LitStr>,
        length: Option<u32>,
    },
    Parameter {
        kind: Option<LitStr>,
        default: Option<LitStr>,
        allowed_values: Vec<LitStr>,
        allowed_pattern: Option<LitStr>,
        description: Option<LitStr>,
        no_echo: bool,
        /// `MinValue` and `MaxValue` of a `Number`.
        min: Option<u32>,
        max: Option<u32>,
    },
    Condition(Option<Cond>),
    Vpc(Vpc),
    SecurityGroup(SecurityGroup),
    EcsCluster(EcsCluster),
    Fargate(Box<Fargate>),
    EcrRepository(EcrRepository),
    Alarm(Box<Alarm>),
    CodeBuild(Box<CodeBuild>),
    Pipeline(Box<Pipeline>),
    Dashboard(Dashboard),
    /// `http_api(..)`: an `AWS::Serverless::HttpApi`.
    HttpApi(Box<super::api::HttpApi>),
    /// `globals(..)`: the template's `Globals`.
    Globals(Box<super::api::Globals>),
    /// `connector(..)`: an `AWS::Serverless::Connector`.
    Connector(Box<super::api::Connector>),
    /// `rest_api(..)`: an `AWS::Serverless::Api`.
    RestApi(Box<super::api::RestApi>),
    /// `state_machine(..)`: an `AWS::Serverless::StateMachine`.
    StateMachine(Box<super::api::StateMachine>),
    /// `layer(..)`: an `AWS::Serverless::LayerVersion`.
    Layer(Box<super::api::Layer>),
    /// `application(..)`: an `AWS::Serverless::Application`.
    Application(Box<super::api::Application>),
    /// `sagemaker_endpoint(name = ..)`: a text or a parameter type.
    SageMakerEndpoint(Option<Target>),
    /// `kinesis_stream(shards = n, retention = hours)`.
    KinesisStream {
        shards: Option<u32>,
        retention: Option<u32>,
    },
}

/// `dashboard(..)`.
pub struct Dashboard {
    pub span: Span,
    pub name: Option<LitStr>,
    pub widgets: Vec<Widget>,
}

/// A `graph(..)` or `text(..)` of a dashboard: sizes keep their literal for spans.
pub enum Widget {
    Graph {
        title: Option<LitStr>,
        /// Each metric's marker type name and resource type, with its span.
        metrics: Vec<(&'static str, Path, Span)>,
        statistic: &'static str,
        period: Option<(u32, syn::LitInt)>,
        view: &'static str,
        width: Option<(u32, syn::LitInt)>,
        height: Option<(u32, syn::LitInt)>,
    },
    Text {
        markdown: Option<LitStr>,
        width: Option<(u32, syn::LitInt)>,
        height: Option<(u32, syn::LitInt)>,
    },
}

/// `pipeline(..)`.
pub struct Pipeline {
    pub span: Span,
    pub name: Option<LitStr>,
    pub source: Option<PipelineSource>,
    pub build: Option<Path>,
    /// `deploy(ecs(Service, file = ".."))`: the service type and the file.
    pub deploy: Option<(Path, Option<LitStr>)>,
}

/// A pipeline's `source(..)`: each value a string or a parameter type.
pub enum PipelineSource {
    CodeCommit {
        repository: Option<Target>,
        branch: Option<Target>,
    },
    Connection {
        arn: Option<Target>,
        repository: Option<Target>,
        branch: Option<Target>,
    },
    S3 {
        bucket: Option<Path>,
        key: Option<Target>,
    },
}

/// `codebuild_project(..)`.
pub struct CodeBuild {
    pub span: Span,
    /// A string literal, a `const`, or `include_str!(..)`: any `&'static str` expression.
    pub buildspec: Option<syn::Expr>,
    pub name: Option<LitStr>,
    pub image: Option<LitStr>,
    pub compute: &'static str,
    pub privileged: bool,
    pub env: Vec<(Ident, Target)>,
    pub pushes: Vec<Path>,
    pub artifacts: Option<Target>,
    pub log_retention: Option<u32>,
}

/// `alarm(..)`: numbers keep their literal for spans.
pub struct Alarm {
    pub span: Span,
    /// The metric's marker type name (`Cpu`) and the resource type, with the metric's span.
    pub metric: Option<(&'static str, Path, Span)>,
    pub threshold: Option<f64>,
    pub comparison: &'static str,
    pub statistic: &'static str,
    pub period: Option<(u32, syn::LitInt)>,
    pub periods: Option<(u32, syn::LitInt)>,
    pub datapoints: Option<(u32, syn::LitInt)>,
    pub treat_missing_data: Option<&'static str>,
    pub notify: Vec<Path>,
    pub notify_ok: Vec<Path>,
    pub name: Option<LitStr>,
    pub description: Option<LitStr>,
    pub written: Vec<&'static str>,
}

pub struct EcrRepository {
    pub span: Span,
    pub name: Option<LitStr>,
    pub scan_on_push: bool,
    pub immutable: bool,
    pub keep_last: Option<u32>,
}

pub struct EcsCluster {
    pub span: Span,
    pub vpc: Option<Path>,
    pub name: Option<LitStr>,
    pub container_insights: bool,
}

/// `fargate_service(..)`: numbers keep their literal for spans.
pub struct Fargate {
    pub span: Span,
    pub cluster: Option<Path>,
    /// An image URI (`Target::Id`) or a `ContainerImage` type.
    pub image: Option<Target>,
    pub port: Option<(u32, syn::LitInt)>,
    pub cpu: Option<(u32, syn::LitInt)>,
    pub memory: Option<(u32, syn::LitInt)>,
    pub desired: Option<(u32, syn::LitInt)>,
    pub name: Option<LitStr>,
    /// `public`, `private` or `isolated`, with its span.
    pub subnets: Option<(&'static str, Span)>,
    pub security_group: Option<Path>,
    pub load_balancer: Option<LoadBalancer>,
    pub scaling: Option<Scaling>,
    pub log_retention: Option<u32>,
    pub env: Vec<(Ident, Target)>,
    pub secrets: Vec<(Ident, Path)>,
    pub reads: Vec<Path>,
    pub writes: Vec<Path>,
    pub invokes: Vec<Path>,
    pub policies: Vec<crate::function::args::Policy>,
    /// The keys written, valid or not: a required key written wrong is not also reported missing.
    pub written: Vec<&'static str>,
}

pub struct LoadBalancer {
    pub span: Span,
    /// `internet_facing` or `internal`, each with its span, as written.
    pub schemes: Vec<(bool, Span)>,
    pub listen: Option<(u32, syn::LitInt)>,
    pub health_check: Option<LitStr>,
    pub security_group: Option<Path>,
}

pub struct Scaling {
    pub span: Span,
    pub min: Option<(u32, syn::LitInt)>,
    pub max: Option<(u32, syn::LitInt)>,
    pub cpu_target: Option<(u32, syn::LitInt)>,
    pub memory_target: Option<(u32, syn::LitInt)>,
    pub scale_in_cooldown: Option<(u32, syn::LitInt)>,
    pub scale_out_cooldown: Option<(u32, syn::LitInt)>,
}

pub struct SecurityGroup {
    pub span: Span,
    pub vpc: Option<Path>,
    pub description: Option<LitStr>,
    pub name: Option<LitStr>,
    pub ingress: Vec<SgRule>,
    pub egress: Vec<SgRule>,
}

pub struct SgRule {
    /// The `ingress(..)`/`egress(..)` node.
    pub span: Span,
    pub peer: Option<SgPeer>,
    /// `tcp`, `udp`, `icmp` or `all`, with its span; `tcp` when not written.
    pub protocol: Option<(&'static str, Span)>,
    /// `port = n` or `ports(from, to)`, with the span of what was written.
    pub ports: Option<((u32, u32), Span)>,
    /// A port key was written, valid or not (an invalid one is reported once, on itself).
    pub ports_written: bool,
    pub description: Option<LitStr>,
}

pub enum SgPeer {
    Cidr(LitStr),
    Group(Path),
}

pub struct Vpc {
    /// The node of `vpc(..)`, for errors about the whole.
    pub span: Span,
    pub cidr: Option<LitStr>,
    pub name: Option<LitStr>,
    pub max_azs: Option<(u32, syn::LitInt)>,
    pub nat_gateways: Option<(u32, syn::LitInt)>,
    /// `(kind, its key, cidr_mask)`, in the order written; `None` when `subnets(..)` is not written.
    pub subnets: Option<Vec<SubnetGroup>>,
    pub subnets_span: Option<Span>,
    pub dns: bool,
    /// `(retention days, traffic)` of `flow_logs(..)`.
    pub flow_logs: Option<(u32, &'static str)>,
    /// `endpoints(gateway(..), interface(..))`, with the span of `endpoints`.
    pub endpoints: Option<(Vec<LitStr>, Vec<LitStr>, Span)>,
}

pub struct SubnetGroup {
    /// `public`, `private` or `isolated`.
    pub kind: &'static str,
    pub key: Ident,
    pub cidr_mask: Option<(u32, syn::LitInt)>,
}

pub struct Gsi {
    pub name: LitStr,
    pub partition: LitStr,
    pub sort: Option<LitStr>,
}

#[derive(Default)]
pub struct Cors {
    pub allowed_origins: Vec<LitStr>,
    pub allowed_methods: Vec<LitStr>,
    pub allowed_headers: Vec<LitStr>,
    pub max_age: Option<u32>,
}

pub enum Endpoint {
    Text(LitStr),
    Parameter(Path),
}

/// A condition expression.
pub enum Cond {
    Equals(Operand, Operand),
    Not(Box<Cond>),
    And(Vec<Cond>),
    Or(Vec<Cond>),
    /// Another condition type.
    Condition(Path),
}

pub enum Operand {
    Text(LitStr),
    /// A parameter type.
    Parameter(Path),
}

pub fn parse(cx: &Ctxt, input: &syn::DeriveInput, args: &Args) -> Spec {
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(
            &input.generics,
            "`cf_resources` types cannot be generic: each type is one set of resources",
        );
    }
    let rule = crate::serde_names::rename_all(&input.attrs);
    let fields = match &input.data {
        syn::Data::Struct(s) => s
            .fields
            .iter()
            .filter_map(|f| {
                Some(Field {
                    rust: syn::ext::IdentExt::unraw(f.ident.as_ref()?).to_string(),
                    name: crate::serde_names::field_name(f, rule.as_deref())?,
                    ty: f.ty.clone(),
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut spec = Spec {
        ident: input.ident.clone(),
        fields,
        logical_id: None,
        retain: None,
        output: None,
        shortcut: None,
    };
    for (key, node) in attr::keyed(cx, "cf_resources", RESOURCES_KEYS, &args.0) {
        let shortcut = match key {
            "logical_id" => {
                spec.logical_id = attr::str_value(cx, node, key, "logical_id = \"FilesTable\"");
                continue;
            }
            "retain" => {
                spec.retain = attr::bool_value(cx, node, key).map(|b| (b.value, b.span));
                continue;
            }
            "output" => {
                spec.output = attr::str_value(cx, node, key, "output = \"FilesTableName\"");
                continue;
            }
            "table" => table(cx, node),
            "bucket" => bucket(cx, node),
            "queue" => queue(cx, node),
            "topic" => topic(cx, node),
            "secret" => secret(cx, node),
            "parameter" => parameter(cx, node),
            "condition" => condition(cx, node),
            "vpc" => vpc(cx, node),
            "security_group" => security_group(cx, node),
            "ecs_cluster" => ecs_cluster(cx, node),
            "fargate_service" => Shortcut::Fargate(Box::new(fargate(cx, node))),
            "ecr_repository" => ecr_repository(cx, node),
            "alarm" => Shortcut::Alarm(Box::new(alarm(cx, node))),
            "codebuild_project" => Shortcut::CodeBuild(Box::new(codebuild(cx, node))),
            "pipeline" => Shortcut::Pipeline(Box::new(pipeline(cx, node))),
            "dashboard" => Shortcut::Dashboard(dashboard(cx, node)),
            "sagemaker_endpoint" => sagemaker_endpoint(cx, node),
            "http_api" => Shortcut::HttpApi(Box::new(super::api::http_api(
                cx,
                items(cx, node, "http_api"),
            ))),
            "globals" => Shortcut::Globals(Box::new(super::api::globals(
                cx,
                items(cx, node, "globals"),
            ))),
            "connector" => Shortcut::Connector(Box::new(super::api::connector(
                cx,
                node,
                items(cx, node, "connector"),
            ))),
            "rest_api" => Shortcut::RestApi(Box::new(super::api::rest_api(
                cx,
                items(cx, node, "rest_api"),
            ))),
            "state_machine" => Shortcut::StateMachine(Box::new(super::api::state_machine(
                cx,
                node,
                items(cx, node, "state_machine"),
            ))),
            "layer" => Shortcut::Layer(Box::new(super::api::layer(
                cx,
                node,
                items(cx, node, "layer"),
            ))),
            "application" => Shortcut::Application(Box::new(super::api::application(
                cx,
                node,
                items(cx, node, "application"),
            ))),
            "kinesis_stream" => {
                let (mut shards, mut retention) = (None, None);
                for (key, item) in attr::keyed(
                    cx,
                    "kinesis_stream",
                    KINESIS_STREAM_KEYS,
                    items(cx, node, "kinesis_stream"),
                ) {
                    if key == "shards" {
                        shards = attr::int_value(cx, item, key, 1..=10_000, "shards").map(|v| v.0);
                    } else {
                        retention = attr::int_value(cx, item, key, 24..=8760, "hours").map(|v| v.0);
                    }
                }
                Shortcut::KinesisStream { shards, retention }
            }
            _ => unreachable!("every key in RESOURCES_KEYS is handled"),
        };
        if spec.shortcut.is_some() {
            cx.error_at(node.span(), format!("a type declares one resource: `{key}` comes after another shortcut; use a second type"));
        } else {
            spec.shortcut = Some(shortcut);
        }
    }
    spec
}

/// The items of `key(...)`, or none for a bare `key`.
fn items<'n>(cx: &Ctxt, node: &'n Node, key: &str) -> &'n [Node] {
    match node {
        Node::List { items, .. } => items,
        Node::Path(_) => &[],
        other => {
            cx.error_at(
                other.span(),
                format!("`{key}` takes a list of options: write `{key}` or `{key}(...)`"),
            );
            &[]
        }
    }
}

fn table(cx: &Ctxt, node: &Node) -> Shortcut {
    let (mut partition, mut sort, mut provisioned, mut ttl, mut stream, mut gsis, mut pitr) =
        (None, None, None, None, None, Vec::new(), true);
    for (key, item) in
        attr::keyed_repeating(cx, "table", TABLE_KEYS, &["gsi"], items(cx, node, "table"))
    {
        match key {
            "partition" => partition = attr::str_value(cx, item, key, "partition = \"id\""),
            "sort" => sort = attr::str_value(cx, item, key, "sort = \"created\""),
            "ttl" => ttl = attr::str_value(cx, item, key, "ttl = \"expires\""),
            "stream" => stream = attr::choice_value(cx, item, key, STREAM_VIEWS),
            "point_in_time_recovery" => pitr = attr::flag(cx, item, key),
            "provisioned" => {
                let (mut read, mut write) = (None, None);
                for (k, i) in attr::keyed(
                    cx,
                    "provisioned",
                    &["read", "write"],
                    attr::items_of(cx, item, key, "provisioned(read = 5, write = 5)")
                        .unwrap_or_default(),
                ) {
                    let v = attr::int_value(cx, i, k, 1..=40000, "capacity units").map(|v| v.0);
                    if k == "read" { read = v } else { write = v }
                }
                match (read, write) {
                    (Some(r), Some(w)) => provisioned = Some((r, w)),
                    _ => cx.error_at(
                        item.span(),
                        "`provisioned` needs `read = n` and `write = n`",
                    ),
                }
            }
            "gsi" => {
                let (mut name, mut p, mut s) = (None, None, None);
                for (k, i) in attr::keyed(
                    cx,
                    "gsi",
                    GSI_KEYS,
                    attr::items_of(
                        cx,
                        item,
                        key,
                        "gsi(name = \"ByOwner\", partition = \"owner\")",
                    )
                    .unwrap_or_default(),
                ) {
                    let v = attr::str_value(cx, i, k, &format!("{k} = \"...\""));
                    match k {
                        "name" => name = v,
                        "partition" => p = v,
                        _ => s = v,
                    }
                }
                match (name, p) {
                    (Some(name), Some(partition)) => gsis.push(Gsi {
                        name,
                        partition,
                        sort: s,
                    }),
                    _ => cx.error_at(item.span(), "`gsi` needs `name` and `partition`"),
                }
            }
            _ => unreachable!("every key in TABLE_KEYS is handled"),
        }
    }
    if partition.is_none() && !attr::has_key(items(cx, node, "table"), "partition") {
        cx.error_at(
            node.span(),
            "`table` needs `partition`: name the partition key field, e.g. `partition = \"id\"`",
        );
    }
    Shortcut::Table {
        partition,
        sort,
        provisioned,
        ttl,
        stream,
        gsis,
        point_in_time_recovery: pitr,
    }
}

fn bucket(cx: &Ctxt, node: &Node) -> Shortcut {
    let (mut cors, mut versioning, mut expire, mut eventbridge) = (Vec::new(), true, None, false);
    for (key, item) in attr::keyed_repeating(
        cx,
        "bucket",
        BUCKET_KEYS,
        &["cors"],
        items(cx, node, "bucket"),
    ) {
        match key {
            "versioning" => versioning = attr::flag(cx, item, key),
            "eventbridge" => eventbridge = attr::flag(cx, item, key),
            "expire_after_days" => {
                expire = attr::int_value(cx, item, key, 1..=36500, "days").map(|v| v.0)
            }
            "cors" => {
                let mut c = Cors::default();
                for (k, i) in attr::keyed(
                    cx,
                    "cors",
                    BUCKET_CORS_KEYS,
                    attr::items_of(
                        cx,
                        item,
                        key,
                        "cors(allowed_origins(\"*\"), allowed_methods(\"PUT\"))",
                    )
                    .unwrap_or_default(),
                ) {
                    match k {
                        "allowed_origins" => {
                            c.allowed_origins =
                                attr::str_list(cx, i, k, "allowed_origins(\"https://example.com\")")
                        }
                        "allowed_methods" => {
                            c.allowed_methods =
                                attr::str_list(cx, i, k, "allowed_methods(\"GET\", \"PUT\")");
                            for m in &c.allowed_methods {
                                if !S3_CORS_METHODS.contains(&m.value().as_str()) {
                                    cx.error_spanned_by(
                                        m,
                                        format!(
                                            "S3 CORS methods are one of {}",
                                            symbol::list(S3_CORS_METHODS)
                                        ),
                                    );
                                }
                            }
                        }
                        "allowed_headers" => {
                            c.allowed_headers = attr::str_list(cx, i, k, "allowed_headers(\"*\")")
                        }
                        "max_age" => {
                            c.max_age = attr::int_value(cx, i, k, 0..=86400, "seconds").map(|v| v.0)
                        }
                        _ => unreachable!("every key in BUCKET_CORS_KEYS is handled"),
                    }
                }
                if c.allowed_origins.is_empty() || c.allowed_methods.is_empty() {
                    cx.error_at(
                        item.span(),
                        "`cors` needs `allowed_origins(...)` and `allowed_methods(...)`",
                    );
                }
                cors.push(c);
            }
            _ => unreachable!("every key in BUCKET_KEYS is handled"),
        }
    }
    Shortcut::Bucket {
        cors,
        versioning,
        expire_after_days: expire,
        eventbridge,
    }
}

fn secret(cx: &Ctxt, node: &Node) -> Shortcut {
    let (mut description, mut length) = (None, None);
    for (key, item) in attr::keyed(cx, "secret", SECRET_KEYS, items(cx, node, "secret")) {
        match key {
            "description" => {
                description =
                    attr::str_value(cx, item, key, "description = \"the database password\"")
            }
            "length" => {
                length = attr::int_value(cx, item, key, 8..=4096, "characters").map(|v| v.0)
            }
            _ => unreachable!("every key in SECRET_KEYS is handled"),
        }
    }
    Shortcut::Secret {
        description,
        length,
    }
}

fn sagemaker_endpoint(cx: &Ctxt, node: &Node) -> Shortcut {
    let example = "sagemaker_endpoint(name = \"image-classifier\")";
    let (mut name, mut written) = (None, false);
    for (key, item) in attr::keyed(
        cx,
        "sagemaker_endpoint",
        &["name"],
        items(cx, node, "sagemaker_endpoint"),
    ) {
        written = true;
        name = attr::target_value(cx, item, key, example);
    }
    if !written {
        cx.error_at(
            node.span(),
            format!("`sagemaker_endpoint` needs the endpoint's `name`, a string or a parameter type: write `{example}`"),
        );
    }
    Shortcut::SageMakerEndpoint(name)
}

fn queue(cx: &Ctxt, node: &Node) -> Shortcut {
    let (mut fifo, mut vis, mut retention, mut dlq) = (false, None, None, None);
    for (key, item) in attr::keyed(cx, "queue", QUEUE_KEYS, items(cx, node, "queue")) {
        match key {
            "fifo" => fifo = attr::flag(cx, item, key),
            "visibility_timeout" => {
                vis = attr::int_value(cx, item, key, 0..=43200, "seconds").map(|v| v.0)
            }
            "retention" => {
                retention = attr::int_value(cx, item, key, 60..=1_209_600, "seconds").map(|v| v.0)
            }
            "dead_letter_after" => {
                dlq = attr::int_value(cx, item, key, 1..=1000, "receives").map(|v| v.0)
            }
            _ => unreachable!("every key in QUEUE_KEYS is handled"),
        }
    }
    Shortcut::Queue {
        fifo,
        visibility_timeout: vis,
        retention,
        dead_letter_after: dlq,
    }
}

fn topic(cx: &Ctxt, node: &Node) -> Shortcut {
    let mut subscriptions = Vec::new();
    let mut published_by = Vec::new();
    for (key, item) in attr::keyed(cx, "topic", TOPIC_KEYS, items(cx, node, "topic")) {
        if key == "published_by" {
            let names: Vec<&str> = SNS_PUBLISHERS.iter().map(|(k, _)| *k).collect();
            for lit in attr::str_list(cx, item, key, "published_by(\"cloudwatch\")") {
                let v = lit.value();
                match SNS_PUBLISHERS.iter().find(|(k, _)| *k == v) {
                    Some((_, principal)) if !published_by.contains(principal) => {
                        published_by.push(*principal)
                    }
                    Some(_) => cx.error_spanned_by(&lit, format!("`{v}` is written twice")),
                    None => cx.error_spanned_by(
                        &lit,
                        format!(
                            "unknown publishing service `{}`{}\nexpected one of {}",
                            v.escape_debug(),
                            symbol::hint(&v, &names),
                            symbol::list(&names)
                        ),
                    ),
                }
            }
            continue;
        }
        let list =
            attr::items_of(cx, item, key, "subscriptions(email = AlertEmail)").unwrap_or_default();
        for sub in list {
            let Node::KeyValue {
                key: protocol,
                value,
            } = sub
            else {
                cx.error_at(sub.span(), "expected `protocol = endpoint`, e.g. `email = \"ops@example.com\"` or `email = AlertEmail`");
                continue;
            };
            let p = protocol.to_string();
            let Some(proto) = SNS_PROTOCOLS.iter().find(|(k, _)| *k == p).map(|(_, v)| *v) else {
                let keys: Vec<&str> = SNS_PROTOCOLS.iter().map(|(k, _)| *k).collect();
                cx.error_spanned_by(
                    protocol,
                    format!(
                        "unknown subscription protocol `{p}`{}\nexpected one of {}",
                        symbol::hint(&p, &keys),
                        symbol::list(&keys)
                    ),
                );
                continue;
            };
            match value {
                attr::Value::Lit(syn::Lit::Str(s)) => {
                    subscriptions.push((proto, Endpoint::Text(s.clone())))
                }
                attr::Value::Path(path) => {
                    subscriptions.push((proto, Endpoint::Parameter(path.clone())))
                }
                other => cx.error_at(other.span(), "an endpoint is a string or a parameter type"),
            }
        }
    }
    Shortcut::Topic {
        subscriptions,
        published_by,
    }
}

fn vpc(cx: &Ctxt, node: &Node) -> Shortcut {
    let mut v = Vpc {
        span: node.span(),
        cidr: None,
        name: None,
        max_azs: None,
        nat_gateways: None,
        subnets: None,
        subnets_span: None,
        dns: true,
        flow_logs: None,
        endpoints: None,
    };
    for (key, item) in attr::keyed(cx, "vpc", VPC_KEYS, items(cx, node, "vpc")) {
        match key {
            "cidr" => v.cidr = attr::str_value(cx, item, key, "cidr = \"10.0.0.0/16\""),
            "name" => v.name = attr::str_value(cx, item, key, "name = \"app-vpc\""),
            "max_azs" => v.max_azs = attr::int_value(cx, item, key, 1..=6, "AZs"),
            "nat_gateways" => {
                v.nat_gateways = attr::int_value(cx, item, key, 0..=6, "NAT gateways")
            }
            "dns" => v.dns = attr::flag(cx, item, key),
            "endpoints" => {
                let (mut gateway, mut interface) = (Vec::new(), Vec::new());
                let example = "endpoints(gateway(\"s3\"), interface(\"ecr.api\", \"ecr.dkr\"))";
                for (k, it) in attr::keyed(
                    cx,
                    "endpoints",
                    &["gateway", "interface"],
                    attr::items_of(cx, item, key, example).unwrap_or_default(),
                ) {
                    let names = attr::str_list(cx, it, k, example);
                    for (i, name) in names.iter().enumerate() {
                        let text = name.value();
                        let known = if k == "gateway" {
                            GATEWAY_ENDPOINTS.contains(&text.as_str())
                        } else {
                            !text.is_empty()
                                && text.bytes().all(|b| {
                                    b.is_ascii_lowercase()
                                        || b.is_ascii_digit()
                                        || b == b'.'
                                        || b == b'-'
                                })
                        };
                        if !known && k == "gateway" {
                            cx.error_spanned_by(name, format!("AWS offers gateway endpoints for {} alone, found `{}`; other services take `interface(..)`", symbol::list(GATEWAY_ENDPOINTS), text.escape_debug()));
                        } else if !known {
                            cx.error_spanned_by(name, format!("an interface endpoint names a service as AWS does after `com.amazonaws.<region>.`, in lowercase letters, digits, `.` and `-` (`ecr.api`, `logs`, `secretsmanager`), found `{}`", text.escape_debug()));
                        } else if names[..i].iter().any(|n| n.value() == text) {
                            cx.error_spanned_by(name, format!("`{text}` is listed twice"));
                        }
                    }
                    if k == "gateway" {
                        gateway = names;
                    } else {
                        interface = names;
                    }
                }
                v.endpoints = Some((gateway, interface, item.span()));
            }
            "flow_logs" => {
                let (mut retention, mut traffic) = (30, "ALL");
                for (k, it) in attr::keyed(cx, "flow_logs", FLOW_LOGS_KEYS, items(cx, item, key)) {
                    match k {
                        "retention" => {
                            retention =
                                crate::function::args::log_retention(cx, it, k).unwrap_or(retention)
                        }
                        _ => {
                            traffic =
                                attr::choice_value(cx, it, k, FLOW_LOG_TRAFFIC).unwrap_or(traffic)
                        }
                    }
                }
                v.flow_logs = Some((retention, traffic));
            }
            "subnets" => {
                v.subnets_span = Some(item.span());
                let mut groups = Vec::new();
                for (kind, group) in attr::keyed(
                    cx,
                    "subnets",
                    SUBNET_KINDS,
                    attr::items_of(
                        cx,
                        item,
                        key,
                        "subnets(public(cidr_mask = 24), private(cidr_mask = 24))",
                    )
                    .unwrap_or_default(),
                ) {
                    let mut cidr_mask = None;
                    for (k, i) in attr::keyed(cx, kind, &["cidr_mask"], items(cx, group, kind)) {
                        cidr_mask = attr::int_value(cx, i, k, 16..=28, "bits");
                    }
                    let key = group.key().expect("keyed nodes have a key").clone();
                    groups.push(SubnetGroup {
                        kind,
                        key,
                        cidr_mask,
                    });
                }
                v.subnets = Some(groups);
            }
            _ => unreachable!("every key in VPC_KEYS is handled"),
        }
    }
    Shortcut::Vpc(v)
}

fn security_group(cx: &Ctxt, node: &Node) -> Shortcut {
    let mut g = SecurityGroup {
        span: node.span(),
        vpc: None,
        description: None,
        name: None,
        ingress: Vec::new(),
        egress: Vec::new(),
    };
    for (key, item) in attr::keyed_repeating(
        cx,
        "security_group",
        SECURITY_GROUP_KEYS,
        &["ingress", "egress"],
        items(cx, node, "security_group"),
    ) {
        match key {
            "vpc" => match attr::value_of(cx, item, key, "vpc = AppVpc") {
                Some(attr::Value::Path(p)) => g.vpc = Some(p.clone()),
                Some(other) => cx.error_at(
                    other.span(),
                    "`vpc` takes the type declared with `#[cf_resources(vpc(..))]`: write `vpc = AppVpc`",
                ),
                None => {}
            },
            "description" => {
                g.description = attr::str_value(cx, item, key, "description = \"the web tasks\"")
            }
            "name" => g.name = attr::str_value(cx, item, key, "name = \"app-web-sg\""),
            "ingress" => g.ingress.push(rule(cx, item, "ingress", "from", INGRESS_KEYS)),
            "egress" => g.egress.push(rule(cx, item, "egress", "to", EGRESS_KEYS)),
            _ => unreachable!("every key in SECURITY_GROUP_KEYS is handled"),
        }
    }
    Shortcut::SecurityGroup(g)
}

/// `key = Type`, where the type is declared with `#[cf_resources(what)]`.
fn type_value(cx: &Ctxt, node: &Node, key: &str, example: &str, what: &str) -> Option<Path> {
    match attr::value_of(cx, node, key, example)? {
        attr::Value::Path(p) => Some(p.clone()),
        other => {
            cx.error_at(
                other.span(),
                format!("`{key}` takes the type declared with `#[cf_resources({what})]`: write `{example}`"),
            );
            None
        }
    }
}

fn codebuild(cx: &Ctxt, node: &Node) -> CodeBuild {
    let mut b = CodeBuild {
        span: node.span(),
        buildspec: None,
        name: None,
        image: None,
        compute: "BUILD_GENERAL1_SMALL",
        privileged: false,
        env: Vec::new(),
        pushes: Vec::new(),
        artifacts: None,
        log_retention: None,
    };
    let list = items(cx, node, "codebuild_project");
    for (key, item) in attr::keyed(cx, "codebuild_project", CODEBUILD_KEYS, list) {
        match key {
            "buildspec" => {
                b.buildspec = match attr::value_of(cx, item, key, "buildspec = BUILDSPEC") {
                    Some(attr::Value::Lit(syn::Lit::Str(s))) => {
                        Some(syn::Expr::Lit(syn::ExprLit {
                            attrs: Vec::new(),
                            lit: syn::Lit::Str(s.clone()),
                        }))
                    }
                    Some(attr::Value::Path(path)) => Some(syn::Expr::Path(syn::ExprPath {
                        attrs: Vec::new(),
                        qself: None,
                        path: path.clone(),
                    })),
                    Some(attr::Value::Other(e @ syn::Expr::Macro(_))) => Some(e.clone()),
                    Some(other) => {
                        cx.error_at(other.span(), "`buildspec` is YAML or the path of a buildspec in the source: a string, a `const`, or `include_str!(\"buildspec.yml\")`");
                        None
                    }
                    None => None,
                }
            }
            "name" => b.name = attr::str_value(cx, item, key, "name = \"app-build\""),
            "image" => {
                b.image = attr::str_value(cx, item, key, "image = \"aws/codebuild/standard:7.0\"")
            }
            "compute" => {
                b.compute =
                    attr::mapped_choice(cx, item, key, CODEBUILD_COMPUTE).unwrap_or(b.compute)
            }
            "privileged" => b.privileged = attr::flag(cx, item, key),
            "env" => b.env = crate::function::args::env(cx, item),
            "pushes" => b.pushes = attr::type_list(cx, item, key, "pushes(AppRepository)"),
            "artifacts" => {
                b.artifacts = attr::target_value(cx, item, key, "artifacts = \"ArtifactBucket\"")
            }
            "log_retention" => {
                b.log_retention = crate::function::args::log_retention(cx, item, key)
            }
            _ => unreachable!("every key in CODEBUILD_KEYS is handled"),
        }
    }
    if !attr::has_key(list, "buildspec") {
        cx.error_at(b.span, "`codebuild_project` needs `buildspec`: YAML, e.g. `buildspec = BUILDSPEC` (a `const`) or `buildspec = include_str!(\"buildspec.yml\")`");
    }
    b
}

fn pipeline(cx: &Ctxt, node: &Node) -> Pipeline {
    let mut p = Pipeline {
        span: node.span(),
        name: None,
        source: None,
        build: None,
        deploy: None,
    };
    let list = items(cx, node, "pipeline");
    for (key, item) in attr::keyed(cx, "pipeline", PIPELINE_KEYS, list) {
        match key {
            "name" => p.name = attr::str_value(cx, item, key, "name = \"app-pipeline\""),
            "source" => {
                let example = "source(codecommit(repository = \"app\", branch = \"main\"))";
                let written = attr::items_of(cx, item, key, example);
                let kinds =
                    attr::keyed(cx, "source", PIPELINE_SOURCES, written.unwrap_or_default());
                // A list that is not one, or an unknown kind, is reported once, where it is found.
                if written.is_some_and(<[Node]>::is_empty) {
                    cx.error_at(
                        item.span(),
                        format!(
                            "`source` takes one of {}: write `{example}`",
                            symbol::list(PIPELINE_SOURCES)
                        ),
                    );
                }
                for (i, (kind, node)) in kinds.into_iter().enumerate() {
                    if i > 0 {
                        cx.error_at(node.span(), "a pipeline has one source: keep one of `codecommit(..)`, `connection(..)` and `s3(..)`");
                        continue;
                    }
                    p.source = Some(pipeline_source(cx, kind, node));
                }
            }
            "build" => {
                let types = attr::type_list(cx, item, key, "build(AppBuild)");
                match types.as_slice() {
                    [one] => p.build = Some(one.clone()),
                    [] => cx.error_at(item.span(), "`build` names the `codebuild_project(..)` type it runs: write `build(AppBuild)`"),
                    [_, extra, ..] => cx.error_spanned_by(extra, "a pipeline's build stage runs one project: keep one type in `build(..)`"),
                }
            }
            "deploy" => {
                let example = "deploy(ecs(AppService))";
                for (k, target) in attr::keyed(
                    cx,
                    "deploy",
                    &["ecs"],
                    attr::items_of(cx, item, key, example).unwrap_or_default(),
                ) {
                    let (mut service, mut file) = (None, None);
                    for n in attr::items_of(cx, target, k, example).unwrap_or_default() {
                        match n {
                            Node::Path(path) if service.is_none() && !path.is_ident("file") => {
                                service = Some(path.clone())
                            }
                            Node::KeyValue { key: f, .. } if f == "file" => {
                                file = attr::str_value(cx, n, "file", "file = \"imagedefinitions.json\"")
                            }
                            other => cx.error_at(other.span(), format!("`ecs(..)` takes the `fargate_service(..)` type and `file = \"..\"`: write `{example}`")),
                        }
                    }
                    match service {
                        Some(s) => p.deploy = Some((s, file)),
                        None => cx.error_at(target.span(), format!("`ecs(..)` names the `fargate_service(..)` type it deploys: write `{example}`")),
                    }
                }
            }
            _ => unreachable!("every key in PIPELINE_KEYS is handled"),
        }
    }
    if !attr::has_key(list, "source") {
        cx.error_at(p.span, "`pipeline` needs `source(..)`: `codecommit(repository, branch)`, `connection(arn, repository, branch)` or `s3(bucket, key)`");
    } else if !attr::has_key(list, "build") && !attr::has_key(list, "deploy") {
        cx.error_at(p.span, "a pipeline has at least two stages: add `build(AppBuild)` or `deploy(ecs(AppService))` after its `source(..)`");
    }
    p
}

/// One `source(..)` kind: its keys, each required.
fn pipeline_source(cx: &Ctxt, kind: &str, node: &Node) -> PipelineSource {
    let (keys, example): (&[&'static str], &str) = match kind {
        "codecommit" => (
            &["repository", "branch"],
            "codecommit(repository = \"app\", branch = \"main\")",
        ),
        "connection" => (
            &["arn", "repository", "branch"],
            "connection(arn = ConnectionArn, repository = \"owner/app\", branch = \"main\")",
        ),
        _ => (
            &["bucket", "key"],
            "s3(bucket = SourceBucket, key = \"source.zip\")",
        ),
    };
    let list = items(cx, node, kind);
    let mut values: Vec<(&str, Option<Target>)> = Vec::new();
    for (k, item) in attr::keyed(cx, kind, keys, list) {
        values.push((k, attr::target_value(cx, item, k, example)));
    }
    let missing: Vec<&str> = keys
        .iter()
        .copied()
        .filter(|k| !attr::has_key(list, k))
        .collect();
    if !missing.is_empty() {
        cx.error_at(
            node.span(),
            format!(
                "`{kind}` needs {}: write `{example}`",
                symbol::list(&missing)
            ),
        );
    }
    let mut take = |k: &str| {
        values
            .iter_mut()
            .find(|(key, _)| *key == k)
            .and_then(|(_, v)| v.take())
    };
    match kind {
        "codecommit" => PipelineSource::CodeCommit {
            repository: take("repository"),
            branch: take("branch"),
        },
        "connection" => PipelineSource::Connection {
            arn: take("arn"),
            repository: take("repository"),
            branch: take("branch"),
        },
        _ => {
            let bucket = match take("bucket") {
                Some(Target::Type(path)) => Some(path),
                Some(Target::Id(lit)) => {
                    cx.error_spanned_by(&lit, format!("`bucket` takes the `bucket(eventbridge)` type the source is in: write `{example}`"));
                    None
                }
                None => None,
            };
            PipelineSource::S3 {
                bucket,
                key: take("key"),
            }
        }
    }
}

fn alarm(cx: &Ctxt, node: &Node) -> Alarm {
    let mut a = Alarm {
        span: node.span(),
        metric: None,
        threshold: None,
        comparison: "GreaterThanThreshold",
        statistic: "Average",
        period: None,
        periods: None,
        datapoints: None,
        treat_missing_data: None,
        notify: Vec::new(),
        notify_ok: Vec::new(),
        name: None,
        description: None,
        written: Vec::new(),
    };
    for (key, item) in attr::keyed(cx, "alarm", ALARM_KEYS, items(cx, node, "alarm")) {
        a.written.push(key);
        match key {
            "metric" => a.metric = alarm_metric(cx, item),
            "threshold" => {
                let example = "threshold = 80";
                a.threshold = match attr::value_of(cx, item, key, example) {
                    Some(attr::Value::Lit(syn::Lit::Int(i))) => i.base10_parse::<f64>().ok(),
                    Some(attr::Value::Lit(syn::Lit::Float(f))) => f.base10_parse::<f64>().ok(),
                    Some(other) => {
                        cx.error_at(
                            other.span(),
                            format!(
                                "`threshold` is a number: write `{example}` or `threshold = 0.5`"
                            ),
                        );
                        None
                    }
                    None => None,
                }
            }
            "comparison" => {
                a.comparison =
                    attr::mapped_choice(cx, item, key, ALARM_COMPARISONS).unwrap_or(a.comparison)
            }
            "statistic" => {
                a.statistic =
                    attr::choice_value(cx, item, key, ALARM_STATISTICS).unwrap_or(a.statistic)
            }
            "period" => a.period = attr::int_value(cx, item, key, 10..=86400, "seconds"),
            "periods" => a.periods = attr::int_value(cx, item, key, 1..=100, "periods"),
            "datapoints" => a.datapoints = attr::int_value(cx, item, key, 1..=100, "periods"),
            "treat_missing_data" => {
                a.treat_missing_data = attr::choice_value(cx, item, key, TREAT_MISSING_DATA)
            }
            "notify" | "notify_ok" => {
                // `notify = Alerts`, or several: `notify(Alerts, Pager)`.
                let topics = match item {
                    Node::KeyValue {
                        value: attr::Value::Path(path),
                        ..
                    } => vec![path.clone()],
                    _ => attr::type_list(cx, item, key, &format!("{key} = Alerts")),
                };
                if key == "notify" {
                    a.notify = topics;
                } else {
                    a.notify_ok = topics;
                }
            }
            "name" => a.name = attr::str_value(cx, item, key, "name = \"app-cpu-high\""),
            "description" => {
                a.description = attr::str_value(cx, item, key, "description = \"CPU above 80 %\"")
            }
            _ => unreachable!("every key in ALARM_KEYS is handled"),
        }
    }
    a
}

/// `metric = cpu(App)`: a metric by name, of a resource type.
fn alarm_metric(cx: &Ctxt, node: &Node) -> Option<(&'static str, Path, Span)> {
    use syn::spanned::Spanned;
    let example = "metric = cpu(App)";
    let names: Vec<&str> = ALARM_METRICS.iter().map(|m| m.0).collect();
    let value = attr::value_of(cx, node, "metric", example)?;
    let call = match value {
        attr::Value::Other(syn::Expr::Call(call)) => call,
        other => {
            cx.error_at(
                other.span(),
                format!(
                    "`metric` is a metric of a resource type: write `{example}`, one of {}",
                    symbol::list(&names)
                ),
            );
            return None;
        }
    };
    let args: Vec<&syn::Expr> = call.args.iter().collect();
    let (syn::Expr::Path(func), [syn::Expr::Path(arg)]) = (&*call.func, args.as_slice()) else {
        cx.error_at(
            call.span(),
            format!("`metric` names one resource type: write `{example}`"),
        );
        return None;
    };
    let name = func
        .path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    let marker = metric_marker(cx, &name, func.span())?;
    Some((marker, arg.path.clone(), call.span()))
}

/// The marker type of the metric called `name`, or an error listing the metrics.
fn metric_marker(cx: &Ctxt, name: &str, span: Span) -> Option<&'static str> {
    let names: Vec<&str> = ALARM_METRICS.iter().map(|m| m.0).collect();
    let found = ALARM_METRICS.iter().find(|m| m.0 == name).map(|m| m.1);
    if found.is_none() {
        cx.error_at(
            span,
            format!(
                "unknown metric `{name}`{}\nexpected one of {}",
                symbol::hint(name, &names),
                symbol::list(&names)
            ),
        );
    }
    found
}

fn dashboard(cx: &Ctxt, node: &Node) -> Dashboard {
    let mut d = Dashboard {
        span: node.span(),
        name: None,
        widgets: Vec::new(),
    };
    let size = |cx: &Ctxt, item: &Node, k: &str, max: u32| {
        attr::int_value(cx, item, k, 1..=max, "grid units")
    };
    for (key, item) in attr::keyed_repeating(
        cx,
        "dashboard",
        DASHBOARD_KEYS,
        &["graph", "text"],
        items(cx, node, "dashboard"),
    ) {
        match key {
            "name" => d.name = attr::str_value(cx, item, key, "name = \"app-dashboard\""),
            "graph" => {
                let list =
                    attr::items_of(cx, item, key, "graph(title = \"CPU\", metrics(cpu(App)))")
                        .unwrap_or_default();
                let (
                    mut title,
                    mut metrics,
                    mut statistic,
                    mut period,
                    mut view,
                    mut width,
                    mut height,
                ) = (None, Vec::new(), "Average", None, "timeSeries", None, None);
                for (k, it) in attr::keyed(cx, "graph", GRAPH_KEYS, list) {
                    match k {
                        "title" => title = attr::str_value(cx, it, k, "title = \"CPU\""),
                        "metrics" => {
                            for m in attr::items_of(cx, it, k, "metrics(cpu(App), memory(App))")
                                .unwrap_or_default()
                            {
                                match m {
                                    Node::List { key, items } if items.len() == 1 && matches!(items[0], Node::Path(_)) => {
                                        let Node::Path(path) = &items[0] else { unreachable!() };
                                        if let Some(marker) = metric_marker(cx, &key.to_string(), key.span()) {
                                            metrics.push((marker, path.clone(), key.span()));
                                        }
                                    }
                                    other => cx.error_at(other.span(), "each of `metrics(..)` is a metric of a resource type: write `metrics(cpu(App), memory(App))`"),
                                }
                            }
                        }
                        "statistic" => {
                            statistic =
                                attr::choice_value(cx, it, k, ALARM_STATISTICS).unwrap_or(statistic)
                        }
                        "period" => period = attr::int_value(cx, it, k, 1..=86_400, "seconds"),
                        "view" => view = attr::choice_value(cx, it, k, GRAPH_VIEWS).unwrap_or(view),
                        "width" => width = size(cx, it, k, 24),
                        "height" => height = size(cx, it, k, 1000),
                        _ => unreachable!("every key in GRAPH_KEYS is handled"),
                    }
                }
                let missing: Vec<&str> = [
                    ("title", "title = \"CPU\""),
                    ("metrics", "metrics(cpu(App))"),
                ]
                .into_iter()
                .filter_map(|(k, example)| (!attr::has_key(list, k)).then_some(example))
                .collect();
                if !missing.is_empty() {
                    cx.error_at(
                        item.span(),
                        format!("`graph` needs {}", symbol::list(&missing)),
                    );
                }
                d.widgets.push(Widget::Graph {
                    title,
                    metrics,
                    statistic,
                    period,
                    view,
                    width,
                    height,
                });
            }
            "text" => {
                let list = attr::items_of(cx, item, key, "text(markdown = \"# Runbook\")")
                    .unwrap_or_default();
                let (mut markdown, mut width, mut height) = (None, None, None);
                for (k, it) in attr::keyed(cx, "text", TEXT_WIDGET_KEYS, list) {
                    match k {
                        "markdown" => {
                            markdown = attr::str_value(cx, it, k, "markdown = \"# Runbook\"")
                        }
                        "width" => width = size(cx, it, k, 24),
                        _ => height = size(cx, it, k, 1000),
                    }
                }
                if !attr::has_key(list, "markdown") {
                    cx.error_at(item.span(), "`text` needs `markdown = \"..\"`");
                }
                d.widgets.push(Widget::Text {
                    markdown,
                    width,
                    height,
                });
            }
            _ => unreachable!("every key in DASHBOARD_KEYS is handled"),
        }
    }
    if d.widgets.is_empty() {
        cx.error_at(d.span, "a dashboard shows something: add `graph(title = \"CPU\", metrics(cpu(App)))` or `text(markdown = \"..\")`");
    }
    d
}

fn ecr_repository(cx: &Ctxt, node: &Node) -> Shortcut {
    let mut r = EcrRepository {
        span: node.span(),
        name: None,
        scan_on_push: true,
        immutable: true,
        keep_last: None,
    };
    for (key, item) in attr::keyed(
        cx,
        "ecr_repository",
        ECR_REPOSITORY_KEYS,
        items(cx, node, "ecr_repository"),
    ) {
        match key {
            "name" => r.name = attr::str_value(cx, item, key, "name = \"web-app\""),
            "scan_on_push" => r.scan_on_push = attr::flag(cx, item, key),
            "immutable" => r.immutable = attr::flag(cx, item, key),
            "lifecycle" => {
                let example = "lifecycle(keep_last = 20)";
                let list = attr::items_of(cx, item, key, example).unwrap_or_default();
                for (k, it) in attr::keyed(cx, "lifecycle", LIFECYCLE_KEYS, list) {
                    r.keep_last = attr::int_value(cx, it, k, 1..=10000, "images").map(|v| v.0);
                }
                if r.keep_last.is_none() && list.is_empty() {
                    cx.error_at(
                        item.span(),
                        format!("`lifecycle` needs how many images it keeps: `{example}`"),
                    );
                }
            }
            _ => unreachable!("every key in ECR_REPOSITORY_KEYS is handled"),
        }
    }
    Shortcut::EcrRepository(r)
}

fn ecs_cluster(cx: &Ctxt, node: &Node) -> Shortcut {
    let mut c = EcsCluster {
        span: node.span(),
        vpc: None,
        name: None,
        container_insights: true,
    };
    for (key, item) in attr::keyed(
        cx,
        "ecs_cluster",
        ECS_CLUSTER_KEYS,
        items(cx, node, "ecs_cluster"),
    ) {
        match key {
            "vpc" => c.vpc = type_value(cx, item, key, "vpc = AppVpc", "vpc(..)"),
            "name" => c.name = attr::str_value(cx, item, key, "name = \"app-cluster\""),
            "container_insights" => c.container_insights = attr::flag(cx, item, key),
            _ => unreachable!("every key in ECS_CLUSTER_KEYS is handled"),
        }
    }
    Shortcut::EcsCluster(c)
}

fn fargate(cx: &Ctxt, node: &Node) -> Fargate {
    let mut f = Fargate {
        span: node.span(),
        cluster: None,
        image: None,
        port: None,
        cpu: None,
        memory: None,
        desired: None,
        name: None,
        subnets: None,
        security_group: None,
        load_balancer: None,
        scaling: None,
        log_retention: None,
        env: Vec::new(),
        secrets: Vec::new(),
        reads: Vec::new(),
        invokes: Vec::new(),
        writes: Vec::new(),
        policies: Vec::new(),
        written: Vec::new(),
    };
    for (key, item) in attr::keyed(
        cx,
        "fargate_service",
        FARGATE_KEYS,
        items(cx, node, "fargate_service"),
    ) {
        f.written.push(key);
        match key {
            "cluster" => {
                f.cluster = type_value(cx, item, key, "cluster = AppCluster", "ecs_cluster(..)")
            }
            "image" => f.image = attr::target_value(cx, item, key, "image = WebImage"),
            "port" => f.port = attr::int_value(cx, item, key, 1..=65535, "(a port number)"),
            "cpu" => f.cpu = attr::int_value(cx, item, key, 256..=16384, "CPU units"),
            "memory" => f.memory = attr::int_value(cx, item, key, 512..=122880, "MiB"),
            "desired" => f.desired = attr::int_value(cx, item, key, 0..=1000, "tasks"),
            "name" => f.name = attr::str_value(cx, item, key, "name = \"app-web\""),
            "subnets" => {
                f.subnets =
                    attr::choice_value(cx, item, key, SUBNET_KINDS).map(|k| (k, item.span()))
            }
            "security_group" => {
                f.security_group = type_value(
                    cx,
                    item,
                    key,
                    "security_group = WebSg",
                    "security_group(..)",
                )
            }
            "load_balancer" => f.load_balancer = Some(load_balancer(cx, item)),
            "scaling" => f.scaling = Some(scaling(cx, item)),
            "log_retention" => {
                f.log_retention = crate::function::args::log_retention(cx, item, key)
            }
            "env" => f.env = crate::function::args::env(cx, item),
            "secrets" => {
                let example = "secrets(DB_PASSWORD = DbSecret)";
                for s in attr::items_of(cx, item, key, example).unwrap_or_default() {
                    match (s, s.key()) {
                        (Node::KeyValue { .. }, Some(k)) => {
                            let k = k.clone();
                            if let Some(t) = type_value(cx, s, &k.to_string(), example, "secret") {
                                f.secrets.push((k, t));
                            }
                        }
                        _ => cx.error_at(
                            s.span(),
                            format!(
                                "expected `NAME = SecretType` in `secrets(...)`: write `{example}`"
                            ),
                        ),
                    }
                }
            }
            "reads" => f.reads = attr::type_list(cx, item, key, "reads(FilesTable)"),
            "writes" => f.writes = attr::type_list(cx, item, key, "writes(UploadBucket)"),
            "invokes" => f.invokes = attr::type_list(cx, item, key, "invokes(Classifier)"),
            "policies" => {
                let example = "policies(statement(actions(\"sagemaker:InvokeEndpoint\"), resources(\"arn:...\")))";
                for p in attr::items_of(cx, item, key, example).unwrap_or_default() {
                    match crate::function::args::policy(cx, p) {
                        Some(crate::function::args::Policy::Template { name, .. }) => cx.error_at(
                            p.span(),
                            format!("`{name}` is a SAM policy template, which only functions take: a task role is plain IAM, so write `statement(actions(..), resources(..))` or a managed policy, or `reads(..)`/`writes(..)` a declared resource"),
                        ),
                        Some(p) => f.policies.push(p),
                        None => {}
                    }
                }
            }
            _ => unreachable!("every key in FARGATE_KEYS is handled"),
        }
    }
    f
}

fn load_balancer(cx: &Ctxt, node: &Node) -> LoadBalancer {
    let mut lb = LoadBalancer {
        span: node.span(),
        schemes: Vec::new(),
        listen: None,
        health_check: None,
        security_group: None,
    };
    let example = "load_balancer(internet_facing, listen = 80, security_group = WebAlbSg)";
    for (key, item) in attr::keyed(
        cx,
        "load_balancer",
        LOAD_BALANCER_KEYS,
        items(cx, node, "load_balancer"),
    ) {
        match key {
            "internet_facing" | "internal" => match item {
                Node::Path(_) => lb.schemes.push((key == "internet_facing", item.span())),
                _ => cx.error_at(
                    item.span(),
                    format!("`{key}` is a flag: write `{key}` alone, as in `{example}`"),
                ),
            },
            "listen" => lb.listen = attr::int_value(cx, item, key, 1..=65535, "(a port number)"),
            "health_check" => {
                lb.health_check = attr::str_value(cx, item, key, "health_check = \"/health\"")
            }
            "security_group" => {
                lb.security_group = type_value(
                    cx,
                    item,
                    key,
                    "security_group = WebAlbSg",
                    "security_group(..)",
                )
            }
            _ => unreachable!("every key in LOAD_BALANCER_KEYS is handled"),
        }
    }
    lb
}

fn scaling(cx: &Ctxt, node: &Node) -> Scaling {
    let mut s = Scaling {
        span: node.span(),
        min: None,
        max: None,
        cpu_target: None,
        memory_target: None,
        scale_in_cooldown: None,
        scale_out_cooldown: None,
    };
    for (key, item) in attr::keyed(cx, "scaling", SCALING_KEYS, items(cx, node, "scaling")) {
        let value = match key {
            "min" | "max" => attr::int_value(cx, item, key, 0..=1000, "tasks"),
            "cpu_target" | "memory_target" => attr::int_value(cx, item, key, 1..=100, "percent"),
            _ => attr::int_value(cx, item, key, 0..=86400, "seconds"),
        };
        *match key {
            "min" => &mut s.min,
            "max" => &mut s.max,
            "cpu_target" => &mut s.cpu_target,
            "memory_target" => &mut s.memory_target,
            "scale_in_cooldown" => &mut s.scale_in_cooldown,
            _ => &mut s.scale_out_cooldown,
        } = value;
    }
    s
}

fn rule(cx: &Ctxt, node: &Node, what: &str, peer_key: &str, keys: &[&'static str]) -> SgRule {
    let mut r = SgRule {
        span: node.span(),
        peer: None,
        protocol: None,
        ports: None,
        ports_written: false,
        description: None,
    };
    let example = format!("{what}({peer_key} = \"0.0.0.0/0\", port = 443)");
    for (key, item) in attr::keyed(
        cx,
        what,
        keys,
        attr::items_of(cx, node, what, &example).unwrap_or_default(),
    ) {
        match key {
            "from" | "to" => match attr::value_of(cx, item, key, &format!("{key} = \"0.0.0.0/0\"")) {
                Some(attr::Value::Lit(syn::Lit::Str(s))) => r.peer = Some(SgPeer::Cidr(s.clone())),
                Some(attr::Value::Path(p)) => r.peer = Some(SgPeer::Group(p.clone())),
                Some(other) => cx.error_at(
                    other.span(),
                    format!("`{key}` is a CIDR range (`\"10.0.0.0/16\"`) or a type declared with `#[cf_resources(security_group(..))]`"),
                ),
                None => {}
            },
            "port" => {
                r.ports_written = true;
                if let Some((p, lit)) = attr::int_value(cx, item, key, 0..=65535, "(a port number)") {
                    r.ports = Some(((p, p), lit.span()));
                }
            }
            "ports" => {
                r.ports_written = true;
                let list = attr::items_of(cx, item, key, "ports(8000, 8100)").unwrap_or_default();
                let ints: Vec<u32> = list
                    .iter()
                    .filter_map(|n| match n {
                        Node::Lit(syn::Lit::Int(i)) => i.base10_parse::<u32>().ok(),
                        _ => None,
                    })
                    .collect();
                match ints[..] {
                    [a, b] if a <= b && b <= 65535 => r.ports = Some(((a, b), item.span())),
                    [a, b] if a <= b => cx.error_at(item.span(), format!("a port is 0..=65535, found {b}")),
                    [a, b] => cx.error_at(item.span(), format!("`ports({a}, {b})` runs backwards: the first port is the lower")),
                    _ => cx.error_at(item.span(), "`ports` takes the first and the last port: `ports(8000, 8100)`"),
                }
            }
            "protocol" => {
                r.protocol = attr::choice_value(cx, item, key, IP_PROTOCOLS).map(|p| (p, item.span()))
            }
            "description" => {
                r.description = attr::str_value(cx, item, key, "description = \"HTTPS from anywhere\"")
            }
            _ => unreachable!("every rule key is handled"),
        }
    }
    r
}

fn parameter(cx: &Ctxt, node: &Node) -> Shortcut {
    let (mut kind, mut default, mut allowed, mut pattern, mut description, mut no_echo) =
        (None, None, Vec::new(), None, None, false);
    let (mut min, mut max) = (None, None);
    for (key, item) in attr::keyed(
        cx,
        "parameter",
        PARAMETER_KEYS,
        items(cx, node, "parameter"),
    ) {
        match key {
            "kind" => kind = attr::str_value(cx, item, key, "kind = \"String\""),
            "default" => default = attr::str_value(cx, item, key, "default = \"true\""),
            "allowed_values" => {
                allowed = attr::str_list(cx, item, key, "allowed_values(\"true\", \"false\")")
            }
            "allowed_pattern" => {
                pattern = attr::str_value(cx, item, key, "allowed_pattern = \"[a-z]+\"")
            }
            "description" => description = attr::str_value(cx, item, key, "description = \"...\""),
            "no_echo" => no_echo = attr::flag(cx, item, key),
            "min" => min = attr::int_value(cx, item, key, 0..=u32::MAX, "").map(|v| v.0),
            "max" => max = attr::int_value(cx, item, key, 0..=u32::MAX, "").map(|v| v.0),
            _ => unreachable!("every key in PARAMETER_KEYS is handled"),
        }
    }
    if (min.is_some() || max.is_some()) && kind.as_ref().is_none_or(|k| k.value() != "Number") {
        cx.error_at(
            node.span(),
            "`min` and `max` bound a number: add `kind = \"Number\"`",
        );
    }
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        cx.error_at(node.span(), format!("`max` ({hi}) is below `min` ({lo})"));
    }
    Shortcut::Parameter {
        kind,
        default,
        allowed_values: allowed,
        allowed_pattern: pattern,
        description,
        no_echo,
        min,
        max,
    }
}

fn condition(cx: &Ctxt, node: &Node) -> Shortcut {
    let items = attr::items_of(
        cx,
        node,
        "condition",
        "condition(equals(StoreOnLoad, \"false\"))",
    )
    .unwrap_or_default();
    if items.len() != 1 {
        cx.error_at(node.span(), "`condition` holds one expression: `equals(Param, \"v\")`, `not(..)`, `and(..)`, `or(..)` or a condition type");
        return Shortcut::Condition(None);
    }
    Shortcut::Condition(cond(cx, &items[0]))
}

fn cond(cx: &Ctxt, node: &Node) -> Option<Cond> {
    match node {
        Node::Path(p) => Some(Cond::Condition(p.clone())),
        Node::List { key, items } => match key.to_string().as_str() {
            "equals" if items.len() == 2 => Some(Cond::Equals(
                operand(cx, &items[0])?,
                operand(cx, &items[1])?,
            )),
            "equals" => {
                cx.error_spanned_by(
                    key,
                    "`equals` compares two values: `equals(Param, \"value\")`",
                );
                None
            }
            "not" if items.len() == 1 => Some(Cond::Not(Box::new(cond(cx, &items[0])?))),
            "not" => {
                cx.error_spanned_by(key, "`not` takes one condition");
                None
            }
            op @ ("and" | "or") => {
                if !(2..=10).contains(&items.len()) {
                    cx.error_spanned_by(
                        key,
                        format!("`{op}` takes 2 to 10 conditions, found {}", items.len()),
                    );
                }
                let cs: Vec<Cond> = items.iter().filter_map(|i| cond(cx, i)).collect();
                Some(if op == "and" {
                    Cond::And(cs)
                } else {
                    Cond::Or(cs)
                })
            }
            other => {
                cx.error_spanned_by(key, format!("unknown condition function `{other}`{}\nexpected one of `equals`, `not`, `and`, `or`", symbol::hint(other, &["equals", "not", "and", "or"])));
                None
            }
        },
        other => {
            cx.error_at(other.span(), "expected a condition: `equals(Param, \"v\")`, `not(..)`, `and(..)`, `or(..)` or a condition type");
            None
        }
    }
}

fn operand(cx: &Ctxt, node: &Node) -> Option<Operand> {
    match node {
        Node::Lit(syn::Lit::Str(s)) => Some(Operand::Text(s.clone())),
        Node::Path(p) => Some(Operand::Parameter(p.clone())),
        other => {
            cx.error_at(
                other.span(),
                "compare a parameter type or a string: `equals(StoreOnLoad, \"false\")`",
            );
            None
        }
    }
}
