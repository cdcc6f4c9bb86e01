//! Writes the tokens: the user's item unchanged, then one registration beside it.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::LitStr;
use syn::spanned::Spanned;

use super::args::{EventKind, Policy};
use super::check::Checked;
use crate::attr::Target;
use crate::tokens::{opt, strs};

fn value(l: &Option<LitStr>) -> Option<String> {
    l.as_ref().map(LitStr::value)
}

/// A string target as written, or a typed one as `<T as CfResource>::REF.logical_id` with a bound check
/// (`check`, e.g. `is_bucket`) spanned on the type and pushed to `checks`.
fn target(t: &Target, check: &str, checks: &mut Vec<TokenStream>) -> TokenStream {
    match t {
        Target::Id(s) => {
            let s = s.value();
            quote!(#s)
        }
        Target::Type(path) => {
            let p = quote!(::infra_core::__private);
            let check = format_ident!("{}", check);
            checks.push(quote_spanned!(path.span()=> #p::#check::<#path>();));
            quote_spanned!(path.span()=> <#path as #p::CfResource>::REF.logical_id)
        }
    }
}

pub fn expand(item: TokenStream, checked: &Checked) -> TokenStream {
    let p = quote!(::infra_core::__private);
    let (spec, checks) = function_spec(checked);
    let s = &checked.spec;
    let logical_id = &checked.logical_id;
    // Named, not `const _`, so the registration also works inside an inherent `impl` block; the name is what
    // rustc shows where the const cannot go (a trait impl: "const `cf_function_of_handle` is not a member of
    // trait ...") and in the label of a failed check. Its value is the logical id, so other attributes name the
    // function by its path (`handler_id`), with the handler's visibility.
    let register = format_ident!(
        "cf_function_of_{}",
        s.ident.to_string().trim_start_matches("r#"),
        span = s.ident.span()
    );
    let ident = &s.ident;
    let vis = &s.vis;
    // Handlers taking `LambdaEvent<T>` can run under lambda_runtime; the entry expands to nothing unless
    // infra-core's `dispatch` feature is on.
    // Image functions never run the dispatch binary.
    let flavour = if s.is_async {
        quote!(async)
    } else {
        quote!(sync)
    };
    let dispatch = (s.payload.is_some() && s.image.is_none() && s.image_uri.is_none())
        .then(|| quote!(#p::dispatch_entry!(#logical_id, #ident, #register, #flavour);));
    quote! {
        #item
        #[doc(hidden)]
        #[allow(non_upper_case_globals, dead_code, unused_qualifications, clippy::all)]
        #vis const #register: &'static str = {
            const SPEC: #p::FunctionSpec = #spec;
            #checks
            #p::register! {
                #p::Fragment {
                    origin: #p::Origin { file: ::core::file!(), line: ::core::line!(), module: ::core::module_path!() },
                    build: #p::Build::Spec(&SPEC),
                }
            }
            #dispatch
            #logical_id
        };
    }
}

/// The `FunctionSpec` expression of a checked spec, and the const checks (bounds, assertions) that go beside it.
/// `globals(function(..))` builds its defaults with it too.
pub(crate) fn function_spec(checked: &Checked) -> (TokenStream, Option<TokenStream>) {
    let p = quote!(::infra_core::__private);
    let mut checks: Vec<TokenStream> = Vec::new();
    let s = &checked.spec;
    let logical_id = &checked.logical_id;
    // The spec names only what the attribute sets; the rest comes from `FunctionSpec::DEFAULT`.
    let mut fields: Vec<TokenStream> = Vec::new();
    let mut some = |field: &str, v: Option<TokenStream>| {
        if let Some(v) = v {
            let field = format_ident!("{}", field);
            fields.push(quote!(#field: ::core::option::Option::Some(#v)));
        }
    };
    some("description", value(&s.description).map(|d| quote!(#d)));
    some("memory", s.memory.map(|m| quote!(#m)));
    some("timeout", s.timeout.map(|t| quote!(#t)));
    some("ephemeral_storage", s.ephemeral_storage.map(|e| quote!(#e)));
    some(
        "reserved_concurrency",
        s.reserved_concurrency.map(|r| quote!(#r)),
    );
    let code = match (&s.image, &s.image_uri) {
        (_, Some(Target::Id(uri))) => quote!(#p::Code::Prebuilt(#p::Image::Uri(#uri))),
        (_, Some(Target::Type(t))) => {
            quote_spanned!(t.span()=> #p::Code::Prebuilt(<#t as #p::ContainerImage>::IMAGE))
        }
        (None, None) => match value(&s.bin) {
            Some(bin) => quote!(#p::Code::Zip { bin: #bin, named: true }),
            None => quote!(#p::Code::Zip { bin: ::core::env!("CARGO_PKG_NAME"), named: false }),
        },
        (Some(image), None) => {
            let context = image.value();
            let dockerfile = value(&s.dockerfile).unwrap_or_else(|| "Dockerfile".to_owned());
            let tag = opt(value(&s.tag));
            quote!(#p::Code::Image { context: #context, dockerfile: #dockerfile, tag: #tag })
        }
    };
    let pairs = |ps: &[(LitStr, LitStr)]| {
        let items = ps.iter().map(|(k, v)| {
            let (k, v) = (k.value(), v.value());
            quote!((#k, #v))
        });
        items.collect::<Vec<_>>()
    };
    let env = env_values(&s.env);
    let reads = uses(&s.reads, "readable", &mut checks);
    let writes = uses(&s.writes, "writable", &mut checks);
    let invokes = uses(&s.invokes, "invocable", &mut checks);
    checks.extend(distinct_env(s));
    let tags = pairs(&s.tags);
    let layers: Vec<TokenStream> = s
        .layers
        .iter()
        .map(|l| match l {
            Target::Id(arn) => quote!(#arn),
            Target::Type(t) => quote_spanned!(t.span()=> <#t as #p::CfLayer>::SUB),
        })
        .collect();
    some(
        "tracing",
        s.tracing.map(|t| match t {
            "active" => quote!(#p::Tracing::Active),
            _ => quote!(#p::Tracing::PassThrough),
        }),
    );
    some("log_retention", s.log_retention.map(|r| quote!(#r)));
    some(
        "broad_permissions",
        value(&s.broad_permissions).map(|w| quote!(#w)),
    );
    some(
        "condition",
        s.condition.as_ref().map(|c| match c {
            Target::Id(name) => {
                let name = name.value();
                quote!(#name)
            }
            Target::Type(path) => quote_spanned!(path.span()=> <#path as #p::CfCondition>::NAME),
        }),
    );
    some("function_url", s.function_url.as_ref().map(|u| {
        let iam = u.iam;
        let url_output = opt(value(&u.url_output));
        let cors = opt(u.cors.as_ref().map(|c| {
            let (o, m, h, e) = (strs(&c.allow_origins), strs(&c.allow_methods), strs(&c.allow_headers), strs(&c.expose_headers));
            let (age, creds) = (opt(c.max_age), opt(c.allow_credentials));
            quote!(#p::Cors { allow_origins: #o, allow_methods: #m, allow_headers: #h, expose_headers: #e, max_age: #age, allow_credentials: #creds })
        }));
        let invoke_mode = opt(u.invoke_mode);
        quote!(#p::FunctionUrl { iam: #iam, invoke_mode: #invoke_mode, cors: #cors, url_output: #url_output })
    }));
    some(
        "dead_letter",
        s.dead_letter.as_ref().map(|(kind, t)| {
            let t = t.value();
            if *kind == "sqs" {
                quote!(#p::DeadLetter::Sqs(#t))
            } else {
                quote!(#p::DeadLetter::Sns(#t))
            }
        }),
    );
    some(
        "auto_publish_alias",
        value(&s.auto_publish_alias).map(|a| quote!(#a)),
    );
    for (field, v) in [
        ("version_description", &s.version_description),
        ("function_name", &s.function_name),
        ("kms_key", &s.kms_key),
        ("permissions_boundary", &s.permissions_boundary),
        ("code_signing_config", &s.code_signing_config),
    ] {
        some(field, value(v).map(|v| quote!(#v)));
    }
    some("recursive_loop", s.recursive_loop.map(|r| quote!(#r)));
    for (field, v) in [
        ("role", &s.role),
        ("role_path", &s.role_path),
        ("auto_publish_code_sha256", &s.auto_publish_code_sha256),
        ("source_kms_key", &s.source_kms_key),
    ] {
        some(field, value(v).map(|v| quote!(#v)));
    }
    some(
        "provisioned_concurrency",
        s.provisioned_concurrency.as_ref().map(|(n, _)| quote!(#n)),
    );
    some(
        "auto_publish_all_properties",
        s.auto_publish_all_properties.map(|b| quote!(#b)),
    );
    some(
        "version_deletion_policy",
        s.version_deletion_policy.map(|v| quote!(#v)),
    );
    some(
        "runtime_management",
        s.runtime_management.as_ref().map(|r| {
            let (update, version) = (r.update, opt(value(&r.version)));
            quote!(#p::RuntimeManagement { update: #update, version: #version })
        }),
    );
    some(
        "file_system",
        s.file_system.as_ref().map(|f| {
            let (e, a, m, r) = (
                f.efs.value(),
                f.access_point.value(),
                f.mount.value(),
                f.read_only,
            );
            quote!(#p::FileSystem { efs: #e, access_point: #a, mount: #m, read_only: #r })
        }),
    );
    some(
        "image_config",
        s.image_config.as_ref().map(|i| {
            let (c, e, w) = (
                strs(&i.command),
                strs(&i.entry_point),
                opt(value(&i.working_directory)),
            );
            quote!(#p::ImageConfig { command: #c, entry_point: #e, working_directory: #w })
        }),
    );
    let destination = |d: &Option<syn::Path>, checks: &mut Vec<TokenStream>| {
        opt(d.as_ref().map(|path| {
            checks.push(quote_spanned!(path.span()=> #p::failure_destination::<#path>();));
            quote_spanned!(path.span()=> <#path as #p::CfResource>::REF)
        }))
    };
    let event_invoke = s.event_invoke.as_ref().map(|e| {
        let (age, retries) = (opt(e.max_age), opt(e.max_retries));
        let (ok, failed) = (destination(&e.on_success, &mut checks), destination(&e.on_failure, &mut checks));
        quote!(#p::EventInvoke { max_age: #age, max_retries: #retries, on_success: #ok, on_failure: #failed })
    });
    some("event_invoke", event_invoke);
    let deployment = s.deployment.as_ref().map(|d| {
        let strategy = d.strategy;
        let alarms = d.alarms.iter().map(|a| quote_spanned!(a.span()=> <#a as #p::CfAlarm>::LOGICAL_ID));
        let hook = |h: &Option<syn::Path>| opt(h.as_ref().map(handler_id));
        let (pre, post) = (hook(&d.pre_traffic), hook(&d.post_traffic));
        let (enabled, role) = (opt(d.enabled), opt(value(&d.role)));
        let notify = d.notify.iter().map(|(topic, events)| {
            let events = strs(events);
            let id = quote_spanned!(topic.span()=> <#topic as #p::CfResource>::REF.logical_id);
            quote!((#id, #id, #events))
        });
        for (topic, _) in &d.notify {
            checks.push(quote_spanned!(topic.span()=> #p::is_topic::<#topic>();));
        }
        quote!(#p::Deployment { kind: #strategy, alarms: &[#(#alarms),*], pre_traffic: #pre, post_traffic: #post,
            enabled: #enabled, role: #role, triggers: &[#(#notify),*] })
    });
    some("deployment", deployment);
    let vpc = s.vpc.as_ref().map(|v| vpc_value(v, &mut checks));
    some("vpc", vpc);
    some(
        "logging",
        s.logging.as_ref().map(|l| {
            let (f, a, sys, g) = (
                opt(l.format),
                opt(l.application_level),
                opt(l.system_level),
                opt(value(&l.log_group)),
            );
            quote!(#p::Logging { format: #f, application_level: #a, system_level: #sys, log_group: #g })
        }),
    );
    let policies = s.policies.iter().map(policy_value);
    let events: Vec<TokenStream> = s.events.iter().zip(&checked.event_names).map(|(e, name)| match &e.kind {
        EventKind::HttpApi(r) => {
            let (method, path, url_output) = (opt(r.method), opt(value(&r.path)), opt(value(&r.url_output)));
            let api_spec = match &r.api {
                Some(Target::Type(t)) => Some(quote_spanned!(t.span()=> <#t as #p::CfHttpApi>::API)),
                _ => None,
            };
            let api = opt(r.api.as_ref().map(|a| match a {
                Target::Id(s) => {
                    let s = s.value();
                    quote!(#s)
                }
                Target::Type(t) => quote_spanned!(t.span()=> <#t as #p::CfHttpApi>::API.logical_id),
            }));
            let auth = opt(r.auth.as_ref().map(|a| match a {
                super::sources::RouteAuth::Authorizer(name, scopes) => {
                    if let Some(spec) = &api_spec {
                        let message = format!("the route's API has no authorizer `{}`: declare it with `jwt(name = \"{0}\", ..)` or `lambda_authorizer(name = \"{0}\", ..)` on the API", name.value());
                        checks.push(quote_spanned!(name.span()=> const _: () = ::core::assert!(#p::has_authorizer(&#spec, #name), #message);));
                    }
                    let scopes = strs(scopes);
                    quote!(#p::RouteAuth::Authorizer(#name, #scopes))
                }
                super::sources::RouteAuth::None => {
                    if let Some(spec) = &api_spec {
                        checks.push(quote_spanned!(e.span=> const _: () = ::core::assert!(#spec.default_authorizer.is_some(),
                            "`auth(none)` exempts a route from its API's default authorizer, and the route's API has none: drop `auth(none)`, or set `default_authorizer` on the API");));
                    }
                    quote!(#p::RouteAuth::None)
                }
                super::sources::RouteAuth::Iam => {
                    if let Some(spec) = &api_spec {
                        checks.push(quote_spanned!(e.span=> const _: () = ::core::assert!(#spec.iam_authorizer,
                            "`auth(iam)` needs the IAM authorizer on the route's API: add `iam_authorizer` to its `http_api(..)`");));
                    }
                    quote!(#p::RouteAuth::Iam)
                }
            }));
            let (timeout, throttling) = (opt(r.timeout), opt(r.throttling.map(|(b, r)| quote!((#b, #r)))));
            quote!(#p::Event::HttpApi(&#p::HttpRoute { name: #name, method: #method, path: #path, api: #api, url_output: #url_output,
                auth: #auth, timeout: #timeout, throttling: #throttling }))
        }
        EventKind::Api { method, path, api_key_required, cors, api, url_output, auth, timeout, request_model, request_parameters } => {
            let method = method.to_ascii_lowercase();
            let (path, cors, url_output) = (path.value(), opt(value(cors)), opt(value(url_output)));
            let api_spec = match api {
                Some(Target::Type(t)) => Some(quote_spanned!(t.span()=> <#t as #p::CfRestApi>::API)),
                _ => None,
            };
            let api = opt(api.as_ref().map(|a| match a {
                Target::Id(s) => {
                    let s = s.value();
                    quote!(#s)
                }
                Target::Type(t) => quote_spanned!(t.span()=> <#t as #p::CfRestApi>::API.logical_id),
            }));
            let auth = opt(auth.as_ref().map(|a| match a {
                super::sources::RouteAuth::Authorizer(name, scopes) => {
                    if let Some(spec) = &api_spec {
                        let message = format!("the method's API has no authorizer `{}`: declare it with `cognito(name = \"{0}\", ..)`, `token_authorizer(..)` or `request_authorizer(..)` on the API", name.value());
                        checks.push(quote_spanned!(name.span()=> const _: () = ::core::assert!(#p::has_rest_authorizer(&#spec, #name), #message);));
                    }
                    let scopes = strs(scopes);
                    quote!(#p::RouteAuth::Authorizer(#name, #scopes))
                }
                super::sources::RouteAuth::None => {
                    if let Some(spec) = &api_spec {
                        checks.push(quote_spanned!(e.span=> const _: () = ::core::assert!(#spec.default_authorizer.is_some(),
                            "`auth(none)` exempts a method from its API's default authorizer, and the method's API has none: drop `auth(none)`, or set `default_authorizer` on the API");));
                    }
                    quote!(#p::RouteAuth::None)
                }
                super::sources::RouteAuth::Iam => quote!(#p::RouteAuth::Iam),
            }));
            let timeout = opt(*timeout);
            let request_model = opt(request_model.as_ref().map(|(model, required, body, params)| {
                if let Some(spec) = &api_spec {
                    let message = format!("the method's API has no model `{}`: declare it with `models({0} = \"<JSON schema>\")` on the API", model.value());
                    checks.push(quote_spanned!(model.span()=> const _: () = ::core::assert!(#p::has_model(&#spec, #model), #message);));
                }
                quote!(#p::RequestModel { model: #model, required: #required, validate_body: #body, validate_parameters: #params })
            }));
            let params = request_parameters.iter().map(|(p, r)| quote!((#p, #r)));
            quote!(#p::Event::Api { name: #name, method: #method, path: #path, api_key_required: #api_key_required, cors: #cors,
                api: #api, url_output: #url_output, auth: #auth, timeout: #timeout, request_model: #request_model,
                request_parameters: &[#(#params),*] })
        }
        EventKind::Schedule { expression, enabled, input, rule_name, description, state, retry, dead_letter } => {
            let (expression, enabled, input) = (expression.value(), opt(*enabled), opt(value(input)));
            let (rule_name, description, state) = (opt(value(rule_name)), opt(value(description)), opt(*state));
            let retry = opt(retry.map(|(a, m)| {
                let (a, m) = (opt(a), opt(m));
                quote!(#p::RetryPolicy { attempts: #a, max_age: #m })
            }));
            quote!(#p::Event::Schedule { name: #name, expression: #expression, enabled: #enabled, input: #input,
                rule_name: #rule_name, description: #description, state: #state, retry: #retry, dead_letter: #dead_letter })
        }
        EventKind::S3 { bucket, events, prefix, suffix } => {
            let bucket = target(bucket, "is_bucket", &mut checks);
            let events = if events.is_empty() { quote!(&["s3:ObjectCreated:*"]) } else { strs(events) };
            let (prefix, suffix) = (opt(value(prefix)), opt(value(suffix)));
            quote!(#p::Event::S3 { name: #name, bucket: #bucket, events: #events, prefix: #prefix, suffix: #suffix })
        }
        EventKind::Sqs { queue, batch_size, batching_window, polling } => {
            let (queue, b, w) = (target(queue, "is_queue", &mut checks), opt(*batch_size), opt(*batching_window));
            let polling = polling_value(polling, &mut checks);
            quote!(#p::Event::Sqs { name: #name, queue: #queue, batch_size: #b, batching_window: #w, polling: #polling })
        }
        EventKind::Sns(sns) => {
            let (topic, fp) = (target(&sns.topic, "is_topic", &mut checks), opt(value(&sns.filter_policy)));
            let (scope, region) = (opt(sns.filter_scope), opt(value(&sns.region)));
            let sqs = opt(sns.sqs.as_ref().map(|q| match q {
                None => quote!(#p::SnsQueue::Created),
                Some(q) => {
                    let path = &q.queue;
                    checks.push(quote_spanned!(path.span()=> #p::is_queue::<#path>();));
                    let queue = quote_spanned!(path.span()=> <#path as #p::CfResource>::REF.logical_id);
                    let (b, e) = (opt(q.batch_size), opt(q.enabled));
                    quote!(#p::SnsQueue::Queue { queue: #queue, batch_size: #b, enabled: #e })
                }
            }));
            quote!(#p::Event::Sns(&#p::SnsSubscription { name: #name, topic: #topic, filter_policy: #fp,
                filter_scope: #scope, region: #region, sqs: #sqs }))
        }
        EventKind::DynamoDb { table, starting_position, batch_size, batching_window, polling } => {
            let (table, b, w) = (target(table, "has_stream", &mut checks), opt(*batch_size), opt(*batching_window));
            let polling = polling_value(polling, &mut checks);
            quote!(#p::Event::DynamoDb { name: #name, table: #table, starting_position: #starting_position, batch_size: #b, batching_window: #w, polling: #polling })
        }
        EventKind::Kinesis { stream, starting_position, starting_timestamp, batch_size, batching_window, polling } => {
            let (stream, b, w) = (target(stream, "is_stream", &mut checks), opt(*batch_size), opt(*batching_window));
            let (polling, t) = (polling_value(polling, &mut checks), opt(*starting_timestamp));
            quote!(#p::Event::Kinesis { name: #name, stream: #stream, starting_position: #starting_position, starting_timestamp: #t, batch_size: #b, batching_window: #w, polling: #polling })
        }
        EventKind::Kafka(k) => {
            let source = match &k.cluster {
                Some(c) => {
                    let c = c.value();
                    quote!(#p::KafkaSource::Msk(#c))
                }
                None => {
                    let servers = strs(&k.servers);
                    quote!(#p::KafkaSource::SelfManaged(#servers))
                }
            };
            let (topic, position, t) = (k.topic.value(), k.starting_position, opt(k.starting_timestamp));
            let (group, b, w) = (opt(value(&k.consumer_group)), opt(k.batch_size), opt(k.batching_window));
            let access = access_values(&k.access, &mut checks);
            let vpc = opt(k.vpc.as_ref().map(|v| vpc_value(v, &mut checks)));
            let key = opt(value(&k.secrets_kms_key));
            let pollers = opt(k.pollers.as_ref().map(|(min, max, g)| {
                let (min, max, g) = (opt(*min), opt(*max), opt(value(g)));
                quote!(#p::Pollers { min: #min, max: #max, group: #g })
            }));
            let registry = opt(k.registry.as_ref().map(|r| {
                let (uri, format, validate) = (r.uri.value(), r.format, &r.validate);
                let access = access_values(&r.access, &mut checks);
                quote!(#p::SchemaRegistry { uri: #uri, format: #format, validate: &[#(#validate),*], access: #access })
            }));
            let (log, polling) = (opt(k.log_level), polling_value(&k.polling, &mut checks));
            quote!(#p::Event::Kafka(&#p::Kafka { name: #name, source: #source, topic: #topic, starting_position: ::core::option::Option::Some(#position),
                starting_timestamp: #t, consumer_group: #group, batch_size: #b, batching_window: #w, access: #access, vpc: #vpc,
                secrets_kms_key: #key, pollers: #pollers, schema_registry: #registry, log_level: #log, polling: #polling }))
        }
        EventKind::Mq(m) => {
            let (broker, queue) = (m.broker.value(), m.queue.value());
            let mut items = access_items(&m.access, &mut checks);
            if let Some(h) = &m.virtual_host {
                let h = h.value();
                items.push(quote!(#p::Access::Text("VIRTUAL_HOST", #h)));
            }
            let access = quote!(&[#(#items),*]);
            let (key, b, w) = (opt(value(&m.secrets_kms_key)), opt(m.batch_size), opt(m.batching_window));
            let polling = polling_value(&m.polling, &mut checks);
            quote!(#p::Event::Mq(&#p::Mq { name: #name, broker: #broker, queue: #queue, access: #access, batch_size: #b,
                batching_window: #w, secrets_kms_key: #key, polling: #polling }))
        }
        EventKind::DocumentDb(d) => {
            let (cluster, database) = (d.cluster.value(), d.database.value());
            let (collection, full) = (opt(value(&d.collection)), opt(d.full_document));
            let access = access_values(&d.access, &mut checks);
            let (position, t) = (d.starting_position, opt(d.starting_timestamp));
            let (key, b, w) = (opt(value(&d.secrets_kms_key)), opt(d.batch_size), opt(d.batching_window));
            let polling = polling_value(&d.polling, &mut checks);
            quote!(#p::Event::DocumentDb(&#p::DocumentDb { name: #name, cluster: #cluster, database: #database, collection: #collection,
                full_document: #full, access: #access, starting_position: ::core::option::Option::Some(#position), starting_timestamp: #t,
                batch_size: #b, batching_window: #w, secrets_kms_key: #key, polling: #polling }))
        }
        EventKind::EventBridge(e) => {
            let (pattern, bus, rule_name) = (e.pattern.value(), opt(value(&e.bus)), opt(value(&e.rule_name)));
            let (state, input, input_path) = (opt(e.state), opt(value(&e.input)), opt(value(&e.input_path)));
            let transformer = opt(e.input_transformer.as_ref().map(|(paths, template)| {
                let paths = paths.iter().map(|(k, v)| {
                    let (k, v) = (k.value(), v.value());
                    quote!((#k, #v))
                });
                let template = template.value();
                quote!((&[#(#paths),*], #template))
            }));
            let retry = opt(e.retry.map(|(a, m)| {
                let (a, m) = (opt(a), opt(m));
                quote!(#p::RetryPolicy { attempts: #a, max_age: #m })
            }));
            let dead_letter = opt(e.dead_letter.as_ref().map(|q| match q {
                None => quote!(#p::EventDeadLetter::Created),
                Some(q) => {
                    let q = target(q, "is_queue", &mut checks);
                    quote!(#p::EventDeadLetter::Queue(#q))
                }
            }));
            let target_id = opt(value(&e.target_id));
            quote!(#p::Event::EventBridge(&#p::EventRule { name: #name, pattern: #pattern, bus: #bus, rule_name: #rule_name,
                state: #state, input: #input, input_path: #input_path, input_transformer: #transformer, retry: #retry,
                dead_letter: #dead_letter, target_id: #target_id }))
        }
        EventKind::Cognito { user_pool, triggers } => {
            let (pool, triggers) = (user_pool.value(), strs(triggers));
            quote!(#p::Event::Cognito { name: #name, user_pool: #pool, triggers: #triggers })
        }
        EventKind::ScheduleV2(s) => {
            let expression = s.expression.value();
            let retry = opt(s.retry.map(|(a, m)| {
                let (a, m) = (opt(a), opt(m));
                quote!(#p::RetryPolicy { attempts: #a, max_age: #m })
            }));
            let dead_letter = opt(s.dead_letter.as_ref().map(|q| match q {
                None => quote!(#p::EventDeadLetter::Created),
                Some(q) => {
                    let q = target(q, "is_queue", &mut checks);
                    quote!(#p::EventDeadLetter::Queue(#q))
                }
            }));
            let (omit_name, state, window) = (s.omit_name, opt(s.state), opt(s.flexible_window));
            let [schedule_name, description, timezone, start, end, group, kms_key, input, role, boundary] = [
                &s.schedule_name, &s.description, &s.timezone, &s.start, &s.end, &s.group, &s.kms_key,
                &s.input, &s.role, &s.permissions_boundary,
            ].map(|v| opt(value(v)));
            quote!(#p::Event::ScheduleV2(#p::ScheduleV2 { name: #name, expression: #expression,
                schedule_name: #schedule_name, omit_name: #omit_name, description: #description, state: #state,
                timezone: #timezone, flexible_window: #window, start: #start, end: #end, group: #group,
                kms_key: #kms_key, input: #input, retry: #retry, dead_letter: #dead_letter, role: #role,
                permissions_boundary: #boundary }))
        }
        EventKind::CloudWatchLogs { log_group, filter } => {
            let (log_group, filter) = (log_group.value(), filter.value());
            quote!(#p::Event::CloudWatchLogs { name: #name, log_group: #log_group, filter: #filter })
        }
        EventKind::IotRule { sql, sql_version } => {
            let (sql, version) = (sql.value(), opt(*sql_version));
            quote!(#p::Event::IotRule { name: #name, sql: #sql, sql_version: #version })
        }
        EventKind::AlexaSkill { skill_id } => {
            let skill_id = skill_id.value();
            quote!(#p::Event::AlexaSkill { name: #name, skill_id: #skill_id })
        }
    }).collect();
    let payload = payload_checks(checked);
    if !payload.is_empty() {
        // Method calls are not allowed in a const, so the payload checks sit in a function nobody calls.
        checks.push(quote!(fn __payload() { #(#payload)* }));
    }
    if s.propagate_tags {
        fields.push(quote!(propagate_tags: true));
    }
    if s.architecture == Some("x86_64") {
        fields.push(quote!(architecture: #p::Architecture::X86_64));
    }
    let policies: Vec<TokenStream> = policies.collect();
    let parameters: Vec<TokenStream> = s
        .parameters
        .iter()
        .map(|(property, path, key)| {
            let message = format!("`{key}` takes a number: `{}` is a parameter of another type; declare it with `#[cf_resources(parameter(kind = \"Number\"))]`", path_text(path));
            checks.push(quote_spanned!(path.span()=> const _: () = ::core::assert!(
                #p::same_str(<#path as #p::CfParameter>::KIND, "Number"), #message);));
            quote_spanned!(path.span()=> (#property, <#path as #p::CfParameter>::NAME))
        })
        .collect();
    for (field, items) in [
        ("env", env),
        ("reads", reads),
        ("writes", writes),
        ("invokes", invokes),
        ("layers", layers),
        ("tags", tags),
        ("policies", policies),
        ("parameters", parameters),
        ("events", events),
        (
            "assume_role",
            s.assume_role.iter().map(|a| quote!(#a)).collect(),
        ),
    ] {
        if !items.is_empty() {
            let field = format_ident!("{}", field);
            fields.push(quote!(#field: &[#(#items),*]));
        }
    }
    let checks = (!checks.is_empty()).then(|| quote!(const _: () = { #(#checks)* };));
    let spec = quote! {
        #p::FunctionSpec {
            logical_id: #logical_id,
            package_dir: ::core::env!("CARGO_MANIFEST_DIR"),
            code: #code,
            #(#fields,)*
            ..#p::FunctionSpec::DEFAULT
        }
    };
    (spec, checks)
}

/// The logical id of the `#[cf_function]` handler at `path` (`handlers::authorize`): its registration,
/// `handlers::cf_function_of_authorize`, which holds it. A path to a function without the attribute fails to
/// compile there.
pub(crate) fn handler_id(path: &syn::Path) -> TokenStream {
    let mut path = path.clone();
    if let Some(last) = path.segments.last_mut() {
        let name = last.ident.to_string();
        last.ident = format_ident!(
            "cf_function_of_{}",
            name.trim_start_matches("r#"),
            span = last.ident.span()
        );
    }
    quote!(#path)
}

/// The path as written, `a::B`.
fn path_text(path: &syn::Path) -> String {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let lead = if path.leading_colon.is_some() {
        "::"
    } else {
        ""
    };
    format!("{lead}{}", segments.join("::"))
}

/// A poller's options as a `Polling` value; the failure destination's bound pushed to `checks`.
fn polling_value(polling: &super::args::Polling, checks: &mut Vec<TokenStream>) -> TokenStream {
    let p = quote!(::infra_core::__private);
    let filters = polling.filters.iter().map(LitStr::value);
    let report_failures = polling.report_failures;
    let (c, b, age, r, par, w) = (
        opt(polling.max_concurrency),
        opt(polling.bisect),
        opt(polling.max_record_age),
        opt(polling.max_retries),
        opt(polling.parallelization),
        opt(polling.tumbling_window),
    );
    let on_failure = opt(polling.on_failure.as_ref().map(|path| {
        checks.push(quote_spanned!(path.span()=> #p::failure_destination::<#path>();));
        quote_spanned!(path.span()=> <#path as #p::CfResource>::REF)
    }));
    let (enabled, kms_key, metrics) = (
        opt(polling.enabled),
        opt(value(&polling.kms_key)),
        strs(&polling.metrics),
    );
    quote!(#p::Polling {
        filters: &[#(#filters),*], report_failures: #report_failures, max_concurrency: #c, bisect: #b,
        max_record_age: #age, max_retries: #r, parallelization: #par, tumbling_window: #w, on_failure: #on_failure,
        enabled: #enabled, kms_key: #kms_key, metrics: #metrics,
    })
}

/// A `FunctionVpc` of `vpc(network = T, subnets, security_groups(..))`, with the compile-time checks that the VPC
/// has those subnets and each group is in it.
fn vpc_value(v: &super::settings::Vpc, checks: &mut Vec<TokenStream>) -> TokenStream {
    let p = quote!(::infra_core::__private);
    let network = &v.network;
    let spec = quote_spanned!(network.span()=> <#network as #p::CfVpc>::VPC);
    let (kind, word) = if v.subnets == "isolated" {
        (quote!(#p::SubnetKind::Isolated), "isolated")
    } else {
        (quote!(#p::SubnetKind::Private), "private")
    };
    let message = format!(
        "this VPC has no {word} subnets for the function: add `{word}(cidr_mask = 24)` to the `subnets(..)` of its `vpc(..)`, or set `subnets` to a kind it has"
    );
    checks.push(quote_spanned!(network.span()=> const _: () = ::core::assert!(#p::has_subnets(&#spec, #kind), #message);));
    let groups: Vec<TokenStream> = v.security_groups.iter().map(|g| {
        checks.push(quote_spanned!(g.span()=> const _: () = ::core::assert!(
            #p::same_str(#spec.logical_id, <#g as #p::CfSecurityGroup>::VPC),
            "this security group is in another VPC than the function's `network`: a group applies only in its own VPC; declare it with that `vpc = ..`");));
        quote_spanned!(g.span()=> <#g as #p::CfSecurityGroup>::LOGICAL_ID)
    }).collect();
    quote!(#p::FunctionVpc { network: #spec, subnets: #kind, security_groups: &[#(#groups),*] })
}

/// `&[Access]` of an `auth(..)`: a secret type by its logical id (bound-checked to be a secret), a string as
/// written, `IAM_AUTH` bare.
fn access_values(access: &[super::pollers::Access], checks: &mut Vec<TokenStream>) -> TokenStream {
    let items = access_items(access, checks);
    quote!(&[#(#items),*])
}

fn access_items(
    access: &[super::pollers::Access],
    checks: &mut Vec<TokenStream>,
) -> Vec<TokenStream> {
    let p = quote!(::infra_core::__private);
    access
        .iter()
        .map(|(kind, t)| match t {
            None => quote!(#p::Access::Bare(#kind)),
            Some(t) => {
                let s = target(t, "is_secret", checks);
                quote!(#p::Access::Secret(#kind, #s))
            }
        })
        .collect()
}

/// The `REF` of each type of `reads(..)`, `writes(..)` or `invokes(..)`, each type's bound (`check`, a
/// function of `__private`) pushed to `checks`.
pub(crate) fn uses(
    paths: &[syn::Path],
    check: &str,
    checks: &mut Vec<TokenStream>,
) -> Vec<TokenStream> {
    let p = quote!(::infra_core::__private);
    let check = format_ident!("{}", check);
    paths
        .iter()
        .map(|path| {
            checks.push(quote_spanned!(path.span()=> #p::#check::<#path>();));
            quote_spanned!(path.span()=> <#path as #p::CfResource>::REF)
        })
        .collect()
}

/// Const assertions that no two sources set one environment variable: two `reads`/`writes`/`invokes` types of
/// different logical ids that inject the same name (`FileRecord` and `FileRecordTable` both give
/// `FILE_RECORD_TABLE_NAME`), or an `env(...)` key equal to an injected name. Each fails to compile, spanned
/// on the later of the two and naming both.
fn distinct_env(s: &super::args::Spec) -> Vec<TokenStream> {
    let p = quote!(::infra_core::__private);
    let mut injected: Vec<(String, &syn::Path)> = Vec::new();
    for (word, paths) in [
        ("reads", &s.reads),
        ("writes", &s.writes),
        ("invokes", &s.invokes),
    ] {
        for path in paths {
            injected.push((format!("{word}({})", path_text(path)), path));
        }
    }
    let mut out = Vec::new();
    for (j, (b, path_b)) in injected.iter().enumerate() {
        let rb = quote_spanned!(path_b.span()=> <#path_b as #p::CfResource>::REF);
        for (a, path_a) in &injected[..j] {
            let ra = quote_spanned!(path_b.span()=> <#path_a as #p::CfResource>::REF);
            let message = format!(
                "`{a}` and `{b}` inject the same environment variable: give one of the two types another `logical_id`"
            );
            out.push(
                quote_spanned!(path_b.span()=> const _: () = ::core::assert!(
                !#p::same_str(#ra.env, #rb.env) || #p::same_str(#ra.logical_id, #rb.logical_id),
                #message
            );),
            );
        }
        for (key, _) in &s.env {
            let k = key.to_string();
            let message = format!(
                "`env({k} = ...)` would replace the variable `{b}` injects: name it otherwise, or drop it and read the injected one"
            );
            out.push(quote_spanned!(key.span()=> const _: () = ::core::assert!(
                !#p::same_str(#k, #rb.env),
                #message
            );));
        }
    }
    out
}

/// One `accepts_*((&Probe::<Payload>::NEW).classify())` call per declared event kind, spanned on the user's
/// payload type so a mismatch points there. The check is by type, not by name: an `aws_lambda_events` payload
/// behind a type alias is checked too, and a user's own payload type is trusted.
fn payload_checks(checked: &Checked) -> Vec<TokenStream> {
    let s = &checked.spec;
    let Some(ty) = &s.payload else {
        return Vec::new();
    };
    let mut kinds: Vec<&str> = s
        .events
        .iter()
        .map(|e| match e.kind {
            EventKind::HttpApi(_) => "accepts_http_api",
            EventKind::Api { .. } => "accepts_api",
            EventKind::Schedule { .. } => "accepts_schedule",
            EventKind::S3 { .. } => "accepts_s3",
            EventKind::Sqs { .. } => "accepts_sqs",
            EventKind::Sns(_) => "accepts_sns",
            EventKind::Cognito { .. } => "accepts_cognito",
            EventKind::DynamoDb { .. } => "accepts_dynamodb",
            EventKind::Kinesis { .. } => "accepts_kinesis",
            EventKind::Kafka(_) => "accepts_kafka",
            EventKind::Mq(_) => "accepts_mq",
            EventKind::DocumentDb(_) => "accepts_document_db",
            EventKind::EventBridge(_) => "accepts_eventbridge",
            EventKind::ScheduleV2(_) => "accepts_schedule_v2",
            EventKind::CloudWatchLogs { .. } => "accepts_cloudwatch_logs",
            EventKind::IotRule { .. } => "accepts_iot_rule",
            EventKind::AlexaSkill { .. } => "accepts_alexa_skill",
        })
        .collect();
    if s.function_url.is_some() {
        kinds.push("accepts_function_url");
    }
    kinds.sort_unstable();
    kinds.dedup();
    let first = ty.span();
    let last = ty
        .to_token_stream()
        .into_iter()
        .last()
        .map_or(first, |t| t.span());
    kinds
        .into_iter()
        .map(|k| {
            let check = format_ident!("{}", k);
            // The argument runs from the type's first token to its last, so the error underlines all of it.
            let probe = quote_spanned!(first=> (&::infra_core::__private::Probe::<#ty>::NEW));
            let classified = quote_spanned!(last=> #probe.classify());
            quote_spanned!(first=> {
                // One of the two is used, whichever applies.
                #[allow(unused_imports)]
                use ::infra_core::__private::{ClassifyEvent as _, ClassifyOther as _};
                ::infra_core::__private::#check(#classified);
            })
        })
        .collect()
}

/// `("NAME", EnvValue)` per entry of `env(..)`: text as written, a type through its `EnvSource`.
pub(crate) fn env_values(env: &[(syn::Ident, Target)]) -> Vec<TokenStream> {
    let p = quote!(::infra_core::__private);
    env.iter()
        .map(|(k, v)| {
            let k = k.to_string();
            match v {
                Target::Id(text) => {
                    let text = text.value();
                    quote!((#k, #p::EnvValue::Text(#text)))
                }
                Target::Type(path) => {
                    let value = quote_spanned!(path.span()=> <#path as #p::EnvSource>::ENV_VALUE);
                    quote!((#k, #value))
                }
            }
        })
        .collect()
}

/// One `Policy` of `policies(..)`.
pub(crate) fn policy_value(pol: &Policy) -> TokenStream {
    let p = quote!(::infra_core::__private);
    match pol {
        Policy::Template { name, params } => {
            let params = params.iter().map(|(k, v)| {
                let v = v.value();
                quote!((#k, #v))
            });
            quote!(#p::Policy::Template { name: #name, params: &[#(#params),*] })
        }
        Policy::Managed(name) => {
            let name = name.value();
            quote!(#p::Policy::Managed(#name))
        }
        Policy::Statement {
            effect,
            actions,
            resources,
        } => {
            let (a, r) = (strs(actions), strs(resources));
            quote!(#p::Policy::Statement { effect: #effect, actions: #a, resources: #r })
        }
    }
}
