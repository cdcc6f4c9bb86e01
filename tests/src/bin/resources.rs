//! Every `#[cf_resources]` shortcut and every typed reference from `#[cf_function]`, grouped into families by
//! logical-id prefix (Table, Bucket, Queue, Topic, Param, Use, Vpc, Sg, Ecs, Ecr, Alarm, Build). Its template is checked against golden files
//! per family and by aws-sam-translator + cfn-lint.
#![allow(dead_code)] // the handlers are registered, not called

use infra_core::registry::Context;
use infra_core::{Contribution, Resource, Resources, cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

type Result = std::result::Result<Value, Error>;

#[cf_resources(
    table(
        partition = "id",
        sort = "created",
        ttl = "expires",
        stream = "NEW_AND_OLD_IMAGES",
        gsi(name = "ByOwner", partition = "owner", sort = "created"),
        point_in_time_recovery
    ),
    output = "TableFilesName"
)]
pub struct TableFiles {
    pub id: String,
    pub created: u64,
    pub owner: String,
    pub expires: i64,
    pub body: Vec<u8>,
}

#[cf_resources(
    table(partition = "key", provisioned(read = 5, write = 2)),
    retain = false
)]
pub struct TableCounters {
    pub key: Vec<u8>,
}

#[cf_resources(bucket(
    cors(
        allowed_origins("*"),
        allowed_methods("PUT", "GET"),
        allowed_headers("*"),
        max_age = 3000
    ),
    versioning,
    expire_after_days = 30
))]
pub struct BucketUploads;

#[cf_resources(bucket, retain = false)]
pub struct BucketScratch;

#[cf_resources(queue(visibility_timeout = 120, retention = 86400, dead_letter_after = 5))]
pub struct QueueJobs;

#[cf_resources(queue(fifo))]
pub struct QueueOrders;

#[cf_resources(topic(subscriptions(email = ParamAlertEmail)))]
pub struct TopicAlerts;

/// Alarms and EventBridge rules publish here: a key of its own lets them (and the function that writes it).
#[cf_resources(topic(published_by("cloudwatch", "events")))]
pub struct TopicAlarms;

#[cf_function(bin = "topic-publisher", writes(TopicAlarms))]
async fn topic_publisher(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_resources(parameter(
    kind = "String",
    default = "ops@example.com",
    description = "address alerted on failures"
))]
pub struct ParamAlertEmail;

#[cf_resources(parameter(
    kind = "String",
    default = "true",
    allowed_values("true", "false"),
    description = "keep uploads forever"
))]
pub struct ParamStoreOnLoad;

#[cf_resources(condition(equals(ParamStoreOnLoad, "false")))]
pub struct ParamStoreOnLoadOff;

#[cf_resources(condition(and(ParamStoreOnLoadOff, not(equals(ParamAlertEmail, "")))))]
pub struct ParamAlertOnExpire;

/// The class pattern: any resource at all.
#[cf_resources]
pub struct ParamLogs;

impl Resources for ParamLogs {
    fn resources(_: &Context) -> Contribution {
        Contribution::new().resource(
            "ParamLogsGroup",
            Resource::new("AWS::Logs::LogGroup").property("RetentionInDays", 7),
        )
    }
}

/// Notified by the bucket it reads: no circular dependency, because the policy names the bucket, not `Ref`s it.
#[cf_function(bin = "use-uploaded", reads(BucketUploads), writes(TableFiles), events(s3(bucket = BucketUploads, events("s3:ObjectCreated:*"))))]
async fn use_uploaded(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(bin = "use-crud", reads(TableFiles), writes(TableFiles, QueueJobs, TopicAlerts, BucketScratch), env(STORE = ParamStoreOnLoad, UPLOADS = BucketUploads))]
async fn use_crud(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(bin = "use-expire", condition = ParamStoreOnLoadOff, reads(TableFiles), writes(BucketUploads), events(schedule("rate(1 day)")))]
async fn use_expire(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(bin = "use-worker", reads(QueueJobs), events(sqs(queue = QueueJobs, batch_size = 10), dynamodb(table = TableFiles, starting_position = "LATEST")))]
async fn use_worker(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// A database password: generated, retained, never in the template or an environment variable.
#[cf_resources(secret(description = "the database password", length = 40))]
pub struct SecretDbPassword;

#[cf_function(bin = "use-secret", reads(SecretDbPassword))]
async fn use_secret(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(bin = "use-alerted", condition = ParamAlertOnExpire, events(sns(topic = TopicAlerts)))]
async fn use_alerted(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// A VPC with every subnet kind over two AZs, one NAT gateway both private subnets route through, and flow
/// logs of the rejected traffic.
#[cf_resources(vpc(
    cidr = "10.20.0.0/16",
    max_azs = 2,
    nat_gateways = 1,
    subnets(
        public(cidr_mask = 24),
        private(cidr_mask = 22),
        isolated(cidr_mask = 26)
    ),
    flow_logs(retention = 14, traffic = "REJECT")
))]
pub struct VpcMain;

/// A VPC with the defaults: two AZs of public and private subnets, a NAT gateway in each.
#[cf_resources(vpc(cidr = "10.30.0.0/16"))]
pub struct VpcDefaults;

/// A load balancer's group open to the internet on 443 (IPv4 and IPv6).
#[cf_resources(security_group(
    vpc = VpcMain,
    description = "the load balancer",
    ingress(from = "0.0.0.0/0", port = 443, description = "HTTPS"),
    ingress(from = "::/0", port = 443, description = "HTTPS over IPv6")
))]
pub struct SgLoadBalancer;

/// Tasks reached from the load balancer on a port range, and reaching only HTTPS and DNS out.
#[cf_resources(security_group(
    vpc = VpcMain,
    name = "sg-tasks",
    ingress(from = SgLoadBalancer, ports(8000, 8010)),
    ingress(from = "10.20.0.0/16", protocol = "icmp"),
    egress(to = "0.0.0.0/0", port = 443),
    egress(to = "10.20.0.0/16", protocol = "udp", port = 53, description = "DNS in the VPC")
))]
pub struct SgTasks;

/// A named cluster with Container Insights (the default).
#[cf_resources(ecs_cluster(vpc = VpcMain, name = "golden"))]
pub struct EcsCluster;

/// A cluster without Container Insights.
#[cf_resources(ecs_cluster(vpc = VpcMain, container_insights = false))]
pub struct EcsBatchCluster;

/// A public service behind an internet-facing load balancer, scaled on CPU and memory, using a table, a bucket,
/// a secret, a statement and a managed policy.
#[cf_resources(
    fargate_service(
        cluster = EcsCluster,
        name = "golden-web",
        image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/golden-web:1",
        port = 8000,
        cpu = 512,
        memory = 2048,
        desired = 2,
        security_group = SgTasks,
        load_balancer(internet_facing, listen = 80, health_check = "/health", security_group = SgLoadBalancer),
        scaling(min = 2, max = 8, cpu_target = 60, memory_target = 80, scale_in_cooldown = 300, scale_out_cooldown = 60),
        log_retention = 14,
        env(MODE = "production", STORE = ParamStoreOnLoad),
        secrets(DB_PASSWORD = SecretDbPassword),
        reads(TableFiles),
        writes(TableFiles, BucketScratch),
        policies(
            statement(actions("sagemaker:InvokeEndpoint"), resources("arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:endpoint/golden")),
            "AWSXRayDaemonWriteAccess"
        ),
    ),
    output = "EcsWebUrl"
)]
pub struct EcsWeb;

/// An internal service in the private subnets, reached by the web tier through its URL.
#[cf_resources(fargate_service(
    cluster = EcsCluster,
    image = "public.ecr.aws/nginx/nginx:1.27",
    port = 8080,
    security_group = SgTasks,
    load_balancer(internal, listen = 8080, security_group = SgLoadBalancer),
    env(WEB_URL = EcsWeb),
))]
pub struct EcsApi;

/// A worker without load balancer in public subnets (public IPs, no NAT), pulling the `latest` image of a
/// repository of the stack, no task role.
#[cf_resources(fargate_service(
    cluster = EcsBatchCluster,
    image = EcrBatch,
    port = 9000,
    cpu = 1024,
    memory = 3072,
    desired = 0,
    subnets = "public",
    security_group = SgTasks,
    log_retention = 1,
))]
pub struct EcsWorker;

/// A repository with the defaults: scanned on push, tags immutable, retained.
#[cf_resources(ecr_repository)]
pub struct EcrDefaults;

/// A named repository keeping its last 10 images, tags mutable, not scanned, deleted with the stack.
#[cf_resources(
    ecr_repository(
        name = "golden/batch-worker",
        scan_on_push = false,
        immutable = false,
        lifecycle(keep_last = 10)
    ),
    retain = false
)]
pub struct EcrBatch;

/// A service's CPU above 80 % for two of three 5-minute periods, notifying on alarm and on recovery.
#[cf_resources(alarm(
    metric = cpu(EcsWeb),
    threshold = 80,
    periods = 3,
    datapoints = 2,
    notify = TopicAlarms,
    notify_ok(TopicAlarms),
    name = "golden-web-cpu",
    description = "the web tier's CPU is high"
))]
pub struct AlarmWebCpu;

/// Slow answers behind the load balancer: a fractional threshold on the maximum, missing data not breaching.
#[cf_resources(alarm(
    metric = response_time(EcsWeb),
    threshold = 1.5,
    comparison = ">=",
    statistic = "Maximum",
    period = 60,
    treat_missing_data = "notBreaching",
    notify = TopicAlarms
))]
pub struct AlarmWebSlow;

/// Jobs waiting over an hour.
#[cf_resources(alarm(metric = age_of_oldest_message(QueueJobs), threshold = 3600, notify = TopicAlarms))]
pub struct AlarmJobsStuck;

/// The buildspec of the builds below.
const BUILDSPEC: &str =
    "version: 0.2\nphases:\n  build:\n    commands:\n      - docker build -t $REPOSITORY_URI .\n";

/// A privileged image build on a medium machine, pushing to two repositories, its artifacts in a bucket type.
#[cf_resources(codebuild_project(
    name = "golden-images",
    buildspec = BUILDSPEC,
    image = "aws/codebuild/amazonlinux2-x86_64-standard:5.0",
    compute = "medium",
    privileged,
    env(REGION = "${AWS::Region}", STORE = ParamStoreOnLoad, SCRATCH = BucketScratch),
    pushes(EcrDefaults, EcrBatch),
    artifacts = BucketScratch,
    log_retention = 7,
))]
pub struct BuildImages;

infra_core::main!(infra_tests);
