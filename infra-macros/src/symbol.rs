//! Attribute key names, allowed values, and the did-you-mean helper that goes with them.

/// Keys of `#[cf_function(...)]`.
pub const FUNCTION_KEYS: &[&str] = &[
    "logical_id",
    "description",
    "memory",
    "timeout",
    "ephemeral_storage",
    "reserved_concurrency",
    "architecture",
    "bin",
    "image",
    "image_uri",
    "dockerfile",
    "tag",
    "env",
    "layers",
    "tracing",
    "log_retention",
    "tags",
    "condition",
    "function_url",
    "dead_letter",
    "auto_publish_alias",
    "version_description",
    "function_name",
    "kms_key",
    "permissions_boundary",
    "code_signing_config",
    "recursive_loop",
    "logging",
    "snap_start",
    "event_invoke",
    "deployment",
    "provisioned_concurrency",
    "role",
    "role_path",
    "assume_role",
    "runtime_management",
    "auto_publish_code_sha256",
    "auto_publish_all_properties",
    "version_deletion_policy",
    "file_system",
    "vpc",
    "image_config",
    "propagate_tags",
    "source_kms_key",
    "policies",
    "broad_permissions",
    "reads",
    "writes",
    "invokes",
    "events",
];

/// Event kinds inside `events(...)`.
pub const EVENT_KINDS: &[&str] = &[
    "http_api",
    "api",
    "schedule",
    "s3",
    "sqs",
    "sns",
    "dynamodb",
    "kinesis",
    "eventbridge",
    "schedule_v2",
    "cloudwatch_logs",
    "iot_rule",
    "alexa_skill",
    "msk",
    "self_managed_kafka",
    "mq",
    "document_db",
    "cognito",
];

pub const HTTP_API_KEYS: &[&str] = &[
    "method",
    "path",
    "name",
    "api",
    "url_output",
    "auth",
    "timeout",
    "throttling",
];
pub const API_KEYS: &[&str] = &[
    "method",
    "path",
    "name",
    "api_key_required",
    "cors",
    "api",
    "url_output",
    "auth",
    "timeout",
    "request_model",
    "request_parameters",
];
pub const SCHEDULE_KEYS: &[&str] = &[
    "name",
    "enabled",
    "input",
    "rule_name",
    "description",
    "state",
    "retry",
    "dead_letter",
];
/// `State` of an EventBridge rule.
pub const RULE_STATES: &[&str] = &[
    "ENABLED",
    "DISABLED",
    "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
];
pub const S3_KEYS: &[&str] = &["bucket", "events", "prefix", "suffix", "name"];
pub const SQS_KEYS: &[&str] = &[
    "queue",
    "batch_size",
    "batching_window",
    "enabled",
    "name",
    "filters",
    "report_failures",
    "max_concurrency",
    "kms_key",
    "metrics",
];
pub const SNS_KEYS: &[&str] = &[
    "topic",
    "filter_policy",
    "filter_scope",
    "region",
    "sqs_subscription",
    "name",
];
/// `FilterPolicyScope`.
pub const SNS_FILTER_SCOPES: &[&str] = &["MessageAttributes", "MessageBody"];
pub const COGNITO_KEYS: &[&str] = &["user_pool", "triggers", "name"];
/// The Lambda triggers of a Cognito user pool SAM attaches (`Trigger`): those `LambdaConfig` takes as a plain
/// function ARN (the custom email and SMS senders take a versioned object and a key, which SAM does not write).
pub const COGNITO_TRIGGERS: &[&str] = &[
    "CreateAuthChallenge",
    "CustomMessage",
    "DefineAuthChallenge",
    "PostAuthentication",
    "PostConfirmation",
    "PreAuthentication",
    "PreSignUp",
    "PreTokenGeneration",
    "UserMigration",
    "VerifyAuthChallengeResponse",
];
pub const DYNAMODB_KEYS: &[&str] = &[
    "table",
    "starting_position",
    "batch_size",
    "name",
    "batching_window",
    "filters",
    "report_failures",
    "bisect",
    "max_record_age",
    "max_retries",
    "parallelization",
    "tumbling_window",
    "on_failure",
    "enabled",
    "kms_key",
    "metrics",
];
pub const KINESIS_KEYS: &[&str] = &[
    "stream",
    "starting_position",
    "batch_size",
    "name",
    "batching_window",
    "filters",
    "report_failures",
    "bisect",
    "max_record_age",
    "max_retries",
    "parallelization",
    "tumbling_window",
    "on_failure",
    "enabled",
    "kms_key",
    "metrics",
    "starting_timestamp",
];
pub const KINESIS_STREAM_KEYS: &[&str] = &["shards", "retention"];
pub const EVENTBRIDGE_KEYS: &[&str] = &[
    "pattern",
    "bus",
    "name",
    "rule_name",
    "state",
    "input",
    "input_path",
    "input_transformer",
    "retry",
    "dead_letter",
    "target_id",
];
pub const SCHEDULE_V2_KEYS: &[&str] = &[
    "name",
    "schedule_name",
    "omit_name",
    "description",
    "state",
    "timezone",
    "flexible_window",
    "start",
    "end",
    "group",
    "kms_key",
    "input",
    "retry",
    "dead_letter",
    "role",
    "permissions_boundary",
];
/// `State` of an EventBridge Scheduler schedule.
pub const SCHEDULE_STATES: &[&str] = &["ENABLED", "DISABLED"];
pub const CLOUDWATCH_LOGS_KEYS: &[&str] = &["log_group", "filter", "name"];
pub const IOT_RULE_KEYS: &[&str] = &["sql", "sql_version", "name"];
/// `AwsIotSqlVersion`.
pub const IOT_SQL_VERSIONS: &[&str] = &["2016-03-23", "2015-10-08", "beta"];
pub const ALEXA_SKILL_KEYS: &[&str] = &["skill_id", "name"];
pub const MSK_KEYS: &[&str] = &[
    "cluster",
    "topic",
    "name",
    "starting_position",
    "starting_timestamp",
    "consumer_group",
    "batch_size",
    "batching_window",
    "auth",
    "secrets_kms_key",
    "provisioned_pollers",
    "schema_registry",
    "log_level",
    "enabled",
    "filters",
    "kms_key",
    "metrics",
    "report_failures",
    "bisect",
    "max_record_age",
    "max_retries",
    "on_failure",
];
pub const SELF_MANAGED_KAFKA_KEYS: &[&str] = &[
    "servers",
    "topic",
    "name",
    "starting_position",
    "starting_timestamp",
    "consumer_group",
    "batch_size",
    "batching_window",
    "auth",
    "root_ca",
    "vpc",
    "secrets_kms_key",
    "provisioned_pollers",
    "schema_registry",
    "log_level",
    "enabled",
    "filters",
    "kms_key",
    "metrics",
    "report_failures",
    "bisect",
    "max_record_age",
    "max_retries",
];
pub const MQ_KEYS: &[&str] = &[
    "broker",
    "queue",
    "name",
    "auth",
    "virtual_host",
    "secrets_kms_key",
    "batch_size",
    "batching_window",
    "enabled",
    "filters",
    "kms_key",
];
pub const DOCUMENT_DB_KEYS: &[&str] = &[
    "cluster",
    "database",
    "collection",
    "full_document",
    "name",
    "auth",
    "secrets_kms_key",
    "starting_position",
    "starting_timestamp",
    "batch_size",
    "batching_window",
    "enabled",
    "filters",
    "kms_key",
];
/// How `msk(auth(..))` authenticates; IAM without it.
pub const MSK_AUTH: &[&str] = &["client_certificate", "sasl_scram_512"];
/// How `self_managed_kafka(auth(..))` authenticates.
pub const KAFKA_AUTH: &[&str] = &[
    "basic",
    "sasl_scram_256",
    "sasl_scram_512",
    "client_certificate",
    "oauthbearer",
    "iam",
];
/// How a schema registry authenticates.
pub const REGISTRY_AUTH: &[&str] = &["basic", "client_certificate", "root_ca", "oauthbearer"];
pub const PROVISIONED_POLLERS_KEYS: &[&str] = &["min", "max", "group"];
pub const SCHEMA_REGISTRY_KEYS: &[&str] = &["uri", "format", "validate", "auth"];
/// `EventRecordFormat`.
pub const RECORD_FORMATS: &[&str] = &["JSON", "SOURCE"];
/// `SchemaValidationConfigs[].Attribute`.
pub const RECORD_ATTRIBUTES: &[&str] = &["KEY", "VALUE"];
/// `FullDocument`.
pub const FULL_DOCUMENT: &[&str] = &["UpdateLookup", "Default"];
pub const FUNCTION_URL_KEYS: &[&str] = &["auth", "cors", "url_output", "invoke_mode"];
/// A function URL's `InvokeMode`.
pub const URL_INVOKE_MODES: &[&str] = &["BUFFERED", "RESPONSE_STREAM"];
pub const DEPLOYMENT_KEYS: &[&str] = &[
    "strategy",
    "alarms",
    "pre_traffic",
    "post_traffic",
    "enabled",
    "role",
    "notify",
];
/// CodeDeploy's predefined Lambda deployment configurations (`DeploymentPreference.Type`).
pub const DEPLOYMENT_STRATEGIES: &[&str] = &[
    "AllAtOnce",
    "Canary10Percent5Minutes",
    "Canary10Percent10Minutes",
    "Canary10Percent15Minutes",
    "Canary10Percent30Minutes",
    "Linear10PercentEvery1Minute",
    "Linear10PercentEvery2Minutes",
    "Linear10PercentEvery3Minutes",
    "Linear10PercentEvery10Minutes",
];
/// CodeDeploy's trigger events.
pub const DEPLOYMENT_EVENTS: &[&str] = &[
    "DeploymentStart",
    "DeploymentSuccess",
    "DeploymentFailure",
    "DeploymentStop",
    "DeploymentRollback",
    "DeploymentReady",
];
pub const EVENT_INVOKE_KEYS: &[&str] = &["max_age", "max_retries", "on_success", "on_failure"];
pub const RUNTIME_MANAGEMENT_KEYS: &[&str] = &["update", "version"];
/// `UpdateRuntimeOn`.
pub const RUNTIME_UPDATES: &[&str] = &["Auto", "FunctionUpdate", "Manual"];
pub const FILE_SYSTEM_KEYS: &[&str] = &["efs", "access_point", "mount", "read_only"];
pub const FUNCTION_VPC_KEYS: &[&str] = &["network", "subnets", "security_groups"];
pub const IMAGE_CONFIG_KEYS: &[&str] = &["command", "entry_point", "working_directory"];
/// `VersionDeletionPolicy`.
pub const VERSION_DELETION_POLICIES: &[&str] = &["Delete", "Retain"];
pub const CORS_KEYS: &[&str] = &[
    "allow_origins",
    "allow_methods",
    "allow_headers",
    "expose_headers",
    "max_age",
    "allow_credentials",
];
pub const LOGGING_KEYS: &[&str] = &["format", "application_level", "system_level", "log_group"];
pub const LOG_FORMATS: &[&str] = &["JSON", "Text"];
pub const APPLICATION_LOG_LEVELS: &[&str] = &["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];
pub const SYSTEM_LOG_LEVELS: &[&str] = &["DEBUG", "INFO", "WARN"];
pub const RECURSIVE_LOOP: &[&str] = &["Allow", "Terminate"];
pub const DEAD_LETTER_KEYS: &[&str] = &["sqs", "sns"];
pub const STATEMENT_KEYS: &[&str] = &["effect", "actions", "resources"];

/// Keys of `#[cf_resources(...)]`.
pub const RESOURCES_KEYS: &[&str] = &[
    "table",
    "bucket",
    "queue",
    "topic",
    "secret",
    "parameter",
    "condition",
    "vpc",
    "security_group",
    "ecs_cluster",
    "fargate_service",
    "ecr_repository",
    "alarm",
    "codebuild_project",
    "pipeline",
    "dashboard",
    "sagemaker_endpoint",
    "kinesis_stream",
    "http_api",
    "layer",
    "application",
    "globals",
    "state_machine",
    "rest_api",
    "connector",
    "logical_id",
    "retain",
    "output",
];
pub const HTTP_API_RESOURCE_KEYS: &[&str] = &[
    "name",
    "description",
    "stage",
    "cors",
    "jwt",
    "lambda_authorizer",
    "default_authorizer",
    "iam_authorizer",
    "throttling",
    "detailed_metrics",
    "domain",
    "access_logs",
    "disable_execute_api_endpoint",
    "fail_on_warnings",
    "stage_variables",
    "tags",
    "propagate_tags",
    "url_output",
];
pub const LAYER_KEYS: &[&str] = &[
    "content",
    "name",
    "description",
    "license",
    "architectures",
    "runtimes",
    "retain",
    "publish_lambda_version",
    "build_method",
];
pub const APPLICATION_KEYS: &[&str] = &[
    "repository",
    "version",
    "template",
    "parameters",
    "notification_arns",
    "timeout",
    "tags",
];
pub const GLOBALS_KEYS: &[&str] = &["function", "http_api", "rest_api", "layer", "state_machine"];
/// The `#[cf_function]` keys `globals(function(..))` takes: SAM's `Globals.Function` properties but those every
/// function writes itself.
pub const GLOBAL_FUNCTION_KEYS: &[&str] = &[
    "description",
    "memory",
    "timeout",
    "ephemeral_storage",
    "reserved_concurrency",
    "env",
    "layers",
    "tracing",
    "tags",
    "dead_letter",
    "auto_publish_alias",
    "kms_key",
    "permissions_boundary",
    "recursive_loop",
    "logging",
    "deployment",
    "event_invoke",
    "provisioned_concurrency",
    "role_path",
    "assume_role",
    "runtime_management",
    "version_deletion_policy",
    "vpc",
    "propagate_tags",
    "source_kms_key",
];
pub const STATE_MACHINE_KEYS: &[&str] = &[
    "definition",
    "definition_json",
    "substitutions",
    "kind",
    "name",
    "logging",
    "use_alias_as_event_target",
    "tracing",
];
/// The `#[cf_function]` keys a state machine shares with functions.
pub const STATE_MACHINE_FUNCTION_KEYS: &[&str] = &[
    "reads",
    "writes",
    "invokes",
    "policies",
    "role",
    "role_path",
    "permissions_boundary",
    "tags",
    "propagate_tags",
    "auto_publish_alias",
    "events",
];
pub const REST_API_KEYS: &[&str] = &[
    "name",
    "description",
    "stage",
    "cors",
    "cognito",
    "token_authorizer",
    "request_authorizer",
    "default_authorizer",
    "api_key_required",
    "usage_plan",
    "ip_allow",
    "ip_deny",
    "endpoint",
    "binary_media_types",
    "cache_size",
    "throttling",
    "metrics",
    "minimum_compression_size",
    "tracing",
    "variables",
    "domain",
    "disable_execute_api_endpoint",
    "fail_on_warnings",
    "always_deploy",
    "api_key_source",
    "security_policy",
    "access_logs",
    "tags",
    "propagate_tags",
    "url_output",
    "models",
    "canary",
    "policy",
    "gateway_responses",
];
/// API Gateway's gateway response types.
pub const GATEWAY_RESPONSE_TYPES: &[&str] = &[
    "DEFAULT_4XX",
    "DEFAULT_5XX",
    "ACCESS_DENIED",
    "API_CONFIGURATION_ERROR",
    "AUTHORIZER_CONFIGURATION_ERROR",
    "AUTHORIZER_FAILURE",
    "BAD_REQUEST_BODY",
    "BAD_REQUEST_PARAMETERS",
    "EXPIRED_TOKEN",
    "INTEGRATION_FAILURE",
    "INTEGRATION_TIMEOUT",
    "INVALID_API_KEY",
    "INVALID_SIGNATURE",
    "MISSING_AUTHENTICATION_TOKEN",
    "QUOTA_EXCEEDED",
    "REQUEST_TOO_LARGE",
    "RESOURCE_NOT_FOUND",
    "THROTTLED",
    "UNAUTHORIZED",
    "UNSUPPORTED_MEDIA_TYPE",
    "WAF_FILTERED",
];
pub const JWT_KEYS: &[&str] = &["name", "issuer", "audience", "identity_source", "scopes"];
pub const LAMBDA_AUTHORIZER_KEYS: &[&str] = &[
    "name",
    "function",
    "payload_version",
    "simple_responses",
    "identity_headers",
    "reauthorize_every",
];
pub const DOMAIN_KEYS: &[&str] = &["name", "certificate", "hosted_zone", "base_paths"];
pub const VPC_KEYS: &[&str] = &[
    "cidr",
    "name",
    "max_azs",
    "nat_gateways",
    "subnets",
    "dns",
    "flow_logs",
    "endpoints",
];
/// The services AWS offers gateway VPC endpoints for.
pub const GATEWAY_ENDPOINTS: &[&str] = &["s3", "dynamodb"];
pub const FLOW_LOGS_KEYS: &[&str] = &["retention", "traffic"];
pub const FLOW_LOG_TRAFFIC: &[&str] = &["ALL", "ACCEPT", "REJECT"];
pub const SECURITY_GROUP_KEYS: &[&str] = &["vpc", "description", "name", "ingress", "egress"];
pub const INGRESS_KEYS: &[&str] = &["from", "port", "ports", "protocol", "description"];
pub const EGRESS_KEYS: &[&str] = &["to", "port", "ports", "protocol", "description"];
/// `IpProtocol`s a rule takes; `all` is written `-1`.
pub const IP_PROTOCOLS: &[&str] = &["tcp", "udp", "icmp", "all"];
pub const ECS_CLUSTER_KEYS: &[&str] = &["vpc", "name", "container_insights"];
pub const ECR_REPOSITORY_KEYS: &[&str] = &["name", "scan_on_push", "immutable", "lifecycle"];
pub const LIFECYCLE_KEYS: &[&str] = &["keep_last"];
pub const CODEBUILD_KEYS: &[&str] = &[
    "buildspec",
    "name",
    "image",
    "compute",
    "privileged",
    "env",
    "pushes",
    "artifacts",
    "log_retention",
];
pub const PIPELINE_KEYS: &[&str] = &["name", "source", "build", "deploy"];
/// `pipeline(source(..))`: where the code comes from.
pub const PIPELINE_SOURCES: &[&str] = &["codecommit", "connection", "s3"];
/// `codebuild_project(compute = ..)`: CodeBuild's Linux compute types.
pub const CODEBUILD_COMPUTE: &[(&str, &str)] = &[
    ("small", "BUILD_GENERAL1_SMALL"),
    ("medium", "BUILD_GENERAL1_MEDIUM"),
    ("large", "BUILD_GENERAL1_LARGE"),
    ("xlarge", "BUILD_GENERAL1_XLARGE"),
    ("2xlarge", "BUILD_GENERAL1_2XLARGE"),
];
pub const ALARM_KEYS: &[&str] = &[
    "metric",
    "threshold",
    "comparison",
    "statistic",
    "period",
    "periods",
    "datapoints",
    "treat_missing_data",
    "notify",
    "notify_ok",
    "name",
    "description",
];
pub const DASHBOARD_KEYS: &[&str] = &["name", "graph", "text"];
pub const GRAPH_KEYS: &[&str] = &[
    "title",
    "metrics",
    "statistic",
    "period",
    "view",
    "width",
    "height",
];
pub const TEXT_WIDGET_KEYS: &[&str] = &["markdown", "width", "height"];
pub const GRAPH_VIEWS: &[&str] = &["timeSeries", "singleValue", "bar", "pie"];
/// `alarm(metric = <name>(T))` and `graph(metrics(<name>(T), ..))`: each metric's marker type in `infra_core::__private::metric`.
pub const ALARM_METRICS: &[(&str, &str)] = &[
    ("cpu", "Cpu"),
    ("memory", "Memory"),
    ("requests", "Requests"),
    ("http_5xx", "Http5xx"),
    ("response_time", "ResponseTime"),
    ("age_of_oldest_message", "AgeOfOldestMessage"),
    ("visible_messages", "VisibleMessages"),
];
/// `alarm(comparison = ..)`, the metric against the threshold.
pub const ALARM_COMPARISONS: &[(&str, &str)] = &[
    (">", "GreaterThanThreshold"),
    (">=", "GreaterThanOrEqualToThreshold"),
    ("<", "LessThanThreshold"),
    ("<=", "LessThanOrEqualToThreshold"),
];
pub const ALARM_STATISTICS: &[&str] = &["Average", "Sum", "Minimum", "Maximum", "SampleCount"];
pub const TREAT_MISSING_DATA: &[&str] = &["missing", "ignore", "breaching", "notBreaching"];
pub const FARGATE_KEYS: &[&str] = &[
    "cluster",
    "image",
    "port",
    "cpu",
    "memory",
    "desired",
    "name",
    "subnets",
    "security_group",
    "load_balancer",
    "scaling",
    "log_retention",
    "env",
    "secrets",
    "reads",
    "writes",
    "invokes",
    "policies",
];
pub const LOAD_BALANCER_KEYS: &[&str] = &[
    "internet_facing",
    "internal",
    "listen",
    "health_check",
    "security_group",
];
pub const SCALING_KEYS: &[&str] = &[
    "min",
    "max",
    "cpu_target",
    "memory_target",
    "scale_in_cooldown",
    "scale_out_cooldown",
];
/// Fargate's task sizes: CPU units, and the memory (MiB) each allows as `(first, last, step)`; 256 units take
/// 512, 1024 or 2048 only.
pub const FARGATE_SIZES: &[(u32, (u32, u32, u32))] = &[
    (256, (512, 2048, 512)),
    (512, (1024, 4096, 1024)),
    (1024, (2048, 8192, 1024)),
    (2048, (4096, 16384, 1024)),
    (4096, (8192, 30720, 1024)),
    (8192, (16384, 61440, 4096)),
    (16384, (32768, 122880, 8192)),
];
/// Subnet groups inside `vpc(subnets(...))`.
pub const SUBNET_KINDS: &[&str] = &["public", "private", "isolated"];
pub const TABLE_KEYS: &[&str] = &[
    "partition",
    "sort",
    "provisioned",
    "ttl",
    "stream",
    "gsi",
    "point_in_time_recovery",
];
pub const GSI_KEYS: &[&str] = &["name", "partition", "sort"];
/// `StreamViewType` values.
pub const STREAM_VIEWS: &[&str] = &["NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"];
pub const BUCKET_KEYS: &[&str] = &["cors", "versioning", "expire_after_days", "eventbridge"];
pub const BUCKET_CORS_KEYS: &[&str] = &[
    "allowed_origins",
    "allowed_methods",
    "allowed_headers",
    "max_age",
];
/// Methods an S3 CORS rule allows.
pub const S3_CORS_METHODS: &[&str] = &["GET", "PUT", "HEAD", "POST", "DELETE"];
pub const SECRET_KEYS: &[&str] = &["description", "length"];
pub const QUEUE_KEYS: &[&str] = &[
    "fifo",
    "visibility_timeout",
    "retention",
    "dead_letter_after",
];
/// SNS subscription protocols, as keys (`email_json`) and as SNS names (`email-json`).
pub const SNS_PROTOCOLS: &[(&str, &str)] = &[
    ("email", "email"),
    ("email_json", "email-json"),
    ("http", "http"),
    ("https", "https"),
    ("sqs", "sqs"),
    ("lambda", "lambda"),
    ("sms", "sms"),
    ("firehose", "firehose"),
];
pub const TOPIC_KEYS: &[&str] = &["subscriptions", "published_by"];
/// The AWS services `topic(published_by(..))` names, with their service principals: each publishes to topics
/// (alarm actions, rule targets, bucket notifications, ...) and must be granted the topic's key.
pub const SNS_PUBLISHERS: &[(&str, &str)] = &[
    ("cloudwatch", "cloudwatch.amazonaws.com"),
    ("events", "events.amazonaws.com"),
    ("s3", "s3.amazonaws.com"),
    (
        "codestar-notifications",
        "codestar-notifications.amazonaws.com",
    ),
    ("budgets", "budgets.amazonaws.com"),
    ("backup", "backup.amazonaws.com"),
];
pub const PARAMETER_KEYS: &[&str] = &[
    "kind",
    "default",
    "allowed_values",
    "allowed_pattern",
    "description",
    "no_echo",
    "min",
    "max",
];

/// HTTP methods an API route accepts.
pub const HTTP_METHODS: &[&str] = &[
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY",
];
/// Values of `architecture`.
pub const ARCHITECTURES: &[&str] = &["arm64", "x86_64"];
/// Values of `tracing`.
pub const TRACING: &[&str] = &["active", "pass_through"];
/// Values of `function_url(auth = ...)`.
pub const URL_AUTH: &[&str] = &["none", "iam"];
/// Values of `effect`.
pub const EFFECTS: &[&str] = &["Allow", "Deny"];
/// Values of `starting_position` for DynamoDB streams.
pub const STARTING_POSITIONS: &[&str] = &["TRIM_HORIZON", "LATEST"];
/// Where a Kinesis, Kafka or DocumentDB poller starts.
pub const STREAM_STARTING_POSITIONS: &[&str] = &["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"];
/// CloudWatch Logs' allowed retention periods, in days.
pub const LOG_RETENTION_DAYS: &[u32] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];
/// S3 notification event types.
pub const S3_EVENTS: &[&str] = &[
    "s3:ObjectCreated:*",
    "s3:ObjectCreated:Put",
    "s3:ObjectCreated:Post",
    "s3:ObjectCreated:Copy",
    "s3:ObjectCreated:CompleteMultipartUpload",
    "s3:ObjectRemoved:*",
    "s3:ObjectRemoved:Delete",
    "s3:ObjectRemoved:DeleteMarkerCreated",
    "s3:ObjectRestore:*",
    "s3:ObjectRestore:Post",
    "s3:ObjectRestore:Completed",
    "s3:ObjectRestore:Delete",
    "s3:ReducedRedundancyLostObject",
    "s3:Replication:*",
    "s3:Replication:OperationFailedReplication",
    "s3:Replication:OperationMissedThreshold",
    "s3:Replication:OperationReplicatedAfterThreshold",
    "s3:Replication:OperationNotTracked",
    "s3:LifecycleExpiration:*",
    "s3:LifecycleExpiration:Delete",
    "s3:LifecycleExpiration:DeleteMarkerCreated",
    "s3:LifecycleTransition",
    "s3:IntelligentTiering",
    "s3:ObjectTagging:*",
    "s3:ObjectTagging:Put",
    "s3:ObjectTagging:Delete",
    "s3:ObjectAcl:Put",
];

/// `^[A-Za-z0-9]{1,255}$`: a CloudFormation logical id.
pub fn is_logical_id(s: &str) -> bool {
    (1..=255).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// `` `a`, `b`, `c` ``.
pub fn list<T: std::fmt::Display>(choices: &[T]) -> String {
    choices
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The closest choice, when it is close enough to be a typo.
pub fn did_you_mean<'a>(word: &str, choices: &[&'a str]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    choices
        .iter()
        .map(|c| (levenshtein(&word, &c.to_ascii_lowercase()), *c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// `; did you mean `x`?` or nothing.
pub fn hint(word: &str, choices: &[&str]) -> String {
    did_you_mean(word, choices)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

/// Edit distance, counting an adjacent swap as one edit (`memroy` is one edit from `memory`).
fn levenshtein(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_key_and_strangers_find_none() {
        assert_eq!(did_you_mean("memroy", FUNCTION_KEYS), Some("memory"));
        assert_eq!(did_you_mean("timout", FUNCTION_KEYS), Some("timeout"));
        assert_eq!(did_you_mean("Memory", FUNCTION_KEYS), Some("memory"));
        assert_eq!(did_you_mean("colour", FUNCTION_KEYS), None);
        assert_eq!(did_you_mean("pst", HTTP_METHODS), Some("POST"));
        assert_eq!(did_you_mean("FETCH", HTTP_METHODS), None);
        assert_eq!(did_you_mean("PSOT", HTTP_METHODS), Some("POST"));
    }
}
