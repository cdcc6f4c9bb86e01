"""The benchmark workload (see gen_workload.py) written with troposphere, as seed 003 would: N functions and
one table, serialized with to_yaml() or to_json().

usage: troposphere_app.py N (yaml|json)
"""

import sys

import troposphere
from troposphere import GetAtt, Output, Ref, Sub, Template  # noqa: F401
from troposphere.awslambda import Environment
from troposphere.dynamodb import AttributeDefinition, KeySchema, PointInTimeRecoverySpecification, Table
from troposphere.logs import LogGroup
from troposphere.serverless import AccessLogSettings, Function, Globals, HttpApiGlobals

n, fmt = int(sys.argv[1]), sys.argv[2]
# The workload has an output per function and a table: at N=500 that is beyond CloudFormation's 200-output and
# 500-resource quotas, which
# troposphere enforces. Both generators are told to allow it (infra: `--quotas warn`).
troposphere.MAX_OUTPUTS = 1_000_000
troposphere.MAX_RESOURCES = 1_000_000
t = Template()
t.set_version("2010-09-09")
t.set_transform("AWS::Serverless-2016-10-31")
t.add_resource(
    Table(
        "Records",
        AttributeDefinitions=[AttributeDefinition(AttributeName="id", AttributeType="S")],
        KeySchema=[KeySchema(AttributeName="id", KeyType="HASH")],
        BillingMode="PAY_PER_REQUEST",
        PointInTimeRecoverySpecification=PointInTimeRecoverySpecification(PointInTimeRecoveryEnabled=True),
        DeletionPolicy="Retain",
        UpdateReplacePolicy="Retain",
    )
)
t.add_resource(LogGroup("HttpApiAccessLogs", RetentionInDays=90))
ACCESS_LOG_FORMAT = (
    '{"integrationError":"$context.integrationErrorMessage","ip":"$context.identity.sourceIp",'
    '"requestId":"$context.requestId","requestTime":"$context.requestTime",'
    '"responseLength":"$context.responseLength","routeKey":"$context.routeKey","status":"$context.status"}'
)
t.set_globals(
    Globals(HttpApi=HttpApiGlobals(AccessLogSettings=AccessLogSettings(
        DestinationArn=GetAtt("HttpApiAccessLogs", "Arn"), Format=ACCESS_LOG_FORMAT)))
)
for i in range(n):
    t.add_resource(
        Function(
            f"Fn{i}Function",
            Architectures=["arm64"],
            MemorySize=512 + (i % 4) * 256,
            Timeout=15,
            CodeUri=".",
            Handler="bootstrap",
            Runtime="provided.al2023",
            Environment=Environment(Variables={"RECORDS_TABLE_NAME": Ref("Records")}),
            Policies=[{"DynamoDBCrudPolicy": {"TableName": Ref("Records")}}],
            # troposphere has no HttpApi event class: the event is written as a dict, as its users do.
            Events={"HttpApi": {"Type": "HttpApi", "Properties": {"Method": "POST", "Path": f"/fn{i}", "PayloadFormatVersion": "2.0"}}},
            Metadata={"BuildMethod": "rust-cargolambda", "BuildProperties": {"Binary": f"fn{i}"}},
        )
    )
    t.add_output(
        Output(
            f"Fn{i}Url",
            Description=f"URL of POST /fn{i}",
            Value=Sub(f"https://${{ServerlessHttpApi}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/fn{i}"),
        )
    )
print(t.to_yaml() if fmt == "yaml" else t.to_json())
