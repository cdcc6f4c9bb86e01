//! Every CloudFormation resource type as a Rust type, generated from AWS's CloudFormation registry schemas, and
//! the facts the generator reads about each type.
//!
//! # The typed model
//!
//! One module and one Cargo feature per service (`ec2`, `ecs`, `elasticloadbalancingv2`, ..., 308 in all; `full`
//! turns on every one; none is on by default). Each resource type is a struct named as CloudFormation names it:
//!
//! - `new(..)` takes the properties the schema requires, in schema order (leaving one out is rustc's "this
//!   function takes 1 argument"); every other writable property is a setter named in snake case, so an unknown
//!   property is "no method named", with rustc's suggestion;
//! - each value is `impl Into<Val<T>>`, `T` from the schema: [`String`], [`i64`], [`f64`], [`bool`], [`List`],
//!   [`MapOf`], [`Json`], a generated property type (a struct of the same shape in the resource's module) or a
//!   generated enum where the schema lists the values; a literal of another type is a compile error, and
//!   intrinsics come typed ([`Val::sub`], [`Val::join`], [`Val::if_`], [`Val::select`], [`Val::get_azs`],
//!   [`Val::cidr`], [`Val::find_in_map`], [`Val::import_value`], [`Val::base64`], [`Val::split`], pseudo
//!   parameters such as [`Val::region`], [`Val::parameter`]);
//! - [`Id<T>`] is a typed logical id: [`Id::reference`] is its `Ref`, [`Id::att`] its `Fn::GetAtt` attributes
//!   (the schema's `readOnlyProperties`, one method each), and where a schema names the type a property refers
//!   to (`relationshipRef`), the property takes `&Id<ThatType>` and refuses the id of another type ([`RefTo`]);
//! - docs: each type's and property's schema description, with its page in the CloudFormation reference (the
//!   page name follows CloudFormation's naming scheme, `aws-resource-<service>-<type>.html`); setters of
//!   `createOnlyProperties` say that a change replaces the resource; `deprecatedProperties` are `#[deprecated]`.
//!
//! ```
//! # #[cfg(all(feature = "ec2", feature = "elasticloadbalancingv2"))] {
//! use infra_cfn::{Id, Val, ec2, elasticloadbalancingv2 as elbv2};
//!
//! const VPC: Id<ec2::VPC> = Id::named("AppVpc");
//! let vpc = ec2::VPC::new().cidr_block("10.0.0.0/16").enable_dns_hostnames(true);
//! let subnet = ec2::Subnet::new(VPC.reference())
//!     .availability_zone(Val::select(0, Val::get_azs("")))
//!     .cidr_block("10.0.0.0/20")
//!     .tags([ec2::subnet::Tag::new("Name", "public-1")]);
//! let group = elbv2::TargetGroup::new()
//!     .port(80)
//!     .protocol(elbv2::target_group::Protocol::Http)
//!     .vpc_id(VPC.reference());
//!
//! use infra_cfn::CfnResource;
//! assert_eq!(ec2::VPC::TYPE_NAME, "AWS::EC2::VPC");
//! let props = subnet.into_props().into_value();
//! assert_eq!(props["VpcId"], serde_json::json!({"Ref": "AppVpc"}));
//! assert_eq!(props["Tags"][0]["Key"], "Name");
//! assert_eq!(group.into_props().into_value()["Protocol"], "HTTP");
//! # let _ = vpc;
//! # }
//! ```
//!
//! IAM policy documents, which the schemas leave as free JSON, have builders of their own in [`policy`].
//!
//! infra-core re-exports this crate as `infra_core::cfn` (with the same features), turns a typed resource into
//! its `Resource` (`Resource::from(vpc).depends_on(..)`) and adds one under its typed id with
//! `Contribution::add(&VPC, vpc)`, inside a `#[cf_resources]` `Resources` impl or a `fragment!`; the template's
//! reference and cycle checks then run over it as over any resource.
//!
//! Compile cost: the setters are generic and everything else is `#[inline]`, so an enabled service costs type
//! checking only until it is used, and the generated types derive only `Clone` (enums also `Copy`; an enum's
//! `as_str` gives its text), since every derive is code compiled for every type of every enabled service;
//! BENCHMARKS.md measures the seeds' eleven services.
//!
//! # Facts
//!
//! For each type this crate also knows its name, the properties whose change makes CloudFormation replace the
//! resource (`createOnlyProperties`) and the properties that identify it (`primaryIdentifier`), for the
//! replacement guard:
//!
//! ```
//! let queue = infra_cfn::resource_type("AWS::SQS::Queue").unwrap();
//! // Renaming a queue, or making it FIFO, replaces it: the old queue and its messages are deleted.
//! assert!(queue.create_only.contains(&"QueueName"));
//! assert!(queue.create_only.contains(&"FifoQueue"));
//! assert_eq!(queue.primary_identifier, ["QueueUrl"]);
//! ```
//!
//! # Source
//!
//! The data is [`SOURCE`]: the us-east-1 schemas that ship inside the PyPI package cfn-lint, at the version
//! `tests/requirements.txt` pins for the end-to-end tests. cfn-lint ships CloudFormation's registry schema
//! of every type in every region, the tests already pin it, and PyPI can be reached where this crate is
//! generated while AWS's own schema download cannot. Types that are not registry types (the SAM transform's
//! `AWS::Serverless::*`, `Custom::*`) are not here.
//!
//! `src/generated.rs`, `src/services.rs` and `src/services/*.rs` (and the feature lists of this crate's and
//! infra-core's `Cargo.toml`) are written by `infra-cfn/gen/generate.py` (with `gen/model.py`) and never edited
//! by hand; a test in `tests/tests/generated.rs` regenerates them and fails when a committed file differs or a
//! service file is left over. Another, `tests/tests/cfn_types.rs`, builds every type with its required
//! properties from placeholder values (written by the same generator) and lints them with cfn-lint in one run:
//! 1,846 of 1,854 draw no schema error (E30xx); the test names the other 8 and why. To move to a newer
//! cfn-lint, change the pin in the script, in `tests/requirements.txt` and in this crate's `source_names_the_pin`
//! test, then run `python infra-cfn/gen/generate.py` with that cfn-lint installed and review the diff.
//!
//! # Why not stratosphere
//!
//! [stratosphere](https://crates.io/crates/stratosphere) 0.1.0 is the same idea (a generated, feature-gated model
//! of every type), evaluated before this crate grows into the typed model. Measured on this project's 2-core
//! machine with an app enabling the services the examples use (`aws_ec2`, `aws_ecs`,
//! `aws_elasticloadbalancingv2`, `aws_applicationautoscaling`, `aws_logs`, `aws_iam`, `aws_ecr`, `aws_codebuild`,
//! `aws_codepipeline`, `aws_cloudwatch`, `aws_sns`; `/usr/bin/time cargo build` in a fresh directory, debug):
//! 29.8 s wall, 47.1 s user CPU, 358 MB peak memory. What decided against it:
//!
//! - Its source is the older CloudFormation *resource specification*, embedded whole (15 MB of Rust source in
//!   `stratosphere-core`, read by its proc macro at every expansion; the macro library alone is 35 MB). That
//!   format has no `createOnlyProperties`, `readOnlyProperties`, enum values or deprecations, which the
//!   replacement guard, typed `GetAtt` accessors and `#[deprecated]` need. Every string is an `ExpString`, and
//!   `get_att(resource, attribute)` takes any attribute name.
//! - It turns on serde_json's `arbitrary_precision` and `indexmap` features, which feature unification pushes
//!   into every user's serde_json (the reason infra-core gave up `preserve_order`), and it depends on clap with
//!   `derive` (for its own generator's command line), which every user would compile.
//! - It has its own template builder (`Template::build`), so its resources would reach the registry only as
//!   JSON, losing the typed references between `#[cf_resources]` types.
//!
//! What it gets right, and the typed model keeps: one Cargo feature per service, required properties checked at
//! compile time (a missing one is an error naming it), and an unknown property an error on the token.
//!
//! # Paths
//!
//! A property path is relative to the resource's `Properties`: the schema's JSON pointer
//! `/properties/A/B` is written `A/B`, and `*` stands for every element of an array, as in
//! `ReplicationInfoList/*/TargetKafkaClusterArn`. Most paths are a single top-level property.

mod generated;
pub mod policy;
mod services;
mod value;

#[allow(unused_imports)] // with no service feature on, there is nothing to re-export
pub use services::*;
pub use value::*;

/// What one CloudFormation resource type's schema says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ResourceType {
    /// The type name, as a template's `Type` spells it: `"AWS::S3::Bucket"`.
    pub name: &'static str,
    /// The schema's `createOnlyProperties`, sorted, as [paths](crate#paths): a change to any of them
    /// (setting, changing or removing it) makes CloudFormation replace the resource, deleting the old one.
    /// Both an object and some of its members may be listed. Empty when the schema lists none.
    pub create_only: &'static [&'static str],
    /// The schema's `conditionalCreateOnlyProperties`, sorted, as [paths](crate#paths): a change to any of
    /// them may replace the resource, depending on the change (a DynamoDB table's `KeySchema`, for one).
    pub conditional_create_only: &'static [&'static str],
    /// The schema's `primaryIdentifier` as [paths](crate#paths), in schema order: the properties that
    /// together identify a resource of this type, usually its physical id (`Ref`). Never empty.
    pub primary_identifier: &'static [&'static str],
}

/// Where the data comes from: the package, its version, the schema directory and the region.
pub const SOURCE: &str = generated::SOURCE;

/// Every resource type, sorted by name.
pub fn all() -> &'static [ResourceType] {
    generated::TYPES
}

/// The resource type named `name` exactly (case-sensitive), or `None` when the schemas have no such type.
///
/// ```
/// let table = infra_cfn::resource_type("AWS::DynamoDB::Table").unwrap();
/// assert!(table.create_only.contains(&"TableName"));
/// assert_eq!(table.primary_identifier, ["TableName"]);
///
/// assert!(infra_cfn::resource_type("AWS::Serverless::Function").is_none());
/// ```
pub fn resource_type(name: &str) -> Option<&'static ResourceType> {
    let types = all();
    types
        .binary_search_by(|t| t.name.cmp(name))
        .ok()
        .map(|i| &types[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn create_only(name: &str) -> &'static [&'static str] {
        resource_type(name)
            .unwrap_or_else(|| panic!("{name} is missing"))
            .create_only
    }

    #[test]
    fn sorted_and_unique() {
        assert!(all().windows(2).all(|w| w[0].name < w[1].name));
        assert!(all().len() > 1000, "{} types", all().len());
    }

    #[test]
    fn paths_are_sorted_unique_and_relative() {
        for t in all() {
            assert!(t.create_only.windows(2).all(|w| w[0] < w[1]), "{}", t.name);
            assert!(
                t.conditional_create_only.windows(2).all(|w| w[0] < w[1]),
                "{}",
                t.name
            );
            assert!(!t.primary_identifier.is_empty(), "{}", t.name);
            let paths = t.create_only.iter().chain(t.conditional_create_only);
            for p in paths.chain(t.primary_identifier) {
                assert!(
                    !p.is_empty() && !p.starts_with('/') && !p.ends_with('/'),
                    "{}: {p}",
                    t.name
                );
            }
        }
    }

    #[test]
    fn every_type_is_found() {
        for t in all() {
            assert_eq!(resource_type(t.name), Some(t));
        }
    }

    #[test]
    fn dynamodb_table_name_is_create_only() {
        assert!(create_only("AWS::DynamoDB::Table").contains(&"TableName"));
    }

    #[test]
    fn s3_bucket_name_is_create_only() {
        assert!(create_only("AWS::S3::Bucket").contains(&"BucketName"));
    }

    #[test]
    fn sqs_fifo_and_name_are_create_only() {
        let queue = create_only("AWS::SQS::Queue");
        assert!(queue.contains(&"FifoQueue"));
        assert!(queue.contains(&"QueueName"));
    }

    #[test]
    fn nested_and_array_paths_are_kept() {
        assert_eq!(
            resource_type("AWS::QuickSight::RefreshSchedule")
                .unwrap()
                .primary_identifier,
            ["AwsAccountId", "DataSetId", "Schedule/ScheduleId"]
        );
        assert!(
            create_only("AWS::MSK::Replicator")
                .contains(&"ReplicationInfoList/*/TargetKafkaClusterArn")
        );
    }

    #[test]
    fn unknown_type_is_none() {
        assert_eq!(resource_type("AWS::S3::Bukket"), None);
        assert_eq!(resource_type("aws::s3::bucket"), None);
        assert_eq!(resource_type(""), None);
        assert_eq!(resource_type("Custom::Thing"), None);
    }

    #[test]
    fn source_names_the_pin() {
        assert!(SOURCE.starts_with("cfn-lint 1.58.0 "), "{SOURCE}");
    }
}
