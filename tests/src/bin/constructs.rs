//! The delivery and monitoring constructs of `#[cf_resources]`: pipelines from each kind of source (family
//! `Pipe`), a dashboard (family `Dash`), a VPC's endpoints (family `Net`), and SageMaker endpoints invoked by a
//! function and a Fargate task (family `Ml`). Its template is checked against golden files per family and by
//! aws-sam-translator + cfn-lint, like the `resources` app, which is too close to CloudFormation's inline body
//! limit to take them.
#![allow(dead_code)] // the types are registered, not used

use infra_core::{cf_function, cf_resources};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

/// What every build here runs: log in, build, push, and name the image for the ECS deploy.
const BUILDSPEC: &str = "version: 0.2
phases:
  build:
    commands:
      - docker build -t $IMAGE:$CODEBUILD_BUILD_NUMBER .
      - docker push $IMAGE:$CODEBUILD_BUILD_NUMBER
      - printf '[{\"name\":\"web\",\"imageUri\":\"%s\"}]' $IMAGE:$CODEBUILD_BUILD_NUMBER > imagedefinitions.json
artifacts:
  files: imagedefinitions.json
";

#[cf_resources(vpc(cidr = "10.40.0.0/16", max_azs = 2, nat_gateways = 1))]
pub struct PipeNet;

#[cf_resources(security_group(vpc = PipeNet, ingress(from = "10.40.0.0/16", port = 8080)))]
pub struct PipeSg;

#[cf_resources(ecs_cluster(vpc = PipeNet))]
pub struct PipeCluster;

#[cf_resources(ecr_repository)]
pub struct PipeImages;

#[cf_resources(table(partition = "id"))]
pub struct PipeState {
    pub id: String,
}

/// Deployed by the pipelines; its task role (it writes a table) is passed to ECS with its execution role.
#[cf_resources(fargate_service(
    cluster = PipeCluster,
    name = "web",
    image = PipeImages,
    port = 8080,
    security_group = PipeSg,
    writes(PipeState)
))]
pub struct PipeWeb;

/// Built by the CodeCommit pipeline.
#[cf_resources(codebuild_project(
    buildspec = BUILDSPEC,
    privileged,
    env(IMAGE = "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web"),
    pushes(PipeImages),
    artifacts = PipeFromCommit
))]
pub struct PipeBuild;

/// Built by the connection's pipeline.
#[cf_resources(codebuild_project(buildspec = "ci/buildspec.yml", artifacts = PipeFromGitHub))]
pub struct PipeCheck;

#[cf_resources(parameter(default = "main", description = "the branch that deploys"))]
pub struct PipeBranch;

#[cf_resources(parameter(description = "the CodeConnections connection to GitHub"))]
pub struct PipeConnection;

/// CodeCommit → build → ECS, named, the branch a parameter.
#[cf_resources(pipeline(
    name = "pipe-from-commit",
    source(codecommit(repository = "web", branch = PipeBranch)),
    build(PipeBuild),
    deploy(ecs(PipeWeb))
))]
pub struct PipeFromCommit;

/// GitHub through a connection → build.
#[cf_resources(pipeline(
    source(connection(arn = PipeConnection, repository = "example/web", branch = "main")),
    build(PipeCheck)
))]
pub struct PipeFromGitHub;

/// Where releases are uploaded.
#[cf_resources(bucket(eventbridge))]
pub struct PipeReleases;

/// An uploaded image definitions file → ECS, with no build.
#[cf_resources(pipeline(
    source(s3(bucket = PipeReleases, key = "web/release.zip")),
    deploy(ecs(PipeWeb, file = "release.json"))
))]
pub struct PipeFromS3;

#[cf_resources(queue)]
pub struct DashJobs;

/// Two graphs side by side (a third would not fit beside them), then a note across the row below.
#[cf_resources(dashboard(
    name = "golden-board",
    graph(
        title = "Web tasks",
        metrics(cpu(PipeWeb), memory(PipeWeb)),
        period = 60,
        width = 10
    ),
    graph(
        title = "Jobs in ${AWS::Region}",
        metrics(visible_messages(DashJobs), age_of_oldest_message(DashJobs)),
        statistic = "Maximum",
        view = "singleValue",
        width = 10,
        height = 3
    ),
    text(markdown = "# On call\nPage the owner of a red graph.")
))]
pub struct DashBoard;

/// Isolated subnets that reach S3, DynamoDB, ECR and CloudWatch Logs through endpoints alone.
#[cf_resources(vpc(
    cidr = "10.50.0.0/16",
    subnets(isolated(cidr_mask = 24)),
    endpoints(gateway("s3", "dynamodb"), interface("ecr.api", "ecr.dkr", "logs"))
))]
pub struct NetSealed;

/// An endpoint deployed outside the stack, by name: the grant's ARN has it in lower case, as SageMaker writes it.
#[cf_resources(sagemaker_endpoint(name = "Image-Classifier"))]
pub struct MlClassifier;

#[cf_resources(parameter(
    default = "ranker-v2",
    allowed_pattern = "^[a-z0-9](-*[a-z0-9]){0,62}$",
    description = "the ranking endpoint, in lower case"
))]
pub struct MlRankerName;

/// An endpoint whose name is given at deploy.
#[cf_resources(sagemaker_endpoint(name = MlRankerName))]
pub struct MlRanker;

/// Invokes both endpoints: one statement each, and each name in the environment.
#[cf_function(bin = "ml-score", invokes(MlClassifier, MlRanker))]
async fn ml_score(e: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(e.payload)
}

/// A task that invokes the classifier: its task role holds that grant alone.
#[cf_resources(fargate_service(
    cluster = PipeCluster,
    image = PipeImages,
    port = 8081,
    security_group = PipeSg,
    invokes(MlClassifier)
))]
pub struct MlWas;

infra_core::main!(infra_tests);
