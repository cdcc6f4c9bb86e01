//! Small apps in the style of the AWS SAM developer guide's examples, each written twice: here in Rust, and as
//! a hand-written SAM template in `tests/sam_docs/<app>.yaml`. `tests/tests/sam_docs.rs` checks that
//! aws-sam-translator turns both into the same resources. One binary makes one template, so every logical id
//! of an app starts with the app's prefix (`Thumb`, `Worker`, ...), as do its handlers, binaries and outputs.
#![allow(dead_code)] // the handlers are registered, not called

use infra_core::intrinsic::{get_att, reference};
use infra_core::registry::Context;
use infra_core::{Contribution, Resource, cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

type Result = std::result::Result<Value, Error>;

// ---------------------------------------------------------------------------------------------------------
// thumbnails.yaml: resize images uploaded to S3, record them in DynamoDB.

/// Where the web app uploads photos; uploads are kept a week.
#[cf_resources(bucket(
    cors(
        allowed_origins("https://photos.example.com"),
        allowed_methods("PUT"),
        allowed_headers("content-type"),
        max_age = 3000
    ),
    expire_after_days = 7
))]
pub struct ThumbUploads;

/// The resized images.
#[cf_resources(bucket)]
pub struct ThumbThumbnails;

/// One item per image, expiring with the upload.
#[cf_resources(table(partition = "image_id", ttl = "expires_at"))]
pub struct ThumbImages {
    pub image_id: String,
    pub expires_at: u64,
}

#[cf_function(
    bin = "thumb-resize",
    description = "Creates a thumbnail of each JPEG uploaded under uploads/",
    memory = 1024,
    timeout = 30,
    ephemeral_storage = 2048,
    tracing = "active",
    log_retention = 14,
    env(THUMBNAIL_WIDTH = "256"),
    reads(ThumbUploads),
    writes(ThumbThumbnails, ThumbImages),
    events(s3(
        bucket = ThumbUploads,
        events("s3:ObjectCreated:*"),
        prefix = "uploads/",
        suffix = ".jpg"
    ))
)]
async fn thumb_resize(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// sqs_worker.yaml: a queue worker reporting partial batch failures, a dead-letter queue and an alarm on it.

#[cf_resources(parameter(kind = "String", description = "Who is told when jobs pile up"))]
pub struct WorkerAlertEmail;

/// Jobs: visible again 6 times the function's timeout after a failed receive, dead-lettered after 5.
#[cf_resources(queue(visibility_timeout = 180, retention = 345600, dead_letter_after = 5))]
pub struct WorkerJobs;

#[cf_resources(table(partition = "job_id"))]
pub struct WorkerResults {
    pub job_id: String,
}

/// Alarms publish here, under a key CloudWatch may use.
#[cf_resources(topic(subscriptions(email = WorkerAlertEmail), published_by("cloudwatch")))]
pub struct WorkerAlerts;

/// Jobs waiting too long. (The natural alarm, on the dead-letter queue's depth, cannot be written: the
/// `WorkerJobsDeadLetter` queue that `dead_letter_after` creates is no type that `alarm(metric = ..)` takes.)
#[cf_resources(alarm(
    metric = age_of_oldest_message(WorkerJobs),
    threshold = 900,
    statistic = "Maximum",
    period = 60,
    periods = 5,
    datapoints = 3,
    treat_missing_data = "notBreaching",
    notify = WorkerAlerts,
    description = "Jobs wait more than 15 minutes"
))]
pub struct WorkerBacklog;

#[cf_function(
    bin = "worker-process",
    memory = 512,
    timeout = 30,
    writes(WorkerResults),
    events(sqs(
        queue = WorkerJobs,
        batch_size = 10,
        batching_window = 5,
        report_failures,
        max_concurrency = 10
    ))
)]
async fn worker_process(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// kinesis_clicks.yaml: a Kinesis consumer with a filter, reported failures and an on-failure destination.

#[cf_resources(kinesis_stream(shards = 2, retention = 48))]
pub struct ClicksStream;

/// Records of the batches the consumer gave up on.
#[cf_resources(queue(retention = 1209600))]
pub struct ClicksFailed;

#[cf_resources(table(partition = "page", sort = "minute"))]
pub struct ClicksCounts {
    pub page: String,
    pub minute: u64,
}

#[cf_function(
    bin = "clicks-count",
    memory = 256,
    timeout = 60,
    writes(ClicksCounts),
    events(kinesis(
        stream = ClicksStream,
        starting_position = "LATEST",
        batch_size = 200,
        batching_window = 10,
        filters(r#"{"data": {"type": ["click"]}}"#),
        report_failures,
        bisect,
        max_record_age = 3600,
        max_retries = 3,
        parallelization = 2,
        on_failure = ClicksFailed,
        metrics("EventCount", "ErrorCount")
    ))
)]
async fn clicks_count(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// dynamodb_ledger.yaml: a DynamoDB stream processor keeping balances over tumbling windows.

#[cf_resources(table(partition = "account", sort = "entry_id", stream = "NEW_IMAGE"))]
pub struct LedgerEntries {
    pub account: String,
    pub entry_id: String,
}

#[cf_resources(table(partition = "account"))]
pub struct LedgerBalances {
    pub account: String,
}

/// Told about each batch of entries the processor gave up on.
#[cf_resources(topic)]
pub struct LedgerFailures;

#[cf_function(
    bin = "ledger-balance",
    timeout = 120,
    writes(LedgerBalances),
    events(dynamodb(
        table = LedgerEntries,
        starting_position = "TRIM_HORIZON",
        batch_size = 100,
        filters(r#"{"eventName": ["INSERT"]}"#),
        report_failures,
        bisect,
        max_retries = 5,
        tumbling_window = 300,
        on_failure = LedgerFailures
    ))
)]
async fn ledger_balance(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// eventbridge_audit.yaml: an EventBridge rule on a custom bus, input transformer, retries, dead-letter queue.

/// Events EventBridge could not deliver.
#[cf_resources(queue(retention = 1209600))]
pub struct AuditUndelivered;

#[cf_resources(table(partition = "entity", sort = "at"))]
pub struct AuditTrail {
    pub entity: String,
    pub at: String,
}

#[cf_function(
    bin = "audit-record",
    writes(AuditTrail),
    events(eventbridge(
        name = "OrderChanged",
        bus = "${AuditBus}",
        pattern = r#"{"source": ["com.example.orders"], "detail-type": ["OrderPlaced", "OrderCancelled"]}"#,
        rule_name = "audit-order-changes",
        input_transformer(
            paths(id = "$.detail.orderId", kind = "$.detail-type", at = "$.time"),
            template = r#"{"entity": <id>, "kind": <kind>, "at": <at>}"#
        ),
        retry(attempts = 4, max_age = 3600),
        dead_letter = AuditUndelivered,
        target_id = "audit-writer"
    ))
)]
async fn audit_record(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// scheduler_report.yaml: EventBridge Scheduler jobs in a time zone, with a flexible window.

#[cf_resources(bucket(expire_after_days = 365))]
pub struct ReportArchive;

#[cf_resources(table(partition = "day"))]
pub struct ReportSales {
    pub day: String,
}

#[cf_function(
    bin = "report-weekly",
    memory = 1024,
    timeout = 300,
    reads(ReportSales),
    writes(ReportArchive),
    events(
        schedule_v2(
            "cron(0 7 ? * MON *)",
            name = "Weekly",
            schedule_name = "report-weekly",
            description = "The weekly sales report",
            timezone = "America/New_York",
            flexible_window = 30,
            end = "2031-01-01T00:00:00Z",
            input = r#"{"period": "week"}"#,
            retry(attempts = 3, max_age = 7200),
            dead_letter
        ),
        schedule_v2(
            "at(2030-12-31T23:00:00)",
            name = "YearEnd",
            timezone = "America/New_York",
            input = r#"{"period": "year"}"#,
            omit_name
        )
    )
)]
async fn report_weekly(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// http_jwt_notes.yaml: an HTTP API with a JWT authorizer of an OpenID Connect provider, CORS and access logs.

/// The identity provider is outside the stack: `jwt(audience(..))` is written literally (no `${..}`), so the id
/// of a Cognito app client declared in the template could not be the audience.
#[cf_resources(http_api(
    stage = "v1",
    cors(
        allow_origins("https://notes.example.com"),
        allow_methods("GET", "POST", "DELETE"),
        allow_headers("authorization", "content-type"),
        max_age = 600
    ),
    jwt(
        name = "NotesOidc",
        issuer = "https://login.example.com/",
        audience("https://notes.example.com/api")
    ),
    default_authorizer = "NotesOidc",
    throttling(burst = 50, rate = 20),
    access_logs(retention = 30),
    url_output = "NotesApiUrl"
))]
pub struct NotesApi;

#[cf_resources(table(partition = "owner", sort = "note_id"))]
pub struct NotesItems {
    pub owner: String,
    pub note_id: String,
}

#[cf_function(
    bin = "notes-list",
    reads(NotesItems),
    events(http_api(name = "List", method = "GET", path = "/notes", api = NotesApi))
)]
async fn notes_list(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "notes-write",
    writes(NotesItems),
    events(
        http_api(name = "Create", method = "POST", path = "/notes", api = NotesApi),
        http_api(
            name = "Delete",
            method = "DELETE",
            path = "/notes/{id}",
            api = NotesApi,
            auth(authorizer = "NotesOidc", scopes("notes:delete"))
        )
    )
)]
async fn notes_write(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// http_lambda_auth_payments.yaml: an HTTP API with a Lambda authorizer and per-route throttling.

#[cf_resources(secret(description = "Signs the payment API's tokens", length = 64))]
pub struct PayTokenKey;

#[cf_resources(http_api(
    name = "payments",
    lambda_authorizer(
        name = "PayToken",
        function = pay_authorize,
        identity_headers("Authorization"),
        reauthorize_every = 300,
        simple_responses
    ),
    default_authorizer = "PayToken",
    throttling(burst = 100, rate = 50)
))]
pub struct PayApi;

#[cf_resources(table(partition = "charge_id"))]
pub struct PayCharges {
    pub charge_id: String,
}

#[cf_function(bin = "pay-authorize", memory = 256, timeout = 5, reads(PayTokenKey))]
async fn pay_authorize(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "pay-charge",
    timeout = 10,
    writes(PayCharges),
    events(
        http_api(
            name = "Charge",
            method = "POST",
            path = "/charges",
            api = PayApi,
            timeout = 8000,
            throttling(burst = 10, rate = 5)
        ),
        http_api(
            name = "Lookup",
            method = "GET",
            path = "/charges/{id}",
            api = PayApi,
            throttling(burst = 50, rate = 25)
        ),
        http_api(name = "Health", method = "GET", path = "/health", api = PayApi, auth(none))
    )
)]
async fn pay_charge(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// sns_fanout.yaml: one topic, fanned out through SQS subscriptions with filter policies.

#[cf_resources(topic)]
pub struct FanoutOrders;

#[cf_resources(queue(visibility_timeout = 60, dead_letter_after = 3))]
pub struct FanoutBilling;

#[cf_function(
    bin = "fanout-checkout",
    writes(FanoutOrders),
    function_url(auth = "iam")
)]
async fn fanout_checkout(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "fanout-bill",
    timeout = 10,
    events(sns(
        name = "Paid",
        topic = FanoutOrders,
        filter_policy = r#"{"status": ["paid"]}"#,
        filter_scope = "MessageBody",
        sqs_subscription(queue = FanoutBilling, batch_size = 5)
    ))
)]
async fn fanout_bill(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "fanout-ship",
    events(sns(
        name = "Shippable",
        topic = FanoutOrders,
        filter_policy = r#"{"region": ["us", "eu"]}"#,
        sqs_subscription
    ))
)]
async fn fanout_ship(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// function_url_stream.yaml: a function URL streaming a model's answer, with CORS.

#[cf_resources(sagemaker_endpoint(name = "chat-llm"))]
pub struct ChatModel;

#[cf_function(
    bin = "chat-stream",
    memory = 512,
    timeout = 300,
    invokes(ChatModel),
    logging(format = "JSON", application_level = "INFO", system_level = "WARN"),
    function_url(
        auth = "iam",
        invoke_mode = "RESPONSE_STREAM",
        cors(
            allow_origins("https://chat.example.com"),
            allow_methods("POST"),
            allow_headers("content-type"),
            expose_headers("x-request-id"),
            max_age = 3600,
            allow_credentials = true
        ),
        url_output = "ChatStreamUrl"
    )
)]
async fn chat_stream(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// vpc_efs_models.yaml: a function in a VPC's private subnets, reading models from EFS.

#[cf_resources(vpc(
    cidr = "10.20.0.0/16",
    max_azs = 2,
    nat_gateways = 1,
    subnets(public(cidr_mask = 24), private(cidr_mask = 22)),
    flow_logs(retention = 14, traffic = "REJECT")
))]
pub struct ModelsVpc;

#[cf_resources(security_group(
    vpc = ModelsVpc,
    description = "The inference function",
    egress(to = "0.0.0.0/0", port = 443, description = "HTTPS out"),
    egress(to = "10.20.0.0/16", port = 2049, description = "NFS to EFS")
))]
pub struct ModelsFunctionSg;

#[cf_resources(security_group(
    vpc = ModelsVpc,
    description = "The model file system",
    ingress(from = ModelsFunctionSg, port = 2049, description = "NFS from the function")
))]
pub struct ModelsFsSg;

/// Lambda needs a mount target in each subnet before it creates the function; with no `depends_on` key, nothing
/// orders the function after `ModelsFsMount1` and `ModelsFsMount2`, as a hand-written template would.
#[cf_function(
    bin = "models-infer",
    memory = 3008,
    timeout = 60,
    env(MODEL_DIR = "/mnt/models"),
    vpc(network = ModelsVpc, security_groups(ModelsFunctionSg)),
    file_system(
        efs = "${ModelsFs.Arn}",
        access_point = "${ModelsFsAccessPoint.Arn}",
        mount = "/mnt/models",
        read_only
    )
)]
async fn models_infer(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// msk_orders.yaml: an Amazon MSK consumer authenticated with SASL/SCRAM.

#[cf_resources(parameter(kind = "String", description = "The ARN of the MSK cluster"))]
pub struct KafkaClusterArn;

/// MSK accepts only SCRAM secrets named `AmazonMSK_..` and encrypted with a customer managed key; `secret(..)`
/// sets neither, so associating this secret with the cluster fails as written.
#[cf_resources(secret(description = "The SASL/SCRAM user of the orders consumer"))]
pub struct KafkaOrdersUser;

#[cf_resources(queue(retention = 1209600))]
pub struct KafkaFailed;

#[cf_function(
    bin = "kafka-orders",
    timeout = 60,
    events(msk(
        cluster = "${KafkaClusterArn}",
        topic = "orders",
        starting_position = "TRIM_HORIZON",
        consumer_group = "orders-lambda",
        batch_size = 100,
        batching_window = 5,
        auth(sasl_scram_512 = KafkaOrdersUser),
        secrets_kms_key = "1abc23d4-567f-8ab9-cde0-1fab234c5d67",
        filters(r#"{"value": {"status": ["placed"]}}"#),
        max_retries = 5,
        on_failure = KafkaFailed,
        metrics("EventCount", "KafkaMetrics")
    ))
)]
async fn kafka_orders(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// cognito_signup.yaml: Cognito user pool triggers: a pre-sign-up check and a post-confirmation welcome.

#[cf_resources(table(partition = "user_id"))]
pub struct SignupProfiles {
    pub user_id: String,
}

#[cf_function(
    bin = "signup-check",
    memory = 128,
    timeout = 5,
    env(ALLOWED_DOMAINS = "example.com,example.org"),
    events(cognito(user_pool = "SignupUsers", triggers("PreSignUp")))
)]
async fn signup_check(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "signup-welcome",
    timeout = 10,
    writes(SignupProfiles),
    events(cognito(user_pool = "SignupUsers", triggers("PostConfirmation")))
)]
async fn signup_welcome(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// logs_alerts.yaml: a CloudWatch Logs subscription paging on errors.

#[cf_resources(parameter(kind = "String", description = "Who is paged"))]
pub struct AlertsEmail;

#[cf_resources(topic(subscriptions(email = AlertsEmail)))]
pub struct AlertsPager;

#[cf_function(
    bin = "alerts-scan",
    timeout = 10,
    writes(AlertsPager),
    events(cloudwatch_logs(log_group = "${AlertsAppLogs}", filter = "?ERROR ?Exception"))
)]
async fn alerts_scan(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// provisioned_checkout.yaml: provisioned concurrency on an alias, asynchronous destinations.

#[cf_resources(topic)]
pub struct CheckoutConfirmed;

#[cf_resources(queue(retention = 1209600))]
pub struct CheckoutFailed;

#[cf_function(
    bin = "checkout-confirm",
    memory = 1024,
    timeout = 20,
    tracing = "active",
    auto_publish_alias = "live",
    version_description = "Confirms orders",
    provisioned_concurrency = 5,
    reserved_concurrency = 100,
    runtime_management(update = "FunctionUpdate"),
    event_invoke(
        max_age = 3600,
        max_retries = 2,
        on_success = CheckoutConfirmed,
        on_failure = CheckoutFailed
    )
)]
async fn checkout_confirm(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// iot_sensors.yaml: an AWS IoT rule storing hot readings.

#[cf_resources(table(partition = "device_id", sort = "ts", ttl = "expires"))]
pub struct SensorsReadings {
    pub device_id: String,
    pub ts: u64,
    pub expires: u64,
}

#[cf_function(
    bin = "sensors-ingest",
    memory = 256,
    writes(SensorsReadings),
    events(iot_rule(
        sql = "SELECT *, topic(2) AS device_id, timestamp() AS ts FROM 'sensors/+/telemetry' WHERE temperature > 50",
        sql_version = "2016-03-23"
    ))
)]
async fn sensors_ingest(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// nightly_export.yaml: a scheduled export deployed to production only, retried, dead-lettered.

#[cf_resources(parameter(
    kind = "String",
    default = "dev",
    allowed_values("dev", "prod"),
    description = "The stage deployed"
))]
pub struct NightlyStage;

#[cf_resources(condition(equals(NightlyStage, "prod")))]
pub struct NightlyIsProd;

#[cf_resources(bucket(expire_after_days = 30), retain = false)]
pub struct NightlyExports;

#[cf_function(
    bin = "nightly-export",
    condition = NightlyIsProd,
    memory = 2048,
    timeout = 900,
    log_retention = 30,
    writes(NightlyExports),
    events(schedule(
        "cron(0 2 * * ? *)",
        name = "Nightly",
        rule_name = "nightly-export",
        description = "Exports yesterday's data",
        retry(attempts = 2, max_age = 3600),
        dead_letter
    ))
)]
async fn nightly_export(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
// container_render.yaml: a container image function rendering PDFs on x86_64, behind an IAM-authenticated URL.

#[cf_resources(bucket(expire_after_days = 90))]
pub struct RenderPdfs;

#[cf_function(
    image = "render",
    dockerfile = "Dockerfile.lambda",
    tag = "v1",
    image_config(command("render"), working_directory = "/var/task"),
    architecture = "x86_64",
    memory = 2048,
    timeout = 120,
    ephemeral_storage = 4096,
    writes(RenderPdfs),
    function_url(auth = "iam", url_output = "RenderPdfUrl")
)]
async fn render_pdf(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

// ---------------------------------------------------------------------------------------------------------
/// What the shortcuts do not cover: an event bus,
/// an EFS file system with its mount targets and access point, a Cognito user pool and an application's log
/// group.
fn support(_: &Context) -> Contribution {
    Contribution::new()
        // eventbridge_audit.yaml
        .resource(
            "AuditBus",
            Resource::new("AWS::Events::EventBus").property("Name", "audit"),
        )
        // vpc_efs_models.yaml
        .resource(
            "ModelsFs",
            Resource::new("AWS::EFS::FileSystem")
                .property("Encrypted", true)
                .property("ThroughputMode", "elastic")
                .deletion_policy(infra_core::DeletionPolicy::Retain)
                .update_replace_policy(infra_core::DeletionPolicy::Retain),
        )
        .resource(
            "ModelsFsMount1",
            Resource::new("AWS::EFS::MountTarget")
                .property("FileSystemId", reference("ModelsFs"))
                .property("SubnetId", reference("ModelsVpcPrivateSubnet1"))
                .property("SecurityGroups", json!([get_att("ModelsFsSg", "GroupId")])),
        )
        .resource(
            "ModelsFsMount2",
            Resource::new("AWS::EFS::MountTarget")
                .property("FileSystemId", reference("ModelsFs"))
                .property("SubnetId", reference("ModelsVpcPrivateSubnet2"))
                .property("SecurityGroups", json!([get_att("ModelsFsSg", "GroupId")])),
        )
        .resource(
            "ModelsFsAccessPoint",
            Resource::new("AWS::EFS::AccessPoint")
                .property("FileSystemId", reference("ModelsFs"))
                .property("PosixUser", json!({"Uid": "1000", "Gid": "1000"}))
                .property(
                    "RootDirectory",
                    json!({"Path": "/models", "CreationInfo":
                        {"OwnerUid": "1000", "OwnerGid": "1000", "Permissions": "750"}}),
                ),
        )
        // cognito_signup.yaml
        .resource(
            "SignupUsers",
            Resource::new("AWS::Cognito::UserPool")
                .property("UsernameAttributes", json!(["email"]))
                .property("AutoVerifiedAttributes", json!(["email"]))
                .property(
                    "Policies",
                    json!({"PasswordPolicy": {"MinimumLength": 12, "RequireSymbols": true}}),
                ),
        )
        // logs_alerts.yaml
        .resource(
            "AlertsAppLogs",
            Resource::new("AWS::Logs::LogGroup")
                .property("LogGroupName", "/example/orders-app")
                .property("RetentionInDays", 30),
        )
}
infra_core::fragment!(support);

infra_core::main!(infra_tests);
