//! The pollers that connect to a cluster or broker: `msk(..)`, `self_managed_kafka(..)`, `mq(..)` and
//! `document_db(..)`. Their shared options (`filters`, `enabled`, `kms_key`, `metrics`, retries, ...) go through
//! [`Polling`].

use proc_macro2::Span;
use syn::LitStr;

use super::args::{EventKind, Polling};
use super::settings::Vpc;
use crate::attr::{self, Node, Target};
use crate::ctxt::Ctxt;
use crate::symbol::{self, *};

/// One `SourceAccessConfigurations` entry as written: its `Type`, and the secret unless it is `IAM_AUTH`.
pub type Access = (&'static str, Option<Target>);

/// `msk(..)` (no `servers`) or `self_managed_kafka(..)` (no `cluster`).
pub struct Kafka {
    pub cluster: Option<LitStr>,
    pub servers: Vec<LitStr>,
    pub topic: LitStr,
    pub starting_position: &'static str,
    pub starting_timestamp: Option<u32>,
    pub consumer_group: Option<LitStr>,
    pub batch_size: Option<u32>,
    pub batching_window: Option<u32>,
    pub access: Vec<Access>,
    pub vpc: Option<Vpc>,
    pub secrets_kms_key: Option<LitStr>,
    pub pollers: Option<(Option<u32>, Option<u32>, Option<LitStr>)>,
    pub registry: Option<Registry>,
    pub log_level: Option<&'static str>,
    pub polling: Polling,
}

/// `schema_registry(uri, format, validate(..), auth(..))`.
pub struct Registry {
    pub uri: LitStr,
    pub format: &'static str,
    pub validate: Vec<&'static str>,
    pub access: Vec<Access>,
}

/// `mq(..)`.
pub struct Mq {
    pub broker: LitStr,
    pub queue: LitStr,
    pub access: Vec<Access>,
    pub virtual_host: Option<LitStr>,
    pub secrets_kms_key: Option<LitStr>,
    pub batch_size: Option<u32>,
    pub batching_window: Option<u32>,
    pub polling: Polling,
}

/// `document_db(..)`.
pub struct DocumentDb {
    pub cluster: LitStr,
    pub database: LitStr,
    pub collection: Option<LitStr>,
    pub full_document: Option<&'static str>,
    pub access: Vec<Access>,
    pub secrets_kms_key: Option<LitStr>,
    pub starting_position: &'static str,
    pub starting_timestamp: Option<u32>,
    pub batch_size: Option<u32>,
    pub batching_window: Option<u32>,
    pub polling: Polling,
}

/// The `SourceAccessConfigurations` type of an `auth(..)` key.
fn access_type(key: &str) -> &'static str {
    match key {
        "basic" => "BASIC_AUTH",
        "sasl_scram_256" => "SASL_SCRAM_256_AUTH",
        "sasl_scram_512" => "SASL_SCRAM_512_AUTH",
        "client_certificate" => "CLIENT_CERTIFICATE_TLS_AUTH",
        "oauthbearer" => "OAUTHBEARER_AUTH",
        "iam" => "IAM_AUTH",
        _ => "SERVER_ROOT_CA_CERTIFICATE",
    }
}

/// `auth(kind = Secret, ..)`: each key one of `allowed`, a secret type or ARN (`iam` a bare flag); at most `most`.
fn auth(cx: &Ctxt, node: &Node, what: &str, allowed: &[&'static str], most: usize) -> Vec<Access> {
    let example = format!("auth({} = DbCredentials)", allowed[0]);
    let mut out = Vec::new();
    let items = attr::items_of(cx, node, "auth", &example).unwrap_or_default();
    for (key, item) in attr::keyed(cx, what, allowed, items) {
        if key == "iam" {
            if attr::flag(cx, item, key) {
                out.push((access_type(key), None));
            }
            continue;
        }
        if let Some(t) = attr::target_value(cx, item, key, &format!("{key} = DbCredentials")) {
            if let Target::Id(s) = &t {
                let v = s.value();
                if !(v.starts_with("arn:") || v.contains("${") || symbol::is_logical_id(&v)) {
                    cx.error_spanned_by(s, format!("a secret is a `secret` type, a secret's ARN or its logical id, found `{}`", v.escape_debug()));
                }
            }
            out.push((access_type(key), Some(t)));
        }
    }
    if out.len() > most {
        cx.error_at(
            node.span(),
            if most == 1 {
                format!(
                    "`{what}` takes one way to authenticate, found {}",
                    out.len()
                )
            } else {
                format!("`{what}` takes at most {most} entries, found {}", out.len())
            },
        );
    }
    out
}

/// `AT_TIMESTAMP` goes with `starting_timestamp`, and the timestamp with it alone.
pub(crate) fn check_timestamp(
    cx: &Ctxt,
    span: Span,
    position: Option<&str>,
    timestamp: &Option<(u32, syn::LitInt)>,
) {
    match (position, timestamp) {
        (Some("AT_TIMESTAMP"), None) => cx.error_at(
            span,
            "`starting_position = \"AT_TIMESTAMP\"` needs `starting_timestamp = <Unix seconds>`",
        ),
        (Some("AT_TIMESTAMP"), Some(_)) => {}
        (_, Some((_, lit))) => cx.error_spanned_by(
            lit,
            "`starting_timestamp` applies with `starting_position = \"AT_TIMESTAMP\"`: add it",
        ),
        _ => {}
    }
}

fn check_topic(cx: &Ctxt, t: &LitStr) {
    let v = t.value();
    let valid = (2..=249).contains(&v.len())
        && !v.starts_with('.')
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if !valid {
        cx.error_spanned_by(t, format!("a topic is 2 to 249 letters, digits, `-`, `_` or `.`, not starting with `.` (CloudFormation's rule), found `{}`", v.escape_debug()));
    }
}

fn arn(cx: &Ctxt, s: &LitStr, service: &str, example: &str) {
    let v = s.value();
    let prefix = format!(":{service}:");
    if !(v.contains("${") || v.starts_with("arn:") && v.contains(&prefix)) {
        cx.error_spanned_by(
            s,
            format!(
                "expected an {service} ARN, `{example}`, or a `${{...}}` substitution naming one; found `{}`",
                v.escape_debug()
            ),
        );
    }
}

pub(crate) fn parse(
    cx: &Ctxt,
    kind: &str,
    items: &[Node],
    span: Span,
    name: &mut Option<LitStr>,
) -> Option<EventKind> {
    let keys = match kind {
        "msk" => MSK_KEYS,
        "self_managed_kafka" => SELF_MANAGED_KAFKA_KEYS,
        "mq" => MQ_KEYS,
        _ => DOCUMENT_DB_KEYS,
    };
    let required = |what: &str, present: bool, example: &str| {
        attr::require(cx, span, kind, items, &[(what, present, example)])
    };
    let mut polling = Polling::default();
    let (mut cluster, mut servers, mut topic, mut position, mut timestamp) =
        (None, Vec::new(), None, None, None);
    let (mut group, mut batch_size, mut window, mut access) = (None, None, None, Vec::new());
    let (mut vpc, mut secrets_key, mut pollers, mut registry, mut log_level) =
        (None, None, None, None, None);
    let (mut broker, mut queue, mut virtual_host) = (None, None, None);
    let (mut database, mut collection, mut full_document) = (None, None, None);
    let mut root_ca = None;
    for (key, item) in attr::keyed(cx, kind, keys, items) {
        if polling.take(cx, item, key, kind) {
            continue;
        }
        let text = |example: &str| attr::str_value(cx, item, key, example);
        match key {
            "name" => *name = text("name = \"Orders\""),
            "cluster" if kind == "msk" => {
                cluster = text("cluster = \"${Orders.Arn}\"");
                if let Some(c) = &cluster {
                    arn(
                        cx,
                        c,
                        "kafka",
                        "arn:aws:kafka:<region>:<account>:cluster/<name>/<id>",
                    );
                }
            }
            "cluster" => {
                cluster = text("cluster = \"arn:aws:rds:us-east-1:123456789012:cluster:shop\"");
                if let Some(c) = &cluster {
                    arn(
                        cx,
                        c,
                        "rds",
                        "arn:aws:rds:<region>:<account>:cluster:<name>",
                    );
                }
            }
            "servers" => {
                servers = attr::str_list(cx, item, key, "servers(\"broker1.example.com:9092\")");
                for (i, s) in servers.iter().enumerate() {
                    let v = s.value();
                    let valid = v.rsplit_once(':').is_some_and(|(host, port)| {
                        !host.is_empty() && port.parse::<u16>().is_ok_and(|p| p > 0)
                    });
                    if !valid {
                        cx.error_spanned_by(
                            s,
                            format!(
                                "a bootstrap server is `host:port`, found `{}`",
                                v.escape_debug()
                            ),
                        );
                    } else if servers[..i].iter().any(|o| o.value() == v) {
                        cx.error_spanned_by(s, format!("duplicate bootstrap server `{v}`"));
                    }
                }
                if servers.len() > 10 {
                    cx.error_spanned_by(
                        &servers[10],
                        "a Kafka source takes at most 10 bootstrap servers",
                    );
                }
            }
            "topic" => {
                topic = text("topic = \"orders\"");
                if let Some(t) = &topic {
                    check_topic(cx, t);
                }
            }
            "starting_position" => {
                position = attr::choice_value(cx, item, key, STREAM_STARTING_POSITIONS)
            }
            "starting_timestamp" => {
                timestamp = attr::int_value(cx, item, key, 1..=u32::MAX, "Unix seconds")
            }
            "consumer_group" => {
                group = text("consumer_group = \"orders-lambda\"");
                if let Some(g) = group
                    .as_ref()
                    .filter(|g| !(1..=200).contains(&g.value().len()))
                {
                    cx.error_spanned_by(g, "a consumer group id is 1 to 200 characters");
                }
            }
            "batch_size" => {
                batch_size = attr::int_value(cx, item, key, 1..=10000, "records").map(|v| v.0)
            }
            "batching_window" => {
                window = attr::int_value(cx, item, key, 0..=300, "seconds").map(|v| v.0)
            }
            "auth" => {
                access = match kind {
                    "msk" => auth(cx, item, "msk(auth(..))", MSK_AUTH, 1),
                    "self_managed_kafka" => {
                        auth(cx, item, "self_managed_kafka(auth(..))", KAFKA_AUTH, 1)
                    }
                    _ => auth(cx, item, &format!("{kind}(auth(..))"), &["basic"], 1),
                }
            }
            "root_ca" => {
                root_ca = attr::target_value(cx, item, key, "root_ca = BrokerCa")
                    .map(|t| (access_type(key), Some(t)))
            }
            "vpc" => vpc = super::settings::vpc(cx, item),
            "secrets_kms_key" => {
                secrets_key = text("secrets_kms_key = \"1abc23d4-567f-8ab9-cde0-1fab234c5d67\"");
                if let Some(k) = &secrets_key {
                    let v = k.value();
                    let id = v.len() == 36 && v.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
                    let valid =
                        id || v.starts_with("mrk-") || v.starts_with("${") && !v.contains(".Arn");
                    if !valid {
                        cx.error_spanned_by(k, format!("`secrets_kms_key` is a KMS key id (`1abc23d4-567f-8ab9-cde0-1fab234c5d67`, or `${{Key}}` for a key of the template), from which SAM builds the key's ARN; found `{}`", v.escape_debug()));
                    }
                }
            }
            "provisioned_pollers" => {
                let items = attr::items_of(cx, item, key, "provisioned_pollers(min = 1, max = 10)")
                    .unwrap_or_default();
                let (mut min, mut max, mut g) = (None, None, None);
                for (k, i) in
                    attr::keyed(cx, "provisioned_pollers", PROVISIONED_POLLERS_KEYS, items)
                {
                    match k {
                        "min" => min = attr::int_value(cx, i, k, 1..=200, "pollers"),
                        "max" => max = attr::int_value(cx, i, k, 1..=10000, "pollers"),
                        _ => {
                            g = attr::str_value(cx, i, k, "group = \"orders\"");
                            if let Some(n) = &g {
                                let v = n.value();
                                if v.len() > 128
                                    || !v.bytes().all(|b| {
                                        b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')
                                    })
                                {
                                    cx.error_spanned_by(n, format!("a poller group's name is up to 128 letters, digits, `-` or `_`, found `{}`", v.escape_debug()));
                                }
                            }
                        }
                    }
                }
                if let (Some((lo, _)), Some((hi, lit))) = (&min, &max)
                    && lo > hi
                {
                    cx.error_spanned_by(lit, format!("`max` ({hi}) is below `min` ({lo})"));
                }
                pollers = Some((min.map(|v| v.0), max.map(|v| v.0), g));
            }
            "schema_registry" => registry = schema_registry(cx, item),
            "log_level" => log_level = attr::choice_value(cx, item, key, SYSTEM_LOG_LEVELS),
            "broker" => {
                broker = text("broker = \"${Orders.Arn}\"");
                if let Some(b) = &broker {
                    arn(
                        cx,
                        b,
                        "mq",
                        "arn:aws:mq:<region>:<account>:broker:<name>:<id>",
                    );
                }
            }
            "queue" => {
                queue = text("queue = \"orders\"");
                if let Some(q) = queue
                    .as_ref()
                    .filter(|q| !(1..=1000).contains(&q.value().len()))
                {
                    cx.error_spanned_by(q, "a queue's name is 1 to 1000 characters");
                }
            }
            "virtual_host" => virtual_host = text("virtual_host = \"/orders\""),
            "database" => {
                database = text("database = \"shop\"");
                if let Some(d) = &database {
                    let v = d.value();
                    if !(1..=63).contains(&v.len()) || v.chars().any(|c| " /\\.$\"".contains(c)) {
                        cx.error_spanned_by(d, format!("a DocumentDB database name is 1 to 63 characters without space, `/`, `\\`, `.`, `$` or `\"`, found `{}`", v.escape_debug()));
                    }
                }
            }
            "collection" => {
                collection = text("collection = \"orders\"");
                if let Some(c) = &collection {
                    let v = c.value();
                    if !(1..=57).contains(&v.len()) || v.starts_with("system.") {
                        cx.error_spanned_by(c, format!("a DocumentDB collection name is 1 to 57 characters, not starting with `system.`, found `{}`", v.escape_debug()));
                    }
                }
            }
            "full_document" => full_document = attr::choice_value(cx, item, key, FULL_DOCUMENT),
            _ => unreachable!("every key in {keys:?} is handled"),
        }
    }
    check_timestamp(cx, span, position, &timestamp);
    let starting_position = position.unwrap_or("LATEST");
    let timestamp = timestamp.map(|t| t.0);
    match kind {
        "msk" | "self_managed_kafka" => {
            if kind == "msk" {
                required("cluster", cluster.is_some(), "cluster = \"${Orders.Arn}\"");
            } else {
                required(
                    "servers",
                    !servers.is_empty(),
                    "servers(\"broker1.example.com:9092\")",
                );
                if access.is_empty()
                    && vpc.is_none()
                    && !attr::has_key(items, "auth")
                    && !attr::has_key(items, "vpc")
                {
                    cx.error_at(span, "`self_managed_kafka` needs `auth(..)` or `vpc(..)`: Lambda reaches the cluster with one of the two (e.g. `auth(sasl_scram_512 = KafkaCredentials)`)");
                }
            }
            required("topic", topic.is_some(), "topic = \"orders\"");
            if kind == "msk"
                && secrets_key.is_none()
                && access.iter().any(|(t, _)| *t == "SASL_SCRAM_512_AUTH")
                && !attr::has_key(items, "secrets_kms_key")
            {
                cx.error_at(span, "MSK takes SASL/SCRAM secrets encrypted with a customer managed key: add `secrets_kms_key = \"<key id>\"`, which the poller may then decrypt with");
            }
            if kind == "msk"
                && secrets_key.is_none()
                && access.iter().any(|(t, _)| *t == "SASL_SCRAM_512_AUTH")
                && !attr::has_key(items, "secrets_kms_key")
            {
                cx.error_at(span, "MSK takes SASL/SCRAM secrets encrypted with a customer managed key: add `secrets_kms_key = \"<key id>\"`, which the poller may then decrypt with");
            }
            if let (Some(_), None) = (&registry, &pollers) {
                cx.error_at(span, "a `schema_registry` needs `provisioned_pollers(..)`: Lambda validates records against a registry in provisioned mode only");
            }
            access.extend(root_ca);
            Some(EventKind::Kafka(Box::new(Kafka {
                cluster,
                servers,
                topic: topic?,
                starting_position,
                starting_timestamp: timestamp,
                consumer_group: group,
                batch_size,
                batching_window: window,
                access,
                vpc,
                secrets_kms_key: secrets_key,
                pollers,
                registry,
                log_level,
                polling,
            })))
        }
        "mq" => {
            required("broker", broker.is_some(), "broker = \"${Orders.Arn}\"");
            required("queue", queue.is_some(), "queue = \"orders\"");
            required(
                "auth",
                !access.is_empty(),
                "auth(basic = BrokerCredentials)",
            );
            Some(EventKind::Mq(Box::new(Mq {
                broker: broker?,
                queue: queue?,
                access,
                virtual_host,
                secrets_kms_key: secrets_key,
                batch_size,
                batching_window: window,
                polling,
            })))
        }
        _ => {
            required(
                "cluster",
                cluster.is_some(),
                "cluster = \"arn:aws:rds:us-east-1:123456789012:cluster:shop\"",
            );
            required("database", database.is_some(), "database = \"shop\"");
            required("auth", !access.is_empty(), "auth(basic = DbCredentials)");
            Some(EventKind::DocumentDb(Box::new(DocumentDb {
                cluster: cluster?,
                database: database?,
                collection,
                full_document,
                access,
                secrets_kms_key: secrets_key,
                starting_position,
                starting_timestamp: timestamp,
                batch_size,
                batching_window: window,
                polling,
            })))
        }
    }
}

fn schema_registry(cx: &Ctxt, node: &Node) -> Option<Registry> {
    let example = "schema_registry(uri = \"arn:aws:glue:us-east-1:123456789012:registry/orders\", format = \"JSON\", validate(\"VALUE\"))";
    let items = attr::items_of(cx, node, "schema_registry", example)?;
    let (mut uri, mut format, mut validate, mut access) = (None, None, Vec::new(), Vec::new());
    for (key, item) in attr::keyed(cx, "schema_registry", SCHEMA_REGISTRY_KEYS, items) {
        match key {
            "uri" => {
                uri = attr::str_value(
                    cx,
                    item,
                    key,
                    "uri = \"arn:aws:glue:us-east-1:123456789012:registry/orders\"",
                );
                if let Some(u) = &uri {
                    let v = u.value();
                    let valid = v.contains("${")
                        || v.starts_with("https://")
                        || v.starts_with("arn:")
                            && v.contains(":glue:")
                            && v.contains(":registry/");
                    if !valid {
                        cx.error_spanned_by(u, format!("a schema registry is a Glue registry ARN (`arn:aws:glue:<region>:<account>:registry/<name>`) or a Confluent registry's `https://` URL, found `{}`", v.escape_debug()));
                    }
                }
            }
            "format" => format = attr::choice_value(cx, item, key, RECORD_FORMATS),
            "validate" => {
                for a in attr::str_list(cx, item, key, "validate(\"KEY\", \"VALUE\")") {
                    match RECORD_ATTRIBUTES.iter().find(|r| **r == a.value()) {
                        Some(r) if validate.contains(r) => {
                            cx.error_spanned_by(&a, format!("duplicate attribute `{r}`"))
                        }
                        Some(r) => validate.push(*r),
                        None => cx.error_spanned_by(
                            &a,
                            format!(
                                "invalid attribute `{}`\nexpected one of {}",
                                a.value(),
                                symbol::list(RECORD_ATTRIBUTES)
                            ),
                        ),
                    }
                }
            }
            _ => access = auth(cx, item, "schema_registry(auth(..))", REGISTRY_AUTH, 2),
        }
    }
    attr::require(
        cx,
        node.span(),
        "schema_registry",
        items,
        &[
            (
                "uri",
                uri.is_some(),
                "uri = \"arn:aws:glue:us-east-1:123456789012:registry/orders\"",
            ),
            ("format", format.is_some(), "format = \"JSON\""),
            ("validate", !validate.is_empty(), "validate(\"VALUE\")"),
        ],
    );
    Some(Registry {
        uri: uri?,
        format: format?,
        validate,
        access,
    })
}
