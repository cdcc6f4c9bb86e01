//! Rules across keys and against the type: key fields exist, options fit the shortcut.

use proc_macro2::Span;
use syn::LitStr;

use super::args::{Field, Shortcut, Spec};
use crate::attr::Target;
use crate::ctxt::Ctxt;
use crate::symbol::{self, FARGATE_SIZES, is_logical_id};

pub struct Checked {
    pub spec: Spec,
    pub logical_id: String,
    /// The environment variable carrying the resource's `Ref` into functions.
    pub env: String,
    /// `vpc(..)` with its defaults filled in.
    pub vpc: Option<VpcPlan>,
}

/// A `vpc(..)` as the template will have it.
pub struct VpcPlan {
    pub cidr: String,
    pub name: Option<String>,
    pub max_azs: u8,
    pub nat_gateways: u8,
    /// `(kind, cidr_mask)` in allocation order.
    pub groups: Vec<(&'static str, u8)>,
    pub dns: bool,
    pub flow_logs: Option<(u32, &'static str)>,
    pub gateway_endpoints: Vec<String>,
    pub interface_endpoints: Vec<String>,
}

/// `10.0.0.0/16` as `(address, prefix)`, or why it is not a VPC range.
fn vpc_cidr(text: &str) -> Result<(u32, u32), String> {
    let bad = || {
        format!(
            "`cidr` is an IPv4 range `a.b.c.d/n` with n in 16..=28 (a VPC's sizes), found `{}`",
            text.escape_debug()
        )
    };
    let (address, prefix, network) = ipv4_range(text).ok_or_else(bad)?;
    if !(16..=28).contains(&prefix)
        || text
            .split_once('/')
            .is_some_and(|(_, p)| p.starts_with('0'))
    {
        return Err(bad());
    }
    if network != address {
        return Err(format!(
            "`{text}` has host bits set: the /{prefix} range there starts at `{}/{prefix}`",
            std::net::Ipv4Addr::from(network)
        ));
    }
    Ok((address, prefix))
}

/// `a.b.c.d/n` (n in 0..=32) as its address, prefix length and network address.
pub(crate) fn ipv4_range(text: &str) -> Option<(u32, u32, u32)> {
    let (ip, prefix) = text.split_once('/')?;
    let address = u32::from(ip.parse::<std::net::Ipv4Addr>().ok()?);
    let prefix = prefix.parse::<u32>().ok().filter(|p| *p <= 32)?;
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    };
    Some((address, prefix, address & mask))
}

/// An IPv4 (`a.b.c.d/n`, n in 0..=32, no host bits) or IPv6 (`..:../n`) range, or why it is not one.
fn rule_cidr(text: &str) -> Result<(), String> {
    let bad = || {
        format!(
            "a peer range is IPv4 `a.b.c.d/n` or IPv6 `x:x::/n`, found `{}`",
            text.escape_debug()
        )
    };
    if let Some((ip, prefix)) = text.split_once('/')
        && ip.contains(':')
    {
        return match (ip.parse::<std::net::Ipv6Addr>(), prefix.parse::<u32>()) {
            (Ok(_), Ok(p)) if p <= 128 => Ok(()),
            _ => Err(bad()),
        };
    }
    let (address, prefix, network) = ipv4_range(text).ok_or_else(bad)?;
    if network != address {
        return Err(format!(
            "`{text}` has host bits set: the /{prefix} range there is `{}/{prefix}`",
            std::net::Ipv4Addr::from(network)
        ));
    }
    Ok(())
}

fn check_security_group(cx: &Ctxt, g: &super::args::SecurityGroup) {
    if g.vpc.is_none() {
        cx.error_at(
            g.span,
            "`security_group` needs `vpc = T`: the type that declares the VPC with `#[cf_resources(vpc(..))]`",
        );
    }
    for (what, peer_key, rules) in [("ingress", "from", &g.ingress), ("egress", "to", &g.egress)] {
        for r in rules {
            match &r.peer {
                None => cx.error_at(
                    r.span,
                    format!("`{what}` needs `{peer_key}`: a CIDR range (`{peer_key} = \"0.0.0.0/0\"`) or a security group type (`{peer_key} = AppWebAlbSg`)"),
                ),
                Some(super::args::SgPeer::Cidr(c)) => {
                    if let Err(e) = rule_cidr(&c.value()) {
                        cx.error_spanned_by(c, e);
                    }
                }
                Some(super::args::SgPeer::Group(_)) => {}
            }
            match (r.protocol.map(|p| p.0), &r.ports) {
                (_, None) if r.ports_written => {}
                (Some("all"), Some((_, span))) => cx.error_at(
                    *span,
                    "`protocol = \"all\"` opens every port: drop the port, or name the protocol (`tcp`, `udp`)",
                ),
                (None | Some("tcp" | "udp"), None) => cx.error_at(
                    r.span,
                    format!("`{what}` needs the ports it opens: `port = 443` or `ports(8000, 8100)` (or `protocol = \"all\"` for every port)"),
                ),
                _ => {}
            }
        }
    }
}

fn check_cluster(cx: &Ctxt, c: &super::args::EcsCluster) {
    if c.vpc.is_none() {
        cx.error_at(
            c.span,
            "`ecs_cluster` needs `vpc = T`: the type that declares the VPC with `#[cf_resources(vpc(..))]`",
        );
    }
}

fn check_alarm(cx: &Ctxt, a: &super::args::Alarm) {
    let missing: Vec<&str> = [
        ("metric", "metric = cpu(App)"),
        ("threshold", "threshold = 80"),
    ]
    .into_iter()
    .filter_map(|(k, example)| (!a.written.contains(&k)).then_some(example))
    .collect();
    if !missing.is_empty() {
        cx.error_at(a.span, format!("`alarm` needs {}", symbol::list(&missing)));
    }
    if let Some((period, lit)) = &a.period
        && !matches!(period, 10 | 20 | 30)
        && period % 60 != 0
    {
        cx.error_spanned_by(
            lit,
            format!("CloudWatch evaluates periods of 10, 20 or 30 seconds or a multiple of 60, found {period}"),
        );
    }
    let period = a.period.as_ref().map_or(300, |p| p.0);
    let periods = a.periods.as_ref().map_or(1, |p| p.0);
    if let Some((n, lit)) = &a.periods
        && period >= 60
        && period * n > 86_400
    {
        cx.error_spanned_by(
            lit,
            format!(
                "{n} periods of {period} seconds span more than a day, the most an alarm evaluates"
            ),
        );
    }
    if let Some((d, lit)) = &a.datapoints
        && *d > periods
    {
        cx.error_spanned_by(
            lit,
            format!("`datapoints` ({d}) is more than the `periods` ({periods}) evaluated"),
        );
    }
}

fn check_dashboard(cx: &Ctxt, d: &super::args::Dashboard) {
    if let Some(name) = &d.name {
        let v = name.value();
        if v.is_empty()
            || v.len() > 255
            || !v
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            cx.error_spanned_by(
                name,
                format!(
                    "a dashboard name is 1 to 255 ASCII letters, digits, `-` and `_`, found `{}`",
                    v.escape_debug()
                ),
            );
        }
    }
    for w in &d.widgets {
        if let super::args::Widget::Graph {
            period: Some((period, lit)),
            ..
        } = w
            && !matches!(period, 1 | 5 | 10 | 30)
            && period % 60 != 0
        {
            cx.error_spanned_by(
                lit,
                format!(
                    "a graph's period is 1, 5, 10 or 30 seconds or a multiple of 60, found {period}"
                ),
            );
        }
    }
}

fn check_fargate(cx: &Ctxt, f: &super::args::Fargate) {
    let missing: Vec<&str> = [
        ("cluster", "cluster = AppCluster"),
        ("image", "image = WebImage"),
        ("port", "port = 8000"),
        ("security_group", "security_group = WebSg"),
    ]
    .into_iter()
    .filter_map(|(k, example)| (!f.written.contains(&k)).then_some(example))
    .collect();
    if !missing.is_empty() {
        cx.error_at(
            f.span,
            format!("`fargate_service` needs {}", symbol::list(&missing)),
        );
    }
    // Fargate's task sizes: a CPU size, then the memory it allows.
    let cpu = f.cpu.as_ref().map_or(256, |c| c.0);
    match FARGATE_SIZES.iter().find(|(c, _)| *c == cpu) {
        None => {
            let sizes: Vec<u32> = FARGATE_SIZES.iter().map(|s| s.0).collect();
            if let Some((_, lit)) = &f.cpu {
                cx.error_spanned_by(
                    lit,
                    format!(
                        "Fargate has no task of {cpu} CPU units\nexpected one of {}",
                        symbol::list(&sizes)
                    ),
                );
            }
        }
        Some((_, (first, last, step))) => {
            if let Some((memory, lit)) = &f.memory {
                let fits = if cpu == 256 {
                    [512, 1024, 2048].contains(memory)
                } else {
                    (first..=last).contains(&memory) && (memory - first) % step == 0
                };
                if !fits {
                    let allowed = if cpu == 256 {
                        "512, 1024 or 2048 MiB".to_owned()
                    } else {
                        format!("{first} to {last} MiB in steps of {step}")
                    };
                    cx.error_spanned_by(
                        lit,
                        format!("a Fargate task of {cpu} CPU units has {allowed}, found {memory}"),
                    );
                }
            } else if let Some((_, lit)) = &f.cpu
                && cpu != 256
            {
                cx.error_spanned_by(
                    lit,
                    format!("a Fargate task of {cpu} CPU units needs `memory`: {first} to {last} MiB in steps of {step}"),
                );
            }
        }
    }
    if let Some(name) = &f.name {
        let v = name.value();
        let valid = (1..=28).contains(&v.len())
            && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !v.starts_with('-')
            && !v.ends_with('-');
        if !valid {
            cx.error_spanned_by(
                name,
                format!("`name` is 1 to 28 letters, digits or inner hyphens (it also names the load balancer `<name>-alb`, at most 32), found `{}`", v.escape_debug()),
            );
        }
    }
    if let Some(("isolated", span)) = f.subnets {
        cx.error_at(
            span,
            "tasks in isolated subnets cannot pull their image or write their logs: that needs VPC endpoints for ECR, S3 and CloudWatch Logs, which `vpc(..)` does not declare; use `\"private\"` (through NAT) or `\"public\"`",
        );
    }
    if let Some(lb) = &f.load_balancer {
        match lb.schemes[..] {
            [_] => {}
            [] => cx.error_at(lb.span, "`load_balancer` needs `internet_facing` (public subnets, reachable from the internet) or `internal` (the tasks' subnets, reachable inside the VPC)"),
            [_, (_, span), ..] => cx.error_at(span, "a load balancer is `internet_facing` or `internal`, not both"),
        }
        if lb.security_group.is_none() {
            cx.error_at(lb.span, "`load_balancer` needs `security_group = T`: the group that admits its clients, declared with `#[cf_resources(security_group(..))]`");
        }
        if let Some(h) = &lb.health_check
            && !h.value().starts_with('/')
        {
            cx.error_spanned_by(
                h,
                format!(
                    "`health_check` is a path, `/health`, found `{}`",
                    h.value().escape_debug()
                ),
            );
        }
    }
    if let Some(s) = &f.scaling {
        match (&s.min, &s.max) {
            (Some((min, _)), Some((max, lit))) if max < min => cx.error_spanned_by(
                lit,
                format!("`max` ({max}) is below `min` ({min}): scaling runs between the two"),
            ),
            (Some(_), Some((0, lit))) => cx.error_spanned_by(lit, "`max` = 0 never runs a task"),
            (Some(_), Some(_)) => {}
            _ => cx.error_at(s.span, "`scaling` needs `min` and `max`: the fewest and the most tasks, `scaling(min = 2, max = 4, cpu_target = 70)`"),
        }
        if s.cpu_target.is_none() && s.memory_target.is_none() {
            cx.error_at(s.span, "`scaling` needs what it tracks: `cpu_target = 70` and/or `memory_target = 70` (average utilization, percent)");
        }
    }
}

fn check_vpc(cx: &Ctxt, v: &super::args::Vpc) -> Option<VpcPlan> {
    let Some(cidr) = &v.cidr else {
        cx.error_at(
            v.span,
            "`vpc` needs `cidr`: the VPC's IPv4 range, e.g. `cidr = \"10.0.0.0/16\"`",
        );
        return None;
    };
    let (base, prefix) = match vpc_cidr(&cidr.value()) {
        Ok(c) => c,
        Err(e) => {
            cx.error_spanned_by(cidr, e);
            return None;
        }
    };
    let max_azs = v.max_azs.as_ref().map_or(2, |(n, _)| *n);
    let written: Vec<&super::args::SubnetGroup> = v.subnets.iter().flatten().collect();
    if v.subnets.as_ref().is_some_and(Vec::is_empty) {
        cx.error_at(
            v.subnets_span.unwrap_or(v.span),
            "`subnets` lists at least one group: `public(..)`, `private(..)` or `isolated(..)`",
        );
        return None;
    }
    let kinds: Vec<&'static str> = if written.is_empty() {
        vec!["public", "private"]
    } else {
        written.iter().map(|g| g.kind).collect()
    };
    // An unsized group gets an even share of the range, as CDK's default split does.
    let count = (kinds.len() as u32 * max_azs).next_power_of_two();
    let even = prefix + count.trailing_zeros();
    let mut groups = Vec::new();
    for (i, kind) in kinds.iter().enumerate() {
        let mask = match written.get(i).and_then(|g| g.cidr_mask.as_ref()) {
            Some((m, lit)) => {
                if *m < prefix {
                    cx.error_spanned_by(
                        lit,
                        format!("`cidr_mask = {m}` is larger than the VPC itself (`{}`): a subnet's mask is {prefix} or more", cidr.value()),
                    );
                    return None;
                }
                *m
            }
            None if even > 28 => {
                cx.error_at(
                    written.get(i).map_or(v.span, |g| g.key.span()),
                    format!("an even split of `{}` over {} subnets would be smaller than /28: give each group a `cidr_mask`", cidr.value(), kinds.len() as u32 * max_azs),
                );
                return None;
            }
            None => even,
        };
        groups.push((*kind, mask as u8));
    }
    // The allocation infra-core makes (model/vpc.rs), to refuse here what would not fit.
    let end = u64::from(base) + (1u64 << (32 - prefix));
    let mut next = u64::from(base);
    for (_, mask) in &groups {
        let size = 1u64 << (32 - u32::from(*mask));
        for _ in 0..max_azs {
            next = next.div_ceil(size) * size + size;
        }
    }
    if next > end {
        let sizes: Vec<String> = groups.iter().map(|(k, m)| format!("{k} /{m}")).collect();
        cx.error_at(
            v.subnets_span.unwrap_or(v.span),
            format!(
                "the subnets do not fit in `{}`: {max_azs} AZs of {} need {} addresses, the range has {}",
                cidr.value(),
                sizes.join(", "),
                next - u64::from(base),
                end - u64::from(base)
            ),
        );
        return None;
    }
    let has = |k: &str| kinds.contains(&k);
    let nat_gateways = match &v.nat_gateways {
        Some((n, lit)) => {
            if *n > max_azs {
                cx.error_spanned_by(
                    lit,
                    format!("`nat_gateways = {n}` is more than `max_azs = {max_azs}`: a NAT gateway goes in the public subnet of one AZ, at most one per AZ"),
                );
            } else if *n > 0 && !has("public") {
                cx.error_spanned_by(
                    lit,
                    "NAT gateways live in public subnets: add `public(..)` to `subnets`, or set `nat_gateways = 0`",
                );
            }
            *n
        }
        None if has("private") => max_azs,
        None => 0,
    };
    if nat_gateways == 0 && has("private") {
        let span = written
            .iter()
            .find(|g| g.kind == "private")
            .map_or(v.span, |g| g.key.span());
        cx.error_at(
            span,
            "`private` subnets reach the internet through a NAT gateway, and `nat_gateways = 0`: use `isolated(..)` for subnets with no route out, or allow a NAT gateway",
        );
    }
    if let Some(name) = &v.name
        && !(1..=255).contains(&name.value().chars().count())
    {
        cx.error_spanned_by(name, "a `Name` tag is 1 to 255 characters");
    }
    let (gateway, interface) = match &v.endpoints {
        Some((g, i, span)) => {
            if !i.is_empty() && !v.dns {
                cx.error_at(*span, "interface endpoints answer on the services' own names through private DNS, which needs the VPC's DNS: remove `dns = false`");
            }
            let names = |l: &[LitStr]| l.iter().map(LitStr::value).collect::<Vec<_>>();
            (names(g), names(i))
        }
        None => (Vec::new(), Vec::new()),
    };
    Some(VpcPlan {
        gateway_endpoints: gateway,
        interface_endpoints: interface,
        cidr: cidr.value(),
        name: v.name.as_ref().map(LitStr::value),
        max_azs: max_azs as u8,
        nat_gateways: nat_gateways.min(max_azs) as u8,
        groups,
        dns: v.dns,
        flow_logs: v.flow_logs,
    })
}

/// `FileRecord` → `FILE_RECORD`.
pub fn screaming(id: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = id.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let boundary = i > 0
            && c.is_ascii_uppercase()
            && (chars[i - 1].is_ascii_lowercase()
                || chars[i - 1].is_ascii_digit()
                || chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase()));
        if boundary {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// The environment variable of a resource: `FILES_TABLE_NAME`, `UPLOAD_BUCKET_NAME`, `JOBS_QUEUE_URL`,
/// `ALERTS_TOPIC_ARN` (the kind word is not repeated when the id already ends with it).
fn env_name(id: &str, kind: &str, suffix: &str) -> String {
    let base = screaming(id);
    let base = base.strip_suffix(&format!("_{kind}")).unwrap_or(&base);
    format!("{base}_{kind}_{suffix}")
}

/// The field `lit` names, by its Rust name or the name it serializes to, or an error on `lit` listing the
/// fields.
pub fn field<'s>(cx: &Ctxt, spec: &'s Spec, lit: &LitStr) -> Option<&'s Field> {
    let name = lit.value();
    if let Some(f) = spec
        .fields
        .iter()
        .find(|f| f.rust == name)
        .or_else(|| spec.fields.iter().find(|f| f.name == name))
    {
        return Some(f);
    }
    let names: Vec<&str> = spec.fields.iter().map(|f| f.rust.as_str()).collect();
    let listed = if names.is_empty() {
        "it has no named fields".to_owned()
    } else {
        format!("its fields are {}", symbol::list(&names))
    };
    let hint = symbol::did_you_mean(&name, &names)
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default();
    cx.error_spanned_by(
        lit,
        format!("`{}` has no field `{name}`{hint}; {listed}", spec.ident),
    );
    None
}

/// CloudFormation's parameter types (besides `AWS::SSM::Parameter::Value<...>` of one of them).
const PARAMETER_TYPES: &[&str] = &[
    "String",
    "Number",
    "List<Number>",
    "CommaDelimitedList",
    "AWS::EC2::AvailabilityZone::Name",
    "AWS::EC2::Image::Id",
    "AWS::EC2::Instance::Id",
    "AWS::EC2::KeyPair::KeyName",
    "AWS::EC2::SecurityGroup::GroupName",
    "AWS::EC2::SecurityGroup::Id",
    "AWS::EC2::Subnet::Id",
    "AWS::EC2::Volume::Id",
    "AWS::EC2::VPC::Id",
    "AWS::Route53::HostedZone::Id",
    "List<AWS::EC2::AvailabilityZone::Name>",
    "List<AWS::EC2::Image::Id>",
    "List<AWS::EC2::Instance::Id>",
    "List<AWS::EC2::SecurityGroup::GroupName>",
    "List<AWS::EC2::SecurityGroup::Id>",
    "List<AWS::EC2::Subnet::Id>",
    "List<AWS::EC2::Volume::Id>",
    "List<AWS::EC2::VPC::Id>",
    "List<AWS::Route53::HostedZone::Id>",
    "AWS::SSM::Parameter::Name",
];

fn is_parameter_type(v: &str) -> bool {
    if PARAMETER_TYPES.contains(&v) {
        return true;
    }
    match v
        .strip_prefix("AWS::SSM::Parameter::Value<")
        .and_then(|r| r.strip_suffix('>'))
    {
        Some("List<String>") => true,
        Some(inner) => {
            inner != "AWS::SSM::Parameter::Name"
                && inner != "Number"
                && inner != "List<Number>"
                && PARAMETER_TYPES.contains(&inner)
        }
        None => false,
    }
}

/// `local@domain.tld`: one `@`, no whitespace, a dot in the domain.
fn is_email(v: &str) -> bool {
    match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

pub fn check(cx: &Ctxt, spec: Spec) -> Checked {
    let logical_id = match &spec.logical_id {
        Some(lit) => {
            let v = lit.value();
            if !is_logical_id(&v) {
                cx.error_spanned_by(lit, format!("`logical_id` must be a logical id: 1 to 255 ASCII letters and digits, found `{v}`"));
            }
            v
        }
        None => {
            let v = spec.ident.to_string();
            if !is_logical_id(&v) {
                cx.error_spanned_by(&spec.ident, format!("`{v}` is not a valid logical id (ASCII letters and digits): set `logical_id = \"...\"`"));
            }
            v
        }
    };
    let kind = spec.shortcut.as_ref();
    let env = match kind {
        Some(Shortcut::Table { .. }) => env_name(&logical_id, "TABLE", "NAME"),
        Some(Shortcut::Bucket { .. }) => env_name(&logical_id, "BUCKET", "NAME"),
        Some(Shortcut::Queue { .. }) => env_name(&logical_id, "QUEUE", "URL"),
        Some(Shortcut::Topic { .. }) => env_name(&logical_id, "TOPIC", "ARN"),
        Some(Shortcut::Secret { .. }) => env_name(&logical_id, "SECRET", "ARN"),
        Some(Shortcut::SageMakerEndpoint(_)) => env_name(&logical_id, "ENDPOINT", "NAME"),
        Some(Shortcut::KinesisStream { .. }) => env_name(&logical_id, "STREAM", "NAME"),
        _ => screaming(&logical_id),
    };
    let is_storage = matches!(
        kind,
        Some(Shortcut::Table { .. } | Shortcut::Bucket { .. } | Shortcut::Secret { .. })
    );
    let is_repository = matches!(kind, Some(Shortcut::EcrRepository(_)));
    if let (Some((_, span)), false) = (&spec.retain, is_storage || is_repository) {
        cx.error_at(
            *span,
            "`retain` applies to `table(..)`, `bucket(..)`, `secret(..)` and `ecr_repository(..)`, which are retained by default",
        );
    }
    if let Some(Shortcut::EcrRepository(r)) = kind
        && let Some(name) = &r.name
        && !is_repository_name(&name.value())
    {
        cx.error_spanned_by(
            name,
            format!(
                "an ECR repository name is 2 to 256 lowercase letters and digits, separated by single `.`, `_`, `-` or `/` (`team/web-app`), found `{}`",
                name.value().escape_debug()
            ),
        );
    }
    if let Some(Shortcut::SageMakerEndpoint(Some(Target::Id(name)))) = kind
        && !is_endpoint_name(&name.value())
    {
        cx.error_spanned_by(
            name,
            format!(
                "a SageMaker endpoint name is 1 to 63 letters, digits and `-`, starting and ending with a letter or digit (`image-classifier`), found `{}`",
                name.value().escape_debug()
            ),
        );
    }
    let is_resource = is_storage
        || matches!(
            kind,
            Some(Shortcut::Queue { .. } | Shortcut::Topic { .. } | Shortcut::KinesisStream { .. })
        );
    let has_url = matches!(kind, Some(Shortcut::Fargate(f)) if f.load_balancer.is_some());
    if let (Some(out), false) = (&spec.output, is_resource || has_url) {
        cx.error_spanned_by(out, "`output` gives the value of a `table`, `bucket`, `queue`, `topic`, `secret` or `kinesis_stream`, or the URL of a `fargate_service` with a `load_balancer`; this type declares none");
    }
    if let Some(out) = &spec.output
        && !is_logical_id(&out.value())
    {
        cx.error_spanned_by(
            out,
            "`output` must be a logical id: ASCII letters and digits",
        );
    }
    if kind.is_none() && (spec.logical_id.is_some() || spec.retain.is_some()) {
        let span = spec
            .logical_id
            .as_ref()
            .map_or(Span::call_site(), LitStr::span);
        cx.error_at(span, "`logical_id` and `retain` describe a shortcut (`table(..)`, `bucket(..)`, ...); a `Resources` impl names its own resources");
    }
    if let Some(Shortcut::Table {
        partition,
        sort,
        ttl,
        gsis,
        ..
    }) = &spec.shortcut
    {
        for lit in partition.iter().chain(sort).chain(ttl).chain(
            gsis.iter()
                .flat_map(|g| std::iter::once(&g.partition).chain(&g.sort)),
        ) {
            field(cx, &spec, lit);
        }
        let mut names: Vec<String> = Vec::new();
        for g in gsis {
            let v = g.name.value();
            let valid = (3..=255).contains(&v.len())
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
            if !valid {
                cx.error_spanned_by(
                    &g.name,
                    format!(
                        "index names are 3 to 255 letters, digits, `_`, `.` or `-`, found `{}`",
                        v.escape_debug()
                    ),
                );
            } else if names.contains(&v) {
                cx.error_spanned_by(&g.name, format!("duplicate index name `{v}`"));
            }
            names.push(v);
        }
        let keys = std::iter::once((partition.as_ref(), sort.as_ref()))
            .chain(gsis.iter().map(|g| (Some(&g.partition), g.sort.as_ref())));
        for (p, s) in keys {
            if let (Some(p), Some(s)) = (p, s)
                && p.value() == s.value()
            {
                cx.error_spanned_by(
                    s,
                    format!(
                        "`{}` is already the partition key: the sort key is another field",
                        s.value()
                    ),
                );
            }
        }
    }
    if let Some(Shortcut::Parameter {
        kind,
        default,
        allowed_values,
        no_echo,
        ..
    }) = &spec.shortcut
    {
        if let Some(kind) = kind {
            let v = kind.value();
            if !is_parameter_type(&v) {
                let hint = symbol::did_you_mean(&v, PARAMETER_TYPES)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                cx.error_spanned_by(kind, format!("invalid parameter `kind` `{v}`{hint}\nexpected one of {}, or `AWS::SSM::Parameter::Value<...>` of one", symbol::list(PARAMETER_TYPES)));
            }
        }
        if let Some(d) = default {
            let values: Vec<String> = allowed_values.iter().map(LitStr::value).collect();
            if !values.is_empty() && !values.contains(&d.value()) {
                let refs: Vec<&str> = values.iter().map(String::as_str).collect();
                cx.error_spanned_by(
                    d,
                    format!(
                        "the default `{}` is not among `allowed_values`: {}",
                        d.value(),
                        symbol::list(&refs)
                    ),
                );
            }
            if *no_echo {
                cx.error_spanned_by(d, "a `no_echo` parameter's `default` would sit in the template in clear text: drop the default and pass the value at deploy (`sam deploy --parameter-overrides`), or declare the secret with `#[cf_resources(secret)]` and have functions `reads(..)` it");
            }
        }
    }
    if let Some(Shortcut::Topic { subscriptions, .. }) = &spec.shortcut {
        for (protocol, endpoint) in subscriptions {
            if let (&"email" | &"email-json", super::args::Endpoint::Text(e)) = (protocol, endpoint)
                && !is_email(&e.value())
            {
                cx.error_spanned_by(
                    e,
                    format!(
                        "an `email` subscription's endpoint is an address, `name@example.com`, found `{}`",
                        e.value().escape_debug()
                    ),
                );
            }
        }
    }
    match &spec.shortcut {
        Some(Shortcut::SecurityGroup(g)) => check_security_group(cx, g),
        Some(Shortcut::EcsCluster(c)) => check_cluster(cx, c),
        Some(Shortcut::Fargate(f)) => check_fargate(cx, f),
        Some(Shortcut::Alarm(a)) => check_alarm(cx, a),
        Some(Shortcut::Dashboard(d)) => check_dashboard(cx, d),
        _ => {}
    }
    let vpc = match &spec.shortcut {
        Some(Shortcut::Vpc(v)) => check_vpc(cx, v),
        _ => None,
    };
    Checked {
        spec,
        logical_id,
        env,
        vpc,
    }
}

/// ECR's repository name pattern: `(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*`, 2 to 256
/// characters.
/// SageMaker's `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`.
fn is_endpoint_name(name: &str) -> bool {
    let b = name.as_bytes();
    (1..=63).contains(&b.len())
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

fn is_repository_name(name: &str) -> bool {
    (2..=256).contains(&name.len())
        && name.split('/').all(|part| {
            part.split(['.', '_', '-']).all(|run| {
                !run.is_empty()
                    && run
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vpc_ranges() {
        assert_eq!(vpc_cidr("10.0.0.0/16"), Ok((0x0a00_0000, 16)));
        assert!(
            vpc_cidr("10.0.1.0/16")
                .unwrap_err()
                .contains("`10.0.0.0/16`")
        );
        for bad in [
            "10.0.0.0",
            "10.0.0.0/8",
            "10.0.0.0/29",
            "10.0.0/16",
            "10.0.0.256/24",
            "10.00.0.0/16",
        ] {
            assert!(vpc_cidr(bad).unwrap_err().contains("IPv4 range"), "{bad}");
        }
    }

    #[test]
    fn environment_variable_names() {
        assert_eq!(screaming("FileRecord"), "FILE_RECORD");
        assert_eq!(screaming("S3Uploads"), "S3_UPLOADS");
        assert_eq!(screaming("APIKeys"), "API_KEYS");
        assert_eq!(env_name("FilesTable", "TABLE", "NAME"), "FILES_TABLE_NAME");
        assert_eq!(
            env_name("FileRecord", "TABLE", "NAME"),
            "FILE_RECORD_TABLE_NAME"
        );
        assert_eq!(
            env_name("UploadBucket", "BUCKET", "NAME"),
            "UPLOAD_BUCKET_NAME"
        );
        assert_eq!(env_name("Jobs", "QUEUE", "URL"), "JOBS_QUEUE_URL");
        assert_eq!(env_name("Alerts", "TOPIC", "ARN"), "ALERTS_TOPIC_ARN");
        assert_eq!(
            env_name("ClassifierEndpoint", "ENDPOINT", "NAME"),
            "CLASSIFIER_ENDPOINT_NAME"
        );
    }

    #[test]
    fn endpoint_names_follow_sagemaker_s_pattern() {
        for ok in ["a", "Image-Classifier", "m--1", &"e".repeat(63)] {
            assert!(super::is_endpoint_name(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a_b", "a.b", "a b", &"e".repeat(64)] {
            assert!(!super::is_endpoint_name(bad), "{bad}");
        }
    }

    #[test]
    fn repository_names_follow_ecr_s_pattern() {
        for ok in ["web", "team/web-app", "a.b_c-d/e1"] {
            assert!(super::is_repository_name(ok), "{ok}");
        }
        for bad in ["a", "Web", "web/", "/web", "web--app", "web_-app", "we b"] {
            assert!(!super::is_repository_name(bad), "{bad}");
        }
    }
}
