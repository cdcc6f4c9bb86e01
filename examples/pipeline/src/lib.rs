//! Delivery pipeline, after the Portuguese walkthrough of a CodeCommit, CodePipeline, CodeBuild, ECR and ECS pipeline for the `comentarios` app: the `comentarios` app, built from CodeCommit by CodeBuild into ECR and
//! deployed by CodePipeline onto an ECS service behind a load balancer, watched by a CloudWatch dashboard and a
//! CPU alarm that emails through SNS.
//!
//! Each part is a type that owns its resources: [`Network`], [`Registry`], [`Service`], [`Delivery`],
//! [`Monitoring`]; the alert topic and its address are the typed shortcuts [`Alerts`] and [`AlertEmail`]. The
//! app itself is the `comentarios-app` binary, whose health check is [`app::health_check`].

pub mod app;

use infra_core::intrinsic::{Intrinsic, get_att, reference, sub};
use infra_core::registry::Context;
use infra_core::{
    CfParameter, CfResource, Contribution, DeletionPolicy, Output, Parameter, Resource, Resources,
    Value, cf_resources,
};
use serde_json::json;

/// The seed's build specification: log in to ECR, build and tag the image, push it, and hand the image URI to
/// the deploy stage in `image-to-ecs.json`. The repository is this workspace, so the build names this example's
/// Dockerfile.
pub const BUILDSPEC: &str = r#"version: 0.2

phases:
  pre_build:
    commands:
      - echo Logando no Amazon ECR
      - aws ecr get-login-password --region $AWS_DEFAULT_REGION | docker login --username AWS --password-stdin $AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com
      - echo Definindo o repositório ECR
      - ECR=$AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com
      - IMAGE=$ECR/$IMAGE_NAME
  build:
    commands:
      - echo Construindo imagem Docker
      - docker build -f examples/pipeline/Dockerfile -t current:latest .
      - docker tag current:latest $IMAGE:$CODEBUILD_BUILD_NUMBER
  post_build:
    commands:
      - echo Enviando imagem para Repositório ECR
      - docker push $IMAGE:$CODEBUILD_BUILD_NUMBER
      - printf '[{"name":"comentarios-app","imageUri":"%s"}]' $IMAGE:$CODEBUILD_BUILD_NUMBER > image-to-ecs.json
artifacts:
  files: image-to-ecs.json
"#;

/// The app's image name in ECR, and its container name.
pub const IMAGE_NAME: &str = "comentarios-app";

fn assume(service: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]})
}

fn inline(name: &str, statements: Value) -> Value {
    json!([{"PolicyName": name, "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}])
}

/// Who is emailed when the service's CPU runs high.
#[cf_resources(parameter(
    kind = "String",
    description = "email address alerted when the service's CPU runs high",
    allowed_pattern = ".+@.+"
))]
pub struct AlertEmail;

/// The alert topic, with the email subscription.
#[cf_resources(topic(subscriptions(email = AlertEmail)))]
pub struct Alerts;

/// `comentarios-vpc`: two public subnets in two AZs behind an internet gateway, and the two security groups
/// (all traffic from inside the VPC; 80 and 8000 from anywhere).
#[cf_resources]
pub struct Network;

impl Resources for Network {
    fn resources(_: &Context) -> Contribution {
        let mut c = Contribution::new()
            .resource(
                "ComentariosVpc",
                Resource::new("AWS::EC2::VPC")
                    .property("CidrBlock", "10.10.0.0/16")
                    .property("EnableDnsHostnames", true)
                    .property("EnableDnsSupport", true)
                    .property("Tags", json!([{"Key": "Name", "Value": "comentarios-vpc"}])),
            )
            .resource("ComentariosIgw", Resource::new("AWS::EC2::InternetGateway"))
            .resource(
                "ComentariosIgwAttachment",
                Resource::new("AWS::EC2::VPCGatewayAttachment")
                    .property("VpcId", reference("ComentariosVpc"))
                    .property("InternetGatewayId", reference("ComentariosIgw")),
            )
            .resource("ComentariosRoutes", Resource::new("AWS::EC2::RouteTable").property("VpcId", reference("ComentariosVpc")))
            .resource(
                "ComentariosDefaultRoute",
                Resource::new("AWS::EC2::Route")
                    .property("RouteTableId", reference("ComentariosRoutes"))
                    .property("DestinationCidrBlock", "0.0.0.0/0")
                    .property("GatewayId", reference("ComentariosIgw"))
                    .depends_on("ComentariosIgwAttachment"),
            )
            .resource(
                "VpcInternalSg",
                Resource::new("AWS::EC2::SecurityGroup")
                    .property("GroupDescription", "all traffic from inside the VPC")
                    .property("VpcId", reference("ComentariosVpc"))
                    .property("SecurityGroupIngress", json!([{"IpProtocol": "-1", "CidrIp": "10.10.0.0/16", "Description": "inside the VPC (all protocols and ports)"}])),
            )
            .resource(
                "WebSg",
                Resource::new("AWS::EC2::SecurityGroup")
                    .property("GroupDescription", "the load balancer on 80 and the app on 8000")
                    .property("VpcId", reference("ComentariosVpc"))
                    .property(
                        "SecurityGroupIngress",
                        json!([
                            {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "CidrIp": "0.0.0.0/0", "Description": "HTTP"},
                            {"IpProtocol": "tcp", "FromPort": 8000, "ToPort": 8000, "CidrIp": "0.0.0.0/0", "Description": "the app, from the load balancer"},
                        ]),
                    ),
            );
        for i in 0..2u32 {
            let subnet = format!("PublicSubnet{}", i + 1);
            c = c
                .resource(
                    &subnet,
                    Resource::new("AWS::EC2::Subnet")
                        .property("VpcId", reference("ComentariosVpc"))
                        .property("CidrBlock", format!("10.10.{}.0/24", i))
                        .property(
                            "AvailabilityZone",
                            Intrinsic::Select(i, Intrinsic::GetAZs("".into()).into()),
                        )
                        .property("MapPublicIpOnLaunch", true),
                )
                .resource(
                    format!("{subnet}Routes"),
                    Resource::new("AWS::EC2::SubnetRouteTableAssociation")
                        .property("SubnetId", reference(&subnet))
                        .property("RouteTableId", reference("ComentariosRoutes")),
                );
        }
        c
    }
}

/// The private ECR repository `comentarios-app`: images scanned on push, the last 20 kept.
#[cf_resources]
pub struct Registry;

impl Resources for Registry {
    fn resources(_: &Context) -> Contribution {
        let lifecycle = json!({"rules": [{"rulePriority": 1, "description": "keep the last 20 images", "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 20}, "action": {"type": "expire"}}]});
        Contribution::new().resource(
            "AppRepository",
            Resource::new("AWS::ECR::Repository")
                .property("RepositoryName", IMAGE_NAME)
                .property("ImageScanningConfiguration", json!({"ScanOnPush": true}))
                // Tags name one image for good: each build pushes its build number, never moves `latest`.
                .property("ImageTagMutability", "IMMUTABLE")
                .property("EncryptionConfiguration", json!({"EncryptionType": "KMS"}))
                .property(
                    "LifecyclePolicy",
                    json!({"LifecyclePolicyText": lifecycle.to_string()}),
                )
                .deletion_policy(DeletionPolicy::Retain)
                .update_replace_policy(DeletionPolicy::Retain),
        )
    }
}

/// `ecs-cluster`, the `comentarios-taskdefinition` (the app on 8000), the `comentarios-ecs-service` (1–3 tasks on
/// CPU) and the load balancer listening on 80 and forwarding to 8000, with a `/health-check` target check.
#[cf_resources]
pub struct Service;

impl Resources for Service {
    fn resources(_: &Context) -> Contribution {
        let subnets = json!([reference("PublicSubnet1"), reference("PublicSubnet2")]);
        let container = json!({
            "Name": IMAGE_NAME,
            // The first revision's image; each run of the pipeline deploys the build's own tag instead.
            "Image": sub("${AppRepository.RepositoryUri}:latest"),
            "Essential": true,
            "PortMappings": [{"ContainerPort": 8000, "Protocol": "tcp"}],
            "LogConfiguration": {"LogDriver": "awslogs", "Options": {"awslogs-group": reference("AppLogs"), "awslogs-region": {"Ref": "AWS::Region"}, "awslogs-stream-prefix": "comentarios"}},
        });
        Contribution::new()
            .resource(
                "EcsCluster",
                Resource::new("AWS::ECS::Cluster")
                    .property("ClusterName", "ecs-cluster")
                    .property("ClusterSettings", json!([{"Name": "containerInsights", "Value": "enabled"}])),
            )
            .resource("AppLogs", Resource::new("AWS::Logs::LogGroup").property("RetentionInDays", 14))
            .resource(
                "TaskExecutionRole",
                Resource::new("AWS::IAM::Role").property("AssumeRolePolicyDocument", assume("ecs-tasks.amazonaws.com")).property(
                    "ManagedPolicyArns",
                    json!([sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")]),
                ),
            )
            .resource(
                "AppTask",
                Resource::new("AWS::ECS::TaskDefinition")
                    .property("Family", "comentarios-taskdefinition")
                    .property("Cpu", "256")
                    .property("Memory", "512")
                    .property("NetworkMode", "awsvpc")
                    .property("RequiresCompatibilities", json!(["FARGATE"]))
                    .property("ExecutionRoleArn", get_att("TaskExecutionRole", "Arn"))
                    .property("ContainerDefinitions", json!([container])),
            )
            .resource(
                "AppAlb",
                Resource::new("AWS::ElasticLoadBalancingV2::LoadBalancer")
                    .property("Scheme", "internet-facing")
                    .property("Type", "application")
                    .property("Subnets", subnets.clone())
                    .property("SecurityGroups", json!([get_att("WebSg", "GroupId"), get_att("VpcInternalSg", "GroupId")]))
                    .property("LoadBalancerAttributes", json!([{"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"}])),
            )
            .resource(
                "AppTargetGroup",
                Resource::new("AWS::ElasticLoadBalancingV2::TargetGroup")
                    .property("Port", 8000)
                    .property("Protocol", "HTTP")
                    .property("TargetType", "ip")
                    .property("VpcId", reference("ComentariosVpc"))
                    .property("HealthCheckPath", "/health-check")
                    .property("Matcher", json!({"HttpCode": "200"})),
            )
            .resource(
                "AppListener",
                Resource::new("AWS::ElasticLoadBalancingV2::Listener")
                    .property("LoadBalancerArn", reference("AppAlb"))
                    .property("Port", 80)
                    .property("Protocol", "HTTP")
                    .property("DefaultActions", json!([{"Type": "forward", "TargetGroupArn": reference("AppTargetGroup")}])),
            )
            .resource(
                "AppService",
                Resource::new("AWS::ECS::Service")
                    .property("ServiceName", "comentarios-ecs-service")
                    .property("Cluster", reference("EcsCluster"))
                    .property("TaskDefinition", reference("AppTask"))
                    .property("LaunchType", "FARGATE")
                    .property("DesiredCount", 1)
                    .property(
                        "NetworkConfiguration",
                        json!({"AwsvpcConfiguration": {"AssignPublicIp": "ENABLED", "SecurityGroups": [get_att("WebSg", "GroupId"), get_att("VpcInternalSg", "GroupId")], "Subnets": subnets}}),
                    )
                    .property("LoadBalancers", json!([{"ContainerName": IMAGE_NAME, "ContainerPort": 8000, "TargetGroupArn": reference("AppTargetGroup")}]))
                    .depends_on("AppListener"),
            )
            .resource(
                "AppScaling",
                Resource::new("AWS::ApplicationAutoScaling::ScalableTarget")
                    .property("MinCapacity", 1)
                    .property("MaxCapacity", 3)
                    .property("ResourceId", sub("service/${EcsCluster}/${AppService.Name}"))
                    .property("ScalableDimension", "ecs:service:DesiredCount")
                    .property("ServiceNamespace", "ecs"),
            )
            .resource(
                "AppCpuScaling",
                Resource::new("AWS::ApplicationAutoScaling::ScalingPolicy")
                    .property("PolicyName", "comentarios-cpu")
                    .property("PolicyType", "TargetTrackingScaling")
                    .property("ScalingTargetId", reference("AppScaling"))
                    .property(
                        "TargetTrackingScalingPolicyConfiguration",
                        json!({"PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}, "TargetValue": 70}),
                    ),
            )
            .output("AppUrl", Output::new(sub("http://${AppAlb.DNSName}")).description("the app behind its load balancer"))
    }
}

/// `comentarios-build` (CodeBuild, running [`BUILDSPEC`] with `AWS_ACCOUNT_ID` and `IMAGE_NAME`) and
/// `comentarios-pipeline` (CodePipeline: Source from CodeCommit, Build, Deploy onto the ECS service), started by
/// an EventBridge rule on every change to the source branch.
#[cf_resources]
pub struct Delivery;

impl Resources for Delivery {
    fn resources(_: &Context) -> Contribution {
        let repo_arn = sub(
            "arn:${AWS::Partition}:codecommit:${AWS::Region}:${AWS::AccountId}:${SourceRepository}",
        );
        let artifacts = sub("${ArtifactBucket.Arn}/*");
        let build_policy = json!([
            {"Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
             "Resource": sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/codebuild/comentarios-build*")},
            // ECR's GetAuthorizationToken has no resource-level permissions: AWS requires "*" here.
            {"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
            {"Effect": "Allow", "Action": ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage"],
             "Resource": get_att("AppRepository", "Arn")},
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": artifacts},
        ]);
        let pipeline_policy = json!([
            {"Effect": "Allow", "Action": ["codecommit:GetBranch", "codecommit:GetCommit", "codecommit:UploadArchive", "codecommit:GetUploadArchiveStatus"], "Resource": repo_arn},
            {"Effect": "Allow", "Action": ["codebuild:StartBuild", "codebuild:BatchGetBuilds"], "Resource": get_att("BuildProject", "Arn")},
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:GetBucketVersioning"], "Resource": [get_att("ArtifactBucket", "Arn"), artifacts]},
            {"Effect": "Allow", "Action": ["ecs:DescribeServices", "ecs:UpdateService"], "Resource": reference("AppService")},
            // The deploy action registers a new task definition revision, which has no resource-level permissions.
            {"Effect": "Allow", "Action": ["ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition"], "Resource": "*"},
            {"Effect": "Allow", "Action": "iam:PassRole", "Resource": get_att("TaskExecutionRole", "Arn"), "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}},
        ]);
        Contribution::new()
            .parameter("SourceRepository", Parameter::string().default_value("comentarios").description("the CodeCommit repository of the app"))
            .parameter("SourceBranch", Parameter::string().default_value("dev").description("the branch that triggers the pipeline"))
            .resource(
                "ArtifactBucket",
                Resource::new("AWS::S3::Bucket")
                    .property(
                        "PublicAccessBlockConfiguration",
                        json!({"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}),
                    )
                    .property("BucketEncryption", json!({"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}))
                    .property("VersioningConfiguration", json!({"Status": "Enabled"}))
                    .deletion_policy(DeletionPolicy::Retain)
                    .update_replace_policy(DeletionPolicy::Retain),
            )
            .resource(
                "BuildRole",
                Resource::new("AWS::IAM::Role")
                    .property("AssumeRolePolicyDocument", assume("codebuild.amazonaws.com"))
                    .property("Policies", inline("comentarios-build", build_policy))
                    .broad_permissions("ecr:GetAuthorizationToken has no resource-level permissions"),
            )
            .resource(
                "BuildProject",
                Resource::new("AWS::CodeBuild::Project")
                    .property("Name", "comentarios-build")
                    .property("ServiceRole", get_att("BuildRole", "Arn"))
                    .property("Source", json!({"Type": "CODEPIPELINE", "BuildSpec": BUILDSPEC}))
                    .property("Artifacts", json!({"Type": "CODEPIPELINE"}))
                    .property(
                        "Environment",
                        json!({
                            "Type": "LINUX_CONTAINER", "ComputeType": "BUILD_GENERAL1_SMALL", "Image": "aws/codebuild/standard:7.0",
                            "PrivilegedMode": true,
                            "EnvironmentVariables": [
                                {"Name": "AWS_ACCOUNT_ID", "Type": "PLAINTEXT", "Value": {"Ref": "AWS::AccountId"}},
                                {"Name": "IMAGE_NAME", "Type": "PLAINTEXT", "Value": IMAGE_NAME},
                            ],
                        }),
                    ),
            )
            .resource(
                "PipelineRole",
                Resource::new("AWS::IAM::Role")
                    .property("AssumeRolePolicyDocument", assume("codepipeline.amazonaws.com"))
                    .property("Policies", inline("comentarios-pipeline", pipeline_policy))
                    .broad_permissions(
                        "ecs:DescribeTaskDefinition and ecs:RegisterTaskDefinition have no resource-level permissions",
                    ),
            )
            .resource(
                "Pipeline",
                Resource::new("AWS::CodePipeline::Pipeline")
                    .property("Name", "comentarios-pipeline")
                    .property("RoleArn", get_att("PipelineRole", "Arn"))
                    .property("ArtifactStore", json!({"Type": "S3", "Location": reference("ArtifactBucket")}))
                    .property(
                        "Stages",
                        json!([
                            {"Name": "Source", "Actions": [{"Name": "Source", "ActionTypeId": {"Category": "Source", "Owner": "AWS", "Provider": "CodeCommit", "Version": "1"},
                                "Configuration": {"RepositoryName": reference("SourceRepository"), "BranchName": reference("SourceBranch"), "PollForSourceChanges": false},
                                "OutputArtifacts": [{"Name": "SourceOutput"}]}]},
                            {"Name": "Build", "Actions": [{"Name": "Build", "ActionTypeId": {"Category": "Build", "Owner": "AWS", "Provider": "CodeBuild", "Version": "1"},
                                "Configuration": {"ProjectName": reference("BuildProject")},
                                "InputArtifacts": [{"Name": "SourceOutput"}], "OutputArtifacts": [{"Name": "BuildOutput"}]}]},
                            {"Name": "Deploy", "Actions": [{"Name": "Deploy", "ActionTypeId": {"Category": "Deploy", "Owner": "AWS", "Provider": "ECS", "Version": "1"},
                                "Configuration": {"ClusterName": reference("EcsCluster"), "ServiceName": get_att("AppService", "Name"), "FileName": "image-to-ecs.json"},
                                "InputArtifacts": [{"Name": "BuildOutput"}]}]},
                        ]),
                    ),
            )
            .resource(
                "TriggerRole",
                Resource::new("AWS::IAM::Role")
                    .property("AssumeRolePolicyDocument", assume("events.amazonaws.com"))
                    .property(
                        "Policies",
                        inline(
                            "start-pipeline",
                            json!([{"Effect": "Allow", "Action": "codepipeline:StartPipelineExecution", "Resource": sub("arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}")}]),
                        ),
                    ),
            )
            .resource(
                "SourceChanged",
                Resource::new("AWS::Events::Rule")
                    .property(
                        "EventPattern",
                        json!({"source": ["aws.codecommit"], "detail-type": ["CodeCommit Repository State Change"], "resources": [repo_arn],
                               "detail": {"event": ["referenceCreated", "referenceUpdated"], "referenceType": ["branch"], "referenceName": [reference("SourceBranch")]}}),
                    )
                    .property(
                        "Targets",
                        json!([{"Id": "pipeline", "Arn": sub("arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}"), "RoleArn": get_att("TriggerRole", "Arn")}]),
                    ),
            )
    }
}

/// The `comentarios-dash` dashboard and the CPU alarm that notifies [`Alerts`].
#[cf_resources]
pub struct Monitoring;

impl Resources for Monitoring {
    fn resources(_: &Context) -> Contribution {
        let service_metric = |name: &str| {
            json!([
                "AWS/ECS",
                name,
                "ClusterName",
                "ecs-cluster",
                "ServiceName",
                "comentarios-ecs-service"
            ])
        };
        let dashboard = json!({"widgets": [
            {"type": "metric", "x": 0, "y": 0, "width": 12, "height": 6, "properties": {"title": "CPU and memory", "region": "${AWS::Region}", "stat": "Average", "period": 300,
                "metrics": [service_metric("CPUUtilization"), service_metric("MemoryUtilization")]}},
            {"type": "metric", "x": 12, "y": 0, "width": 12, "height": 6, "properties": {"title": "Requests", "region": "${AWS::Region}", "stat": "Sum", "period": 300,
                "metrics": [["AWS/ApplicationELB", "RequestCount", "LoadBalancer", "${AppAlb.LoadBalancerFullName}"]]}},
        ]});
        Contribution::new()
            .resource(
                "Dashboard",
                Resource::new("AWS::CloudWatch::Dashboard")
                    .property("DashboardName", "comentarios-dash")
                    .property("DashboardBody", sub(dashboard.to_string())),
            )
            .resource(
                "CpuAlarm",
                Resource::new("AWS::CloudWatch::Alarm")
                    .property("AlarmDescription", "the service's CPU is above 80 % for 10 minutes")
                    .property("Namespace", "AWS/ECS")
                    .property("MetricName", "CPUUtilization")
                    .property("Dimensions", json!([{"Name": "ClusterName", "Value": reference("EcsCluster")}, {"Name": "ServiceName", "Value": get_att("AppService", "Name")}]))
                    .property("Statistic", "Average")
                    .property("Period", 300)
                    .property("EvaluationPeriods", 2)
                    .property("Threshold", 80)
                    .property("ComparisonOperator", "GreaterThanThreshold")
                    .property("AlarmActions", json!([reference(<Alerts as CfResource>::REF.logical_id)])),
            )
            .output("AlertEmailAddress", Output::new(reference(<AlertEmail as CfParameter>::NAME)).description("who is alerted"))
    }
}
