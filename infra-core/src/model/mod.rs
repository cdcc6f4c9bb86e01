//! Typed builders for the resource families the attribute macros emit.
//!
//! Each module builds plain [`crate::Resource`]s; anything these helpers do not cover can always be written
//! with [`crate::Resource::property`].

pub mod function;
