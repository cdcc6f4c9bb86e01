//! `AWS::SecretsManager::Secret`, declared with `#[cf_resources(secret(..))]`: a value that never sits in the
//! template or in an environment variable. Functions that `reads(..)` it get `secretsmanager:GetSecretValue` on
//! it alone and its ARN in an environment variable, and fetch the value at run time.

use serde_json::{Map, json};

use crate::registry::Contribution;
use crate::template::{DeletionPolicy, Resource};

/// Everything `#[cf_resources(secret(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecretSpec {
    /// The logical id.
    pub logical_id: &'static str,
    /// `Description`.
    pub description: Option<&'static str>,
    /// Secrets Manager generates a random value of this many characters when the secret is created (set the real
    /// value later with `aws secretsmanager put-secret-value`, or keep the generated one, e.g. for a password).
    pub length: u32,
    /// `DeletionPolicy`/`UpdateReplacePolicy: Retain` (the default): deleting the stack keeps the secret.
    pub retain: bool,
}

impl SecretSpec {
    /// The secret resource.
    pub fn contribute(&self) -> Contribution {
        let mut p = Map::new();
        if let Some(d) = self.description {
            p.insert("Description".into(), d.into());
        }
        p.insert(
            "GenerateSecretString".into(),
            json!({"PasswordLength": self.length}),
        );
        let mut r = Resource::new("AWS::SecretsManager::Secret");
        r.properties = p;
        if self.retain {
            r = r
                .deletion_policy(DeletionPolicy::Retain)
                .update_replace_policy(DeletionPolicy::Retain);
        }
        Contribution::new().resource(self.logical_id, r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_retained_secret() {
        let spec = SecretSpec {
            logical_id: "DbPassword",
            description: Some("the database password"),
            length: 40,
            retain: true,
        };
        let r = serde_json::to_value(&spec.contribute().resources[0].1).unwrap();
        assert_eq!(r["Type"], "AWS::SecretsManager::Secret");
        assert_eq!(
            r["Properties"]["GenerateSecretString"]["PasswordLength"],
            40
        );
        assert_eq!(r["DeletionPolicy"], "Retain");
    }
}
