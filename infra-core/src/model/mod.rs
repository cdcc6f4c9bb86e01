//! Typed builders for the resource families the attribute macros emit.
//!
//! Each module builds plain [`crate::Resource`]s; anything these helpers do not cover can always be written
//! with [`crate::Resource::property`] and [`resources::Resources`].

pub mod alarm;
pub mod bucket;
pub mod ecr;
pub mod fargate;
pub mod function;
pub mod queue;
pub mod resources;
pub mod secret;
pub mod security_group;
pub mod table;
pub mod topic;
pub mod vpc;
