//! Every `#[cf_function]` key, grouped into families by the handlers' name prefix (Sizing, Code, Config, Url,
//! Iam, Release, Http, Async, Source, Net, Poll, Layer, Nested, Flow), with the resources they refer to (Config also holds names that are not Rust
//! identifiers: tag keys and a table's serde-renamed key attributes). Its template is checked against golden
//! files per family and by aws-sam-translator + cfn-lint.
#![allow(dead_code)] // the handlers are registered, not called

use infra_core::intrinsic::{equals, reference};
use infra_core::registry::Context;
use infra_core::{Contribution, Parameter, Resource, cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

type Result = std::result::Result<Value, Error>;

#[cf_function(bin = "sizing-small", memory = 128, timeout = 3)]
async fn sizing_small(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "sizing-large",
    memory = 10240,
    timeout = 900,
    ephemeral_storage = 10240,
    reserved_concurrency = 2,
    architecture = "x86_64"
)]
async fn sizing_large(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Memory and timeout chosen when the stack is deployed.
#[cf_function(bin = "sizing-chosen", memory = SizingMemory, timeout = SizingTimeout)]
async fn sizing_chosen(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_resources(parameter(
    kind = "Number",
    default = "512",
    allowed_values("512", "1024", "2048")
))]
pub struct SizingMemory;

#[cf_resources(parameter(kind = "Number", default = "30", min = 1, max = 60))]
pub struct SizingTimeout;

#[cf_function(bin = "worker", description = "a zip function built by cargo-lambda")]
async fn code_zip(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(image = "model", dockerfile = "Dockerfile", tag = "v1")]
async fn code_image(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    image = "model",
    image_config(
        command("serve", "--port", "8080"),
        entry_point("/app/bootstrap"),
        working_directory = "/app"
    )
)]
async fn code_image_configured(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Images built elsewhere: the latest of a repository of the stack, and one named by its URI.
#[cf_function(image_uri = CodeImages, image_config(command("serve")))]
async fn code_prebuilt(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(image_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/model:1.4.0")]
async fn code_pinned(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_resources(ecr_repository)]
pub struct CodeImages;

/// A zip whose code is encrypted under a customer managed key.
#[cf_function(
    bin = "code-encrypted",
    source_kms_key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
)]
async fn code_encrypted(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "config-all",
    env(STAGE = "${ReleaseStage}", TABLE = "${AsyncFiles}", MODE = "on"),
    layers("arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension-Arm64:20"),
    tracing = "active",
    log_retention = 30,
    tags(team = "ml", component = "config", r#type = "worker", "cost-center" = "ml-1"),
    reads(ConfigMembers)
)]
async fn config_all(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Key attributes named as serde names the fields: `member-number`, `kind` and `expires-at`, never the Rust
/// names (`r#type` is the field `type`).
#[cf_resources(table(partition = "member_number", sort = "type", ttl = "expires_at"))]
#[derive(serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ConfigMembers {
    pub member_number: u64,
    #[serde(rename = "kind")]
    pub r#type: String,
    pub expires_at: u64,
}

#[cf_function(
    bin = "url-public",
    function_url(
        auth = "none",
        cors(
            allow_origins("https://example.com"),
            allow_methods("GET", "POST"),
            allow_headers("content-type"),
            max_age = 300
        ),
        url_output = "UrlPublicUrl"
    )
)]
async fn url_public(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "url-stream",
    function_url(auth = "iam", invoke_mode = "RESPONSE_STREAM")
)]
async fn url_stream(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(bin = "url-iam", function_url(auth = "iam"))]
async fn url_iam(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "iam-policies",
    policies(
        DynamoDBReadPolicy(TableName = "${AsyncFiles}"),
        S3CrudPolicy(BucketName = "${AsyncUploads}"),
        "AWSXrayWriteOnlyAccess",
        statement(
            effect = "Allow",
            actions("ssm:GetParameter"),
            resources(
                "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/*"
            )
        )
    )
)]
async fn iam_policies(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(bin = "iam-dead-letter", dead_letter(sqs = "IamFailed"))]
async fn iam_dead_letter(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// A named function under a permissions boundary, running only signed code, its environment under a customer
/// key, that Lambda stops when it loops.
#[cf_function(
    bin = "iam-bounded",
    function_name = "iam-bounded",
    permissions_boundary = "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/boundary",
    code_signing_config = "arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-0123456789abcdef0",
    kms_key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    recursive_loop = "Terminate",
    logging(
        format = "JSON",
        application_level = "INFO",
        system_level = "WARN",
        log_group = "/app/iam-bounded"
    )
)]
async fn iam_bounded(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// A role of one's own: SAM creates none.
#[cf_function(bin = "iam-own-role", role = "${IamAppRole.Arn}")]
async fn iam_own_role(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// A Lambda@Edge function: its role under `/edge/`, assumable by Lambda@Edge too, its tags on what SAM creates.
#[cf_function(
    bin = "iam-edge",
    assume_role(services("lambda.amazonaws.com", "edgelambda.amazonaws.com")),
    role_path = "/edge/",
    tags(team = "edge"),
    propagate_tags
)]
async fn iam_edge(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "release-alias",
    auto_publish_alias = "live",
    version_description = "the first release"
)]
async fn release_alias(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Two warm instances of the live alias, the old versions kept, the runtime updated with the function only.
#[cf_function(
    bin = "release-warm",
    auto_publish_alias = "live",
    provisioned_concurrency = 2,
    reserved_concurrency = 10,
    auto_publish_all_properties,
    version_deletion_policy = "Retain",
    runtime_management(update = "FunctionUpdate")
)]
async fn release_warm(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Each new version of `live` takes 10% of the traffic for 5 minutes first, after `release_check` tested it;
/// the failures queue filling up rolls it back, and the team hears of a failed deployment.
#[cf_function(
    bin = "release-canary",
    auto_publish_alias = "live",
    deployment(
        strategy = "Canary10Percent5Minutes",
        alarms(ReleaseBacklog),
        pre_traffic = release_check,
        notify(topic = ReleaseNews, events("DeploymentFailure", "DeploymentRollback"))
    )
)]
async fn release_canary(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// The canary's pre-traffic hook: named as SAM's CodeDeploy role may invoke, and allowed to report its verdict.
#[cf_function(
    bin = "release-check",
    function_name = "CodeDeployHook_release-check",
    policies(statement(
        actions("codedeploy:PutLifecycleEventHookExecutionStatus"),
        resources(
            "arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:deploymentgroup:${ServerlessDeploymentApplication}/*"
        )
    ))
)]
async fn release_check(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Failed records waiting: the canary's rollback alarm.
#[cf_resources(alarm(metric = visible_messages(AsyncChangesFailed), threshold = 1))]
pub struct ReleaseBacklog;

#[cf_resources(topic)]
pub struct ReleaseNews;

/// A new version whenever the code's hash changes, on a pinned runtime version.
#[cf_function(
    bin = "release-pinned",
    auto_publish_alias = "live",
    auto_publish_code_sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    runtime_management(
        update = "Manual",
        version = "arn:aws:lambda:us-east-1::runtime:0b6b6d0b3c8a4c2f9e7d1a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d"
    )
)]
async fn release_pinned(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "release-conditional",
    condition = "ReleaseIsProd",
    log_retention = 7
)]
async fn release_conditional(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "http-items",
    events(http_api(method = "GET", path = "/items", url_output = "HttpItemsUrl"))
)]
async fn http_items(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// An HTTP API of its own: a stage, CORS, a JWT authorizer by default and a Lambda one, IAM, throttling, its own
/// access logs, stage variables and tags.
#[cf_resources(http_api(
    name = "http-shop",
    description = "the shop's API",
    stage = "prod",
    cors(
        allow_origins("https://shop.example.com"),
        allow_methods("GET", "POST", "DELETE"),
        max_age = 600
    ),
    jwt(
        name = "Users",
        issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_example",
        audience("shop-web"),
        scopes("shop/read")
    ),
    lambda_authorizer(
        name = "Tokens",
        function = http_authorize,
        identity_headers("Authorization"),
        reauthorize_every = 300,
        simple_responses
    ),
    default_authorizer = "Users",
    iam_authorizer,
    throttling(burst = 100, rate = 50),
    detailed_metrics,
    access_logs(retention = 30),
    stage_variables(mode = "live"),
    tags(team = "shop"),
    propagate_tags,
    url_output = "HttpShopApiUrl"
))]
pub struct HttpShopApi;

/// Reachable at its custom domain alone.
#[cf_resources(http_api(
    domain(
        name = "api.example.com",
        certificate = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012",
        base_paths("v1")
    ),
    disable_execute_api_endpoint,
    fail_on_warnings
))]
pub struct HttpEdgeApi;

/// A REST API of its own: CORS written plainly (the generator quotes it), a Cognito authorizer by default and a
/// token one, API keys metered by a usage plan, a denied range, caching, throttling, metrics, tracing.
#[cf_resources(rest_api(
    name = "http-store",
    description = "the store's REST API",
    stage = "v1",
    cors(
        allow_origin = "https://store.example.com",
        allow_methods("GET", "POST"),
        allow_headers("Content-Type", "Authorization", "X-Api-Key"),
        max_age = 600
    ),
    cognito(name = "Shoppers", user_pool = "SourceUsers"),
    token_authorizer(
        name = "Partners",
        function = http_authorize,
        header = "X-Partner-Token",
        reauthorize_every = 300
    ),
    default_authorizer = "Shoppers",
    api_key_required,
    usage_plan(
        quota(limit = 100000, period = "MONTH"),
        throttle(burst = 200, rate = 100)
    ),
    ip_deny("192.0.2.0/24"),
    endpoint = "REGIONAL",
    binary_media_types("image/png"),
    cache_size = "0.5",
    throttling(burst = 100, rate = 50),
    metrics,
    tracing,
    minimum_compression_size = 1024,
    variables(mode = "live"),
    tags(team = "store"),
    propagate_tags,
    url_output = "HttpStoreUrl",
    canary(percent = 10, stage_variables(mode = "canary")),
    gateway_responses(
        DEFAULT_4XX(headers("Access-Control-Allow-Origin" = "https://store.example.com")),
        UNAUTHORIZED(
            status = 401,
            templates("application/json" = "{\"message\": $context.error.messageString}")
        )
    ),
    models(Stock = "{\"type\": \"object\", \"required\": [\"sku\", \"count\"]}")
))]
pub struct HttpStoreApi;

/// Methods of the store's API: one for shoppers (the default), one for partners, one public and quick.
#[cf_function(
    bin = "http-store",
    events(
        api(name = "Cart", method = "GET", path = "/cart", api = HttpStoreApi),
        api(
            name = "Stock",
            method = "POST",
            path = "/stock",
            api = HttpStoreApi,
            auth(authorizer = "Partners"),
            request_model(model = "Stock", required, validate_body),
            request_parameters(
                required("method.request.header.X-Partner-Id"),
                optional("method.request.querystring.dry_run")
            )
        ),
        api(
            name = "Status",
            method = "GET",
            path = "/status",
            api = HttpStoreApi,
            auth(none),
            timeout = 5000
        )
    )
)]
async fn http_store(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// The shop's token authorizer.
#[cf_function(bin = "http-authorize")]
async fn http_authorize(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Routes guarded by the default JWT authorizer with a scope, the Lambda authorizer, none, and IAM; and the
/// `$default` route of the other API.
#[cf_function(
    bin = "http-shop",
    events(
        http_api(
            name = "List",
            method = "GET",
            path = "/products",
            api = HttpShopApi,
            auth(authorizer = "Users", scopes("shop/read")),
            timeout = 5000,
            throttling(burst = 10, rate = 5)
        ),
        http_api(
            name = "Remove",
            method = "DELETE",
            path = "/products/{id}",
            api = HttpShopApi,
            auth(authorizer = "Tokens")
        ),
        http_api(name = "Health", method = "GET", path = "/health", api = HttpShopApi, auth(none)),
        http_api(name = "Sync", method = "POST", path = "/sync", api = HttpShopApi, auth(iam)),
        http_api(name = "Fallback", api = HttpEdgeApi)
    )
)]
async fn http_shop(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "http-orders",
    events(api(
        method = "POST",
        path = "/orders",
        api_key_required = true,
        cors = "'*'",
        url_output = "HttpOrdersUrl"
    ))
)]
async fn http_orders(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "async-schedule",
    events(
        schedule("rate(1 day)", enabled = true, input = "{\"job\": \"cleanup\"}"),
        schedule("cron(0 3 ? * MON-FRI *)", name = "Weekdays"),
        schedule(
            "rate(1 hour)",
            name = "Hourly",
            rule_name = "async-hourly",
            description = "the hourly sweep",
            state = "ENABLED",
            retry(attempts = 3, max_age = 3600),
            dead_letter
        )
    )
)]
async fn async_schedule(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "async-s3",
    events(s3(
        bucket = "AsyncUploads",
        events("s3:ObjectCreated:*"),
        prefix = "in/",
        suffix = ".csv"
    ))
)]
async fn async_s3(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "async-sqs",
    events(sqs(
        queue = "AsyncJobs",
        batch_size = 50,
        batching_window = 10,
        filters("{\"body\": {\"kind\": [\"order\"]}}"),
        report_failures,
        max_concurrency = 5
    ))
)]
async fn async_sqs(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "async-sns",
    events(sns(topic = "AsyncAlerts", filter_policy = "{\"severity\": [\"high\"]}"))
)]
async fn async_sns(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "async-dynamodb",
    events(dynamodb(
        table = "AsyncFiles",
        starting_position = "TRIM_HORIZON",
        batch_size = 100,
        batching_window = 5,
        filters("{\"eventName\": [\"INSERT\", \"MODIFY\"]}"),
        report_failures,
        bisect,
        max_record_age = 3600,
        max_retries = 3,
        parallelization = 2,
        tumbling_window = 60,
        on_failure = AsyncChangesFailed
    ))
)]
async fn async_dynamodb(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Click events, on demand, kept two days.
#[cf_resources(kinesis_stream(retention = 48))]
pub struct AsyncClicks;

/// Orders, on two provisioned shards.
#[cf_resources(kinesis_stream(shards = 2))]
pub struct AsyncOrders;

/// One Kinesis consumer: purchases only, failed records reported one by one, a failing batch split and retried
/// five times, then recorded in the queue; it writes the orders it finds to another stream.
#[cf_function(
    bin = "async-kinesis",
    writes(AsyncOrders),
    events(kinesis(
        stream = AsyncClicks,
        starting_position = "TRIM_HORIZON",
        batch_size = 500,
        filters("{\"data\": {\"kind\": [\"purchase\"]}}"),
        report_failures,
        bisect,
        max_retries = 5,
        on_failure = AsyncChangesFailed
    ))
)]
async fn async_kinesis(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Asynchronous invocations kept an hour and retried once; successes published, failures queued.
#[cf_function(
    bin = "async-destinations",
    event_invoke(
        max_age = 3600,
        max_retries = 1,
        on_success = AsyncDone,
        on_failure = AsyncChangesFailed
    )
)]
async fn async_destinations(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Where `async_destinations` publishes its successes.
#[cf_resources(topic)]
pub struct AsyncDone;

/// Receives a record of each batch of changes `async_dynamodb` gives up on.
#[cf_resources(queue)]
pub struct AsyncChangesFailed;

#[cf_function(
    bin = "async-eventbridge",
    events(eventbridge(
        pattern = "{\"source\": [\"aws.s3\"], \"detail-type\": [\"Object Created\"]}"
    ))
)]
async fn async_eventbridge(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// A report every weekday at 9 in Paris within a 15-minute window, for 2030 only, retried twice and then kept
/// in a queue; and a one-time run.
#[cf_function(
    bin = "source-scheduler",
    events(
        schedule_v2(
            "cron(0 9 ? * MON-FRI *)",
            name = "Weekdays",
            schedule_name = "source-weekdays",
            description = "the weekday report",
            state = "ENABLED",
            timezone = "Europe/Paris",
            flexible_window = 15,
            start = "2030-01-01T00:00:00Z",
            end = "2031-01-01T00:00:00Z",
            input = "{\"report\": \"daily\"}",
            retry(attempts = 2, max_age = 3600),
            dead_letter = SourceMissed
        ),
        schedule_v2("at(2030-06-01T12:00:00)", name = "Once", omit_name, dead_letter)
    )
)]
async fn source_scheduler(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Objects created in S3, as the transformed order the function takes, retried twice, then kept in a queue;
/// and EC2 state changes, only their detail, their undelivered ones in a queue SAM creates.
#[cf_function(
    bin = "source-rules",
    events(
        eventbridge(
            name = "Objects",
            pattern = "{\"source\": [\"aws.s3\"], \"detail-type\": [\"Object Created\"]}",
            rule_name = "source-objects",
            state = "ENABLED",
            input_transformer(
                paths(bucket = "$.detail.bucket.name", key = "$.detail.object.key"),
                template = "{\"bucket\": <bucket>, \"key\": <key>}"
            ),
            retry(attempts = 2, max_age = 600),
            dead_letter = SourceMissed,
            target_id = "objects"
        ),
        eventbridge(
            name = "Instances",
            pattern = "{\"source\": [\"aws.ec2\"]}",
            input_path = "$.detail",
            dead_letter
        )
    )
)]
async fn source_rules(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// A topic's messages whose body matches, through a queue SAM creates; and through a queue of the template.
#[cf_function(
    bin = "source-fanout",
    events(
        sns(
            name = "Orders",
            topic = "AsyncAlerts",
            filter_policy = "{\"kind\": [\"order\"]}",
            filter_scope = "MessageBody",
            sqs_subscription
        ),
        sns(
            name = "Refunds",
            topic = "AsyncAlerts",
            region = "us-east-1",
            sqs_subscription(queue = SourceInbox, batch_size = 5, enabled = true)
        )
    )
)]
async fn source_fanout(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Where `source_fanout`'s refunds wait.
#[cf_resources(queue)]
pub struct SourceInbox;

#[cf_function(
    bin = "source-signup",
    events(cognito(user_pool = "SourceUsers", triggers("PreSignUp", "PostConfirmation")))
)]
async fn source_signup(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Receives the weekday report's undelivered events.
#[cf_resources(queue)]
pub struct SourceMissed;

#[cf_function(
    bin = "source-logs",
    events(cloudwatch_logs(log_group = "${SourceAppLogs}", filter = "?ERROR ?FATAL"))
)]
async fn source_logs(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "source-iot",
    events(iot_rule(
        sql = "SELECT temperature, deviceId FROM 'sensors/+/readings' WHERE temperature > 40",
        sql_version = "2016-03-23"
    ))
)]
async fn source_iot(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "source-alexa",
    events(alexa_skill(skill_id = "amzn1.ask.skill.12345678-1234-1234-1234-123456789012"))
)]
async fn source_alexa(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Credentials of the Kafka, MQ and DocumentDB sources below.
#[cf_resources(secret(description = "the Kafka user"))]
pub struct PollKafkaUser;

#[cf_resources(secret(description = "the broker user"))]
pub struct PollBrokerUser;

#[cf_resources(secret(description = "the DocumentDB user"))]
pub struct PollDbUser;

/// An MSK topic from a timestamp, SASL/SCRAM, provisioned pollers validating values against a Glue registry,
/// failures queued.
#[cf_function(
    bin = "poll-msk",
    events(msk(
        cluster = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/abcd1234-ab12-cd34-ef56-abcdef123456-1",
        topic = "orders",
        starting_position = "AT_TIMESTAMP",
        starting_timestamp = 1_700_000_000,
        consumer_group = "orders-lambda",
        batch_size = 500,
        batching_window = 10,
        auth(sasl_scram_512 = PollKafkaUser),
        secrets_kms_key = "1abc23d4-567f-8ab9-cde0-1fab234c5d67",
        provisioned_pollers(min = 1, max = 20, group = "orders"),
        schema_registry(
            uri = "arn:aws:glue:us-east-1:123456789012:registry/orders",
            format = "JSON",
            validate("VALUE")
        ),
        log_level = "INFO",
        filters("{\"value\": {\"kind\": [\"order\"]}}"),
        metrics("EventCount", "KafkaMetrics"),
        report_failures,
        bisect,
        max_retries = 3,
        on_failure = AsyncChangesFailed
    ))
)]
async fn poll_msk(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// A cluster of one's own, reached in the VPC's private subnets, authenticated with SCRAM and its own CA.
#[cf_function(
    bin = "poll-kafka",
    events(self_managed_kafka(
        servers("broker1.example.com:9096", "broker2.example.com:9096"),
        topic = "clicks",
        auth(sasl_scram_256 = PollKafkaUser),
        root_ca = PollKafkaUser,
        vpc(network = NetVpc, security_groups(NetFunctionSg)),
        consumer_group = "clicks-lambda",
        batch_size = 100,
        enabled = false
    ))
)]
async fn poll_kafka(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "poll-mq",
    events(mq(
        broker = "arn:aws:mq:us-east-1:123456789012:broker:orders:b-1234a5b6-78cd-901e-2fgh-3i45j6k178l9",
        queue = "orders.incoming",
        auth(basic = PollBrokerUser),
        virtual_host = "/orders",
        batch_size = 100,
        batching_window = 5,
        filters("{\"data\": {\"kind\": [\"order\"]}}")
    ))
)]
async fn poll_mq(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "poll-docdb",
    events(document_db(
        cluster = "arn:aws:rds:us-east-1:123456789012:cluster:shop",
        database = "shop",
        collection = "orders",
        full_document = "UpdateLookup",
        auth(basic = PollDbUser),
        starting_position = "TRIM_HORIZON",
        batch_size = 50
    ))
)]
async fn poll_docdb(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Clicks from a point in time, the stream's mapping created paused, its filters under a customer key, with
/// its metrics.
#[cf_function(
    bin = "poll-kinesis",
    events(kinesis(
        stream = AsyncClicks,
        starting_position = "AT_TIMESTAMP",
        starting_timestamp = 1_700_000_000,
        enabled = false,
        kms_key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        metrics("EventCount", "ErrorCount")
    ))
)]
async fn poll_kinesis(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// A network for functions: private subnets behind one NAT gateway, isolated ones without a way out.
#[cf_resources(vpc(
    cidr = "10.40.0.0/16",
    max_azs = 2,
    nat_gateways = 1,
    subnets(
        public(cidr_mask = 24),
        private(cidr_mask = 24),
        isolated(cidr_mask = 24)
    )
))]
pub struct NetVpc;

/// The functions' group: HTTPS out, and NFS to the VPC for EFS.
#[cf_resources(security_group(
    vpc = NetVpc,
    description = "the VPC functions",
    egress(to = "0.0.0.0/0", port = 443),
    egress(to = "10.40.0.0/16", port = 2049, description = "NFS to EFS")
))]
pub struct NetFunctionSg;

/// Reads models from EFS, mounted read-only through an access point, in the VPC's private subnets.
#[cf_function(
    bin = "net-models",
    vpc(network = NetVpc, security_groups(NetFunctionSg)),
    file_system(
        efs = "${NetModels.Arn}",
        access_point = "${NetModelsPoint.Arn}",
        mount = "/mnt/models",
        read_only
    )
)]
async fn net_models(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

#[cf_function(
    bin = "net-isolated",
    vpc(network = NetVpc, subnets = "isolated", security_groups(NetFunctionSg))
)]
async fn net_isolated(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Shared files for the functions below, kept when a new version replaces it.
#[cf_resources(layer(
    content = "layer",
    name = "layer-shared",
    description = "extensions shared by the functions",
    license = "MIT",
    architectures("arm64"),
    retain,
    publish_lambda_version
))]
pub struct LayerShared;

/// A function on the shared layer and a published one.
#[cf_function(
    bin = "layer-user",
    layers(
        LayerShared,
        "arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension-Arm64:20"
    )
)]
async fn layer_user(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// An application from the Serverless Application Repository, and one from a template in the package.
#[cf_resources(application(
    repository = "arn:aws:serverlessrepo:us-east-1:123456789012:applications/log-shipper",
    version = "1.2.0",
    parameters(Destination = "${AsyncAlerts}"),
    timeout = 30,
    tags(team = "ops")
))]
pub struct NestedLogShipper;

#[cf_resources(application(template = "nested/template.yaml", parameters(Stage = "prod")))]
pub struct NestedShared;

/// Orders, recorded by the flow below.
#[cf_resources(table(partition = "id"))]
pub struct FlowOrders {
    pub id: String,
}

/// The flow's first step.
#[cf_function(bin = "flow-validate")]
async fn flow_validate(e: LambdaEvent<Value>) -> Result {
    Ok(e.payload)
}

/// Validates each order with `flow_validate` (which it alone may invoke) and records it in `FlowOrders`,
/// hourly and on each placed order; its errors logged.
#[cf_resources(state_machine(
    definition = "statemachine/orders.asl.json",
    substitutions(Validate = flow_validate, Orders = FlowOrders),
    kind = "STANDARD",
    name = "flow-orders",
    logging(level = "ERROR", include_execution_data, retention = 30),
    tracing,
    writes(FlowOrders),
    tags(team = "flow"),
    events(
        schedule("rate(1 hour)", name = "Hourly"),
        eventbridge(name = "Placed", pattern = "{\"source\": [\"shop.orders\"]}")
    )
))]
pub struct FlowMachine;

/// `flow_validate` reads the orders; the flow invokes `flow_validate` (its substitution grants that already; the
/// connector says it in SAM's words).
#[cf_resources(connector(
    source = flow_validate,
    destination = FlowOrders,
    permissions("Read")
))]
pub struct FlowValidateReadsOrders;

#[cf_resources(connector(source = FlowMachine, destination = flow_validate, permissions("Write")))]
pub struct FlowMachineCallsValidate;

/// An express flow, defined inline, published under an alias its events start.
#[cf_resources(state_machine(
    definition_json = "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}",
    kind = "EXPRESS",
    auto_publish_alias = "live",
    use_alias_as_event_target,
    events(schedule("rate(1 day)"))
))]
pub struct FlowExpress;

/// The resources, parameter and condition the handlers above refer to.
fn support(_: &Context) -> Contribution {
    Contribution::new()
        .parameter(
            "ReleaseStage",
            Parameter::string()
                .default_value("dev")
                .allowed_values(["dev", "prod"]),
        )
        .condition("ReleaseIsProd", equals(reference("ReleaseStage"), "prod"))
        .resource("AsyncUploads", Resource::new("AWS::S3::Bucket"))
        .resource(
            "AsyncJobs",
            Resource::new("AWS::SQS::Queue").property("VisibilityTimeout", 60),
        )
        .resource("IamFailed", Resource::new("AWS::SQS::Queue"))
        .resource(
            "IamAppRole",
            Resource::new("AWS::IAM::Role")
                .property(
                    "AssumeRolePolicyDocument",
                    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Principal": {"Service": ["lambda.amazonaws.com"]}, "Action": ["sts:AssumeRole"]}]}),
                )
                .property(
                    "ManagedPolicyArns",
                    json!(["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]),
                ),
        )
        .resource(
            "NetModels",
            Resource::new("AWS::EFS::FileSystem").property("Encrypted", true),
        )
        .resource(
            "NetModelsPoint",
            Resource::new("AWS::EFS::AccessPoint")
                .property("FileSystemId", reference("NetModels")),
        )
        .resource(
            "SourceUsers",
            Resource::new("AWS::Cognito::UserPool").property("UserPoolName", "source-users"),
        )
        .resource(
            "SourceAppLogs",
            Resource::new("AWS::Logs::LogGroup").property("RetentionInDays", 30),
        )
        .resource("AsyncAlerts", Resource::new("AWS::SNS::Topic"))
        .resource(
            "AsyncFiles",
            Resource::new("AWS::DynamoDB::Table")
                .property("BillingMode", "PAY_PER_REQUEST")
                .property(
                    "AttributeDefinitions",
                    json!([{"AttributeName": "id", "AttributeType": "S"}]),
                )
                .property(
                    "KeySchema",
                    json!([{"AttributeName": "id", "KeyType": "HASH"}]),
                )
                .property(
                    "StreamSpecification",
                    json!({"StreamViewType": "NEW_AND_OLD_IMAGES"}),
                ),
        )
}
infra_core::fragment!(support);

infra_core::main!(infra_tests);
