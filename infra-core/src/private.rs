//! Everything generated code names. Not public API: no semver guarantees.

pub use inventory;

pub use crate::model::function::{Architecture, Code, Event, FunctionSpec};
pub use crate::registry::{Context, Contribution, Fragment, Origin};
