"""Deploys a transformed template to a moto server and reports what the service APIs of that server show.

usage: moto_deploy.py ENDPOINT TRANSFORMED_JSON STACK_NAME [Param=Value ...]

Before creating the stack it does what `sam deploy` does with packaged code: every `AWS::Lambda::Function`
whose code sits in S3 gets a zip (holding a `bootstrap` file) uploaded to that bucket and key.

Resources moto cannot create are left out of the moto stack and listed under "skipped" (tests check them on the
transformed template instead): types moto's CloudFormation does not implement (asked of moto itself), and the
REST API resources that need an imported OpenAPI body, which moto does not import (deployment, stage, usage
plan, its key, API key). References to skipped resources become visible `moto-skipped-...` placeholders.

Two shims for moto bugs, both faithful to AWS: `AWS::ApiGateway::RestApi` gets the `Name` API Gateway itself
takes from an imported body's `info.title`; a security group rule for all protocols (`-1`) gets the ports AWS
ignores for it, which moto requires.

Prints one JSON report: {"status", "reason", "seconds", "events", "resources": {id: type}, "outputs",
"lambda": {id: config}, "dynamodb": {id: table}, "s3": {id: bucket}, "sqs": {id: attributes},
"sns": {id: attributes}, "iam": {role id: [policy documents]}}.
"""

import io
import json
import re
import sys
import time
import zipfile

import boto3
from moto.cloudformation.parsing import resource_class_from_type

endpoint, template_path, stack = sys.argv[1], sys.argv[2], sys.argv[3]
params = [dict(zip(("ParameterKey", "ParameterValue"), a.split("=", 1))) for a in sys.argv[4:]]
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
client = lambda name: boto3.client(name, **kw)  # noqa: E731

with open(template_path) as f:
    body = f.read()
template = json.loads(body)

s3 = client("s3")
zipped = io.BytesIO()
with zipfile.ZipFile(zipped, "w") as z:
    z.writestr("bootstrap", "#!/bin/sh\n")
for res in template.get("Resources", {}).values():
    code = res.get("Properties", {}).get("Code", {}) if res.get("Type") == "AWS::Lambda::Function" else {}
    if isinstance(code.get("S3Bucket"), str):
        s3.create_bucket(Bucket=code["S3Bucket"])
        s3.put_object(Bucket=code["S3Bucket"], Key=code["S3Key"], Body=zipped.getvalue())

for res in template.get("Resources", {}).values():
    props = res.get("Properties", {})
    if res.get("Type") == "AWS::ApiGateway::RestApi" and "Name" not in props:
        title = props.get("Body", {}).get("info", {}).get("title")
        if isinstance(title, str):
            props["Name"] = title
        elif isinstance(title, dict):  # {"Ref": "AWS::StackName"} in SAM's implicit API
            props["Name"] = stack
NEEDS_IMPORTED_BODY = {
    "AWS::ApiGateway::Deployment",
    "AWS::ApiGateway::Stage",
    "AWS::ApiGateway::UsagePlan",
    "AWS::ApiGateway::UsagePlanKey",
    "AWS::ApiGateway::ApiKey",
}
resources = template.get("Resources", {})
skipped = sorted(
    k for k, r in resources.items() if r.get("Type") in NEEDS_IMPORTED_BODY or not resource_class_from_type(r.get("Type"))
)
for k in skipped:
    del resources[k]


def unlink(v):
    """References to skipped resources become placeholders; everything else is kept."""
    if isinstance(v, dict) and len(v) == 1:
        (key, arg), = v.items()
        if key == "Ref" and arg in skipped:
            return f"moto-skipped-{arg}"
        if key == "Fn::GetAtt":
            target = arg[0] if isinstance(arg, list) else arg.split(".")[0]
            if target in skipped:
                return f"arn:aws:moto:skipped:{target}"
        if key == "Fn::Sub":
            text = arg[0] if isinstance(arg, list) else arg
            for k in skipped:
                text = text.replace("${" + k + "}", f"moto-skipped-{k}")
                text = re.sub(r"\$\{" + k + r"\.[A-Za-z.]+\}", f"moto-skipped-{k}", text)
            return {key: [text, unlink(arg[1])] if isinstance(arg, list) else text}
    if isinstance(v, dict):
        return {k: unlink(x) for k, x in v.items()}
    if isinstance(v, list):
        return [unlink(x) for x in v]
    return v


for r in resources.values():
    deps = r.get("DependsOn")
    if isinstance(deps, str):
        deps = [deps]
    if deps:
        r["DependsOn"] = [d for d in deps if d not in skipped]
    r["Properties"] = unlink(r.get("Properties", {}))
    if r.get("Type") == "AWS::EC2::SecurityGroup":
        for rule in r["Properties"].get("SecurityGroupIngress", []):
            if str(rule.get("IpProtocol")) == "-1":
                rule.setdefault("FromPort", -1)
                rule.setdefault("ToPort", -1)
template["Outputs"] = unlink(template.get("Outputs", {}))
body = json.dumps(template)

cf = client("cloudformation")
start = time.time()
cf.create_stack(StackName=stack, TemplateBody=body, Parameters=params, Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"])
while True:
    st = cf.describe_stacks(StackName=stack)["Stacks"][0]
    if not st["StackStatus"].endswith("_IN_PROGRESS"):
        break
    time.sleep(0.1)
report = {"status": st["StackStatus"], "reason": st.get("StackStatusReason"), "seconds": round(time.time() - start, 2), "skipped": skipped}
report["events"] = [
    f'{e["LogicalResourceId"]} {e["ResourceStatus"]} {e.get("ResourceStatusReason", "")}'
    for e in cf.describe_stack_events(StackName=stack)["StackEvents"]
    if "FAILED" in e["ResourceStatus"]
]
summaries = cf.list_stack_resources(StackName=stack)["StackResourceSummaries"]
physical = {r["LogicalResourceId"]: r.get("PhysicalResourceId") for r in summaries if r["LogicalResourceId"]}
report["resources"] = {r["LogicalResourceId"]: r["ResourceType"] for r in summaries if r["LogicalResourceId"]}
report["outputs"] = {o["OutputKey"]: o.get("OutputValue") for o in st.get("Outputs", [])}
report.update({k: {} for k in ("lambda", "dynamodb", "s3", "sqs", "sns", "iam", "ec2", "ecs", "elbv2", "logs")})
clusters = [physical[k] for k, t in report["resources"].items() if t == "AWS::ECS::Cluster"]
for lid, kind in report["resources"].items():
    pid = physical[lid]
    if kind == "AWS::Lambda::Function":
        c = client("lambda").get_function_configuration(FunctionName=pid)
        report["lambda"][lid] = {k: c.get(k) for k in ("MemorySize", "Timeout", "PackageType", "Runtime", "Handler", "Architectures", "Environment", "Role")}
    elif kind == "AWS::DynamoDB::Table":
        t = client("dynamodb").describe_table(TableName=pid)["Table"]
        report["dynamodb"][lid] = {k: t.get(k) for k in ("TableName", "KeySchema", "AttributeDefinitions", "StreamSpecification", "GlobalSecondaryIndexes")}
        report["dynamodb"][lid]["BillingMode"] = t.get("BillingModeSummary", {}).get("BillingMode")
    elif kind == "AWS::S3::Bucket":
        entry = {"name": pid}
        try:
            entry["encryption"] = s3.get_bucket_encryption(Bucket=pid)["ServerSideEncryptionConfiguration"]["Rules"]
        except Exception as e:  # noqa: BLE001
            entry["encryption"] = f"error: {e}"
        try:
            entry["public_access_block"] = s3.get_public_access_block(Bucket=pid)["PublicAccessBlockConfiguration"]
        except Exception as e:  # noqa: BLE001
            entry["public_access_block"] = f"error: {e}"
        report["s3"][lid] = entry
    elif kind == "AWS::SQS::Queue":
        report["sqs"][lid] = client("sqs").get_queue_attributes(QueueUrl=pid, AttributeNames=["All"])["Attributes"]
    elif kind == "AWS::SNS::Topic":
        sns = client("sns")
        attrs = sns.get_topic_attributes(TopicArn=pid)["Attributes"]
        attrs["subscriptions"] = [(s["Protocol"], s["Endpoint"]) for s in sns.list_subscriptions_by_topic(TopicArn=pid)["Subscriptions"]]
        report["sns"][lid] = attrs
    elif kind == "AWS::IAM::Role":
        iam = client("iam")
        docs = [iam.get_role_policy(RoleName=pid, PolicyName=n)["PolicyDocument"] for n in iam.list_role_policies(RoleName=pid)["PolicyNames"]]
        attached = [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=pid)["AttachedPolicies"]]
        report["iam"][lid] = {"inline": docs, "managed": attached}
    elif kind == "AWS::EC2::VPC":
        report["ec2"][lid] = client("ec2").describe_vpcs(VpcIds=[pid])["Vpcs"][0]["CidrBlock"]
    elif kind == "AWS::EC2::Subnet":
        sn = client("ec2").describe_subnets(SubnetIds=[pid])["Subnets"][0]
        report["ec2"][lid] = {k: sn.get(k) for k in ("CidrBlock", "AvailabilityZone", "MapPublicIpOnLaunch")}
    elif kind == "AWS::EC2::NatGateway":
        nat = client("ec2").describe_nat_gateways(NatGatewayIds=[pid])["NatGateways"][0]
        report["ec2"][lid] = {"SubnetId": nat.get("SubnetId"), "State": nat.get("State")}
    elif kind == "AWS::EC2::SecurityGroup":
        ec2 = client("ec2")
        try:
            g = ec2.describe_security_groups(GroupIds=[pid])["SecurityGroups"][0]
        except Exception:  # noqa: BLE001
            g = ec2.describe_security_groups(GroupNames=[pid])["SecurityGroups"][0]
        report["ec2"][lid] = {
            "GroupName": g["GroupName"],
            "GroupId": g["GroupId"],
            "Ingress": [
                {"port": r.get("FromPort"), "cidrs": [x["CidrIp"] for x in r.get("IpRanges", [])], "groups": [x["GroupId"] for x in r.get("UserIdGroupPairs", [])]}
                for r in g.get("IpPermissions", [])
            ],
        }
    elif kind == "AWS::ECS::TaskDefinition":
        td = client("ecs").describe_task_definition(taskDefinition=pid)["taskDefinition"]
        report["ecs"][lid] = {
            "family": td.get("family"), "cpu": td.get("cpu"), "memory": td.get("memory"), "taskRoleArn": td.get("taskRoleArn"),
            "ports": [p["containerPort"] for c in td["containerDefinitions"] for p in c.get("portMappings", [])],
        }
    elif kind == "AWS::ECS::Service":
        for cluster in clusters:
            found = client("ecs").describe_services(cluster=cluster, services=[pid])["services"]
            if found:
                report["ecs"][lid] = {k: found[0].get(k) for k in ("serviceName", "desiredCount", "launchType")}
    elif kind == "AWS::ElasticLoadBalancingV2::LoadBalancer":
        lb = client("elbv2").describe_load_balancers(LoadBalancerArns=[pid])["LoadBalancers"][0]
        report["elbv2"][lid] = {k: lb.get(k) for k in ("LoadBalancerName", "Scheme", "DNSName")}
    elif kind == "AWS::ElasticLoadBalancingV2::TargetGroup":
        tg = client("elbv2").describe_target_groups(TargetGroupArns=[pid])["TargetGroups"][0]
        report["elbv2"][lid] = {k: tg.get(k) for k in ("TargetGroupName", "Port", "Protocol", "HealthCheckPath", "TargetType")}
    elif kind == "AWS::ElasticLoadBalancingV2::Listener":
        ls = client("elbv2").describe_listeners(ListenerArns=[pid])["Listeners"][0]
        report["elbv2"][lid] = {"Port": ls.get("Port"), "Actions": [a["Type"] for a in ls.get("DefaultActions", [])]}
    elif kind == "AWS::Logs::LogGroup":
        groups = client("logs").describe_log_groups(logGroupNamePrefix=pid)["logGroups"]
        report["logs"][lid] = groups[0].get("retentionInDays") if groups else None
print(json.dumps(report, default=str))
