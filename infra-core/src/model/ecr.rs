//! `AWS::ECR::Repository`, declared with `#[cf_resources(ecr_repository(..))]`: a private image repository,
//! encrypted, scanned on push, its tags immutable, retained with its images.

/// A type declared with `#[cf_resources(ecr_repository(..))]`: services take it as their image
/// (`image = AppRepository`, its [`ContainerImage`](crate::ContainerImage)), and other resources name it
/// through [`CfRepository::SPEC`] and, with the `ecr` feature, its `arn()` and `uri()`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an ECR repository",
    label = "declare it with `#[cf_resources(ecr_repository)]`"
)]
pub trait CfRepository {
    /// What the attribute declared.
    const SPEC: RepositorySpec;

    /// Its `Arn`, for a role's statements.
    #[cfg(feature = "ecr")]
    fn arn() -> infra_cfn::Val<String> {
        infra_cfn::Val::expr(crate::intrinsic::get_att(Self::SPEC.logical_id, "Arn"))
    }

    /// Its `RepositoryUri` (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`), for a build's environment.
    #[cfg(feature = "ecr")]
    fn uri() -> infra_cfn::Val<String> {
        infra_cfn::Val::expr(crate::intrinsic::get_att(
            Self::SPEC.logical_id,
            "RepositoryUri",
        ))
    }
}

/// Everything `#[cf_resources(ecr_repository(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RepositorySpec {
    /// The logical id.
    pub logical_id: &'static str,
    /// `RepositoryName`; CloudFormation names it otherwise.
    pub name: Option<&'static str>,
    /// Basic scanning of every pushed image (on by default).
    pub scan_on_push: bool,
    /// A tag names one image for good (on by default): builds push new tags, never move old ones.
    pub immutable: bool,
    /// The lifecycle rule: expire all but the last `n` images.
    pub keep_last: Option<u32>,
    /// `DeletionPolicy` and `UpdateReplacePolicy: Retain` (on by default): the images outlive the stack.
    pub retain: bool,
}

#[cfg(feature = "ecr")]
impl RepositorySpec {
    /// The repository.
    pub fn contribute(&self) -> crate::Contribution {
        use crate::DeletionPolicy;
        use crate::template::Resource;
        use infra_cfn::ecr::{self, repository as r};

        let mut repo = ecr::Repository::new()
            .image_scanning_configuration(
                r::ImageScanningConfiguration::new().scan_on_push(self.scan_on_push),
            )
            .image_tag_mutability(if self.immutable {
                r::ImageTagMutability::Immutable
            } else {
                r::ImageTagMutability::Mutable
            })
            .encryption_configuration(r::EncryptionConfiguration::new(
                r::EncryptionConfigurationEncryptionType::Kms,
            ));
        if let Some(name) = self.name {
            repo = repo.repository_name(name);
        }
        if let Some(n) = self.keep_last {
            // ECR's lifecycle policy is a JSON document in a string.
            let text = serde_json::json!({"rules": [{
                "rulePriority": 1,
                "description": format!("keep the last {n} images"),
                "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": n},
                "action": {"type": "expire"},
            }]});
            repo = repo.lifecycle_policy(
                r::LifecyclePolicy::new().lifecycle_policy_text(text.to_string()),
            );
        }
        let mut resource = Resource::from(repo);
        if self.retain {
            resource = resource
                .deletion_policy(DeletionPolicy::Retain)
                .update_replace_policy(DeletionPolicy::Retain);
        }
        crate::Contribution::new().resource(self.logical_id, resource)
    }
}
