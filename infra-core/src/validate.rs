//! Whole-template validation, run by the generator before anything is written.
//!
//! Every rule runs and every problem is returned, each with the origin of the fragment that caused it:
//!
//! - logical ids (resources, parameters, conditions, mappings, outputs) match `^[A-Za-z0-9]{1,255}$`;
//! - every `Ref`, `Fn::GetAtt`, `Fn::Sub` `${...}`, `Fn::FindInMap`, `DependsOn` and `Condition` target exists,
//!   counting pseudo parameters and the ids the SAM transform creates ([`sam_implicit_ids`]);
//! - `Conditions` only reference parameters and other conditions;
//! - no resources, and no conditions, form a cycle (through `DependsOn`, `Ref`, `Fn::GetAtt`, `Fn::Sub`, `Condition`);
//! - no two resources get the same physical name ([`same_name`]);
//! - no two zip functions deploy the same binary with the same `Handler` ([`same_binary`]): `sam build` would
//!   build it once and every one of them would run whatever its `main` runs;
//! - CloudFormation's quotas: [`MAX_RESOURCES`] resources **after** the SAM transform ([`estimate_transformed`]),
//!   [`MAX_PARAMETERS`], [`MAX_OUTPUTS`], [`MAX_MAPPINGS`], a description of at most [`MAX_DESCRIPTION`] bytes,
//!   and (see [`check_size`]) a body of at most [`MAX_BODY`] bytes, with a warning above [`MAX_INLINE_BODY`].

use std::collections::{BTreeMap, BTreeSet};

use crate::Value;
use crate::error::{Diagnostic, Severity, did_you_mean};
use crate::intrinsic::Pseudo;
use crate::registry::{Origin, Origins, Section};
use crate::template::Template;

/// Resources per stack, counted on the transformed template.
pub const MAX_RESOURCES: usize = 500;
/// Parameters per template.
pub const MAX_PARAMETERS: usize = 200;
/// Outputs per template.
pub const MAX_OUTPUTS: usize = 200;
/// Mappings per template.
pub const MAX_MAPPINGS: usize = 200;
/// Bytes of `Description`.
pub const MAX_DESCRIPTION: usize = 1024;
/// Bytes of a template uploaded through S3 (`--template-url`), as cfn-lint counts it.
pub const MAX_BODY: usize = 1_000_000;
/// Bytes of a template passed inline (`--template-body`); above it, deploy through S3.
pub const MAX_INLINE_BODY: usize = 51_200;

/// Runs every rule on `template`; `origins` supplies the `file:line` of each entry.
pub fn validate(template: &Template, origins: &Origins) -> Vec<Diagnostic> {
    validate_with(template, origins, Severity::Error)
}

/// [`validate`], with CloudFormation's count quotas (resources after the transform, parameters, outputs,
/// mappings) reported at `quota` severity: a warning for benchmarks of oversized workloads, never by default.
pub fn validate_with(template: &Template, origins: &Origins, quota: Severity) -> Vec<Diagnostic> {
    let mut v = Validator {
        t: template,
        origins,
        diags: Vec::new(),
        implicit: sam_implicit_ids(template),
        quota,
        edges: BTreeMap::new(),
    };
    v.logical_ids();
    v.references();
    v.cycles();
    v.limits();
    v.diags.extend(same_binary(template, origins));
    v.diags.extend(same_name(template, origins));
    v.diags.extend(sam_ids(template, origins));
    v.diags.extend(functions(template, origins));
    v.diags.extend(broad_permissions(template, origins));
    v.diags
}

/// One error per group of `AWS::Serverless::Function`s built by cargo-lambda (`BuildMethod:
/// rust-cargolambda`) from the same package (`CodeUri`) and binary (`BuildProperties.Binary`) with the same
/// `Handler`. `sam build` builds such a binary once and deploys it to each of them, so all of them would run
/// the one handler its `main` runs. The error names every function with its `file:line` and both fixes: a
/// binary per handler (`bin = "..."`), or one binary serving every handler (the dispatch mode, which gives
/// each function its own `Handler`).
///
/// ```
/// use infra_core::{Resource, Template, registry::Origins, validate::same_binary};
/// let zip = || Resource::new("AWS::Serverless::Function")
///     .property("CodeUri", ".")
///     .property("Handler", "bootstrap")
///     .metadata("BuildMethod", "rust-cargolambda")
///     .metadata("BuildProperties", serde_json::json!({"Binary": "orders"}));
/// let mut t = Template::new();
/// t.add_resource("CreateOrderFunction", zip());
/// t.add_resource("ProcessFunction", zip());
/// let errors = same_binary(&t, &Origins::new());
/// assert_eq!(errors.len(), 1);
/// assert!(errors[0].message.starts_with(
///     "functions `CreateOrderFunction` and `ProcessFunction` would deploy the same binary `orders`"));
/// ```
pub fn same_binary(t: &Template, origins: &Origins) -> Vec<Diagnostic> {
    let mut groups: std::collections::BTreeMap<(&str, &str, &str), Vec<&String>> =
        Default::default();
    for (id, r) in &t.resources {
        fn text(v: Option<&Value>) -> Option<&str> {
            v.and_then(Value::as_str)
        }
        if r.kind != "AWS::Serverless::Function"
            || text(r.metadata.get("BuildMethod")) != Some("rust-cargolambda")
        {
            continue;
        }
        let binary = text(
            r.metadata
                .get("BuildProperties")
                .and_then(|p| p.get("Binary")),
        );
        let code = text(r.properties.get("CodeUri"));
        let handler = text(r.properties.get("Handler"));
        if let (Some(code), Some(binary), Some(handler)) = (code, binary, handler) {
            groups.entry((code, binary, handler)).or_default().push(id);
        }
    }
    let mut out = Vec::new();
    for ((code, binary, _), ids) in groups.into_iter().filter(|(_, ids)| ids.len() > 1) {
        let (names, places) = listed(&ids, origins);
        out.push(Diagnostic::error(
            resource_origin(origins, ids[0]),
            format!(
                "functions {names} would deploy the same binary `{binary}` of package `{code}`{places}: \
                 `sam build` builds it once, so each of them would run whatever its `main` runs. Give each \
                 handler its own binary (`bin = \"...\"` on the handler, and a `src/bin/<name>.rs` whose `main` \
                 runs it), or serve them all from one binary in the dispatch mode (feature `dispatch`, \
                 `infra_core::main!(app; dispatch = \"{binary}\")` and a `main` that calls `infra_core::run()`)"
            ),
        ));
    }
    out
}

/// Resources as a message lists them: "`A` and `B`" (or "`A`, `B`, and `C`"), and " (declared: `A` at
/// file:line, ...)" for those with an origin (empty when none has one).
fn listed(ids: &[&String], origins: &Origins) -> (String, String) {
    let names: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
    let names = match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, [one])) => format!("{one} and {last}"),
        Some((last, rest)) => format!("{}, and {last}", rest.join(", ")),
        None => String::new(),
    };
    (names, declared(Section::Resources, ids, origins))
}

/// " (declared: `A` at file:line, ...)" for the entries of `section` among `ids` that have an origin; empty when
/// none has one.
fn declared(section: Section, ids: &[impl AsRef<str>], origins: &Origins) -> String {
    let places: Vec<String> = ids
        .iter()
        .filter_map(|id| {
            let id = id.as_ref();
            let at = origins.get(&(section, id.to_owned()))?;
            Some(format!("`{id}` at {at}"))
        })
        .collect();
    if places.is_empty() {
        String::new()
    } else {
        format!(" (declared: {})", places.join(", "))
    }
}

/// Where the resource `id` was declared, if an annotation declared it.
fn resource_origin(origins: &Origins, id: &str) -> Option<Origin> {
    origins.get(&(Section::Resources, id.to_owned())).copied()
}

/// The property holding the physical name of resource types whose names must be free in the account and
/// region (globally, for buckets), by type.
pub const NAME_PROPERTIES: &[(&str, &str)] = &[
    ("AWS::S3::Bucket", "BucketName"),
    ("AWS::DynamoDB::Table", "TableName"),
    ("AWS::Serverless::SimpleTable", "TableName"),
    ("AWS::SQS::Queue", "QueueName"),
    ("AWS::SNS::Topic", "TopicName"),
    ("AWS::Lambda::Function", "FunctionName"),
    ("AWS::Serverless::Function", "FunctionName"),
    ("AWS::IAM::Role", "RoleName"),
    ("AWS::Logs::LogGroup", "LogGroupName"),
    ("AWS::ECR::Repository", "RepositoryName"),
    ("AWS::ECS::Cluster", "ClusterName"),
    ("AWS::Kinesis::Stream", "Name"),
    ("AWS::StepFunctions::StateMachine", "StateMachineName"),
    ("AWS::Serverless::StateMachine", "Name"),
    ("AWS::SecretsManager::Secret", "Name"),
    ("AWS::SSM::Parameter", "Name"),
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", "Name"),
    ("AWS::ElasticLoadBalancingV2::TargetGroup", "Name"),
    ("AWS::CodeBuild::Project", "Name"),
    ("AWS::CodePipeline::Pipeline", "Name"),
];

/// The type whose name space `kind` shares: a SAM type's, the type the transform makes of it.
fn name_family(kind: &str) -> &str {
    match kind {
        "AWS::Serverless::SimpleTable" => "AWS::DynamoDB::Table",
        "AWS::Serverless::Function" => "AWS::Lambda::Function",
        "AWS::Serverless::StateMachine" => "AWS::StepFunctions::StateMachine",
        other => other,
    }
}

/// One error per group of resources whose name properties ([`NAME_PROPERTIES`]) are the same value: the same
/// literal, or the same expression (two buckets whose ids lower-case to the same 37 characters get the same
/// [`crate::model::resources::bucket_name`]). CloudFormation creates the first and fails the stack on the
/// second, so the generator refuses the template instead, naming each with its `file:line`.
///
/// ```
/// use infra_core::{Template, registry::Origins, validate::same_name};
/// let mut t = Template::new();
/// for id in ["Uploads", "UPLOADS"] {
///     let r = infra_core::Resource::new("AWS::S3::Bucket")
///         .property("BucketName", infra_core::model::resources::bucket_name(id));
///     t.add_resource(id, r);
/// }
/// let errors = same_name(&t, &Origins::new());
/// assert!(errors[0].message.starts_with(
///     "resources `UPLOADS` and `Uploads` (AWS::S3::Bucket) would get the same name `uploads-…`"));
/// ```
pub fn same_name(t: &Template, origins: &Origins) -> Vec<Diagnostic> {
    // By name space and name; the first one's name value is the one shown.
    let mut groups: BTreeMap<(&str, String), (&Value, Vec<&String>)> = BTreeMap::new();
    for (id, r) in &t.resources {
        let Some(&(_, property)) = NAME_PROPERTIES.iter().find(|(k, _)| *k == r.kind) else {
            continue;
        };
        if let Some(name) = r.properties.get(property) {
            let key = (name_family(&r.kind), name.to_string());
            groups.entry(key).or_insert((name, Vec::new())).1.push(id);
        }
    }
    let mut out = Vec::new();
    for ((family, _), (name, ids)) in groups.into_iter().filter(|(_, (_, ids))| ids.len() > 1) {
        let (names, places) = listed(&ids, origins);
        out.push(Diagnostic::error(
            resource_origin(origins, ids[1]),
            format!(
                "resources {names} ({family}) would get the same name `{}`{places}: CloudFormation creates \
                 the first and fails the stack on the next; give them names that differ (for names derived from \
                 the logical id, ids that differ in their first 37 characters, ignoring case)",
                shown(name)
            ),
        ));
    }
    out
}

/// What a resource the SAM transform creates belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner<'t> {
    /// A resource of the template: a function, an API.
    Resource(&'t str),
    /// Shared by the template's resources: `ServerlessRestApi` and `ServerlessHttpApi` (the implicit APIs),
    /// `ServerlessUsagePlan` (the shared usage plan) or `ServerlessDeploymentApplication` (CodeDeploy's).
    Shared(&'static str),
}

/// The id of every resource the SAM transform creates from `t`, with what it belongs to, read off SAM's own
/// naming and checked against aws-sam-translator by the tests. An id ending in `*` stands for the id followed
/// by SAM's 10-character hash (`FnVersion694d741b46`), or by a stage name the template computes.
///
/// - An `AWS::Serverless::Function` `Fn`: `FnRole` (without `Role`); `FnAlias<alias>` and `FnVersion*` (with
///   `AutoPublishAlias`); `FnUrl` and, when public, `FnUrlPublicPermissions` and `FnURLInvokeAllowPublicAccess`;
///   `FnEventInvokeConfig` (with `EventInvokeConfig`), and `FnEventInvokeConfigOnSuccessQueue`/`..Topic`/
///   `OnFailure..` for a destination of type `SQS`/`SNS` without its ARN; `FnDeploymentGroup` (with
///   `DeploymentPreference`), sharing `ServerlessDeploymentApplication` and, without a `Role`,
///   `CodeDeployServiceRole`.
/// - Per event `E` of `Fn`: `FnE` itself (the rule, schedule, subscription, subscription filter, topic rule or
///   event source mapping) and `FnEPermission` where Lambda must allow the caller; only a permission
///   (`FnEPermission`) for `HttpApi`, `S3` and `AlexaSkill`, `FnEPermission<stage>` for `Api` (`Prod` on the
///   implicit API), one `FnCognitoPermission` for all `Cognito` events; `FnEQueue` and `FnEQueuePolicy` for a
///   rule's `DeadLetterConfig: {Type: SQS}` (a `ScheduleV2` gets the queue alone), `FnERole` for a `ScheduleV2`
///   without `RoleArn`, and `FnEQueue`, `FnEQueuePolicy` and `FnEEventSourceMapping` (instead of the
///   permission) for an `SNS` event with `SqsSubscription: true`.
/// - An `AWS::Serverless::Api` `Rest`: `RestDeployment*`, `Rest<StageName>Stage`, and with a usage plan
///   `PER_API` `RestApiKey`, `RestUsagePlan`, `RestUsagePlanKey`; `SHARED` plans share `ServerlessUsagePlan`,
///   `ServerlessUsagePlanKey` and `ServerlessApiKey`. An `AWS::Serverless::HttpApi` `Http`:
///   `HttpApiGatewayDefaultStage`, or `Http<StageName>Stage` for a named stage.
/// - The implicit APIs, when an event uses them: `ServerlessRestApi` with `ServerlessRestApiDeployment*`,
///   `ServerlessRestApiProdStage` (and its usage plan), and `ServerlessHttpApi` with
///   `ServerlessHttpApiApiGatewayDefaultStage`.
///
/// ```
/// use infra_core::{Resource, Template, validate::sam_created_ids};
/// let mut t = Template::new();
/// t.add_resource("Fn", Resource::new("AWS::Serverless::Function")
///     .property("Events", serde_json::json!({"Tick": {"Type": "Schedule"}})));
/// let ids: Vec<String> = sam_created_ids(&t).into_iter().map(|(id, _)| id).collect();
/// assert_eq!(ids, ["FnRole", "FnTick", "FnTickPermission"]);
/// ```
pub fn sam_created_ids(t: &Template) -> Vec<(String, Owner<'_>)> {
    fn text(v: Option<&Value>) -> Option<&str> {
        v.and_then(Value::as_str)
    }
    /// The value at `path` below `v`.
    fn at<'v>(v: Option<&'v Value>, path: &[&str]) -> Option<&'v Value> {
        path.iter().try_fold(v?, |v, k| v.get(*k))
    }
    let plan_in = |m: &'_ serde_json::Map<String, Value>| {
        text(at(m.get("Auth"), &["UsagePlan", "CreateUsagePlan"])).map(str::to_owned)
    };
    let global_plan = t.globals.get("Api").and_then(plan_in);
    let plan_of = |r: Option<&crate::Resource>| -> String {
        r.and_then(|r| plan_in(&r.properties))
            .or_else(|| global_plan.clone())
            .unwrap_or_default()
    };
    // The stage of the `AWS::Serverless::Api` an `Api` event names, if the template fixes it.
    let stage_of = |api: Option<&Value>| -> Option<String> {
        let id = api?.get("Ref")?.as_str()?;
        let r = t.resources.get(id)?;
        (r.kind == "AWS::Serverless::Api").then_some(())?;
        text(r.properties.get("StageName")).map(str::to_owned)
    };
    let mut out: Vec<(String, Owner<'_>)> = Vec::new();
    let (mut implicit_rest, mut implicit_http, mut shared_plan, mut deployments) =
        (false, false, false, false);
    let mut codedeploy_role = false;
    // Ids a template names in full (an SNS queue's `QueuePolicyLogicalId`).
    let mut named: Vec<(String, Owner<'_>)> = Vec::new();
    for (id, r) in &t.resources {
        let owner = Owner::Resource(id.as_str());
        let mut add = |suffix: &str| out.push((format!("{id}{suffix}"), owner));
        let p = &r.properties;
        match r.kind.as_str() {
            "AWS::Serverless::Function" => {}
            "AWS::Serverless::Api" => {
                add("Deployment*");
                // A Lambda authorizer's permission, unless disabled.
                for (name, a) in at(p.get("Auth"), &["Authorizers"])
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    if a.get("FunctionArn").is_some()
                        && a.get("DisableFunctionDefaultPermissions") != Some(&Value::Bool(true))
                    {
                        add(&format!("{name}AuthorizerPermission"));
                    }
                }
                if let Some(domain) = p.get("Domain") {
                    let (mappings, made) =
                        domain_ids(domain, "ApiGatewayDomainName*", "BasePathMapping");
                    mappings.iter().for_each(|m| add(m));
                    named.extend(made.into_iter().map(|id| (id, owner)));
                }
                match text(p.get("StageName")) {
                    Some(stage) => add(&format!("{stage}Stage")),
                    None => add("*Stage"),
                }
                match plan_of(Some(r)).as_str() {
                    "PER_API" => ["ApiKey", "UsagePlan", "UsagePlanKey"]
                        .iter()
                        .for_each(|s| add(s)),
                    "SHARED" => shared_plan = true,
                    _ => {}
                }
                continue;
            }
            "AWS::Serverless::StateMachine" => {
                if !p.contains_key("Role") {
                    add("Role");
                }
                if let Some(alias) = text(p.get("AutoPublishAlias")) {
                    add(&format!("Alias{alias}"));
                    add("Version");
                }
                // Each event: the rule or schedule, and the role that lets it start an execution.
                for (name, event) in p
                    .get("Events")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    add(name);
                    add(&format!("{name}Role"));
                    let kind = text(event.get("Type")).unwrap_or("");
                    let dead_letter =
                        text(at(event.get("Properties"), &["DeadLetterConfig", "Type"]));
                    if dead_letter == Some("SQS") {
                        add(&format!("{name}Queue"));
                        if kind != "ScheduleV2" {
                            add(&format!("{name}QueuePolicy"));
                        }
                    }
                    match implicit_api(event) {
                        Some(ImplicitApi::Rest) => implicit_rest = true,
                        Some(ImplicitApi::Http) => implicit_http = true,
                        None => {}
                    }
                }
                continue;
            }
            "AWS::Serverless::HttpApi" => {
                match p.get("StageName") {
                    None => add("ApiGatewayDefaultStage"),
                    Some(v) if v == "$default" => add("ApiGatewayDefaultStage"),
                    Some(v) => match v.as_str() {
                        Some(stage) => add(&format!("{stage}Stage")),
                        None => add("*Stage"),
                    },
                }
                // A Lambda authorizer's permission, when SAM writes it.
                for (name, a) in at(p.get("Auth"), &["Authorizers"])
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    if a.get("EnableFunctionDefaultPermissions") == Some(&Value::Bool(true)) {
                        add(&format!("{name}AuthorizerPermission"));
                    }
                }
                // A custom domain: the domain name (its id a hash of it), one mapping per base path, the DNS
                // records.
                if let Some(domain) = p.get("Domain") {
                    let (mappings, made) =
                        domain_ids(domain, "ApiGatewayDomainNameV2*", "ApiMapping");
                    mappings.iter().for_each(|m| add(m));
                    named.extend(made.into_iter().map(|id| (id, owner)));
                }
                continue;
            }
            _ => continue,
        }
        if !p.contains_key("Role") {
            add("Role");
        }
        if let Some(alias) = text(p.get("AutoPublishAlias")) {
            add(&format!("Alias{alias}"));
            add("Version*");
        }
        if let Some(url) = p.get("FunctionUrlConfig") {
            add("Url");
            if text(url.get("AuthType")) != Some("AWS_IAM") {
                add("UrlPublicPermissions");
                add("URLInvokeAllowPublicAccess");
            }
        }
        if let Some(config) = p.get("EventInvokeConfig") {
            add("EventInvokeConfig");
            for on in ["OnSuccess", "OnFailure"] {
                let Some(d) = at(Some(config), &["DestinationConfig", on]) else {
                    continue;
                };
                let made = match text(d.get("Type")) {
                    Some("SQS") => "Queue",
                    Some("SNS") => "Topic",
                    _ => continue,
                };
                if d.get("Destination").is_none() {
                    add(&format!("EventInvokeConfig{on}{made}"));
                }
            }
        }
        if let Some(d) = p.get("DeploymentPreference") {
            add("DeploymentGroup");
            deployments = true;
            codedeploy_role |= d.get("Role").is_none();
        }
        let mut cognito = false;
        for (name, event) in p
            .get("Events")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let props = event.get("Properties");
            let prop = |key: &str| props.and_then(|p| p.get(key));
            let sqs_dead_letter = text(at(props, &["DeadLetterConfig", "Type"])) == Some("SQS");
            let kind = text(event.get("Type")).unwrap_or("");
            match kind {
                "HttpApi" | "S3" | "AlexaSkill" => add(&format!("{name}Permission")),
                "Api" => {
                    let stage = match prop("RestApiId") {
                        None => Some("Prod".to_owned()),
                        api => stage_of(api),
                    };
                    add(&format!(
                        "{name}Permission{}",
                        stage.as_deref().unwrap_or("*")
                    ));
                }
                "Cognito" if !cognito => {
                    cognito = true;
                    add("CognitoPermission");
                }
                "Cognito" => {}
                "SNS" if prop("SqsSubscription").is_some_and(|v| v != &Value::Bool(false)) => {
                    // `true` makes the queue too; a queue of the template gets the rest.
                    let queue = prop("SqsSubscription").filter(|v| v.is_object());
                    let made: &[&str] = if queue.is_some() {
                        &["", "EventSourceMapping"]
                    } else {
                        &["", "Queue", "QueuePolicy", "EventSourceMapping"]
                    };
                    for s in made {
                        add(&format!("{name}{s}"));
                    }
                    if let Some(q) = queue {
                        match text(q.get("QueuePolicyLogicalId")) {
                            Some(policy) => named.push((policy.to_owned(), owner)),
                            None => add(&format!("{name}QueuePolicy")),
                        }
                    }
                }
                "ScheduleV2" => {
                    add(name);
                    if prop("RoleArn").is_none() {
                        add(&format!("{name}Role"));
                    }
                    if sqs_dead_letter {
                        add(&format!("{name}Queue"));
                    }
                }
                "Schedule" | "CloudWatchEvent" | "EventBridgeRule" => {
                    add(name);
                    add(&format!("{name}Permission"));
                    if sqs_dead_letter {
                        add(&format!("{name}Queue"));
                        add(&format!("{name}QueuePolicy"));
                    }
                }
                "SNS" | "CloudWatchLogs" | "IoTRule" => {
                    add(name);
                    add(&format!("{name}Permission"));
                }
                _ => add(name),
            }
            match implicit_api(event) {
                Some(ImplicitApi::Http) => implicit_http = true,
                Some(ImplicitApi::Rest) => implicit_rest = true,
                None => {}
            }
        }
    }
    out.extend(named);
    let mut shared = |group: &'static str, ids: &[&str]| {
        out.extend(
            ids.iter()
                .map(|id| ((*id).to_owned(), Owner::Shared(group))),
        );
    };
    if implicit_rest {
        let rest = "ServerlessRestApi";
        shared(
            rest,
            &[
                rest,
                "ServerlessRestApiDeployment*",
                "ServerlessRestApiProdStage",
            ],
        );
        match plan_of(None).as_str() {
            "PER_API" => shared(
                rest,
                &[
                    "ServerlessRestApiApiKey",
                    "ServerlessRestApiUsagePlan",
                    "ServerlessRestApiUsagePlanKey",
                ],
            ),
            "SHARED" => shared_plan = true,
            _ => {}
        }
    }
    if implicit_http {
        let http = "ServerlessHttpApi";
        shared(http, &[http, "ServerlessHttpApiApiGatewayDefaultStage"]);
    }
    if shared_plan {
        let plan = "ServerlessUsagePlan";
        shared(plan, &[plan, "ServerlessUsagePlanKey", "ServerlessApiKey"]);
    }
    if deployments {
        let app = "ServerlessDeploymentApplication";
        shared(app, &[app]);
        if codedeploy_role {
            shared(app, &["CodeDeployServiceRole"]);
        }
    }
    out
}

/// Errors for what the SAM transform would name badly: an id it creates longer than CloudFormation's 255
/// characters (a function's id plus the suffix SAM appends), and a resource of the template whose id is one
/// SAM creates (CloudFormation would see two resources by one id).
pub fn sam_ids(t: &Template, origins: &Origins) -> Vec<Diagnostic> {
    let at = |id: &str| resource_origin(origins, id);
    let whose = |owner: Owner<'_>| match owner {
        Owner::Resource(f) if t.resources[f].kind == "AWS::Serverless::Function" => {
            format!("function `{f}`")
        }
        Owner::Resource(api) => format!("API `{api}`"),
        Owner::Shared("ServerlessRestApi" | "ServerlessHttpApi") => "the implicit API".to_owned(),
        Owner::Shared(group) => format!("the whole template (`{group}`)"),
    };
    let mut out = Vec::new();
    for (created, owner) in sam_created_ids(t) {
        let full = created.replace('*', "0123456789");
        if full.len() > 255 {
            let (Owner::Resource(id) | Owner::Shared(id)) = owner;
            out.push(Diagnostic::error(at(id), format!(
                "the SAM transform names a resource of {} `{}…` ({} characters); CloudFormation accepts \
                 at most 255: shorten the logical id (or the event's name)",
                whose(owner), &full[..40], full.len()
            )));
        }
        let clash = t
            .resources
            .keys()
            .find(|id| match created.strip_suffix('*') {
                Some(stem) => id
                    .strip_prefix(stem)
                    .is_some_and(|h| h.len() == 10 && h.bytes().all(|b| b.is_ascii_hexdigit())),
                None => **id == created,
            });
        if let Some(id) = clash {
            out.push(Diagnostic::error(at(id), format!(
                "`{id}` is an id the SAM transform creates for {}: the two would collide; give the resource another logical id",
                whose(owner)
            )));
        }
    }
    out
}

/// Errors on functions that no attribute wrote (hand-written `Resource`s and `fragment!`s reach the template
/// too): environment variable names outside Lambda's `[A-Za-z][A-Za-z0-9_]+`, and one route (method and path
/// on one API) served by two functions.
pub fn functions(t: &Template, origins: &Origins) -> Vec<Diagnostic> {
    let at = |id: &str| resource_origin(origins, id);
    let mut out = Vec::new();
    let valid = |n: &str| {
        n.len() >= 2
            && n.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    };
    let globals = t.globals.get("Function").and_then(|f| f.get("Environment"));
    let mut routes: BTreeMap<(String, String, String), Vec<&String>> = BTreeMap::new();
    for (id, r) in &t.resources {
        if !matches!(
            r.kind.as_str(),
            "AWS::Serverless::Function" | "AWS::Lambda::Function"
        ) {
            continue;
        }
        let env = r
            .properties
            .get("Environment")
            .and_then(|e| e.get("Variables"))
            .and_then(Value::as_object);
        for name in env.into_iter().flat_map(|m| m.keys()) {
            if !valid(name) {
                out.push(Diagnostic::error(at(id), format!(
                    "function `{id}` sets the environment variable `{}`: names match `[A-Za-z][A-Za-z0-9_]+` (Lambda's rule)",
                    name.escape_debug()
                )));
            }
        }
        // A size given by a parameter: every value the parameter may take must fit, or the deploy fails.
        for (property, min, max, unit) in [
            ("MemorySize", 128.0, 10240.0, "MB"),
            ("Timeout", 1.0, 900.0, "seconds"),
            ("EphemeralStorage", 512.0, 10240.0, "MB"),
            (
                "ReservedConcurrentExecutions",
                0.0,
                1_000_000.0,
                "executions",
            ),
        ] {
            let value = r.properties.get(property);
            let value = if property == "EphemeralStorage" {
                value.and_then(|v| v.get("Size"))
            } else {
                value
            };
            let Some(name) = value.and_then(|v| v.get("Ref")).and_then(Value::as_str) else {
                continue;
            };
            let Some(param) = t.parameters.get(name) else {
                continue;
            };
            let number = |v: &Value| {
                v.as_f64()
                    .or_else(|| v.as_str().and_then(|s| s.parse::<f64>().ok()))
            };
            let mut values: Vec<(String, f64)> = Vec::new();
            if let Some(d) = param.default.as_ref().and_then(number) {
                values.push(("its default".into(), d));
            }
            for v in &param.allowed_values {
                if let Some(n) = number(v) {
                    values.push(("an allowed value".into(), n));
                }
            }
            let (lo, hi) = (param.min_value, param.max_value);
            let unbounded = param.allowed_values.is_empty()
                && (lo.is_none_or(|l| l < min) || hi.is_none_or(|h| h > max));
            for (what, n) in &values {
                if n.fract() != 0.0 {
                    out.push(Diagnostic::error(at(id), format!(
                        "parameter `{name}` gives `{property}` of `{id}`, a whole number of {unit}, but {what} is {n}"
                    )));
                } else if *n < min || *n > max {
                    out.push(Diagnostic::error(at(id), format!(
                        "parameter `{name}` gives `{property}` of `{id}`, which takes {min} to {max} {unit}, but {what} is {n}"
                    )));
                }
            }
            if unbounded {
                out.push(Diagnostic::error(at(id), format!(
                    "parameter `{name}` gives `{property}` of `{id}`, which takes {min} to {max} {unit}: bound it with `allowed_values(..)` (or MinValue {min} and MaxValue {max}) so no deploy can pass a value Lambda refuses"
                )));
            }
        }
        for event in events(r) {
            let kind = event.get("Type").and_then(Value::as_str).unwrap_or("");
            let props = event.get("Properties");
            let text = |k: &str| {
                props
                    .and_then(|p| p.get(k))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            };
            let api_key = if kind == "HttpApi" {
                "ApiId"
            } else {
                "RestApiId"
            };
            if !matches!(kind, "HttpApi" | "Api") {
                continue;
            }
            let (Some(method), Some(path)) = (text("Method"), text("Path")) else {
                continue;
            };
            let api = props
                .and_then(|p| p.get(api_key))
                .map_or_else(|| format!("implicit {kind}"), Value::to_string);
            routes
                .entry((api, method.to_ascii_uppercase(), path))
                .or_default()
                .push(id);
        }
    }
    for name in globals
        .and_then(|e| e.get("Variables"))
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|m| m.keys())
    {
        if !valid(name) {
            out.push(Diagnostic::error(None, format!(
                "`Globals.Function` sets the environment variable `{}`: names match `[A-Za-z][A-Za-z0-9_]+` (Lambda's rule)",
                name.escape_debug()
            )));
        }
    }
    for ((_, method, path), mut ids) in routes {
        ids.dedup();
        if ids.len() > 1 {
            let (names, places) = listed(&ids, origins);
            out.push(Diagnostic::error(at(ids[1]), format!(
                "functions {names} both serve `{method} {path}` on one API{places}: API Gateway routes a request to one \
                 integration; give each its own path or method"
            )));
        }
    }
    out
}

/// The metadata key under which a resource says its broad IAM permissions are intended:
/// `Metadata: {"infra": {"broad_permissions": "<why>"}}` (`#[cf_function(broad_permissions = "why")]` writes it).
pub const BROAD_PERMISSIONS: &str = "broad_permissions";

/// Warnings for IAM that grants everything, each at the resource's `file:line`: an `Allow` statement whose
/// `Action` is `*` or whose `Resource` is `*`, and the `AdministratorAccess` managed policy, in a function's
/// `Policies`, a role's inline `Policies` and `ManagedPolicyArns`, or a policy's `PolicyDocument`. A resource
/// whose metadata gives the reason ([`BROAD_PERMISSIONS`]) is not warned about: some actions have no
/// resource-level permissions at all (`ecr:GetAuthorizationToken`, `xray:PutTraceSegments`, ...), and then
/// `*` is the only resource there is.
pub fn broad_permissions(t: &Template, origins: &Origins) -> Vec<Diagnostic> {
    fn statements<'v>(doc: &'v Value, out: &mut Vec<&'v Value>) {
        match doc.get("Statement") {
            Some(Value::Array(list)) => out.extend(list),
            Some(one @ Value::Object(_)) => out.push(one),
            _ => {}
        }
    }
    fn star(v: Option<&Value>) -> bool {
        match v {
            Some(Value::String(s)) => s == "*",
            Some(Value::Array(list)) => list.iter().any(|a| a.as_str() == Some("*")),
            _ => false,
        }
    }
    fn admin(v: &Value) -> bool {
        v.as_str().is_some_and(|s| {
            s == "AdministratorAccess" || s.ends_with(":policy/AdministratorAccess")
        }) || v
            .get("Fn::Sub")
            .and_then(Value::as_str)
            .is_some_and(|s| s.ends_with(":policy/AdministratorAccess"))
    }
    let mut out = Vec::new();
    for (id, r) in &t.resources {
        let reason = r
            .metadata
            .get("infra")
            .and_then(|m| m.get(BROAD_PERMISSIONS));
        if reason.is_some() {
            continue;
        }
        let p = &r.properties;
        let mut docs: Vec<&Value> = Vec::new();
        let mut managed: Vec<&Value> = Vec::new();
        match r.kind.as_str() {
            "AWS::Serverless::Function" | "AWS::Serverless::StateMachine" => {
                for policy in p.get("Policies").into_iter().flat_map(|v| match v {
                    Value::Array(list) => list.iter().collect::<Vec<_>>(),
                    one => vec![one],
                }) {
                    if policy.get("Statement").is_some() {
                        docs.push(policy);
                    } else {
                        managed.push(policy);
                    }
                }
            }
            "AWS::IAM::Role" | "AWS::IAM::User" | "AWS::IAM::Group" => {
                for policy in p
                    .get("Policies")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    docs.extend(policy.get("PolicyDocument"));
                }
                managed.extend(
                    p.get("ManagedPolicyArns")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten(),
                );
            }
            "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" | "AWS::IAM::RolePolicy" => {
                docs.extend(p.get("PolicyDocument"));
            }
            _ => continue,
        }
        let mut found: Vec<String> = Vec::new();
        let mut list = Vec::new();
        for doc in docs {
            statements(doc, &mut list);
        }
        for s in list {
            if s.get("Effect").and_then(Value::as_str) != Some("Allow") {
                continue;
            }
            if star(s.get("Action")) {
                found.push("every action (`Action: *`)".into());
            }
            if star(s.get("Resource")) {
                let actions = match s.get("Action") {
                    Some(Value::String(a)) => format!("`{a}`"),
                    Some(Value::Array(a)) => a
                        .iter()
                        .filter_map(Value::as_str)
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    _ => "its actions".into(),
                };
                found.push(format!("{actions} on every resource (`Resource: *`)"));
            }
        }
        if managed.iter().any(|m| admin(m)) {
            found.push("the `AdministratorAccess` managed policy".into());
        }
        if found.is_empty() {
            continue;
        }
        found.dedup();
        let at = resource_origin(origins, id);
        let way = if r.kind == "AWS::Serverless::Function" {
            "`broad_permissions = \"why\"` on its `#[cf_function]`"
        } else {
            "`.broad_permissions(\"why\")` on the `Resource` (metadata `infra: {broad_permissions: why}`)"
        };
        out.push(Diagnostic::warning(
            at,
            format!(
                "`{id}` is allowed {}: narrow it to the actions and resources it uses, or say it is intended with {way}",
                found.join(" and ")
            ),
        ));
    }
    out
}

/// The strongly connected groups of `graph` (Tarjan's algorithm), each sorted, in a deterministic order.
fn strongly_connected<'a>(graph: &BTreeMap<&'a str, Vec<&'a str>>) -> Vec<Vec<&'a str>> {
    struct State<'a, 'g> {
        graph: &'g BTreeMap<&'a str, Vec<&'a str>>,
        index: BTreeMap<&'a str, (usize, usize)>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        groups: Vec<Vec<&'a str>>,
    }
    fn visit<'a>(s: &mut State<'a, '_>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, (n, n));
        s.stack.push(v);
        s.on_stack.insert(v);
        for &w in s.graph.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.index[w].1.min(s.index[v].1);
                s.index.get_mut(v).expect("visited").1 = low;
            } else if s.on_stack.contains(w) {
                let low = s.index[w].0.min(s.index[v].1);
                s.index.get_mut(v).expect("visited").1 = low;
            }
        }
        if s.index[v].0 == s.index[v].1 {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                group.push(w);
                if w == v {
                    break;
                }
            }
            group.sort_unstable();
            s.groups.push(group);
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        groups: Vec::new(),
    };
    for &v in graph.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.groups.sort();
    s.groups
}

/// A shortest cycle from the group's first member back to it, inside the group: `[A, B, A]`.
fn cycle_through<'a>(graph: &BTreeMap<&'a str, Vec<&'a str>>, group: &[&'a str]) -> Vec<&'a str> {
    let start = group[0];
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in graph.get(v).into_iter().flatten() {
            if w == start {
                let mut path = vec![start];
                let mut at = v;
                while at != start {
                    path.push(at);
                    at = came_from[at];
                }
                path.push(start);
                let n = path.len();
                path[1..n - 1].reverse();
                return path;
            }
            if group.contains(&w) && !came_from.contains_key(w) {
                came_from.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    unreachable!("a strongly connected group with an edge has a cycle through each member")
}

/// A name value as a message shows it: literal parts of an `Fn::Join` as written, every other part `…`.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(m) if m.contains_key("Fn::Join") => {
            let parts = m["Fn::Join"].get(1).and_then(Value::as_array);
            let sep = m["Fn::Join"].get(0).and_then(Value::as_str).unwrap_or("");
            parts.map_or_else(
                || "…".to_owned(),
                |parts| parts.iter().map(shown).collect::<Vec<_>>().join(sep),
            )
        }
        _ => "…".to_owned(),
    }
}

/// Checks the rendered body against CloudFormation's size limits.
pub fn check_size(body: &str) -> Vec<Diagnostic> {
    let n = body.len();
    if n > MAX_BODY {
        vec![Diagnostic::error(
            None,
            format!("template body is {n} bytes; CloudFormation accepts at most {MAX_BODY}"),
        )]
    } else if n > MAX_INLINE_BODY {
        vec![Diagnostic::warning(
            None,
            format!(
                "template body is {n} bytes, above the {MAX_INLINE_BODY}-byte inline limit: deploy it through S3 (`sam deploy` does)"
            ),
        )]
    } else {
        Vec::new()
    }
}

/// True for `^[A-Za-z0-9]{1,255}$`.
pub fn is_logical_id(id: &str) -> bool {
    (1..=255).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Logical ids the SAM transform creates, which the template may reference although it does not declare them:
/// each of [`sam_created_ids`] whose name the template fixes (not SAM's hashed deployments and versions), and
/// `<Function>.Alias`/`<Function>.Version`, SAM's names for a function's alias and version (with
/// `AutoPublishAlias`).
pub fn sam_implicit_ids(t: &Template) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = sam_created_ids(t)
        .into_iter()
        .filter(|(id, _)| !id.contains('*'))
        .map(|(id, _)| id)
        .collect();
    for (id, r) in &t.resources {
        if r.kind == "AWS::Serverless::Function" && r.properties.contains_key("AutoPublishAlias") {
            ids.insert(format!("{id}.Alias"));
            ids.insert(format!("{id}.Version"));
        }
    }
    ids
}

/// The implicit API an event of a function creates: SAM's `ServerlessHttpApi` for an `HttpApi` event without
/// `ApiId`, `ServerlessRestApi` for an `Api` event without `RestApiId`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ImplicitApi {
    Http,
    Rest,
}

fn implicit_api(event: &Value) -> Option<ImplicitApi> {
    let explicit = |k: &str| event.get("Properties").and_then(|p| p.get(k)).is_some();
    match event.get("Type").and_then(Value::as_str) {
        Some("HttpApi") if !explicit("ApiId") => Some(ImplicitApi::Http),
        Some("Api") if !explicit("RestApiId") => Some(ImplicitApi::Rest),
        _ => None,
    }
}

fn events(r: &crate::Resource) -> impl Iterator<Item = &Value> {
    r.properties
        .get("Events")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|m| m.values())
}

/// The number of resources the SAM transform produces from `t`, the number CloudFormation's 500-resource quota
/// applies to: [`transformed_counts`] summed.
pub fn estimate_transformed(t: &Template) -> usize {
    let (per_resource, shared) = transformed_counts(t);
    per_resource.iter().map(|(_, n)| n).sum::<usize>()
        + shared.iter().map(|(_, n)| n).sum::<usize>()
}

/// Resource counts by logical id, in [`transformed_counts`].
pub type Counts<'a> = Vec<(&'a str, usize)>;

/// What the SAM transform makes of `t`, as aws-sam-translator counts it (the tests compare the two over every
/// construct they know): per resource of the template, by logical id, itself and what [`sam_created_ids`] says
/// SAM creates for it; and per shared group (the implicit APIs, the shared usage plan, CodeDeploy's
/// application), what SAM adds once per template. A `Condition` changes nothing.
///
/// ```
/// use infra_core::{Resource, Template, validate::transformed_counts};
/// let mut t = Template::new();
/// t.add_resource("Fn", Resource::new("AWS::Serverless::Function")
///     .property("Events", serde_json::json!({"Get": {"Type": "HttpApi"}, "Tick": {"Type": "Schedule"}})));
/// let (per_resource, shared) = transformed_counts(&t);
/// assert_eq!(per_resource, [("Fn", 5)]); // function, role, permission, rule, permission
/// assert_eq!(shared, [("ServerlessHttpApi", 2)]);
/// ```
pub fn transformed_counts(t: &Template) -> (Counts<'_>, Counts<'static>) {
    let created = sam_created_ids(t);
    let per_resource = t
        .resources
        .keys()
        .map(|id| {
            let owned = created
                .iter()
                .filter(|(_, o)| *o == Owner::Resource(id))
                .count();
            (id.as_str(), 1 + owned)
        })
        .collect();
    let mut shared: Counts<'static> = Vec::new();
    for (_, owner) in &created {
        if let Owner::Shared(group) = *owner {
            match shared.iter_mut().find(|(g, _)| *g == group) {
                Some((_, n)) => *n += 1,
                None => shared.push((group, 1)),
            }
        }
    }
    (per_resource, shared)
}

struct Validator<'a> {
    t: &'a Template,
    origins: &'a Origins,
    diags: Vec<Diagnostic>,
    implicit: BTreeSet<String>,
    quota: Severity,
    /// What refers to what: resource → resources it `Ref`s, `GetAtt`s, `Sub`s or `DependsOn`, and condition →
    /// conditions it uses ([`Validator::cycles`]).
    edges: BTreeMap<(Section, &'a str), BTreeSet<&'a str>>,
}

/// What a `Ref` may name in the place it appears.
#[derive(Clone, Copy, PartialEq)]
enum Scope {
    /// Resources, parameters, pseudo parameters.
    Anywhere,
    /// Inside `Conditions`: parameters and pseudo parameters only.
    Conditions,
}

impl Validator<'_> {
    fn origin(&self, section: Section, id: &str) -> Option<Origin> {
        self.origins.get(&(section, id.to_owned())).copied()
    }

    fn error(&mut self, at: (Section, &str), message: String) {
        let origin = self.origin(at.0, at.1);
        self.diags.push(Diagnostic::error(origin, message));
    }

    fn logical_ids(&mut self) {
        let t = self.t;
        let sections: [(Section, Vec<&String>); 5] = [
            (Section::Parameters, t.parameters.keys().collect()),
            (Section::Mappings, t.mappings.keys().collect()),
            (Section::Conditions, t.conditions.keys().collect()),
            (Section::Resources, t.resources.keys().collect()),
            (Section::Outputs, t.outputs.keys().collect()),
        ];
        for (section, ids) in sections {
            for id in ids {
                if !is_logical_id(id) {
                    self.error(
                        (section, id),
                        format!(
                            "invalid logical id `{id}` in {}: use 1 to 255 ASCII letters and digits only",
                            section.name()
                        ),
                    );
                }
            }
        }
        // Names are shared between parameters and resources: `Ref X` must mean one thing.
        for id in t
            .parameters
            .keys()
            .filter(|id| t.resources.contains_key(*id))
        {
            let other = self
                .origin(Section::Resources, id)
                .map(|o| format!(" (resource at {o})"))
                .unwrap_or_default();
            self.error(
                (Section::Parameters, id),
                format!("`{id}` is both a parameter and a resource{other}"),
            );
        }
    }

    fn references(&mut self) {
        let t = self.t;
        for (id, r) in &t.resources {
            let at = (Section::Resources, id.as_str());
            for dep in &r.depends_on {
                self.edge(Section::Resources, id, dep);
                if !t.resources.contains_key(dep) && !self.implicit.contains(dep) {
                    let hint = self.suggest(dep, t.resources.keys().chain(&self.implicit));
                    self.error(at, format!("resource `{id}` has `DependsOn: {dep}`, but no resource `{dep}` exists{hint}"));
                }
            }
            if let Some(c) = &r.condition {
                self.condition_exists(at, &format!("resource `{id}`"), c);
            }
            let here = format!("resource `{id}`");
            for v in r.properties.values() {
                self.walk(at, &here, v, Scope::Anywhere);
            }
        }
        for (id, o) in &t.outputs {
            let at = (Section::Outputs, id.as_str());
            let here = format!("output `{id}`");
            if let Some(c) = &o.condition {
                self.condition_exists(at, &here, c);
            }
            self.walk(at, &here, &o.value, Scope::Anywhere);
            if let Some(e) = &o.export {
                self.walk(at, &here, e, Scope::Anywhere);
            }
        }
        for (id, c) in &t.conditions {
            self.walk(
                (Section::Conditions, id),
                &format!("condition `{id}`"),
                c,
                Scope::Conditions,
            );
        }
        for (section, props) in &t.globals {
            for (key, v) in props {
                let gid = format!("{section}.{key}");
                self.walk(
                    (Section::Globals, &gid),
                    &format!("global `{gid}`"),
                    v,
                    Scope::Anywhere,
                );
            }
        }
    }

    /// Records `from → to` when both are in the section (`to` looked up in the template, so the edge borrows
    /// the template, not the caller).
    fn edge(&mut self, section: Section, from: &str, to: &str) {
        let t = self.t;
        let ids = |section| -> Option<(&String, &String)> {
            match section {
                Section::Resources => Some((
                    t.resources.get_key_value(from)?.0,
                    t.resources.get_key_value(to)?.0,
                )),
                Section::Conditions => Some((
                    t.conditions.get_key_value(from)?.0,
                    t.conditions.get_key_value(to)?.0,
                )),
                _ => None,
            }
        };
        if let Some((from, to)) = ids(section) {
            self.edges.entry((section, from)).or_default().insert(to);
        }
    }

    fn condition_exists(&mut self, at: (Section, &str), here: &str, name: &str) {
        if at.0 == Section::Conditions {
            self.edge(Section::Conditions, at.1, name);
        }
        if !self.t.conditions.contains_key(name) {
            let hint = self.suggest(name, self.t.conditions.keys());
            self.error(
                at,
                format!(
                    "{here} uses condition `{name}`, which is not declared in Conditions{hint}"
                ),
            );
        }
    }

    fn ref_exists(
        &mut self,
        at: (Section, &str),
        here: &str,
        target: &str,
        scope: Scope,
        what: &str,
    ) {
        let t = self.t;
        if at.0 == Section::Resources {
            self.edge(Section::Resources, at.1, target);
        }
        let ok = Pseudo::from_name(target).is_some()
            || t.parameters.contains_key(target)
            || (scope == Scope::Anywhere
                && (t.resources.contains_key(target) || self.implicit.contains(target)));
        if ok {
            return;
        }
        if scope == Scope::Conditions && t.resources.contains_key(target) {
            self.error(at, format!("{here} references resource `{target}`; conditions may only reference parameters"));
            return;
        }
        let hint = self.suggest(
            target,
            t.resources
                .keys()
                .chain(t.parameters.keys())
                .chain(&self.implicit),
        );
        self.error(at, format!("{here} has `{what}` to `{target}`, which is not a resource, parameter or pseudo parameter{hint}"));
    }

    fn getatt_exists(&mut self, at: (Section, &str), here: &str, target: &str, attr: &str) {
        if at.0 == Section::Resources {
            self.edge(Section::Resources, at.1, target);
        }
        if !self.t.resources.contains_key(target) && !self.implicit.contains(target) {
            let hint = self.suggest(target, self.t.resources.keys().chain(&self.implicit));
            self.error(at, format!("{here} has `Fn::GetAtt` to `{target}.{attr}`, but no resource `{target}` exists{hint}"));
        }
    }

    /// ` (did you mean `x`?)` when a declared name is close to `name`.
    fn suggest<'s>(&self, name: &str, candidates: impl Iterator<Item = &'s String>) -> String {
        did_you_mean(name, candidates.map(String::as_str))
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default()
    }

    fn walk(&mut self, at: (Section, &str), here: &str, v: &Value, scope: Scope) {
        match v {
            Value::Array(items) => items.iter().for_each(|i| self.walk(at, here, i, scope)),
            Value::Object(m) if m.len() == 1 => {
                let (k, arg) = m.iter().next().expect("one entry");
                self.intrinsic(at, here, k, arg, scope);
            }
            Value::Object(m) => m.values().for_each(|i| self.walk(at, here, i, scope)),
            _ => {}
        }
    }

    fn intrinsic(&mut self, at: (Section, &str), here: &str, key: &str, arg: &Value, scope: Scope) {
        match (key, arg) {
            ("Ref", Value::String(target)) => self.ref_exists(at, here, target, scope, "Ref"),
            ("Fn::GetAtt", Value::Array(a)) if a.len() == 2 => {
                if let (Some(target), Some(attr)) = (a[0].as_str(), a[1].as_str()) {
                    self.getatt_exists(at, here, target, attr);
                } else {
                    self.walk(at, here, arg, scope);
                }
            }
            ("Fn::GetAtt", Value::String(s)) => {
                let (target, attr) = s.split_once('.').unwrap_or((s, ""));
                self.getatt_exists(at, here, target, attr);
            }
            ("Fn::Sub", Value::String(s)) => self.sub(at, here, s, &[]),
            ("Fn::Sub", Value::Array(a)) if a.len() == 2 => {
                let locals: Vec<&String> = a[1]
                    .as_object()
                    .map(|m| m.keys().collect())
                    .unwrap_or_default();
                if let Some(s) = a[0].as_str() {
                    self.sub(at, here, s, &locals);
                }
                self.walk(at, here, &a[1], scope);
            }
            ("Fn::If", Value::Array(a)) if a.len() == 3 => {
                if let Some(c) = a[0].as_str() {
                    self.condition_exists(at, here, c);
                }
                self.walk(at, here, &a[1], scope);
                self.walk(at, here, &a[2], scope);
            }
            ("Condition", Value::String(c)) if scope == Scope::Conditions => {
                self.condition_exists(at, here, c)
            }
            ("Fn::FindInMap", Value::Array(a)) if a.len() == 3 => {
                if let Some(map) = a[0].as_str()
                    && !self.t.mappings.contains_key(map)
                {
                    self.error(at, format!("{here} has `Fn::FindInMap` on `{map}`, which is not declared in Mappings"));
                }
                self.walk(at, here, arg, scope);
            }
            _ => self.walk(at, here, arg, scope),
        }
    }

    /// Checks the `${Name}` and `${Name.Attr}` variables of a `Fn::Sub` template (`${!x}` is a literal).
    fn sub(&mut self, at: (Section, &str), here: &str, s: &str, locals: &[&String]) {
        let mut rest = s;
        while let Some(start) = rest.find("${") {
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else { break };
            let var = after[..end].trim();
            rest = &after[end + 1..];
            if var.starts_with('!') || locals.iter().any(|l| l.as_str() == var) {
                continue;
            }
            match var.split_once('.') {
                Some((target, attr)) if Pseudo::from_name(var).is_none() => {
                    if !self.implicit.contains(var) {
                        self.getatt_exists(at, here, target, attr);
                    }
                }
                _ => self.ref_exists(at, here, var, Scope::Anywhere, "Fn::Sub ${}"),
            }
        }
    }

    /// One error per cycle of resources (through `DependsOn`, `Ref`, `Fn::GetAtt`, `Fn::Sub`) and per cycle of
    /// conditions: CloudFormation cannot order them and refuses the template. Each strongly connected group is
    /// reported once, as one cycle through its first member, with the `file:line` of every member.
    fn cycles(&mut self) {
        for section in [Section::Resources, Section::Conditions] {
            let graph: BTreeMap<&str, Vec<&str>> = self
                .edges
                .iter()
                .filter(|((s, _), _)| *s == section)
                .map(|((_, from), to)| (*from, to.iter().copied().collect()))
                .collect();
            for group in strongly_connected(&graph) {
                let cyclic =
                    group.len() > 1 || graph.get(group[0]).is_some_and(|to| to.contains(&group[0]));
                if !cyclic {
                    continue;
                }
                let path = cycle_through(&graph, &group);
                let what = if section == Section::Resources {
                    "resources"
                } else {
                    "conditions"
                };
                let shown: Vec<String> = path.iter().map(|id| format!("`{id}`")).collect();
                let places = declared(section, &group, self.origins);
                let fix = if section == Section::Resources {
                    "drop one of the references or `DependsOn`s, or derive the value without it (e.g. a name \
                     built from the stack, as buckets' names are)"
                } else {
                    "a condition cannot depend on itself"
                };
                let message = format!(
                    "{what} form a cycle: {}{places}; CloudFormation cannot order them and refuses the template: {fix}",
                    shown.join(" → ")
                );
                let origin = group.iter().find_map(|id| self.origin(section, id));
                self.diags.push(Diagnostic::error(origin, message));
            }
        }
    }

    fn limits(&mut self) {
        let t = self.t;
        let (per_resource, shared) = transformed_counts(t);
        let expanded = per_resource
            .iter()
            .chain(&shared)
            .map(|(_, n)| n)
            .sum::<usize>();
        if expanded > MAX_RESOURCES {
            // What each annotation adds, largest first: where to split.
            let mut by_origin: BTreeMap<Option<Origin>, usize> = BTreeMap::new();
            for (id, n) in &per_resource {
                *by_origin
                    .entry(self.origin(Section::Resources, id))
                    .or_default() += n;
            }
            let mut largest: Vec<(Option<Origin>, usize)> = by_origin.into_iter().collect();
            largest.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let named: Vec<String> = largest
                .iter()
                .take(3)
                .map(|(o, n)| match o {
                    Some(o) => format!("{n} from {o}"),
                    None => format!("{n} from resources added without an annotation"),
                })
                .collect();
            self.diags.push(Diagnostic {
                severity: self.quota,
                origin: largest.first().and_then(|(o, _)| *o),
                message: format!(
                    "the template declares {} resources, which the SAM transform expands to {expanded}; \
                     CloudFormation accepts at most {MAX_RESOURCES} per stack: split it into nested stacks \
                     (the largest shares: {})",
                    t.resources.len(),
                    named.join(", ")
                ),
            });
        }
        let sections: [(Section, Vec<&String>, usize, &str); 3] = [
            (
                Section::Parameters,
                t.parameters.keys().collect(),
                MAX_PARAMETERS,
                "parameters",
            ),
            (
                Section::Outputs,
                t.outputs.keys().collect(),
                MAX_OUTPUTS,
                "outputs",
            ),
            (
                Section::Mappings,
                t.mappings.keys().collect(),
                MAX_MAPPINGS,
                "mappings",
            ),
        ];
        for (section, ids, max, what) in sections {
            if ids.len() > max {
                // The first one past the quota, in the order the template lists them.
                let past = ids[max];
                let message = format!(
                    "the template has {} {what}; CloudFormation accepts at most {max} (`{past}` is the first past it)",
                    ids.len()
                );
                self.diags.push(Diagnostic {
                    severity: self.quota,
                    origin: self.origin(section, past),
                    message,
                });
            }
        }
        if let Some(d) = &t.description
            && d.len() > MAX_DESCRIPTION
        {
            self.diags.push(Diagnostic::error(
                None,
                format!(
                    "the description is {} bytes; CloudFormation accepts at most {MAX_DESCRIPTION}",
                    d.len()
                ),
            ));
        }
    }
}

/// What SAM makes of an API's custom `Domain`: suffixes of the API's own ids (one mapping per base path,
/// `<Api><BasePath><mapping>`), and ids of their own (the domain name, whose id is a hash of the domain; the DNS
/// records when `Route53` is set).
fn domain_ids(domain: &Value, name: &str, mapping: &str) -> (Vec<String>, Vec<String>) {
    let paths: Vec<String> = match domain.get("BasePath").and_then(Value::as_array) {
        Some(paths) => paths
            .iter()
            .filter_map(Value::as_str)
            .map(|b| b.chars().filter(char::is_ascii_alphanumeric).collect())
            .collect(),
        None => vec![String::new()],
    };
    let mut made = vec![name.to_owned()];
    if domain.get("Route53").is_some() {
        made.push("RecordSetGroup*".to_owned());
    }
    (
        paths.into_iter().map(|b| format!("{b}{mapping}")).collect(),
        made,
    )
}
