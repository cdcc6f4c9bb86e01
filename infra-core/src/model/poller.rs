//! The event sources Lambda polls through a connection of its own: Amazon MSK and self-managed Kafka, Amazon MQ,
//! and Amazon DocumentDB change streams. Each is an `AWS::Lambda::EventSourceMapping` SAM makes from the
//! function's event, with the role statements SAM derives from it (the secrets it reads, the cluster it
//! describes).

use serde_json::{Map, Value, json};

use crate::intrinsic::{reference, sub};
use crate::model::function::{FunctionVpc, Polling, text};

/// A secret named by logical id (its `Ref` is its ARN) or written as an ARN or `${...}`.
fn secret(s: &str) -> Value {
    if s.starts_with("arn:") || s.contains("${") {
        text(s)
    } else {
        reference(s)
    }
}

/// One entry of `SourceAccessConfigurations` (or of a schema registry's `AccessConfigs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// `Type` with a secret's ARN as `URI`: `BASIC_AUTH`, `SASL_SCRAM_512_AUTH`, ...
    Secret(&'static str, &'static str),
    /// `Type` with a literal `URI`: `VIRTUAL_HOST`, ...
    Text(&'static str, &'static str),
    /// `Type` alone: `IAM_AUTH`.
    Bare(&'static str),
}

impl Access {
    fn value(self) -> Value {
        match self {
            Access::Secret(kind, s) => json!({ "Type": kind, "URI": secret(s) }),
            Access::Text(kind, uri) => json!({ "Type": kind, "URI": uri }),
            Access::Bare(kind) => json!({ "Type": kind }),
        }
    }
}

/// `ProvisionedPollerConfig`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pollers {
    /// `MinimumPollers`, 1 to 200.
    pub min: Option<u32>,
    /// `MaximumPollers`, 1 to 10000.
    pub max: Option<u32>,
    /// `PollerGroupName`.
    pub group: Option<&'static str>,
}

/// `SchemaRegistryConfig` of a Kafka source: records validated and decoded against a registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SchemaRegistry {
    /// `SchemaRegistryURI`: a Glue registry ARN or a Confluent registry URL.
    pub uri: &'static str,
    /// `EventRecordFormat`: `JSON` or `SOURCE`.
    pub format: &'static str,
    /// `SchemaValidationConfigs`: `KEY` and/or `VALUE`.
    pub validate: &'static [&'static str],
    /// `AccessConfigs`.
    pub access: &'static [Access],
}

/// Where a Kafka source's records come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KafkaSource {
    /// An Amazon MSK cluster: its ARN (values follow [`text`]).
    Msk(&'static str),
    /// A cluster of your own: its bootstrap servers, `host:port`.
    SelfManaged(&'static [&'static str]),
}

/// An MSK or self-managed Kafka topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kafka {
    /// The event's name under `Events`.
    pub name: &'static str,
    /// The cluster.
    pub source: KafkaSource,
    /// `Topics`: the one topic.
    pub topic: &'static str,
    /// `StartingPosition`: `LATEST`, `TRIM_HORIZON` or `AT_TIMESTAMP`.
    pub starting_position: Option<&'static str>,
    /// `StartingPositionTimestamp` (Unix seconds), with `AT_TIMESTAMP`.
    pub starting_timestamp: Option<u32>,
    /// `ConsumerGroupId`.
    pub consumer_group: Option<&'static str>,
    /// `BatchSize`.
    pub batch_size: Option<u32>,
    /// `MaximumBatchingWindowInSeconds`.
    pub batching_window: Option<u32>,
    /// `SourceAccessConfigurations`: authentication and the root CA.
    pub access: &'static [Access],
    /// A self-managed cluster's VPC: `VPC_SUBNET` and `VPC_SECURITY_GROUP` entries.
    pub vpc: Option<FunctionVpc>,
    /// `SecretsManagerKmsKeyId`: the key of the secrets, which the role may decrypt with.
    pub secrets_kms_key: Option<&'static str>,
    /// `ProvisionedPollerConfig`.
    pub pollers: Option<Pollers>,
    /// `SchemaRegistryConfig`.
    pub schema_registry: Option<SchemaRegistry>,
    /// `LoggingConfig.SystemLogLevel`.
    pub log_level: Option<&'static str>,
    /// Filters, reported failures, retries, splitting, metrics, the failure destination.
    pub polling: Polling,
}

/// An Amazon MQ queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mq {
    /// The event's name under `Events`.
    pub name: &'static str,
    /// `Broker`: its ARN (values follow [`text`]).
    pub broker: &'static str,
    /// `Queues`: the one queue.
    pub queue: &'static str,
    /// `SourceAccessConfigurations`: `BASIC_AUTH` and the virtual host.
    pub access: &'static [Access],
    /// `BatchSize`.
    pub batch_size: Option<u32>,
    /// `MaximumBatchingWindowInSeconds`.
    pub batching_window: Option<u32>,
    /// `SecretsManagerKmsKeyId`.
    pub secrets_kms_key: Option<&'static str>,
    /// Filters, `Enabled`, the filters' key.
    pub polling: Polling,
}

/// An Amazon DocumentDB change stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentDb {
    /// The event's name under `Events`.
    pub name: &'static str,
    /// `Cluster`: its ARN (values follow [`text`]).
    pub cluster: &'static str,
    /// `DatabaseName`.
    pub database: &'static str,
    /// `CollectionName`; every collection of the database otherwise.
    pub collection: Option<&'static str>,
    /// `FullDocument`: `UpdateLookup` or `Default`.
    pub full_document: Option<&'static str>,
    /// `SourceAccessConfigurations`: `BASIC_AUTH`.
    pub access: &'static [Access],
    /// `StartingPosition`.
    pub starting_position: Option<&'static str>,
    /// `StartingPositionTimestamp`, with `AT_TIMESTAMP`.
    pub starting_timestamp: Option<u32>,
    /// `BatchSize`.
    pub batch_size: Option<u32>,
    /// `MaximumBatchingWindowInSeconds`.
    pub batching_window: Option<u32>,
    /// `SecretsManagerKmsKeyId`.
    pub secrets_kms_key: Option<&'static str>,
    /// Filters, `Enabled`, the filters' key.
    pub polling: Polling,
}

fn put<T: Into<Value>>(props: &mut Map<String, Value>, key: &str, v: Option<T>) {
    if let Some(v) = v {
        props.insert(key.into(), v.into());
    }
}

fn access_list(access: &[Access], vpc: Option<FunctionVpc>) -> Vec<Value> {
    let mut out: Vec<Value> = access.iter().map(|a| a.value()).collect();
    if let Some(v) = vpc {
        for az in 1..=v.network.max_azs {
            let id = v.network.subnet_id(v.subnets, az);
            out.push(json!({ "Type": "VPC_SUBNET", "URI": sub(format!("subnet:${{{id}}}")) }));
        }
        for g in v.security_groups {
            out.push(json!({ "Type": "VPC_SECURITY_GROUP", "URI": sub(format!("security_group:${{{g}}}")) }));
        }
    }
    out
}

impl Kafka {
    /// Statements the function's role needs that SAM does not write: for an MSK cluster with SASL/SCRAM, reading
    /// the credentials' secret and decrypting it with its customer managed key (SAM grants the secret for client
    /// certificates alone and ignores the key, and `AWSLambdaMSKExecutionRole` has neither), without which the
    /// poller cannot connect.
    pub fn missing_grants(&self) -> Option<Value> {
        let KafkaSource::Msk(_) = self.source else {
            return None;
        };
        let secrets: Vec<Value> = self
            .access
            .iter()
            .filter_map(|a| match a {
                Access::Secret("SASL_SCRAM_512_AUTH", s) => Some(secret(s)),
                _ => None,
            })
            .collect();
        if secrets.is_empty() {
            return None;
        }
        let mut statements = vec![json!({
            "Effect": "Allow",
            "Action": ["secretsmanager:GetSecretValue"],
            "Resource": secrets,
        })];
        if let Some(key) = self.secrets_kms_key {
            statements.push(json!({
                "Effect": "Allow",
                "Action": ["kms:Decrypt"],
                "Resource": sub(format!("arn:${{AWS::Partition}}:kms:${{AWS::Region}}:${{AWS::AccountId}}:key/{key}")),
            }));
        }
        Some(json!({ "Statement": statements }))
    }

    /// The event's `Type` and `Properties`.
    pub fn event(&self) -> (&'static str, Map<String, Value>) {
        let mut p = Map::new();
        let kind = match self.source {
            KafkaSource::Msk(cluster) => {
                p.insert("Stream".into(), text(cluster));
                "MSK"
            }
            KafkaSource::SelfManaged(servers) => {
                p.insert("KafkaBootstrapServers".into(), json!(servers));
                "SelfManagedKafka"
            }
        };
        p.insert("Topics".into(), json!([self.topic]));
        put(&mut p, "StartingPosition", self.starting_position);
        put(&mut p, "StartingPositionTimestamp", self.starting_timestamp);
        put(&mut p, "ConsumerGroupId", self.consumer_group);
        put(&mut p, "BatchSize", self.batch_size);
        put(
            &mut p,
            "MaximumBatchingWindowInSeconds",
            self.batching_window,
        );
        let access = access_list(self.access, self.vpc);
        if !access.is_empty() {
            p.insert("SourceAccessConfigurations".into(), access.into());
        }
        put(&mut p, "SecretsManagerKmsKeyId", self.secrets_kms_key);
        if let Some(pl) = self.pollers {
            let mut c = Map::new();
            put(&mut c, "MinimumPollers", pl.min);
            put(&mut c, "MaximumPollers", pl.max);
            put(&mut c, "PollerGroupName", pl.group);
            p.insert("ProvisionedPollerConfig".into(), c.into());
        }
        if let Some(r) = self.schema_registry {
            let mut c = Map::new();
            c.insert("SchemaRegistryURI".into(), text(r.uri));
            c.insert("EventRecordFormat".into(), r.format.into());
            let validate: Vec<Value> = r
                .validate
                .iter()
                .map(|a| json!({ "Attribute": a }))
                .collect();
            c.insert("SchemaValidationConfigs".into(), validate.into());
            if !r.access.is_empty() {
                c.insert("AccessConfigs".into(), access_list(r.access, None).into());
            }
            p.insert("SchemaRegistryConfig".into(), c.into());
        }
        if let Some(l) = self.log_level {
            p.insert("LoggingConfig".into(), json!({ "SystemLogLevel": l }));
        }
        self.polling.write(&mut p);
        (kind, p)
    }
}

impl Mq {
    /// What the function's role needs that SAM does not write: Lambda's poller reaches the broker through
    /// network interfaces in the broker's VPC (AWS lists these actions among an MQ source's required
    /// permissions; SAM grants only the secret and `mq:DescribeBroker`).
    pub fn missing_grants(&self) -> Value {
        json!({ "Statement": [{
            "Effect": "Allow",
            "Action": [
                "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
                "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
            ],
            "Resource": "*",
        }]})
    }

    /// The event's `Type` and `Properties`. `DynamicPolicyName` is always set: SAM would otherwise give the
    /// policy of every MQ event one fixed name, and two on one role fail the deploy.
    pub fn event(&self) -> (&'static str, Map<String, Value>) {
        let mut p = Map::new();
        p.insert("Broker".into(), text(self.broker));
        p.insert("Queues".into(), json!([self.queue]));
        p.insert(
            "SourceAccessConfigurations".into(),
            access_list(self.access, None).into(),
        );
        p.insert("DynamicPolicyName".into(), true.into());
        put(&mut p, "BatchSize", self.batch_size);
        put(
            &mut p,
            "MaximumBatchingWindowInSeconds",
            self.batching_window,
        );
        put(&mut p, "SecretsManagerKmsKeyId", self.secrets_kms_key);
        self.polling.write(&mut p);
        ("MQ", p)
    }
}

impl DocumentDb {
    /// The event's `Type` and `Properties`.
    pub fn event(&self) -> (&'static str, Map<String, Value>) {
        let mut p = Map::new();
        p.insert("Cluster".into(), text(self.cluster));
        p.insert("DatabaseName".into(), self.database.into());
        put(&mut p, "CollectionName", self.collection);
        put(&mut p, "FullDocument", self.full_document);
        p.insert(
            "SourceAccessConfigurations".into(),
            access_list(self.access, None).into(),
        );
        put(&mut p, "StartingPosition", self.starting_position);
        put(&mut p, "StartingPositionTimestamp", self.starting_timestamp);
        put(&mut p, "BatchSize", self.batch_size);
        put(
            &mut p,
            "MaximumBatchingWindowInSeconds",
            self.batching_window,
        );
        put(&mut p, "SecretsManagerKmsKeyId", self.secrets_kms_key);
        self.polling.write(&mut p);
        ("DocumentDB", p)
    }
}
