//! The event sources that are neither APIs nor pollers: `eventbridge`, `schedule_v2` (EventBridge Scheduler),
//! `sns`, `cloudwatch_logs`, `iot_rule`, `cognito` and `alexa_skill`. Each parser reads one `events(kind(...))` entry; the
//! entry's `name` goes to `name`.

use proc_macro2::Span;
use syn::LitStr;

use super::args::EventKind;
use crate::attr::{self, Node};
use crate::ctxt::Ctxt;
use crate::symbol::*;

/// `schedule_v2(...)`: an EventBridge Scheduler schedule.
pub struct ScheduleV2 {
    pub expression: LitStr,
    pub schedule_name: Option<LitStr>,
    pub omit_name: bool,
    pub description: Option<LitStr>,
    pub state: Option<&'static str>,
    pub timezone: Option<LitStr>,
    pub flexible_window: Option<u32>,
    pub start: Option<LitStr>,
    pub end: Option<LitStr>,
    pub group: Option<LitStr>,
    pub kms_key: Option<LitStr>,
    pub input: Option<LitStr>,
    pub retry: Option<(Option<u32>, Option<u32>)>,
    /// `dead_letter` alone: SAM creates the queue (`None`); `dead_letter = Queue`: that queue.
    pub dead_letter: Option<Option<attr::Target>>,
    pub role: Option<LitStr>,
    pub permissions_boundary: Option<LitStr>,
}

/// `http_api(method, path, api, auth(..), timeout, throttling(..), url_output)`; neither method nor path is the
/// `$default` route.
pub struct HttpRoute {
    pub method: Option<&'static str>,
    pub path: Option<LitStr>,
    pub api: Option<attr::Target>,
    pub url_output: Option<LitStr>,
    pub auth: Option<RouteAuth>,
    pub timeout: Option<u32>,
    pub throttling: Option<(u32, u32)>,
}

/// A route's `Auth`.
pub enum RouteAuth {
    /// `auth(authorizer = "Name", scopes(..))`.
    Authorizer(LitStr, Vec<LitStr>),
    /// `auth(none)`: public, whatever the API's default authorizer.
    None,
    /// `auth(iam)`: SigV4-signed requests.
    Iam,
}

/// `eventbridge(pattern, bus, rule_name, state, input | input_path | input_transformer(..), retry(..),
/// dead_letter, target_id)`.
pub struct EventBridge {
    pub pattern: LitStr,
    pub bus: Option<LitStr>,
    pub rule_name: Option<LitStr>,
    pub state: Option<&'static str>,
    pub input: Option<LitStr>,
    pub input_path: Option<LitStr>,
    /// `input_transformer(paths(name = "$.path", ..), template = "..")`.
    pub input_transformer: Option<(Vec<(LitStr, LitStr)>, LitStr)>,
    pub retry: Option<(Option<u32>, Option<u32>)>,
    pub dead_letter: Option<Option<attr::Target>>,
    pub target_id: Option<LitStr>,
}

/// `sns(topic, filter_policy, filter_scope, region, sqs_subscription)`.
pub struct Sns {
    pub topic: attr::Target,
    pub filter_policy: Option<LitStr>,
    pub filter_scope: Option<&'static str>,
    pub region: Option<LitStr>,
    /// `sqs_subscription` alone: SAM creates the queue (`None`); `sqs_subscription(queue = T, ..)`: that queue.
    pub sqs: Option<Option<SnsQueue>>,
}

/// `sqs_subscription(queue = T, batch_size, enabled)`.
pub struct SnsQueue {
    pub queue: syn::Path,
    pub batch_size: Option<u32>,
    pub enabled: Option<bool>,
}

/// `dead_letter` alone (`None`: SAM creates the queue) or `dead_letter = Queue`.
fn dead_letter(cx: &Ctxt, item: &Node, key: &str) -> Option<Option<attr::Target>> {
    match item {
        Node::Path(_) => Some(None),
        _ => attr::target_value(cx, item, key, "dead_letter = FailedEvents").map(Some),
    }
}

/// The one positional string of `kind("...", key = ...)` and the keyed rest.
pub(crate) fn positional<'n>(
    cx: &Ctxt,
    items: &'n [Node],
    kind: &str,
    example: &str,
) -> (Option<LitStr>, Vec<&'n Node>) {
    let mut expression = None;
    let (positional, keyed): (Vec<&Node>, Vec<&Node>) =
        items.iter().partition(|n| matches!(n, Node::Lit(_)));
    for lit in positional {
        match (lit, &expression) {
            (Node::Lit(syn::Lit::Str(s)), None) => expression = Some(s.clone()),
            (other, _) => cx.error_at(
                other.span(),
                format!("`{kind}` takes one expression: `{example}`"),
            ),
        }
    }
    (expression, keyed)
}

/// `retry(attempts = n, max_age = seconds)` of an EventBridge rule's or schedule's target.
pub(crate) fn retry(cx: &Ctxt, item: &Node, key: &str) -> (Option<u32>, Option<u32>) {
    let (mut attempts, mut max_age) = (None, None);
    let items = attr::items_of(cx, item, key, "retry(attempts = 3, max_age = 3600)");
    for (k, i) in attr::keyed(
        cx,
        "retry",
        &["attempts", "max_age"],
        items.unwrap_or_default(),
    ) {
        if k == "attempts" {
            attempts = attr::int_value(cx, i, k, 0..=185, "retries").map(|v| v.0);
        } else {
            max_age = attr::int_value(cx, i, k, 60..=86400, "seconds").map(|v| v.0);
        }
    }
    (attempts, max_age)
}

/// A name of 1 to 64 letters, digits, `.`, `-` or `_` (EventBridge rules, schedules and schedule groups).
pub(crate) fn check_name(cx: &Ctxt, n: &LitStr, what: &str) {
    let v = n.value();
    let valid = (1..=64).contains(&v.len())
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    if !valid && !v.contains("${") {
        cx.error_spanned_by(
            n,
            format!(
                "{what} is 1 to 64 letters, digits, `.`, `-` or `_`, found `{}`",
                v.escape_debug()
            ),
        );
    }
}

/// Reads one of this module's kinds; `None` after an error that leaves nothing to build.
pub(crate) fn parse(
    cx: &Ctxt,
    kind: &str,
    items: &[Node],
    span: Span,
    name: &mut Option<LitStr>,
) -> Option<EventKind> {
    let required = |what: &str, present: bool, example: &str| {
        attr::require(cx, span, kind, items, &[(what, present, example)])
    };
    let mut event_name = |item: &Node, key: &str, example: &str| {
        *name = attr::str_value(cx, item, key, example);
    };
    match kind {
        "schedule_v2" => {
            let example = "schedule_v2(\"rate(5 minutes)\")";
            let (expression, keyed) = positional(cx, items, kind, example);
            let mut s = ScheduleV2 {
                expression: LitStr::new("", span),
                schedule_name: None,
                omit_name: false,
                description: None,
                state: None,
                timezone: None,
                flexible_window: None,
                start: None,
                end: None,
                group: None,
                kms_key: None,
                input: None,
                retry: None,
                dead_letter: None,
                role: None,
                permissions_boundary: None,
            };
            let mut omit_span = None;
            for (key, item) in attr::keyed(cx, kind, SCHEDULE_V2_KEYS, keyed) {
                let text = |example: &str| attr::str_value(cx, item, key, example);
                match key {
                    "name" => event_name(item, key, "name = \"Nightly\""),
                    "schedule_name" => {
                        s.schedule_name = text("schedule_name = \"nightly-report\"");
                        if let Some(n) = &s.schedule_name {
                            check_name(cx, n, "a schedule's name");
                        }
                    }
                    "omit_name" => {
                        s.omit_name = attr::flag(cx, item, key);
                        omit_span = Some(item.span());
                    }
                    "description" => {
                        s.description = text("description = \"nightly report\"");
                        if let Some(d) = s.description.as_ref().filter(|d| d.value().len() > 512) {
                            cx.error_spanned_by(
                                d,
                                format!(
                                    "a schedule's description is at most 512 characters, found {}",
                                    d.value().len()
                                ),
                            );
                        }
                    }
                    "state" => s.state = attr::choice_value(cx, item, key, SCHEDULE_STATES),
                    "timezone" => {
                        s.timezone = text("timezone = \"Europe/Paris\"");
                        if let Some(t) = &s.timezone {
                            let v = t.value();
                            let valid = !v.is_empty()
                                && v.bytes().all(|b| {
                                    b.is_ascii_alphanumeric()
                                        || matches!(b, b'/' | b'_' | b'-' | b'+')
                                });
                            if !valid {
                                cx.error_spanned_by(t, format!("a time zone is an IANA name such as `Europe/Paris` or `UTC`, found `{}`", v.escape_debug()));
                            }
                        }
                    }
                    "flexible_window" => {
                        s.flexible_window =
                            attr::int_value(cx, item, key, 1..=1440, "minutes").map(|v| v.0)
                    }
                    "start" | "end" => {
                        // CloudFormation takes the schedule's bounds in UTC, marked `Z`.
                        let t = text(&format!("{key} = \"2030-01-01T00:00:00Z\""));
                        if let Some(t) = &t {
                            let v = t.value();
                            let e = match v.strip_suffix('Z') {
                                Some(local) => crate::schedule::local_time(local).err(),
                                None => Some(format!(
                                    "expected a UTC time `yyyy-mm-ddThh:mm:ssZ`, found `{v}`"
                                )),
                            };
                            if let Some(e) = e {
                                cx.error_spanned_by(t, format!("`{key}`: {e}"));
                            }
                        }
                        if key == "start" {
                            s.start = t;
                        } else {
                            s.end = t;
                        }
                    }
                    "group" => {
                        s.group = text("group = \"reports\"");
                        if let Some(g) = &s.group {
                            check_name(cx, g, "a schedule group's name");
                        }
                    }
                    "kms_key" => s.kms_key = text("kms_key = \"${ScheduleKey.Arn}\""),
                    "input" => {
                        s.input = attr::json_value(
                            cx,
                            item,
                            key,
                            "input = \"{\\\"job\\\": \\\"report\\\"}\"",
                        )
                    }
                    "retry" => s.retry = Some(retry(cx, item, key)),
                    "dead_letter" => s.dead_letter = dead_letter(cx, item, key),
                    "role" => s.role = text("role = \"${SchedulerRole.Arn}\""),
                    "permissions_boundary" => {
                        s.permissions_boundary = text(
                            "permissions_boundary = \"arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/boundary\"",
                        )
                    }
                    _ => unreachable!("every key in SCHEDULE_V2_KEYS is handled"),
                }
            }
            if let (Some(_), Some(at)) = (&s.schedule_name, omit_span.filter(|_| s.omit_name)) {
                cx.error_at(at, "`omit_name` lets CloudFormation name the schedule, and `schedule_name` names it: keep one of the two");
            }
            if let (Some(k), None) = (&s.kms_key, &s.role) {
                cx.error_spanned_by(k, "Scheduler decrypts a schedule's input with its execution role, and the role SAM creates may not use a customer managed key: add `role = \"..\"` with `kms:Decrypt` on the key");
            }
            if let (Some(b), Some(_)) = (&s.permissions_boundary, &s.role) {
                cx.error_spanned_by(b, "`permissions_boundary` bounds the role SAM creates for the schedule, and `role` brings your own: keep one of the two");
            }
            if let (Some(start), Some(end)) = (&s.start, &s.end)
                && start.value() >= end.value()
            {
                cx.error_spanned_by(
                    end,
                    format!(
                        "the schedule ends (`{}`) before it starts (`{}`)",
                        end.value(),
                        start.value()
                    ),
                );
            }
            required("an expression", expression.is_some(), example);
            s.expression = expression?;
            if let Err(e) = crate::schedule::validate_scheduler(&s.expression.value()) {
                cx.error_spanned_by(&s.expression, format!("invalid schedule: {e}"));
            }
            Some(EventKind::ScheduleV2(Box::new(s)))
        }
        "cloudwatch_logs" => {
            let (mut log_group, mut filter) = (None, None);
            for (key, item) in attr::keyed(cx, kind, CLOUDWATCH_LOGS_KEYS, items) {
                match key {
                    "log_group" => {
                        log_group = attr::str_value(cx, item, key, "log_group = \"/app/orders\"")
                    }
                    "filter" => {
                        filter = attr::str_value(cx, item, key, "filter = \"ERROR\"");
                        if let Some(f) = filter.as_ref().filter(|f| f.value().len() > 1024) {
                            cx.error_spanned_by(f, format!("a subscription filter pattern is at most 1024 characters, found {}", f.value().len()));
                        }
                    }
                    "name" => event_name(item, key, "name = \"Errors\""),
                    _ => unreachable!("every key in CLOUDWATCH_LOGS_KEYS is handled"),
                }
            }
            required(
                "log_group",
                log_group.is_some(),
                "log_group = \"/app/orders\"",
            );
            // An empty pattern matches every event; SAM still wants the key.
            required("filter", filter.is_some(), "filter = \"\"");
            Some(EventKind::CloudWatchLogs {
                log_group: log_group?,
                filter: filter?,
            })
        }
        "iot_rule" => {
            let (mut sql, mut sql_version) = (None, None);
            for (key, item) in attr::keyed(cx, kind, IOT_RULE_KEYS, items) {
                match key {
                    "sql" => {
                        sql = attr::str_value(cx, item, key, "sql = \"SELECT * FROM 'sensors/+'\"");
                        if let Some(q) = &sql {
                            let v = q.value();
                            let words: Vec<String> =
                                v.split_whitespace().map(str::to_ascii_uppercase).collect();
                            if words.first().map(String::as_str) != Some("SELECT")
                                || !words.iter().any(|w| w == "FROM")
                            {
                                cx.error_spanned_by(q, format!("an IoT rule's `sql` is `SELECT <fields> FROM '<topic filter>' [WHERE ...]`, found `{}`", v.escape_debug()));
                            }
                        }
                    }
                    "sql_version" => {
                        sql_version = attr::choice_value(cx, item, key, IOT_SQL_VERSIONS)
                    }
                    "name" => event_name(item, key, "name = \"Readings\""),
                    _ => unreachable!("every key in IOT_RULE_KEYS is handled"),
                }
            }
            required("sql", sql.is_some(), "sql = \"SELECT * FROM 'sensors/+'\"");
            Some(EventKind::IotRule {
                sql: sql?,
                sql_version,
            })
        }
        "alexa_skill" => {
            let mut skill_id = None;
            let example = "skill_id = \"amzn1.ask.skill.12345678-1234-1234-1234-123456789012\"";
            for (key, item) in attr::keyed(cx, kind, ALEXA_SKILL_KEYS, items) {
                match key {
                    "skill_id" => {
                        skill_id = attr::str_value(cx, item, key, example);
                        if let Some(id) = &skill_id {
                            let v = id.value();
                            if !v.starts_with("amzn1.ask.skill.") && !v.contains("${") {
                                cx.error_spanned_by(id, format!("an Alexa skill id starts with `amzn1.ask.skill.`, found `{}`", v.escape_debug()));
                            }
                        }
                    }
                    "name" => event_name(item, key, "name = \"Skill\""),
                    _ => unreachable!("every key in ALEXA_SKILL_KEYS is handled"),
                }
            }
            // Without a skill id the permission lets every Alexa skill invoke the function.
            if skill_id.is_none() && !attr::has_key(items, "skill_id") {
                cx.error_at(span, format!("`alexa_skill` needs `skill_id`: without it any Alexa skill may invoke the function; add `{example}`"));
            }
            Some(EventKind::AlexaSkill {
                skill_id: skill_id?,
            })
        }
        "http_api" => {
            let mut r = HttpRoute {
                method: None,
                path: None,
                api: None,
                url_output: None,
                auth: None,
                timeout: None,
                throttling: None,
            };
            for (key, item) in attr::keyed(cx, kind, HTTP_API_KEYS, items) {
                match key {
                    "method" => r.method = super::args::method_value(cx, item),
                    "path" => r.path = attr::str_value(cx, item, key, "path = \"/items\""),
                    "name" => event_name(item, key, "name = \"GetItems\""),
                    "api" => r.api = attr::target_value(cx, item, key, "api = OrdersApi"),
                    "url_output" => {
                        r.url_output = attr::str_value(cx, item, key, "url_output = \"ApiUrl\"")
                    }
                    "auth" => r.auth = route_auth(cx, item),
                    "timeout" => {
                        r.timeout =
                            attr::int_value(cx, item, key, 50..=30000, "milliseconds").map(|v| v.0)
                    }
                    "throttling" => r.throttling = throttling(cx, item, key),
                    _ => unreachable!("every key in HTTP_API_KEYS is handled"),
                }
            }
            // Neither method nor path: the `$default` route, which takes every request no other route matches.
            let (has_method, has_path) =
                (attr::has_key(items, "method"), attr::has_key(items, "path"));
            if has_method != has_path {
                let missing = if has_method {
                    "path = \"/items\""
                } else {
                    "method = \"GET\""
                };
                cx.error_at(span, format!("`http_api` needs both `method` and `path`, or neither for the `$default` route: add `{missing}`"));
            }
            if let (Some(RouteAuth::None), None) = (&r.auth, &r.api) {
                cx.error_at(span, "`auth(none)` exempts a route from its API's default authorizer, and the implicit HTTP API has none: drop `auth(none)`");
            }
            if let (Some(RouteAuth::Authorizer(..) | RouteAuth::Iam), None) = (&r.auth, &r.api) {
                cx.error_at(span, "the implicit HTTP API has no authorizers: declare an API with `#[cf_resources(http_api(jwt(..)))]` and name it with `api = OrdersApi`");
            }
            Some(EventKind::HttpApi(Box::new(r)))
        }
        "eventbridge" => {
            let example = "pattern = \"{\\\"source\\\": [\\\"aws.s3\\\"]}\"";
            let mut e = EventBridge {
                pattern: LitStr::new("", span),
                bus: None,
                rule_name: None,
                state: None,
                input: None,
                input_path: None,
                input_transformer: None,
                retry: None,
                dead_letter: None,
                target_id: None,
            };
            let mut pattern = None;
            let mut inputs: Vec<Span> = Vec::new();
            for (key, item) in attr::keyed(cx, kind, EVENTBRIDGE_KEYS, items) {
                let text = |example: &str| attr::str_value(cx, item, key, example);
                match key {
                    "pattern" => pattern = attr::json_value(cx, item, key, example),
                    "bus" => e.bus = text("bus = \"orders\""),
                    "name" => event_name(item, key, "name = \"Orders\""),
                    "rule_name" => {
                        e.rule_name = text("rule_name = \"orders-created\"");
                        if let Some(n) = &e.rule_name {
                            check_name(cx, n, "an EventBridge rule name");
                        }
                    }
                    "state" => e.state = attr::choice_value(cx, item, key, RULE_STATES),
                    "input" => {
                        inputs.push(item.span());
                        e.input = attr::json_value(
                            cx,
                            item,
                            key,
                            "input = \"{\\\"job\\\": \\\"index\\\"}\"",
                        )
                    }
                    "input_path" => {
                        inputs.push(item.span());
                        e.input_path = text("input_path = \"$.detail\"");
                        if let Some(p) = e
                            .input_path
                            .as_ref()
                            .filter(|p| !p.value().starts_with('$'))
                        {
                            cx.error_spanned_by(
                                p,
                                format!(
                                    "`input_path` is a JSONPath starting with `$`, found `{}`",
                                    p.value()
                                ),
                            );
                        }
                    }
                    "input_transformer" => {
                        inputs.push(item.span());
                        e.input_transformer = input_transformer(cx, item);
                    }
                    "retry" => e.retry = Some(retry(cx, item, key)),
                    "dead_letter" => e.dead_letter = dead_letter(cx, item, key),
                    "target_id" => {
                        e.target_id = text("target_id = \"orders\"");
                        if let Some(t) = &e.target_id {
                            check_name(cx, t, "a target id");
                        }
                    }
                    _ => unreachable!("every key in EVENTBRIDGE_KEYS is handled"),
                }
            }
            if let Some(second) = inputs.get(1) {
                cx.error_at(*second, "`input`, `input_path` and `input_transformer` each set what the function receives: keep one");
            }
            required("pattern", pattern.is_some(), example);
            e.pattern = pattern?;
            Some(EventKind::EventBridge(Box::new(e)))
        }
        "sns" => {
            let (mut topic, mut filter_policy, mut filter_scope, mut region, mut sqs) =
                (None, None, None, None, None);
            let mut scope_span = None;
            for (key, item) in attr::keyed(cx, kind, SNS_KEYS, items) {
                match key {
                    "topic" => topic = attr::target_value(cx, item, key, "topic = Alerts"),
                    "filter_policy" => {
                        filter_policy = attr::json_value(
                            cx,
                            item,
                            key,
                            "filter_policy = \"{\\\"kind\\\": [\\\"order\\\"]}\"",
                        )
                    }
                    "filter_scope" => {
                        filter_scope = attr::choice_value(cx, item, key, SNS_FILTER_SCOPES);
                        scope_span = Some(item.span());
                    }
                    "region" => {
                        region = attr::str_value(cx, item, key, "region = \"us-east-1\"");
                        if let Some(r) = &region {
                            let v = r.value();
                            let valid = v.split('-').count() >= 3
                                && v.bytes().all(|b| {
                                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'
                                });
                            if !valid && !v.contains("${") {
                                cx.error_spanned_by(
                                    r,
                                    format!(
                                        "a region is a name such as `us-east-1`, found `{}`",
                                        v.escape_debug()
                                    ),
                                );
                            }
                        }
                    }
                    "sqs_subscription" => sqs = sqs_subscription(cx, item),
                    "name" => event_name(item, key, "name = \"Alerts\""),
                    _ => unreachable!("every key in SNS_KEYS is handled"),
                }
            }
            if let (Some(scope), None, Some(at)) = (filter_scope, &filter_policy, scope_span) {
                cx.error_at(at, format!("`filter_scope = \"{scope}\"` says where `filter_policy` applies: add the policy"));
            }
            required("topic", topic.is_some(), "topic = Alerts");
            Some(EventKind::Sns(Box::new(Sns {
                topic: topic?,
                filter_policy,
                filter_scope,
                region,
                sqs,
            })))
        }
        "cognito" => {
            let (mut user_pool, mut triggers) = (None, Vec::new());
            for (key, item) in attr::keyed(cx, kind, COGNITO_KEYS, items) {
                match key {
                    "user_pool" => {
                        user_pool = attr::str_value(cx, item, key, "user_pool = \"Users\"");
                        if let Some(p) = &user_pool
                            && !crate::symbol::is_logical_id(&p.value())
                        {
                            cx.error_spanned_by(p, format!("SAM attaches the trigger to a user pool of the same template: name it by logical id, found `{}`", p.value().escape_debug()));
                        }
                    }
                    "triggers" => {
                        triggers = attr::str_list(cx, item, key, "triggers(\"PreSignUp\")");
                        for (i, t) in triggers.iter().enumerate() {
                            let v = t.value();
                            if !COGNITO_TRIGGERS.contains(&v.as_str()) {
                                cx.error_spanned_by(
                                    t,
                                    format!(
                                        "unknown Cognito trigger `{v}`{}\nexpected one of {}",
                                        crate::symbol::hint(&v, COGNITO_TRIGGERS),
                                        crate::symbol::list(COGNITO_TRIGGERS)
                                    ),
                                );
                            } else if triggers[..i].iter().any(|o| o.value() == v) {
                                cx.error_spanned_by(t, format!("duplicate trigger `{v}`"));
                            }
                        }
                    }
                    "name" => event_name(item, key, "name = \"SignUp\""),
                    _ => unreachable!("every key in COGNITO_KEYS is handled"),
                }
            }
            required("user_pool", user_pool.is_some(), "user_pool = \"Users\"");
            required("triggers", !triggers.is_empty(), "triggers(\"PreSignUp\")");
            Some(EventKind::Cognito {
                user_pool: user_pool?,
                triggers,
            })
        }
        _ => unreachable!("`parse` is called for its own kinds"),
    }
}

/// `input_transformer(paths(name = "$.detail.id", ..), template = "..")`.
fn input_transformer(cx: &Ctxt, node: &Node) -> Option<(Vec<(LitStr, LitStr)>, LitStr)> {
    let example =
        "input_transformer(paths(id = \"$.detail.id\"), template = \"{\\\"order\\\": <id>}\")";
    let items = attr::items_of(cx, node, "input_transformer", example)?;
    let (mut paths, mut template) = (Vec::new(), None);
    for (key, item) in attr::keyed(cx, "input_transformer", &["paths", "template"], items) {
        if key == "template" {
            template = attr::str_value(cx, item, key, "template = \"{\\\"order\\\": <id>}\"");
            if let Some(t) = template.as_ref().filter(|t| t.value().len() > 8192) {
                cx.error_spanned_by(t, "an input template is at most 8192 characters");
            }
            continue;
        }
        for p in attr::items_of(cx, item, key, "paths(id = \"$.detail.id\")").unwrap_or_default() {
            match attr::value_of(cx, p, "paths", "paths(id = \"$.detail.id\")") {
                Some(attr::Value::Lit(syn::Lit::Str(v))) => {
                    let k = p.key().expect("a `key = value` node");
                    if !v.value().starts_with('$') {
                        cx.error_spanned_by(
                            v,
                            format!(
                                "an input path is a JSONPath starting with `$`, found `{}`",
                                v.value()
                            ),
                        );
                    }
                    paths.push((
                        LitStr::new(k.to_string().trim_start_matches("r#"), k.span()),
                        v.clone(),
                    ));
                }
                Some(other) => cx.error_at(
                    other.span(),
                    "a path is a string: write `id = \"$.detail.id\"`",
                ),
                None => {}
            }
        }
        if paths.len() > 100 {
            cx.error_spanned_by(
                &paths[100].0,
                "an input transformer takes at most 100 paths",
            );
        }
    }
    if template.is_none() && !attr::has_key(items, "template") {
        cx.error_at(
            node.span(),
            format!("`input_transformer` needs `template`: write `{example}`"),
        );
    }
    Some((paths, template?))
}

/// `sqs_subscription` alone, or `sqs_subscription(queue = T, batch_size, enabled)`.
fn sqs_subscription(cx: &Ctxt, node: &Node) -> Option<Option<SnsQueue>> {
    let Node::List { items, .. } = node else {
        return attr::flag(cx, node, "sqs_subscription").then_some(None);
    };
    let (mut queue, mut batch_size, mut enabled) = (None, None, None);
    for (key, item) in attr::keyed(
        cx,
        "sqs_subscription",
        &["queue", "batch_size", "enabled"],
        items,
    ) {
        match key {
            "queue" => match attr::value_of(cx, item, key, "queue = Notifications") {
                Some(attr::Value::Path(p)) => queue = Some(p.clone()),
                Some(other) => cx.error_at(
                    other.span(),
                    "`queue` takes a queue type: write `queue = Notifications`",
                ),
                None => {}
            },
            "batch_size" => {
                batch_size = attr::int_value(cx, item, key, 1..=10, "messages").map(|v| v.0)
            }
            _ => enabled = attr::bool_value(cx, item, key).map(|b| b.value),
        }
    }
    if queue.is_none() && !attr::has_key(items, "queue") {
        cx.error_at(node.span(), "`sqs_subscription(..)` needs `queue`: write `sqs_subscription(queue = Notifications)`, or `sqs_subscription` alone to have SAM create the queue");
    }
    Some(Some(SnsQueue {
        queue: queue?,
        batch_size,
        enabled,
    }))
}

/// `auth(authorizer = "Name", scopes(..))`, `auth(none)` or `auth(iam)`.
pub(crate) fn route_auth(cx: &Ctxt, node: &Node) -> Option<RouteAuth> {
    let example = "auth(authorizer = \"Users\", scopes(\"orders/read\"))";
    let items = attr::items_of(cx, node, "auth", example)?;
    let (mut authorizer, mut scopes, mut none, mut iam) = (None, Vec::new(), false, false);
    for (key, item) in attr::keyed(cx, "auth", &["authorizer", "scopes", "none", "iam"], items) {
        match key {
            "authorizer" => authorizer = attr::str_value(cx, item, key, "authorizer = \"Users\""),
            "scopes" => scopes = attr::str_list(cx, item, key, "scopes(\"orders/read\")"),
            "none" => none = attr::flag(cx, item, key),
            _ => iam = attr::flag(cx, item, key),
        }
    }
    match (authorizer, none, iam) {
        (Some(a), false, false) => Some(RouteAuth::Authorizer(a, scopes)),
        (None, true, false) if scopes.is_empty() => Some(RouteAuth::None),
        (None, false, true) if scopes.is_empty() => Some(RouteAuth::Iam),
        (None, false, false) if !scopes.is_empty() => {
            cx.error_at(
                node.span(),
                "`scopes` apply to an authorizer: add `authorizer = \"Users\"`",
            );
            None
        }
        _ => {
            cx.error_at(node.span(), format!("`auth` takes one of `authorizer = \"..\"` (with `scopes(..)`), `none` or `iam`: write `{example}`"));
            None
        }
    }
}

/// `throttling(burst = n, rate = n)` of an API stage or route: both limits, or an error.
pub(crate) fn throttling(cx: &Ctxt, item: &Node, key: &str) -> Option<(u32, u32)> {
    let ex = "throttling(burst = 100, rate = 50)";
    let (mut burst, mut rate) = (None, None);
    for (k, i) in attr::keyed(
        cx,
        "throttling",
        &["burst", "rate"],
        attr::items_of(cx, item, key, ex).unwrap_or_default(),
    ) {
        if k == "burst" {
            burst = attr::int_value(cx, i, k, 0..=5000, "requests").map(|v| v.0);
        } else {
            rate = attr::int_value(cx, i, k, 0..=10000, "requests per second").map(|v| v.0);
        }
    }
    match (burst, rate) {
        (Some(b), Some(r)) => Some((b, r)),
        _ => {
            cx.error_at(
                item.span(),
                format!("`throttling` takes both limits: write `{ex}`"),
            );
            None
        }
    }
}

/// `request_model(model = "Order", required, validate_body, validate_parameters)` of a REST method.
pub(crate) fn request_model(cx: &Ctxt, node: &Node) -> Option<(LitStr, bool, bool, bool)> {
    let example = "request_model(model = \"Order\", required, validate_body)";
    let items = attr::items_of(cx, node, "request_model", example)?;
    let (mut model, mut required, mut body, mut params) = (None, false, false, false);
    for (key, item) in attr::keyed(
        cx,
        "request_model",
        &["model", "required", "validate_body", "validate_parameters"],
        items,
    ) {
        match key {
            "model" => model = attr::str_value(cx, item, key, "model = \"Order\""),
            "required" => required = attr::flag(cx, item, key),
            "validate_body" => body = attr::flag(cx, item, key),
            _ => params = attr::flag(cx, item, key),
        }
    }
    if model.is_none() && !attr::has_key(items, "model") {
        cx.error_at(
            node.span(),
            format!("`request_model` needs `model`: write `{example}`"),
        );
    }
    Some((model?, required, body, params))
}

/// `request_parameters(required("method.request.querystring.page"), optional("method.request.header.X-Trace"))`.
pub(crate) fn request_parameters(cx: &Ctxt, node: &Node) -> Vec<(LitStr, bool)> {
    let example = "request_parameters(required(\"method.request.querystring.page\"))";
    let mut out: Vec<(LitStr, bool)> = Vec::new();
    let items = attr::items_of(cx, node, "request_parameters", example).unwrap_or_default();
    for (key, item) in attr::keyed_repeating(
        cx,
        "request_parameters",
        &["required", "optional"],
        &["required", "optional"],
        items,
    ) {
        for p in attr::str_list(cx, item, key, example) {
            let v = p.value();
            let valid = [
                "method.request.header.",
                "method.request.querystring.",
                "method.request.path.",
            ]
            .iter()
            .any(|prefix| v.strip_prefix(prefix).is_some_and(|n| !n.is_empty()));
            if !valid {
                cx.error_spanned_by(&p, format!("a request parameter is `method.request.header.<name>`, `method.request.querystring.<name>` or `method.request.path.<name>`, found `{}`", v.escape_debug()));
            } else if out.iter().any(|(o, _)| o.value() == v) {
                cx.error_spanned_by(&p, format!("duplicate request parameter `{v}`"));
            }
            out.push((p, key == "required"));
        }
    }
    out
}
