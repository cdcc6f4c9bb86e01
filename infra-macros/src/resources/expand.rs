//! Writes the tokens: the user's item unchanged, its registration, and the trait impls that let functions
//! refer to it by type.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::LitStr;
use syn::spanned::Spanned;

use super::args::{Cond, Endpoint, Operand, SgPeer, Shortcut};
use super::check::{Checked, field};
use crate::attr::Target;
use crate::ctxt::Ctxt;
use crate::tokens::{opt, strs};

pub fn expand(item: TokenStream, c: &Checked) -> TokenStream {
    let p = quote!(::infra_core::__private);
    let s = &c.spec;
    let ident = &s.ident;
    let id = &c.logical_id;
    let env = &c.env;
    let retain = s.retain.is_none_or(|(r, _)| r);
    // What the fragment contributes, and the impls that describe the type.
    let (build, impls) = match s.shortcut.as_ref() {
        None => {
            let check = quote_spanned!(ident.span()=> #p::resources::<#ident>(););
            (
                quote!({ #check <#ident as #p::Resources>::resources(ctx) }),
                quote!(),
            )
        }
        Some(Shortcut::Table {
            partition,
            sort,
            provisioned,
            ttl,
            stream,
            gsis,
            point_in_time_recovery,
        }) => {
            // Checked already; a missing field was reported, so unwrap to a harmless type here.
            // The attribute's name is the one the field serializes to.
            let key = |lit: &LitStr| {
                let (name, ty) = field(&Ctxt::default(), s, lit).map_or_else(
                    || (lit.value(), syn::parse_quote!(String)),
                    |f| (f.name.clone(), f.ty.clone()),
                );
                quote_spanned!(ty.span()=> (#name, <#ty as #p::KeyAttribute>::TYPE))
            };
            let partition = partition
                .as_ref()
                .map(key)
                .unwrap_or_else(|| quote!(("", "S")));
            let sort = opt(sort.as_ref().map(key));
            let provisioned = opt(provisioned.map(|(r, w)| quote!((#r, #w))));
            let ttl_field = ttl.as_ref().and_then(|t| field(&Ctxt::default(), s, t));
            let ttl_check = ttl_field.map(|f| {
                let ty = &f.ty;
                quote_spanned!(ty.span()=> const _: () = #p::ttl_attribute::<#ty>();)
            });
            let ttl = opt(ttl_field.map(|f| f.name.as_str()));
            let has_stream = stream.is_some();
            let stream = opt(*stream);
            let gsis = gsis.iter().map(|g| {
                let (name, gp, gs) = (
                    g.name.value(),
                    key(&g.partition),
                    opt(g.sort.as_ref().map(key)),
                );
                quote!(#p::Gsi { name: #name, partition: #gp, sort: #gs })
            });
            let spec = quote!(#p::TableSpec {
                logical_id: #id, partition: #partition, sort: #sort, provisioned: #provisioned, ttl: #ttl,
                stream: #stream, gsis: &[#(#gsis),*], point_in_time_recovery: #point_in_time_recovery, retain: #retain,
            });
            let mut impls = resource_impls(ident, id, env, "Table", None);
            if has_stream {
                impls.extend(quote!(impl #p::HasStream for #ident {}));
            }
            (
                quote!({ #ttl_check const SPEC: #p::TableSpec = #spec; SPEC.contribute() }),
                impls,
            )
        }
        Some(Shortcut::Bucket {
            cors,
            versioning,
            expire_after_days,
            eventbridge,
        }) => {
            let rules = cors.iter().map(|r| {
                let (o, m, h, age) = (strs(&r.allowed_origins), strs(&r.allowed_methods), strs(&r.allowed_headers), opt(r.max_age));
                quote!(#p::CorsRule { allowed_origins: #o, allowed_methods: #m, allowed_headers: #h, max_age: #age })
            });
            let expire = opt(*expire_after_days);
            let spec = quote!(#p::BucketSpec { logical_id: #id, cors: &[#(#rules),*], versioning: #versioning, expire_after_days: #expire, eventbridge: #eventbridge, retain: #retain });
            let mut impls = resource_impls(ident, id, env, "Bucket", None);
            impls.extend(quote! {
                impl #p::CfBucket for #ident { const BUCKET: #p::BucketSpec = #spec; }
                impl #p::ArtifactStore for #ident { const ARTIFACTS: #p::ArtifactBucket = #p::ArtifactBucket::Bucket(<#ident as #p::CfResource>::REF); }
            });
            (
                quote!({ <#ident as #p::CfBucket>::BUCKET.contribute() }),
                impls,
            )
        }
        Some(Shortcut::Queue {
            fifo,
            visibility_timeout,
            retention,
            dead_letter_after,
        }) => {
            let (v, r, d) = (
                opt(*visibility_timeout),
                opt(*retention),
                opt(*dead_letter_after),
            );
            let spec = quote!(#p::QueueSpec { logical_id: #id, fifo: #fifo, visibility_timeout: #v, retention: #r, dead_letter_after: #d });
            let mut impls = resource_impls(ident, id, env, "Queue", None);
            let dims = quote!(&[("QueueName", #p::Dimension::Att(#id, "QueueName"))]);
            impls.extend(metric_impl(
                ident,
                "AgeOfOldestMessage",
                "AWS/SQS",
                "ApproximateAgeOfOldestMessage",
                dims.clone(),
            ));
            impls.extend(metric_impl(
                ident,
                "VisibleMessages",
                "AWS/SQS",
                "ApproximateNumberOfMessagesVisible",
                dims,
            ));
            (
                quote!({ const SPEC: #p::QueueSpec = #spec; SPEC.contribute() }),
                impls,
            )
        }
        Some(Shortcut::Secret {
            description,
            length,
        }) => {
            let description = opt(description.as_ref().map(LitStr::value));
            let length = length.unwrap_or(32);
            let spec = quote!(#p::SecretSpec { logical_id: #id, description: #description, length: #length, retain: #retain });
            (
                quote!({ const SPEC: #p::SecretSpec = #spec; SPEC.contribute() }),
                resource_impls(ident, id, env, "Secret", None),
            )
        }
        Some(Shortcut::Topic {
            subscriptions,
            published_by,
        }) => {
            let subs = subscriptions.iter().map(|(proto, e)| match e {
                Endpoint::Text(t) => {
                    let t = t.value();
                    quote!((#proto, #p::Endpoint::Text(#t)))
                }
                Endpoint::Parameter(path) => {
                    let name = quote_spanned!(path.span()=> <#path as #p::CfParameter>::NAME);
                    quote!((#proto, #p::Endpoint::Parameter(#name)))
                }
            });
            let spec = quote!(#p::TopicSpec { logical_id: #id, subscriptions: &[#(#subs),*], published_by: &[#(#published_by),*] });
            let key = (!published_by.is_empty()).then(|| format!("{id}Key"));
            let mut impls = resource_impls(ident, id, env, "Topic", key.as_deref());
            impls.extend(quote!(impl #p::CfTopic for #ident {
                const LOGICAL_ID: &'static str = #id;
                const PUBLISHED_BY: &'static [&'static str] = &[#(#published_by),*];
            }));
            (
                quote!({ const SPEC: #p::TopicSpec = #spec; SPEC.contribute() }),
                impls,
            )
        }
        Some(Shortcut::Parameter {
            kind,
            default,
            allowed_values,
            allowed_pattern,
            description,
            no_echo,
            min,
            max,
        }) => {
            let kind = kind
                .as_ref()
                .map_or_else(|| "String".to_owned(), LitStr::value);
            let mut setters = Vec::new();
            if let Some(m) = min {
                let m = f64::from(*m);
                setters.push(quote!(p.min_value = ::core::option::Option::Some(#m);));
            }
            if let Some(m) = max {
                let m = f64::from(*m);
                setters.push(quote!(p.max_value = ::core::option::Option::Some(#m);));
            }
            if let Some(d) = default {
                setters
                    .push(quote!(p.default = ::core::option::Option::Some(#p::Value::from(#d));));
            }
            if !allowed_values.is_empty() {
                setters.push(
                    quote!(p.allowed_values = ::std::vec![#(#p::Value::from(#allowed_values)),*];),
                );
            }
            if let Some(a) = allowed_pattern {
                setters.push(quote!(p.allowed_pattern = ::core::option::Option::Some(::std::string::String::from(#a));));
            }
            if let Some(d) = description {
                setters.push(quote!(p.description = ::core::option::Option::Some(::std::string::String::from(#d));));
            }
            if *no_echo {
                setters.push(quote!(p.no_echo = ::core::option::Option::Some(true);));
            }
            let build = quote!({
                let mut p = #p::Parameter::new(#kind);
                #(#setters)*
                #p::Contribution::new().parameter(#id, p)
            });
            // A `no_echo` parameter never becomes a plain environment variable: Lambda shows those in clear text.
            let env_source = (!*no_echo).then(|| {
                quote!(impl #p::EnvSource for #ident { const ENV_VALUE: #p::EnvValue = #p::EnvValue::Parameter(#id); })
            });
            // A text parameter can hold a container image's URI.
            let image = (kind == "String").then(|| {
                quote!(impl #p::ContainerImage for #ident { const IMAGE: #p::Image = #p::Image::Parameter(#id); })
            });
            let impls = quote! {
                impl #p::CfParameter for #ident { const NAME: &'static str = #id; const KIND: &'static str = #kind; }
                #env_source
                #image
            };
            (build, impls)
        }
        Some(Shortcut::KinesisStream { shards, retention }) => {
            let (shards, retention) = (opt(*shards), opt(*retention));
            let spec = quote!(#p::StreamSpec { logical_id: #id, shards: #shards, retention_hours: #retention });
            (
                quote!({ const SPEC: #p::StreamSpec = #spec; SPEC.contribute() }),
                resource_impls(ident, id, env, "Stream", None),
            )
        }
        Some(Shortcut::HttpApi(a)) => {
            let spec = http_api_spec(&p, id, a);
            (
                quote!({ <#ident as #p::CfHttpApi>::API.contribute() }),
                quote! {
                    impl #p::CfHttpApi for #ident { const API: #p::HttpApiSpec = #spec; }
                    impl #p::ConnectorEnd for #ident { const LOGICAL_ID: &'static str = #id; }
                },
            )
        }
        Some(Shortcut::Globals(g)) => {
            let mut parts = Vec::new();
            if let Some(f) = &g.function {
                let (spec, checks) = crate::function::expand::function_spec(f);
                parts.push(quote!({ #checks const SPEC: #p::FunctionSpec = #spec; c = c.merge(SPEC.globals(ctx)); }));
            }
            if let Some(a) = &g.http_api {
                let spec = http_api_spec(&p, "Globals", a);
                parts.push(
                    quote!({ const SPEC: #p::HttpApiSpec = #spec; c = c.merge(SPEC.globals()); }),
                );
            }
            if let Some(a) = &g.rest_api {
                let spec = rest_api_spec(&p, "Globals", a);
                parts.push(
                    quote!({ const SPEC: #p::RestApiSpec = #spec; c = c.merge(SPEC.globals()); }),
                );
            }
            if g.state_machine_propagate_tags {
                parts.push(quote!({
                    c = c.global("StateMachine", "PropagateTags", true);
                }));
            }
            if g.layer_publish {
                parts.push(quote!({
                    c = c.global("LayerVersion", "PublishLambdaVersion", true);
                }));
            }
            (
                quote!({ let mut c = #p::Contribution::new(); #(#parts)* c }),
                quote!(),
            )
        }
        Some(Shortcut::Connector(c)) => {
            let end = |e: &Option<syn::Path>| match e {
                Some(path) => {
                    if names_handler(path) {
                        crate::function::expand::handler_id(path)
                    } else {
                        quote_spanned!(path.span()=> <#path as #p::ConnectorEnd>::LOGICAL_ID)
                    }
                }
                None => quote!(""),
            };
            let (source, destination, permissions) =
                (end(&c.source), end(&c.destination), strs(&c.permissions));
            let spec = quote!(#p::ConnectorSpec { logical_id: #id, source: #source, destination: #destination, permissions: #permissions });
            (
                quote!({ const SPEC: #p::ConnectorSpec = #spec; SPEC.contribute() }),
                quote!(),
            )
        }
        Some(Shortcut::RestApi(a)) => {
            let spec = rest_api_spec(&p, id, a);
            (
                quote!({ <#ident as #p::CfRestApi>::API.contribute() }),
                quote! {
                    impl #p::CfRestApi for #ident { const API: #p::RestApiSpec = #spec; }
                    impl #p::ConnectorEnd for #ident { const LOGICAL_ID: &'static str = #id; }
                },
            )
        }
        Some(Shortcut::StateMachine(m)) => {
            let (common, checks) = crate::function::expand::function_spec(&m.common);
            let definition = match &m.definition {
                Some((true, d)) => quote!(#p::Definition::Inline(#d)),
                Some((false, d)) => quote!(#p::Definition::File(#d)),
                None => quote!(#p::Definition::Inline("{}")),
            };
            let mut sub_checks = Vec::new();
            let subs = m.substitutions.iter().map(|(name, v)| {
                let value = match v {
                    Target::Id(t) => quote!(#p::Substitution::Text(#t)),
                    Target::Type(path) => {
                        if names_handler(path) {
                            let id = crate::function::expand::handler_id(path);
                            quote!(#p::Substitution::Function(#id))
                        } else {
                            sub_checks.push(quote_spanned!(path.span()=> #p::readable::<#path>();));
                            quote_spanned!(path.span()=> #p::Substitution::Resource(<#path as #p::CfResource>::REF))
                        }
                    }
                };
                quote!((#name, #value))
            }).collect::<Vec<_>>();
            let (kind, name) = (opt(m.kind), opt(m.name.as_ref().map(LitStr::value)));
            let logging = opt(m.logging.map(|(level, data, retention)| quote!(#p::StateMachineLogging { level: #level, include_execution_data: #data, retention: #retention })));
            let (alias_target, tracing) = (m.use_alias_as_event_target, m.tracing);
            let spec = quote!(#p::StateMachineSpec {
                logical_id: #id, package_dir: ::core::env!("CARGO_MANIFEST_DIR"), definition: #definition,
                substitutions: &[#(#subs),*], kind: #kind, name: #name, logging: #logging,
                use_alias_as_event_target: #alias_target, tracing: #tracing, common: #common,
            });
            (
                quote!({ #checks const _: () = { #(#sub_checks)* }; const SPEC: #p::StateMachineSpec = #spec; SPEC.contribute(ctx) }),
                quote!(impl #p::ConnectorEnd for #ident { const LOGICAL_ID: &'static str = #id; }),
            )
        }
        Some(Shortcut::Layer(l)) => {
            let v = |l: &Option<LitStr>| opt(l.as_ref().map(LitStr::value));
            let content = l.content.as_ref().map(LitStr::value).unwrap_or_default();
            let (name, description, license, build) = (
                v(&l.name),
                v(&l.description),
                v(&l.license),
                v(&l.build_method),
            );
            let architectures = strs(&l.architectures);
            let runtimes = if l.runtimes.is_empty() {
                quote!(&["provided.al2023"])
            } else {
                strs(&l.runtimes)
            };
            let (retain, publish) = (l.retain, l.publish_lambda_version);
            let sub = format!("${{{id}}}");
            let spec = quote!(#p::LayerSpec {
                logical_id: #id, package_dir: ::core::env!("CARGO_MANIFEST_DIR"), content: #content, name: #name,
                description: #description, license: #license, architectures: #architectures, runtimes: #runtimes,
                retain: #retain, publish_lambda_version: #publish, build_method: #build,
            });
            (
                quote!({ <#ident as #p::CfLayer>::LAYER.contribute(ctx) }),
                quote!(impl #p::CfLayer for #ident { const LAYER: #p::LayerSpec = #spec; const SUB: &'static str = #sub; }),
            )
        }
        Some(Shortcut::Application(a)) => {
            let location = match (&a.repository, &a.template) {
                (Some((r, v)), _) => {
                    let (r, v) = (r.value(), v.value());
                    quote!(#p::AppLocation::Repository(#r, #v))
                }
                (None, Some(t)) => {
                    let t = t.value();
                    quote!(#p::AppLocation::Template(#t))
                }
                // Refused already.
                (None, None) => quote!(#p::AppLocation::Template("")),
            };
            let (params, tags, arns, timeout) = (
                pairs(&a.parameters),
                pairs(&a.tags),
                strs(&a.notification_arns),
                opt(a.timeout),
            );
            let spec = quote!(#p::ApplicationSpec {
                logical_id: #id, package_dir: ::core::env!("CARGO_MANIFEST_DIR"), location: #location,
                parameters: #params, notification_arns: #arns, timeout: #timeout, tags: #tags,
            });
            (
                quote!({ const SPEC: #p::ApplicationSpec = #spec; SPEC.contribute(ctx) }),
                quote!(),
            )
        }
        Some(Shortcut::SageMakerEndpoint(name)) => {
            let name = match name {
                Some(Target::Type(path)) => {
                    let name = quote_spanned!(path.span()=> <#path as #p::CfParameter>::NAME);
                    quote!(#p::ExternalName::Parameter(#name))
                }
                Some(Target::Id(text)) => quote!(#p::ExternalName::Text(#text)),
                // Refused already.
                None => quote!(#p::ExternalName::Text("")),
            };
            // The stack creates nothing: functions and tasks name the endpoint to invoke it.
            let impls = quote! {
                impl #p::CfResource for #ident {
                    const REF: #p::ResourceRef = #p::ResourceRef { logical_id: #id, kind: #p::ResourceKind::SageMakerEndpoint(#name), env: #env, key: ::core::option::Option::None };
                }
                impl #p::EnvSource for #ident { const ENV_VALUE: #p::EnvValue = #p::EnvValue::Resource(<#ident as #p::CfResource>::REF); }
                impl #p::Invocable for #ident {}
            };
            (quote!(#p::Contribution::new()), impls)
        }
        Some(Shortcut::Vpc(v)) => match &c.vpc {
            // Refused already, with the reason.
            None => (quote!(#p::Contribution::new()), quote!()),
            Some(plan) => {
                let (cidr, azs, nat, dns) = (&plan.cidr, plan.max_azs, plan.nat_gateways, plan.dns);
                let name = opt(plan.name.as_ref());
                let groups = plan.groups.iter().map(|(kind, mask)| {
                    let kind = format_ident!(
                        "{}",
                        match *kind {
                            "public" => "Public",
                            "private" => "Private",
                            _ => "Isolated",
                        }
                    );
                    quote!(#p::SubnetGroup { kind: #p::SubnetKind::#kind, cidr_mask: #mask })
                });
                let flow_logs = opt(plan.flow_logs.map(|(retention, traffic)| quote!(#p::FlowLogs { retention: #retention, traffic: #traffic })));
                let (gateway, interface) = (&plan.gateway_endpoints, &plan.interface_endpoints);
                let spec = quote!(#p::VpcSpec {
                    logical_id: #id, cidr: #cidr, name: #name, max_azs: #azs, nat_gateways: #nat, subnets: &[#(#groups),*], dns: #dns,
                    flow_logs: #flow_logs, gateway_endpoints: &[#(#gateway),*], interface_endpoints: &[#(#interface),*],
                });
                let contribute =
                    quote_spanned!(v.span=> ::infra_core::__ec2_contribute!("vpc", SPEC));
                (
                    quote!({ const SPEC: #p::VpcSpec = #spec; #contribute }),
                    quote!(impl #p::CfVpc for #ident { const VPC: #p::VpcSpec = #spec; }),
                )
            }
        },
        Some(Shortcut::SecurityGroup(g)) => {
            let rules = |rules: &[super::args::SgRule]| -> Vec<TokenStream> {
                rules
                    .iter()
                    .map(|r| {
                        let peer = match &r.peer {
                            Some(SgPeer::Cidr(c)) if c.value().contains(':') => quote!(#p::Peer::CidrV6(#c)),
                            Some(SgPeer::Cidr(c)) => quote!(#p::Peer::Cidr(#c)),
                            Some(SgPeer::Group(path)) => {
                                let id = quote_spanned!(path.span()=> <#path as #p::CfSecurityGroup>::LOGICAL_ID);
                                quote!(#p::Peer::Group(#id))
                            }
                            None => quote!(#p::Peer::Cidr("")),
                        };
                        let protocol = match r.protocol.map_or("tcp", |p| p.0) {
                            "all" => "-1",
                            other => other,
                        };
                        let ports = match (protocol, r.ports.as_ref()) {
                            ("-1", _) => quote!(::core::option::Option::None),
                            ("icmp", None) => quote!(::core::option::Option::Some((-1, -1))),
                            (_, Some(((a, b), _))) => {
                                let (a, b) = (*a as i32, *b as i32);
                                quote!(::core::option::Option::Some((#a, #b)))
                            }
                            (_, None) => quote!(::core::option::Option::None),
                        };
                        let description = opt(r.description.as_ref());
                        quote!(#p::SgRule { peer: #peer, protocol: #protocol, ports: #ports, description: #description })
                    })
                    .collect()
            };
            let (ingress, egress) = (rules(&g.ingress), rules(&g.egress));
            let vpc = match &g.vpc {
                Some(path) => quote_spanned!(path.span()=> <#path as #p::CfVpc>::VPC.logical_id),
                None => quote!(""),
            };
            let description = g
                .description
                .as_ref()
                .map_or_else(|| format!("the {id} security group"), LitStr::value);
            let name = opt(g.name.as_ref());
            let spec = quote!(#p::SecurityGroupSpec {
                logical_id: #id, vpc: #vpc, description: #description, name: #name,
                ingress: &[#(#ingress),*], egress: &[#(#egress),*],
            });
            let contribute =
                quote_spanned!(g.span=> ::infra_core::__ec2_contribute!("security_group", SPEC));
            (
                quote!({ const SPEC: #p::SecurityGroupSpec = #spec; #contribute }),
                quote!(impl #p::CfSecurityGroup for #ident { const LOGICAL_ID: &'static str = #id; const VPC: &'static str = #vpc; }),
            )
        }
        Some(Shortcut::EcsCluster(cl)) => {
            let vpc = match &cl.vpc {
                Some(path) => quote_spanned!(path.span()=> <#path as #p::CfVpc>::VPC),
                None => quote!(::core::panic!()),
            };
            let (name, insights) = (opt(cl.name.as_ref()), cl.container_insights);
            let spec = quote!(#p::ClusterSpec { logical_id: #id, name: #name, vpc: #vpc, container_insights: #insights });
            let contribute =
                quote_spanned!(cl.span=> ::infra_core::__fargate_contribute!("ecs_cluster", SPEC));
            (
                quote!({ const SPEC: #p::ClusterSpec = #spec; #contribute }),
                quote!(impl #p::CfCluster for #ident { const CLUSTER: #p::ClusterSpec = #spec; }),
            )
        }
        Some(Shortcut::Fargate(f)) => fargate(ident, id, f),
        Some(Shortcut::Alarm(a)) => (
            alarm(id, a),
            quote!(impl #p::CfAlarm for #ident { const LOGICAL_ID: &'static str = #id; }),
        ),
        Some(Shortcut::CodeBuild(b)) => codebuild(ident, id, b),
        Some(Shortcut::Pipeline(pl)) => pipeline(ident, id, pl),
        Some(Shortcut::Dashboard(d)) => (dashboard(id, d), quote!()),
        Some(Shortcut::EcrRepository(r)) => {
            let name = opt(r.name.as_ref());
            let (scan, immutable, keep) = (r.scan_on_push, r.immutable, opt(r.keep_last));
            let spec = quote!(#p::RepositorySpec { logical_id: #id, name: #name, scan_on_push: #scan, immutable: #immutable, keep_last: #keep, retain: #retain });
            (
                {
                    let contribute = quote_spanned!(r.span=> ::infra_core::__ecr_contribute!("ecr_repository", SPEC));
                    quote!({ const SPEC: #p::RepositorySpec = #spec; #contribute })
                },
                quote! {
                    impl #p::CfRepository for #ident { const SPEC: #p::RepositorySpec = #spec; }
                    impl #p::ContainerImage for #ident { const IMAGE: #p::Image = #p::Image::Repository(#id); }
                },
            )
        }
        Some(Shortcut::Condition(cond)) => {
            let expr = cond
                .as_ref()
                .map_or_else(|| quote!(#p::Value::Null), |c| condition(&p, c));
            let build = quote!(#p::Contribution::new().condition(#id, #expr));
            (
                build,
                quote!(impl #p::CfCondition for #ident { const NAME: &'static str = #id; }),
            )
        }
    };
    let output = s.output.as_ref().map(|o| {
        let o = o.value();
        quote!(let c = c.output(#o, #p::Output::new(<#ident as #p::EnvSource>::ENV_VALUE.value()));)
    });
    quote! {
        #item
        #[doc(hidden)]
        #[allow(non_upper_case_globals, dead_code, unused_qualifications, clippy::all)]
        const _: () = {
            fn __infra_build(ctx: &#p::Context) -> #p::Contribution {
                let _ = ctx;
                let c = #build;
                #output
                c
            }
            #impls
            #p::register! {
                #p::Fragment {
                    origin: #p::Origin { file: ::core::file!(), line: ::core::line!(), module: ::core::module_path!() },
                    build: #p::Build::Fn(__infra_build),
                }
            }
        };
    }
}

/// A `fargate_service(..)`: its spec, the compile-time checks against its cluster's VPC, and `EnvSource` (its
/// load balancer's URL) when it has a load balancer.
fn fargate(ident: &syn::Ident, id: &str, f: &super::args::Fargate) -> (TokenStream, TokenStream) {
    let p = quote!(::infra_core::__private);
    let none = quote!(::core::option::Option::None);
    let cluster = match &f.cluster {
        Some(path) => quote_spanned!(path.span()=> <#path as #p::CfCluster>::CLUSTER),
        None => quote!(::core::panic!()),
    };
    let image = match &f.image {
        Some(Target::Id(uri)) => quote!(#p::Image::Uri(#uri)),
        Some(Target::Type(path)) => {
            quote_spanned!(path.span()=> <#path as #p::ContainerImage>::IMAGE)
        }
        None => quote!(#p::Image::Uri("")),
    };
    let group = |g: &Option<syn::Path>| match g {
        Some(path) => quote_spanned!(path.span()=> <#path as #p::CfSecurityGroup>::LOGICAL_ID),
        None => quote!(""),
    };
    let n = |v: &Option<(u32, syn::LitInt)>, default: u32| v.as_ref().map_or(default, |v| v.0);
    let (port, cpu, memory, desired) = (
        n(&f.port, 0) as u16,
        n(&f.cpu, 256),
        n(&f.memory, 512),
        n(&f.desired, 1),
    );
    let subnets = match f.subnets.map_or("private", |s| s.0) {
        "public" => quote!(#p::SubnetKind::Public),
        _ => quote!(#p::SubnetKind::Private),
    };
    let name = opt(f.name.as_ref());
    let sg = group(&f.security_group);
    // What the cluster's VPC must have, checked when the crate compiles.
    let mut checks = Vec::new();
    let same_vpc = |g: &Option<syn::Path>, checks: &mut Vec<TokenStream>| {
        if let (Some(path), Some(_)) = (g, &f.cluster) {
            checks.push(quote_spanned!(path.span()=> const _: () = ::core::assert!(
                #p::same_str(#cluster.vpc.logical_id, <#path as #p::CfSecurityGroup>::VPC),
                "this security group is in another VPC than the service's cluster: a group applies only in its own VPC; declare it with the cluster's `vpc = ..`");));
        }
    };
    same_vpc(&f.security_group, &mut checks);
    let has = |kind: &TokenStream| quote!(#p::has_subnets(&#cluster.vpc, #kind));
    let tasks_have = has(&subnets);
    let kind_word = f.subnets.map_or("private", |s| s.0);
    let message = format!(
        "the VPC of this service's cluster has no {kind_word} subnets for its tasks: add `{kind_word}(cidr_mask = 24)` to the `subnets(..)` of its `vpc(..)`, or set `subnets` to a kind it has"
    );
    let span = f.cluster.as_ref().map_or(f.span, |c| c.span());
    checks.push(quote_spanned!(span=> const _: () = ::core::assert!(#tasks_have, #message);));
    let load_balancer = match &f.load_balancer {
        None => none.clone(),
        Some(lb) => {
            let internet_facing = lb.schemes.first().is_some_and(|s| s.0);
            if let Some((true, span)) = lb.schemes.first() {
                let public = has(&quote!(#p::SubnetKind::Public));
                checks.push(quote_spanned!(*span=> const _: () = ::core::assert!(#public,
                    "an internet-facing load balancer lives in public subnets, and the VPC of this service's cluster has none: add `public(cidr_mask = 24)` to the `subnets(..)` of its `vpc(..)`, or make the load balancer `internal`");));
            }
            let listen = lb.listen.as_ref().map_or(80, |l| l.0) as u16;
            let health = opt(lb.health_check.as_ref());
            let lb_sg = group(&lb.security_group);
            same_vpc(&lb.security_group, &mut checks);
            quote!(::core::option::Option::Some(#p::LoadBalancerSpec { internet_facing: #internet_facing, listen: #listen, health_check: #health, security_group: #lb_sg }))
        }
    };
    let scaling = match &f.scaling {
        None => none.clone(),
        Some(s) => {
            let (min, max) = (n(&s.min, 1), n(&s.max, 1));
            let small = |v: &Option<(u32, syn::LitInt)>| opt(v.as_ref().map(|v| v.0 as u8));
            let big = |v: &Option<(u32, syn::LitInt)>| opt(v.as_ref().map(|v| v.0));
            let (c, m) = (small(&s.cpu_target), small(&s.memory_target));
            let (i, o) = (big(&s.scale_in_cooldown), big(&s.scale_out_cooldown));
            quote!(::core::option::Option::Some(#p::ScalingSpec { min: #min, max: #max, cpu_target: #c, memory_target: #m, scale_in_cooldown: #i, scale_out_cooldown: #o }))
        }
    };
    let retention = f.log_retention.unwrap_or(30);
    let env = crate::function::expand::env_values(&f.env);
    let secrets = f
        .secrets
        .iter()
        .map(|(k, path)| {
            let k = k.to_string();
            checks.push(quote_spanned!(path.span()=> #p::is_secret::<#path>();));
            quote_spanned!(path.span()=> (#k, <#path as #p::CfResource>::REF))
        })
        .collect::<Vec<_>>();
    use crate::function::expand::uses;
    let reads = uses(&f.reads, "readable", &mut checks);
    let writes = uses(&f.writes, "writable", &mut checks);
    let invokes = uses(&f.invokes, "invocable", &mut checks);
    let policies = f.policies.iter().map(crate::function::expand::policy_value);
    let spec = quote!(#p::FargateServiceSpec {
        logical_id: #id, name: #name, cluster: #cluster, image: #image, port: #port, cpu: #cpu, memory: #memory,
        desired: #desired, subnets: #subnets, security_group: #sg, load_balancer: #load_balancer, scaling: #scaling,
        log_retention: #retention, env: &[#(#env),*], secrets: &[#(#secrets),*], reads: &[#(#reads),*],
        writes: &[#(#writes),*], invokes: &[#(#invokes),*], policies: &[#(#policies),*],
    });
    let contribute =
        quote_spanned!(f.span=> ::infra_core::__fargate_contribute!("fargate_service", SPEC));
    let url = format!("http://${{{id}Alb.DNSName}}");
    let service = format!("{id}Service");
    let mut impls = vec![
        metric_impl(
            ident,
            "Cpu",
            "AWS/ECS",
            "CPUUtilization",
            quote!(&[("ClusterName", #p::Dimension::Ref(#cluster.logical_id)), ("ServiceName", #p::Dimension::Att(#service, "Name"))]),
        ),
        metric_impl(
            ident,
            "Memory",
            "AWS/ECS",
            "MemoryUtilization",
            quote!(&[("ClusterName", #p::Dimension::Ref(#cluster.logical_id)), ("ServiceName", #p::Dimension::Att(#service, "Name"))]),
        ),
    ];
    if f.load_balancer.is_some() {
        let alb = format!("{id}Alb");
        let dims = quote!(&[("LoadBalancer", #p::Dimension::Att(#alb, "LoadBalancerFullName"))]);
        impls.push(quote!(impl #p::EnvSource for #ident { const ENV_VALUE: #p::EnvValue = #p::EnvValue::Text(#url); }));
        impls.push(metric_impl(
            ident,
            "Requests",
            "AWS/ApplicationELB",
            "RequestCount",
            dims.clone(),
        ));
        impls.push(metric_impl(
            ident,
            "Http5xx",
            "AWS/ApplicationELB",
            "HTTPCode_Target_5XX_Count",
            dims.clone(),
        ));
        impls.push(metric_impl(
            ident,
            "ResponseTime",
            "AWS/ApplicationELB",
            "TargetResponseTime",
            dims,
        ));
    }
    impls.push(
        quote!(impl #p::CfService for #ident { const SERVICE: #p::FargateServiceSpec = #spec; }),
    );
    (
        quote!({ #(#checks)* const SPEC: #p::FargateServiceSpec = <#ident as #p::CfService>::SERVICE; #contribute }),
        quote!(#(#impls)*),
    )
}

/// A `codebuild_project(..)`: its spec (`CfBuildProject`), with each pushed repository checked to be one.
fn codebuild(
    ident: &syn::Ident,
    id: &str,
    b: &super::args::CodeBuild,
) -> (TokenStream, TokenStream) {
    let p = quote!(::infra_core::__private);
    let buildspec = b
        .buildspec
        .as_ref()
        .map_or_else(|| quote!(""), |e| quote!(#e));
    let name = opt(b.name.as_ref());
    let image = b
        .image
        .as_ref()
        .map_or_else(|| "aws/codebuild/standard:7.0".to_owned(), LitStr::value);
    let (compute, privileged) = (b.compute, b.privileged);
    let env = crate::function::expand::env_values(&b.env);
    let pushes = b
        .pushes
        .iter()
        .map(|path| quote_spanned!(path.span()=> <#path as #p::CfRepository>::SPEC.logical_id));
    let artifacts = match &b.artifacts {
        None => quote!(::core::option::Option::None),
        Some(Target::Id(lit)) => quote!(::core::option::Option::Some(#p::ArtifactBucket::Id(#lit))),
        Some(Target::Type(path)) => quote_spanned!(path.span()=>
            ::core::option::Option::Some(<#path as #p::ArtifactStore>::ARTIFACTS)
        ),
    };
    let retention = b.log_retention.unwrap_or(30);
    let contribute =
        quote_spanned!(b.span=> ::infra_core::__codebuild_contribute!("codebuild_project", SPEC));
    (
        quote!({ const SPEC: #p::BuildProjectSpec = <#ident as #p::CfBuildProject>::SPEC; #contribute }),
        quote! {
            impl #p::CfBuildProject for #ident {
                const SPEC: #p::BuildProjectSpec = #p::BuildProjectSpec {
                    logical_id: #id, name: #name, buildspec: #buildspec, image: #image, compute: #compute,
                    privileged: #privileged, env: &[#(#env),*], pushes: &[#(#pushes),*], artifacts: #artifacts,
                    log_retention: #retention,
                };
            }
        },
    )
}

/// A `pipeline(..)`: its spec, with the build asserted at compile time to use the pipeline's artifacts.
fn pipeline(
    ident: &syn::Ident,
    id: &str,
    pl: &super::args::Pipeline,
) -> (TokenStream, TokenStream) {
    use super::args::PipelineSource;
    let p = quote!(::infra_core::__private);
    let none = quote!(::core::option::Option::None);
    let artifacts = format!("{id}Artifacts");
    let mut checks = Vec::new();
    // A string, or a parameter type's value.
    let value = |t: &Option<Target>| match t {
        Some(Target::Id(lit)) => quote!(#p::EnvValue::Text(#lit)),
        Some(Target::Type(path)) => {
            quote_spanned!(path.span()=> #p::EnvValue::Parameter(<#path as #p::CfParameter>::NAME))
        }
        None => quote!(#p::EnvValue::Text("")),
    };
    let source = match &pl.source {
        Some(PipelineSource::CodeCommit { repository, branch }) => {
            let (r, b) = (value(repository), value(branch));
            quote!(#p::Source::CodeCommit { repository: #r, branch: #b })
        }
        Some(PipelineSource::Connection {
            arn,
            repository,
            branch,
        }) => {
            let (a, r, b) = (value(arn), value(repository), value(branch));
            quote!(#p::Source::Connection { arn: #a, repository: #r, branch: #b })
        }
        Some(PipelineSource::S3 { bucket, key }) => {
            let k = value(key);
            let bucket = match bucket {
                Some(path) => {
                    checks.push(quote_spanned!(path.span()=>
                        const _: () = ::core::assert!(<#path as #p::CfBucket>::BUCKET.versioning,
                            "a pipeline's S3 source bucket keeps versions: remove `versioning = false` from its `bucket(..)`");
                        const _: () = ::core::assert!(<#path as #p::CfBucket>::BUCKET.eventbridge,
                            "this bucket sends no events to EventBridge, so no change would start the pipeline: add `eventbridge` to its `bucket(..)`");
                    ));
                    quote_spanned!(path.span()=> <#path as #p::CfResource>::REF)
                }
                None => quote!(::core::panic!()),
            };
            quote!(#p::Source::S3 { bucket: #bucket, key: #k })
        }
        None => {
            quote!(#p::Source::CodeCommit { repository: #p::EnvValue::Text(""), branch: #p::EnvValue::Text("") })
        }
    };
    let build = match &pl.build {
        Some(path) => {
            let message = format!(
                "this build does not use the pipeline's artifact bucket, so it could neither read the source nor hand its output on: write `artifacts = {ident}` in its `codebuild_project(..)`"
            );
            checks.push(quote_spanned!(path.span()=> const _: () = ::core::assert!(
                #p::uses_artifacts(&<#path as #p::CfBuildProject>::SPEC, #artifacts), #message);));
            quote_spanned!(path.span()=> ::core::option::Option::Some(<#path as #p::CfBuildProject>::SPEC))
        }
        None => none.clone(),
    };
    let deploy = match &pl.deploy {
        Some((path, file)) => {
            let file = file
                .as_ref()
                .map_or_else(|| "imagedefinitions.json".to_owned(), LitStr::value);
            quote_spanned!(path.span()=> ::core::option::Option::Some(#p::EcsDeploy { service: <#path as #p::CfService>::SERVICE, file: #file }))
        }
        None => none,
    };
    let name = opt(pl.name.as_ref());
    let contribute =
        quote_spanned!(pl.span=> ::infra_core::__codepipeline_contribute!("pipeline", SPEC));
    (
        quote!({
            #(#checks)*
            const SPEC: #p::PipelineSpec = #p::PipelineSpec {
                logical_id: #id, artifacts: #artifacts, name: #name, source: #source, build: #build, deploy: #deploy,
            };
            #contribute
        }),
        quote! {
            impl #p::ArtifactStore for #ident { const ARTIFACTS: #p::ArtifactBucket = #p::ArtifactBucket::Id(#artifacts); }
        },
    )
}

/// A `dashboard(..)`: its widgets, each metric named through its resource type's `HasMetric`.
fn dashboard(id: &str, d: &super::args::Dashboard) -> TokenStream {
    use super::args::Widget;
    let p = quote!(::infra_core::__private);
    let n =
        |v: &Option<(u32, syn::LitInt)>, default: u32| v.as_ref().map_or(default, |v| v.0) as u8;
    let widgets = d.widgets.iter().map(|w| match w {
        Widget::Graph { title, metrics, statistic, period, view, width, height } => {
            let title = title.as_ref().map_or_else(String::new, LitStr::value);
            let metrics = metrics.iter().map(|(marker, path, span)| {
                let marker = format_ident!("{}", marker, span = *span);
                quote_spanned!(path.span()=> <#path as #p::HasMetric<#p::metric::#marker>>::METRIC)
            });
            let period = period.as_ref().map_or(300, |v| v.0);
            let (width, height) = (n(width, 12), n(height, 6));
            quote!(#p::Widget::Graph { title: #title, metrics: &[#(#metrics),*], statistic: #statistic, period: #period, view: #view, width: #width, height: #height })
        }
        Widget::Text { markdown, width, height } => {
            let markdown = markdown.as_ref().map_or_else(String::new, LitStr::value);
            let (width, height) = (n(width, 24), n(height, 2));
            quote!(#p::Widget::Text { markdown: #markdown, width: #width, height: #height })
        }
    });
    let name = opt(d.name.as_ref());
    quote!({
        const SPEC: #p::DashboardSpec = #p::DashboardSpec { logical_id: #id, name: #name, widgets: &[#(#widgets),*] };
        SPEC.contribute()
    })
}

/// `HasMetric<metric::<marker>>` for `ident`: what `alarm(metric = ..)` watches.
fn metric_impl(
    ident: &syn::Ident,
    marker: &str,
    namespace: &str,
    name: &str,
    dimensions: TokenStream,
) -> TokenStream {
    let p = quote!(::infra_core::__private);
    let marker = format_ident!("{}", marker);
    quote! {
        impl #p::HasMetric<#p::metric::#marker> for #ident {
            const METRIC: #p::Metric = #p::Metric { namespace: #namespace, name: #name, dimensions: #dimensions };
        }
    }
}

/// An `alarm(..)`: its spec, with the metric named through the resource type's `HasMetric` and each topic
/// asserted at compile time to let CloudWatch publish.
fn alarm(id: &str, a: &super::args::Alarm) -> TokenStream {
    let p = quote!(::infra_core::__private);
    let metric = match &a.metric {
        Some((marker, path, span)) => {
            let marker = format_ident!("{}", marker, span = *span);
            quote_spanned!(path.span()=> <#path as #p::HasMetric<#p::metric::#marker>>::METRIC)
        }
        None => quote!(::core::panic!()),
    };
    let mut checks = Vec::new();
    let topics = |paths: &[syn::Path], checks: &mut Vec<TokenStream>| {
        paths
            .iter()
            .map(|path| {
                checks.push(quote_spanned!(path.span()=> const _: () = ::core::assert!(
                    #p::publishes(<#path as #p::CfTopic>::PUBLISHED_BY, "cloudwatch.amazonaws.com"),
                    "CloudWatch cannot publish to this topic: its key does not grant CloudWatch (the default, `alias/aws/sns`, grants no AWS service), so every alarm would be dropped; add `\"cloudwatch\"` to the `published_by(..)` of its `topic(..)`");));
                quote_spanned!(path.span()=> <#path as #p::CfTopic>::LOGICAL_ID)
            })
            .collect::<Vec<_>>()
    };
    let notify = topics(&a.notify, &mut checks);
    let notify_ok = topics(&a.notify_ok, &mut checks);
    let n = |v: &Option<(u32, syn::LitInt)>, default: u32| v.as_ref().map_or(default, |v| v.0);
    let (period, periods) = (n(&a.period, 300), n(&a.periods, 1));
    let datapoints = opt(a.datapoints.as_ref().map(|d| d.0));
    let threshold = a.threshold.unwrap_or_default();
    let (comparison, statistic) = (a.comparison, a.statistic);
    let treat = opt(a.treat_missing_data);
    let (name, description) = (opt(a.name.as_ref()), opt(a.description.as_ref()));
    quote!({
        #(#checks)*
        const SPEC: #p::AlarmSpec = #p::AlarmSpec {
            logical_id: #id, name: #name, description: #description, metric: #metric, statistic: #statistic,
            period: #period, periods: #periods, datapoints: #datapoints, threshold: #threshold, comparison: #comparison,
            treat_missing_data: #treat, notify: &[#(#notify),*], notify_ok: &[#(#notify_ok),*],
        };
        SPEC.contribute()
    })
}

/// `CfResource` with its `REF`, `EnvSource`, and the capability markers of its kind.
fn resource_impls(
    ident: &syn::Ident,
    id: &str,
    env: &str,
    kind: &str,
    key: Option<&str>,
) -> TokenStream {
    let p = quote!(::infra_core::__private);
    let kind_ident = format_ident!("{}", kind);
    let is = format_ident!("Is{}", kind);
    let readable = (kind != "Topic").then(|| quote!(impl #p::Readable for #ident {}));
    let key = opt(key);
    // A secret is read, never written, by functions.
    let writable = (kind != "Secret").then(|| quote!(impl #p::Writable for #ident {}));
    let destination = matches!(kind, "Queue" | "Topic")
        .then(|| quote!(impl #p::FailureDestination for #ident {}));
    // SAM's connectors join tables, buckets, queues and topics, not secrets or Kinesis streams.
    let connector = matches!(kind, "Table" | "Bucket" | "Queue" | "Topic").then(
        || quote!(impl #p::ConnectorEnd for #ident { const LOGICAL_ID: &'static str = #id; }),
    );
    quote! {
        #connector
        impl #p::CfResource for #ident {
            const REF: #p::ResourceRef = #p::ResourceRef { logical_id: #id, kind: #p::ResourceKind::#kind_ident, env: #env, key: #key };
        }
        impl #p::EnvSource for #ident { const ENV_VALUE: #p::EnvValue = #p::EnvValue::Resource(<#ident as #p::CfResource>::REF); }
        impl #p::#is for #ident {}
        #writable
        #readable
        #destination
    }
}

/// A condition expression as a runtime `Value`, naming parameters and conditions through their traits.
fn condition(p: &TokenStream, c: &Cond) -> TokenStream {
    match c {
        Cond::Equals(a, b) => {
            let (a, b) = (operand(p, a), operand(p, b));
            quote!(#p::intrinsic::equals(#a, #b))
        }
        Cond::Not(inner) => {
            let inner = condition(p, inner);
            quote!(#p::intrinsic::not(#inner))
        }
        Cond::And(cs) | Cond::Or(cs) => {
            let variant = if matches!(c, Cond::And(_)) {
                quote!(And)
            } else {
                quote!(Or)
            };
            let cs = cs.iter().map(|c| condition(p, c));
            quote!(#p::Value::from(#p::intrinsic::Intrinsic::#variant(::std::vec![#(#cs),*])))
        }
        Cond::Condition(path) => {
            let name = quote_spanned!(path.span()=> <#path as #p::CfCondition>::NAME);
            quote!(#p::Value::from(#p::intrinsic::Intrinsic::Condition(::std::string::String::from(#name))))
        }
    }
}

fn operand(p: &TokenStream, o: &Operand) -> TokenStream {
    match o {
        Operand::Text(t) => quote!(#p::Value::from(#t)),
        Operand::Parameter(path) => {
            let name = quote_spanned!(path.span()=> <#path as #p::CfParameter>::NAME);
            quote!(#p::intrinsic::reference(#name))
        }
    }
}

/// The `HttpApiSpec` expression of `http_api(..)`, for the API `id` (or `globals(http_api(..))`).
fn http_api_spec(p: &TokenStream, id: &str, a: &super::api::HttpApi) -> TokenStream {
    let v = |l: &Option<LitStr>| opt(l.as_ref().map(LitStr::value));
    let (name, description, stage, default) = (
        v(&a.name),
        v(&a.description),
        v(&a.stage),
        v(&a.default_authorizer),
    );
    let cors = opt(a.cors.as_ref().map(|c| {
                let (o, m, h, e) = (strs(&c.allow_origins), strs(&c.allow_methods), strs(&c.allow_headers), strs(&c.expose_headers));
                let (age, creds) = (opt(c.max_age), opt(c.allow_credentials));
                quote!(#p::Cors { allow_origins: #o, allow_methods: #m, allow_headers: #h, expose_headers: #e, max_age: #age, allow_credentials: #creds })
            }));
    let authorizers = a.authorizers.iter().map(|x| match x {
                super::api::Authorizer::Jwt { name, issuer, audience, identity_source, scopes } => {
                    let (name, issuer, audience, source, scopes) =
                        (name.value(), issuer.value(), strs(audience), v(identity_source), strs(scopes));
                    quote!(#p::Authorizer::Jwt { name: #name, issuer: #issuer, audience: #audience, identity_source: #source, scopes: #scopes })
                }
                super::api::Authorizer::Lambda { name, function, payload_version, simple_responses, identity_headers, reauthorize_every } => {
                    let name = name.value();
                    let function = crate::function::expand::handler_id(function);
                    let (headers, every) = (strs(identity_headers), opt(*reauthorize_every));
                    quote!(#p::Authorizer::Lambda { name: #name, function: #function, payload_version: #payload_version,
                        simple_responses: #simple_responses, identity_headers: #headers, reauthorize_every: #every })
                }
            });
    let throttling = opt(a.throttling.map(|(b, r)| quote!((#b, #r))));
    let domain = opt(a.domain.as_ref().map(|d| domain_tokens(p, d)));
    let (vars, tags) = (pairs(&a.stage_variables), pairs(&a.tags));
    let retention = opt(a.access_log_retention);
    let (iam, metrics, disable, fail, propagate) = (
        a.iam_authorizer,
        a.detailed_metrics,
        a.disable_execute_api_endpoint,
        a.fail_on_warnings,
        a.propagate_tags,
    );
    let url = v(&a.url_output);
    quote!(#p::HttpApiSpec {
        logical_id: #id, name: #name, description: #description, stage: #stage, cors: #cors,
        authorizers: &[#(#authorizers),*], default_authorizer: #default, iam_authorizer: #iam,
        throttling: #throttling, detailed_metrics: #metrics, domain: #domain, access_log_retention: #retention,
        disable_execute_api_endpoint: #disable, fail_on_warnings: #fail, stage_variables: #vars, tags: #tags,
        propagate_tags: #propagate, url_output: #url,
    })
}

/// The `RestApiSpec` expression of `rest_api(..)`, for the API `id` (or `globals(rest_api(..))`).
fn rest_api_spec(p: &TokenStream, id: &str, a: &super::api::RestApi) -> TokenStream {
    let v = |l: &Option<LitStr>| opt(l.as_ref().map(LitStr::value));
    let (name, description, default) = (v(&a.name), v(&a.description), v(&a.default_authorizer));
    let stage = a
        .stage
        .as_ref()
        .map_or_else(|| "Prod".to_owned(), LitStr::value);
    let cors = opt(a.cors.as_ref().map(|(o, m, h, age, creds)| {
        let (o, m, h, age) = (o.value(), strs(m), strs(h), opt(*age));
        quote!((#o, #m, #h, #age, #creds))
    }));
    let authorizers = a.authorizers.iter().map(|x| match x {
                super::api::RestAuthorizer::Cognito { name, user_pool, header, scopes } => {
                    let (name, pool, header, scopes) = (name.value(), user_pool.value(), v(header), strs(scopes));
                    quote!(#p::RestAuthorizer::Cognito { name: #name, user_pool: #pool, header: #header, scopes: #scopes })
                }
                super::api::RestAuthorizer::Lambda { name, function, payload, headers, query_strings, reauthorize_every } => {
                    let name = name.value();
                    let function = crate::function::expand::handler_id(function);
                    let (headers, queries, every) = (strs(headers), strs(query_strings), opt(*reauthorize_every));
                    quote!(#p::RestAuthorizer::Lambda { name: #name, function: #function, payload: #payload,
                        headers: #headers, query_strings: #queries, reauthorize_every: #every })
                }
            });
    let plan = opt(a.usage_plan.map(|(q, t)| {
        let q = opt(q.map(|(l, p)| quote!((#l, #p))));
        let t = opt(t.map(|(b, r)| quote!((#b, #r))));
        quote!((#q, #t))
    }));
    let domain = opt(a.domain.as_ref().map(|d| domain_tokens(p, d)));
    let (vars, tags, models) = (pairs(&a.variables), pairs(&a.tags), pairs(&a.models));
    let canary = opt(a.canary.as_ref().map(|(percent, overrides, cache)| {
        let overrides = pairs(overrides);
        quote!((#percent, #overrides, #cache))
    }));
    let policy = opt(a.policy.as_ref().map(LitStr::value));
    let responses = a.gateway_responses.iter().map(|g| {
        let (kind, status, headers, templates) = (g.kind, opt(g.status), pairs(&g.headers), pairs(&g.templates));
        quote!(#p::GatewayResponse { kind: #kind, status: #status, headers: #headers, templates: #templates })
    });
    let (allow, deny, media) = (
        strs(&a.ip_allow),
        strs(&a.ip_deny),
        strs(&a.binary_media_types),
    );
    let (endpoint, cache, source, security) = (
        opt(a.endpoint),
        opt(a.cache_size),
        opt(a.api_key_source),
        opt(a.security_policy),
    );
    let (throttling, compression, retention) = (
        opt(a.throttling.map(|(b, r)| quote!((#b, #r)))),
        opt(a.minimum_compression_size),
        opt(a.access_log_retention),
    );
    let (key_required, metrics, tracing, disable, fail, always, propagate) = (
        a.api_key_required,
        a.metrics,
        a.tracing,
        a.disable_execute_api_endpoint,
        a.fail_on_warnings,
        a.always_deploy,
        a.propagate_tags,
    );
    let url = v(&a.url_output);
    quote!(#p::RestApiSpec {
        logical_id: #id, name: #name, description: #description, stage: #stage, cors: #cors,
        authorizers: &[#(#authorizers),*], default_authorizer: #default, api_key_required: #key_required,
        usage_plan: #plan, ip_allow: #allow, ip_deny: #deny, endpoint: #endpoint, binary_media_types: #media,
        cache_size: #cache, throttling: #throttling, metrics: #metrics, minimum_compression_size: #compression,
        tracing: #tracing, variables: #vars, domain: #domain, disable_execute_api_endpoint: #disable,
        fail_on_warnings: #fail, always_deploy: #always, api_key_source: #source, security_policy: #security,
        access_log_retention: #retention, tags: #tags, propagate_tags: #propagate, url_output: #url,
        models: #models, canary: #canary, policy: #policy, gateway_responses: &[#(#responses),*],
    })
}

/// `&[(key, value), ..]` of written pairs (tags, parameters, stage variables).
fn pairs(ps: &[(LitStr, LitStr)]) -> TokenStream {
    let items = ps.iter().map(|(k, v)| {
        let (k, v) = (k.value(), v.value());
        quote!((#k, #v))
    });
    quote!(&[#(#items),*])
}

/// The `Domain` of an HTTP or REST API's `domain(..)`.
fn domain_tokens(p: &TokenStream, d: &super::api::Domain) -> TokenStream {
    let hosted_zone = opt(d.hosted_zone.as_ref().map(LitStr::value));
    let (n, c, paths) = (d.name.value(), d.certificate.value(), strs(&d.base_paths));
    quote!(#p::Domain { name: #n, certificate: #c, hosted_zone: #hosted_zone, base_paths: #paths })
}

/// Whether a path names a `#[cf_function]` handler (its last segment lower-case, as Rust names functions) rather
/// than a `#[cf_resources]` type.
fn names_handler(path: &syn::Path) -> bool {
    path.segments.last().is_some_and(|s| {
        s.ident
            .to_string()
            .trim_start_matches("r#")
            .starts_with(|c: char| c.is_lowercase())
    })
}
