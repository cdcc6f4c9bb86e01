//! IAM policy documents, typed: the schemas type `PolicyDocument` and `AssumeRolePolicyDocument` as free JSON,
//! so these builders give them a shape and take typed values for resources and conditions.

use serde_json::{Map, Value};

use crate::Val;

/// An IAM policy document (version `2012-10-17`): the statements, in order. It converts into the [`Json`]
/// value that `AWS::IAM::Role`'s `AssumeRolePolicyDocument` and `Policies`, bucket and queue policies take.
///
/// ```
/// use infra_cfn::policy::{PolicyDocument, Statement};
/// use infra_cfn::Val;
/// let trust = PolicyDocument::assume_role("ecs-tasks.amazonaws.com");
/// let read = PolicyDocument::new().statement(
///     Statement::allow(["s3:GetObject"]).resource(Val::sub("${Uploads.Arn}/*")),
/// );
/// assert_eq!(
///     serde_json::Value::from(read),
///     serde_json::json!({"Version": "2012-10-17", "Statement": [
///         {"Effect": "Allow", "Action": "s3:GetObject", "Resource": {"Fn::Sub": "${Uploads.Arn}/*"}},
///     ]}),
/// );
/// # let _ = trust;
/// ```
///
/// [`Json`]: crate::Json
#[derive(Clone, Default)]
#[must_use]
pub struct PolicyDocument {
    statements: Vec<Statement>,
}

impl PolicyDocument {
    /// A document with no statements yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The trust policy that lets an AWS service (`ecs-tasks.amazonaws.com`, `codebuild.amazonaws.com`, ...)
    /// assume the role: one statement allowing `sts:AssumeRole` to that service principal.
    pub fn assume_role(service: impl Into<Val<String>>) -> Self {
        Self::new().statement(Statement::allow(["sts:AssumeRole"]).service_principal(service))
    }

    /// Appends a statement.
    pub fn statement(mut self, statement: Statement) -> Self {
        self.statements.push(statement);
        self
    }
}

impl From<PolicyDocument> for Value {
    fn from(document: PolicyDocument) -> Value {
        let statements = document.statements.into_iter().map(Value::from).collect();
        let mut map = Map::new();
        map.insert("Version".into(), "2012-10-17".into());
        map.insert("Statement".into(), Value::Array(statements));
        Value::Object(map)
    }
}

/// One statement of a [`PolicyDocument`]: its effect, actions, resources, principal and conditions. A single
/// action or resource is written as a string, several as a list, as IAM's own examples write them.
#[derive(Clone)]
#[must_use]
pub struct Statement {
    effect: &'static str,
    actions: Vec<Value>,
    resources: Vec<Value>,
    principal: Option<Value>,
    conditions: Map<String, Value>,
}

impl Statement {
    fn new(effect: &'static str, actions: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Statement {
            effect,
            actions: actions
                .into_iter()
                .map(|a| Value::String(a.into()))
                .collect(),
            resources: Vec::new(),
            principal: None,
            conditions: Map::new(),
        }
    }

    /// A statement that allows `actions` (`"ecr:PutImage"`, ...).
    pub fn allow(actions: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self::new("Allow", actions)
    }

    /// A statement that denies `actions`.
    pub fn deny(actions: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self::new("Deny", actions)
    }

    /// Adds a resource the statement applies to: an ARN, a `GetAtt` of one, or a `Sub` that builds one.
    /// `"*"` is every resource; the template generator refuses it in a role unless the resource says why
    /// (`Resource::broad_permissions` in infra-core).
    pub fn resource(mut self, arn: impl Into<Val<String>>) -> Self {
        self.resources.push(arn.into().into_value());
        self
    }

    /// The AWS service the statement is granted to (`Principal: {Service: ..}`), as trust policies name it.
    pub fn service_principal(mut self, service: impl Into<Val<String>>) -> Self {
        let mut principal = Map::new();
        principal.insert("Service".into(), service.into().into_value());
        self.principal = Some(Value::Object(principal));
        self
    }

    /// Adds a condition: `operator` (`StringEquals`, `ArnLike`, ...) on the context `key`
    /// (`iam:PassedToService`, `aws:SourceArn`, ...) with `value`.
    pub fn condition(
        mut self,
        operator: &str,
        key: impl Into<String>,
        value: impl Into<Val<String>>,
    ) -> Self {
        let test = self
            .conditions
            .entry(operator)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(test) = test {
            test.insert(key.into(), value.into().into_value());
        }
        self
    }
}

/// One item as itself, several as a list.
fn one_or_list(mut items: Vec<Value>) -> Value {
    if items.len() == 1 {
        items.remove(0)
    } else {
        Value::Array(items)
    }
}

impl From<Statement> for Value {
    fn from(s: Statement) -> Value {
        let mut map = Map::new();
        map.insert("Effect".into(), s.effect.into());
        map.insert("Action".into(), one_or_list(s.actions));
        if !s.resources.is_empty() {
            map.insert("Resource".into(), one_or_list(s.resources));
        }
        if let Some(principal) = s.principal {
            map.insert("Principal".into(), principal);
        }
        if !s.conditions.is_empty() {
            map.insert("Condition".into(), Value::Object(s.conditions));
        }
        Value::Object(map)
    }
}
