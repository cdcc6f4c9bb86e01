//! The function keys that take nested options: `event_invoke(..)`, `runtime_management(..)`, `file_system(..)`,
//! `vpc(..)`, `image_config(..)` and `assume_role(..)`.

use syn::{LitStr, Path};

use crate::attr::{self, Node};
use crate::ctxt::Ctxt;
use crate::symbol::*;

/// `event_invoke(max_age, max_retries, on_success = T, on_failure = T)`.
pub struct EventInvoke {
    pub max_age: Option<u32>,
    pub max_retries: Option<u32>,
    pub on_success: Option<Path>,
    pub on_failure: Option<Path>,
}

/// `runtime_management(update = "..", version = "..")`.
pub struct RuntimeManagement {
    pub update: &'static str,
    pub version: Option<LitStr>,
}

/// `file_system(efs = "..", access_point = "..", mount = "/mnt/..", read_only)`.
pub struct FileSystem {
    pub efs: LitStr,
    pub access_point: LitStr,
    pub mount: LitStr,
    pub read_only: bool,
}

/// `vpc(network = T, subnets = "private" | "isolated", security_groups(G, ..))`.
pub struct Vpc {
    pub network: Path,
    pub subnets: &'static str,
    pub security_groups: Vec<Path>,
}

/// `image_config(command(..), entry_point(..), working_directory = "..")`.
#[derive(Default)]
pub struct ImageConfig {
    pub command: Vec<LitStr>,
    pub entry_point: Vec<LitStr>,
    pub working_directory: Option<LitStr>,
}

/// A queue or topic type as `key = T`.
fn destination(cx: &Ctxt, item: &Node, key: &str) -> Option<Path> {
    match attr::value_of(cx, item, key, &format!("{key} = Processed"))? {
        attr::Value::Path(p) => Some(p.clone()),
        other => {
            cx.error_at(
                other.span(),
                format!("`{key}` takes a queue or topic type: write `{key} = Processed`"),
            );
            None
        }
    }
}

pub fn event_invoke(cx: &Ctxt, node: &Node) -> Option<EventInvoke> {
    let example = "event_invoke(max_retries = 0, on_failure = Failed)";
    let items = attr::items_of(cx, node, "event_invoke", example)?;
    let mut e = EventInvoke {
        max_age: None,
        max_retries: None,
        on_success: None,
        on_failure: None,
    };
    for (key, item) in attr::keyed(cx, "event_invoke", EVENT_INVOKE_KEYS, items) {
        match key {
            "max_age" => {
                e.max_age = attr::int_value(cx, item, key, 60..=21600, "seconds").map(|v| v.0)
            }
            "max_retries" => {
                e.max_retries = attr::int_value(cx, item, key, 0..=2, "retries").map(|v| v.0)
            }
            "on_success" => e.on_success = destination(cx, item, key),
            "on_failure" => e.on_failure = destination(cx, item, key),
            _ => unreachable!("every key in EVENT_INVOKE_KEYS is handled"),
        }
    }
    if items.is_empty() {
        cx.error_at(
            node.span(),
            format!("`event_invoke` sets nothing: write `{example}`"),
        );
    }
    Some(e)
}

pub fn runtime_management(cx: &Ctxt, node: &Node) -> Option<RuntimeManagement> {
    let example = "runtime_management(update = \"FunctionUpdate\")";
    let items = attr::items_of(cx, node, "runtime_management", example)?;
    let (mut update, mut version) = (None, None);
    for (key, item) in attr::keyed(cx, "runtime_management", RUNTIME_MANAGEMENT_KEYS, items) {
        match key {
            "update" => update = attr::choice_value(cx, item, key, RUNTIME_UPDATES),
            "version" => {
                version = attr::str_value(
                    cx,
                    item,
                    key,
                    "version = \"arn:aws:lambda:us-east-1::runtime:<hash>\"",
                );
                if let Some(v) = &version {
                    let text = v.value();
                    if !(text.contains("${")
                        || text.starts_with("arn:") && text.contains(":runtime:"))
                    {
                        cx.error_spanned_by(v, format!("a runtime version is an ARN `arn:<partition>:lambda:<region>::runtime:<id>`, found `{}`", text.escape_debug()));
                    }
                }
            }
            _ => unreachable!("every key in RUNTIME_MANAGEMENT_KEYS is handled"),
        }
    }
    if update.is_none() && !attr::has_key(items, "update") {
        cx.error_at(
            node.span(),
            format!("`runtime_management` needs `update`: write `{example}`"),
        );
    }
    let update = update?;
    match (update, &version) {
        ("Manual", None) => cx.error_at(node.span(), "`update = \"Manual\"` pins a runtime version: add `version = \"arn:aws:lambda:<region>::runtime:<id>\"`"),
        ("Auto" | "FunctionUpdate", Some(v)) => cx.error_spanned_by(v, format!("a runtime `version` applies with `update = \"Manual\"` alone; with `{update}` Lambda picks the version")),
        _ => {}
    }
    Some(RuntimeManagement { update, version })
}

pub fn file_system(cx: &Ctxt, node: &Node) -> Option<FileSystem> {
    let example = "file_system(efs = \"${Models.Arn}\", access_point = \"${ModelsAccessPoint.Arn}\", mount = \"/mnt/models\")";
    let items = attr::items_of(cx, node, "file_system", example)?;
    let (mut efs, mut access_point, mut mount, mut read_only) = (None, None, None, false);
    for (key, item) in attr::keyed(cx, "file_system", FILE_SYSTEM_KEYS, items) {
        match key {
            "efs" => {
                efs = attr::str_value(cx, item, key, "efs = \"${Models.Arn}\"");
                if let Some(a) = &efs {
                    let v = a.value();
                    if !(v.contains("${") || v.starts_with("arn:") && v.contains(":file-system/")) {
                        cx.error_spanned_by(a, format!("`efs` is a file system ARN `arn:<partition>:elasticfilesystem:<region>:<account>:file-system/fs-...` or a `${{...}}` substitution naming one, found `{}`", v.escape_debug()));
                    }
                }
            }
            "read_only" => read_only = attr::flag(cx, item, key),
            "access_point" => {
                access_point =
                    attr::str_value(cx, item, key, "access_point = \"${ModelsAccessPoint.Arn}\"");
                if let Some(a) = &access_point {
                    let v = a.value();
                    if !(v.contains("${") || v.starts_with("arn:") && v.contains(":access-point/"))
                    {
                        cx.error_spanned_by(a, format!("an EFS access point is an ARN `arn:<partition>:elasticfilesystem:<region>:<account>:access-point/fsap-...` or a `${{...}}` substitution naming one, found `{}`", v.escape_debug()));
                    }
                }
            }
            "mount" => {
                mount = attr::str_value(cx, item, key, "mount = \"/mnt/models\"");
                if let Some(m) = &mount {
                    let v = m.value();
                    let name = v.strip_prefix("/mnt/").unwrap_or("");
                    let valid = !name.is_empty()
                        && v.len() <= 160
                        && name
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
                    if !valid {
                        cx.error_spanned_by(m, format!("Lambda mounts file systems at `/mnt/<name>` (letters, digits, `-`, `_`, `.`), found `{}`", v.escape_debug()));
                    }
                }
            }
            _ => unreachable!("every key in FILE_SYSTEM_KEYS is handled"),
        }
    }
    attr::require(
        cx,
        node.span(),
        "file_system",
        items,
        &[
            ("efs", efs.is_some(), "efs = \"${Models.Arn}\""),
            (
                "access_point",
                access_point.is_some(),
                "access_point = \"${ModelsAccessPoint.Arn}\"",
            ),
            ("mount", mount.is_some(), "mount = \"/mnt/models\""),
        ],
    );
    Some(FileSystem {
        efs: efs?,
        access_point: access_point?,
        mount: mount?,
        read_only,
    })
}

pub fn vpc(cx: &Ctxt, node: &Node) -> Option<Vpc> {
    let example = "vpc(network = AppVpc, security_groups(FunctionSg))";
    let items = attr::items_of(cx, node, "vpc", example)?;
    let (mut network, mut subnets, mut groups) = (None, "private", Vec::new());
    for (key, item) in attr::keyed(cx, "vpc", FUNCTION_VPC_KEYS, items) {
        match key {
            "network" => match attr::value_of(cx, item, key, "network = AppVpc") {
                Some(attr::Value::Path(p)) => network = Some(p.clone()),
                Some(other) => cx.error_at(
                    other.span(),
                    "`network` takes a type declared with `#[cf_resources(vpc(..))]`: write `network = AppVpc`",
                ),
                None => {}
            },
            "subnets" => {
                if let Some(lit) = attr::str_value(cx, item, key, "subnets = \"private\"") {
                    match lit.value().as_str() {
                        "private" => subnets = "private",
                        "isolated" => subnets = "isolated",
                        "public" => cx.error_spanned_by(&lit, "a function in public subnets cannot reach the internet (Lambda gives its network interfaces no public IP): use `\"private\"` subnets, which reach it through a NAT gateway, or `\"isolated\"` ones"),
                        other => cx.error_spanned_by(&lit, format!("invalid `subnets` `{other}`\nexpected one of `private`, `isolated`")),
                    }
                }
            }
            "security_groups" => {
                groups = attr::type_list(cx, item, key, "security_groups(FunctionSg)");
                if groups.len() > 5 {
                    cx.error_spanned_by(&groups[5], "a function takes at most 5 security groups (Lambda's limit)");
                }
            }
            _ => unreachable!("every key in FUNCTION_VPC_KEYS is handled"),
        }
    }
    if network.is_none() && !attr::has_key(items, "network") {
        cx.error_at(
            node.span(),
            format!("`vpc` needs `network`: write `{example}`"),
        );
    }
    if groups.is_empty() && !attr::has_key(items, "security_groups") {
        cx.error_at(node.span(), format!("`vpc` needs `security_groups(..)`: the function's network interfaces take at least one; write `{example}`"));
    }
    Some(Vpc {
        network: network?,
        subnets,
        security_groups: groups,
    })
}

pub fn image_config(cx: &Ctxt, node: &Node) -> Option<ImageConfig> {
    let example = "image_config(command(\"serve\"), working_directory = \"/app\")";
    let items = attr::items_of(cx, node, "image_config", example)?;
    let mut c = ImageConfig::default();
    for (key, item) in attr::keyed(cx, "image_config", IMAGE_CONFIG_KEYS, items) {
        match key {
            "command" => {
                c.command =
                    attr::str_list(cx, item, key, "command(\"serve\", \"--port\", \"8080\")")
            }
            "entry_point" => {
                c.entry_point = attr::str_list(cx, item, key, "entry_point(\"/app/bootstrap\")")
            }
            "working_directory" => {
                c.working_directory =
                    attr::str_value(cx, item, key, "working_directory = \"/app\"");
                if let Some(d) = c
                    .working_directory
                    .as_ref()
                    .filter(|d| !d.value().starts_with('/'))
                {
                    cx.error_spanned_by(
                        d,
                        format!(
                            "`working_directory` is an absolute path, found `{}`",
                            d.value()
                        ),
                    );
                }
            }
            _ => unreachable!("every key in IMAGE_CONFIG_KEYS is handled"),
        }
    }
    for (list, key) in [(&c.command, "command"), (&c.entry_point, "entry_point")] {
        if list.len() > 1500 {
            cx.error_spanned_by(&list[1500], format!("`{key}` takes at most 1500 strings"));
        }
    }
    Some(c)
}

/// `assume_role(services("lambda.amazonaws.com", "edgelambda.amazonaws.com"))`: who may assume the role SAM
/// creates.
pub fn assume_role(cx: &Ctxt, node: &Node) -> Vec<LitStr> {
    let example = "assume_role(services(\"lambda.amazonaws.com\", \"edgelambda.amazonaws.com\"))";
    let mut out = Vec::new();
    let Some(items) = attr::items_of(cx, node, "assume_role", example) else {
        return out;
    };
    for (key, item) in attr::keyed(cx, "assume_role", &["services"], items) {
        out = attr::str_list(cx, item, key, example);
        for s in &out {
            let v = s.value();
            let valid = v.ends_with(".amazonaws.com")
                && v.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-')
                });
            if !valid {
                cx.error_spanned_by(
                    s,
                    format!(
                        "a service principal is `<service>.amazonaws.com`, found `{}`",
                        v.escape_debug()
                    ),
                );
            }
        }
    }
    if out.is_empty() && !items.iter().any(|n| n.key().is_some()) {
        cx.error_at(
            node.span(),
            format!("`assume_role` names the services that may assume the role: write `{example}`"),
        );
    } else if !out.iter().any(|s| s.value() == "lambda.amazonaws.com") && !out.is_empty() {
        cx.error_spanned_by(&out[0], "the function's role must let `lambda.amazonaws.com` assume it, or the function cannot run: add it to `services(..)`");
    }
    out
}

/// `deployment(strategy, alarms(..), pre_traffic = handler, post_traffic = handler, enabled, role, notify(..))`.
pub struct Deployment {
    pub strategy: &'static str,
    pub alarms: Vec<Path>,
    pub pre_traffic: Option<Path>,
    pub post_traffic: Option<Path>,
    pub enabled: Option<bool>,
    pub role: Option<LitStr>,
    /// `notify(topic = T, events(..))`.
    pub notify: Vec<(Path, Vec<LitStr>)>,
}

pub fn deployment(cx: &Ctxt, node: &Node) -> Option<Deployment> {
    let example = "deployment(strategy = \"Canary10Percent5Minutes\", alarms(ErrorsAlarm))";
    let items = attr::items_of(cx, node, "deployment", example)?;
    let mut d = Deployment {
        strategy: "",
        alarms: Vec::new(),
        pre_traffic: None,
        post_traffic: None,
        enabled: None,
        role: None,
        notify: Vec::new(),
    };
    let mut strategy = None;
    let handler = |item: &Node, key: &str| match attr::value_of(
        cx,
        item,
        key,
        &format!("{key} = check_new_version"),
    ) {
        Some(attr::Value::Path(p)) => Some(p.clone()),
        Some(other) => {
            cx.error_at(other.span(), format!("`{key}` names a `#[cf_function]` handler by its path: write `{key} = check_new_version`"));
            None
        }
        None => None,
    };
    for (key, item) in attr::keyed_repeating(cx, "deployment", DEPLOYMENT_KEYS, &["notify"], items)
    {
        match key {
            "strategy" => strategy = attr::choice_value(cx, item, key, DEPLOYMENT_STRATEGIES),
            "alarms" => d.alarms = attr::type_list(cx, item, key, "alarms(ErrorsAlarm)"),
            "pre_traffic" => d.pre_traffic = handler(item, key),
            "post_traffic" => d.post_traffic = handler(item, key),
            "enabled" => d.enabled = attr::bool_value(cx, item, key).map(|b| b.value),
            "role" => d.role = attr::str_value(cx, item, key, "role = \"${DeployRole.Arn}\""),
            _ => {
                let ex = "notify(topic = Alerts, events(\"DeploymentFailure\"))";
                let (mut topic, mut events) = (None, Vec::new());
                for (k, i) in attr::keyed(
                    cx,
                    "notify",
                    &["topic", "events"],
                    attr::items_of(cx, item, key, ex).unwrap_or_default(),
                ) {
                    if k == "topic" {
                        match attr::value_of(cx, i, k, "topic = Alerts") {
                            Some(attr::Value::Path(p)) => topic = Some(p.clone()),
                            Some(other) => cx.error_at(
                                other.span(),
                                "`topic` takes a topic type: write `topic = Alerts`",
                            ),
                            None => {}
                        }
                    } else {
                        events = attr::str_list(cx, i, k, "events(\"DeploymentFailure\")");
                        for e in &events {
                            if !DEPLOYMENT_EVENTS.contains(&e.value().as_str()) {
                                cx.error_spanned_by(
                                    e,
                                    format!(
                                        "unknown deployment event `{}`{}\nexpected one of {}",
                                        e.value(),
                                        crate::symbol::hint(&e.value(), DEPLOYMENT_EVENTS),
                                        crate::symbol::list(DEPLOYMENT_EVENTS)
                                    ),
                                );
                            }
                        }
                    }
                }
                match (topic, events.is_empty()) {
                    (Some(t), false) => d.notify.push((t, events)),
                    _ => cx.error_at(
                        item.span(),
                        format!("`notify` needs a `topic` and its `events`: write `{ex}`"),
                    ),
                }
            }
        }
    }
    if strategy.is_none() && !attr::has_key(items, "strategy") {
        cx.error_at(
            node.span(),
            format!("`deployment` needs `strategy`: write `{example}`"),
        );
    }
    if d.alarms.len() > 10 {
        cx.error_spanned_by(&d.alarms[10], "a deployment group takes at most 10 alarms");
    }
    d.strategy = strategy?;
    Some(d)
}
