//! The fragment registry.
//!
//! `#[cf_function]` and `#[cf_resources]` each register one [`Fragment`]: a const record of where it was
//! declared and a `fn` that builds its [`Contribution`] (resources, parameters, conditions, mappings, outputs,
//! globals). Nothing is built until the generator runs [`collect`], which gathers every fragment linked into
//! the binary, builds them in source order and merges them into one [`Template`], reporting duplicates with
//! both locations.
//!
//! Fragments are gathered with `inventory`, which only sees crates the binary links: the template binary must
//! name the crates that declare resources, which [`crate::main!`] does.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};

use serde_json::Map;

use crate::Value;
use crate::error::Diagnostic;
use crate::template::{Output, Parameter, Resource, Template};

/// Where a fragment was declared: `file!()`, `line!()` and `module_path!()` at the annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// The source file, as rustc names it (relative to the workspace for workspace members).
    pub file: &'static str,
    /// The line of the annotation.
    pub line: u32,
    /// The module path, whose first segment is the crate.
    pub module: &'static str,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One registration, made by the attribute macros (or by hand with [`crate::fragment!`]).
#[derive(Debug)]
pub struct Fragment {
    /// Where it was declared.
    pub origin: Origin,
    /// Builds what it contributes; called once, when the generator runs.
    pub build: fn(&Context) -> Contribution,
}

inventory::collect!(Fragment);

/// What the generator knows while fragments build: where the template will be written.
#[derive(Clone, Debug)]
pub struct Context {
    template_dir: PathBuf,
    dispatch: Option<String>,
}

impl Context {
    /// A context for a template written into `template_dir`.
    pub fn new(template_dir: impl Into<PathBuf>) -> Self {
        let dir = template_dir.into();
        let dir = dir.canonicalize().unwrap_or(dir);
        Context {
            template_dir: dir,
            dispatch: None,
        }
    }

    /// Every zip function's code is the one binary `bin`, each with its logical id as `Handler`: the
    /// [`crate::dispatch`] mode (see `infra_core::main!(crate; dispatch = "bin")`).
    pub fn with_dispatch(mut self, bin: impl Into<String>) -> Self {
        self.dispatch = Some(bin.into());
        self
    }

    /// The one binary of the dispatch mode, if the generator runs in it.
    pub fn dispatch(&self) -> Option<&str> {
        self.dispatch.as_deref()
    }

    /// The directory the template is written to.
    pub fn template_dir(&self) -> &Path {
        &self.template_dir
    }

    /// `package_dir/sub`, relative to the template's directory, with `/` separators (`.` for the directory
    /// itself). This keeps build-machine paths out of the template: `CodeUri` and `DockerContext` work from
    /// wherever the template and the package sit relative to each other.
    ///
    /// ```
    /// use infra_core::registry::Context;
    /// let ctx = Context::new("/repo/examples/app");
    /// assert_eq!(ctx.relative_path("/repo/examples/app", ""), ".");
    /// assert_eq!(ctx.relative_path("/repo/examples/app", "model"), "model");
    /// assert_eq!(Context::new("/repo").relative_path("/repo/examples/app", "model"), "examples/app/model");
    /// assert_eq!(Context::new("/repo/out").relative_path("/repo/examples/app", ""), "../examples/app");
    /// ```
    pub fn relative_path(&self, package_dir: &str, sub: &str) -> String {
        let target = Path::new(package_dir).join(sub);
        let target = target.canonicalize().unwrap_or(target);
        let from: Vec<Component> = self.template_dir.components().collect();
        let to: Vec<Component> = target
            .components()
            .filter(|c| *c != Component::CurDir)
            .collect();
        let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
        let parts: Vec<String> = std::iter::repeat_n("..".to_owned(), from.len() - common)
            .chain(
                to[common..]
                    .iter()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned()),
            )
            .collect();
        if parts.is_empty() {
            ".".to_owned()
        } else {
            parts.join("/")
        }
    }
}

/// What one fragment adds to the template. Built with chained calls:
///
/// ```
/// use infra_core::{Contribution, Parameter, Resource};
/// let c = Contribution::new()
///     .parameter("Stage", Parameter::string().default_value("dev"))
///     .resource("Queue", Resource::new("AWS::SQS::Queue").property("VisibilityTimeout", 60));
/// assert_eq!(c.resources.len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Contribution {
    /// Resources, by logical id.
    pub resources: Vec<(String, Resource)>,
    /// Parameters, by logical id.
    pub parameters: Vec<(String, Parameter)>,
    /// Mappings, by name.
    pub mappings: Vec<(String, Value)>,
    /// Conditions, by name.
    pub conditions: Vec<(String, Value)>,
    /// Outputs, by logical id.
    pub outputs: Vec<(String, Output)>,
    /// SAM globals: `(section, property, value)`, e.g. `("Function", "Timeout", 10)`.
    pub globals: Vec<(String, String, Value)>,
}

impl Contribution {
    /// Nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a resource.
    pub fn resource(mut self, id: impl Into<String>, resource: Resource) -> Self {
        self.resources.push((id.into(), resource));
        self
    }

    /// Adds a parameter.
    pub fn parameter(mut self, id: impl Into<String>, parameter: Parameter) -> Self {
        self.parameters.push((id.into(), parameter));
        self
    }

    /// Adds a mapping.
    pub fn mapping(mut self, name: impl Into<String>, mapping: impl Into<Value>) -> Self {
        self.mappings.push((name.into(), mapping.into()));
        self
    }

    /// Adds a condition.
    pub fn condition(mut self, name: impl Into<String>, condition: impl Into<Value>) -> Self {
        self.conditions.push((name.into(), condition.into()));
        self
    }

    /// Adds an output.
    pub fn output(mut self, id: impl Into<String>, output: Output) -> Self {
        self.outputs.push((id.into(), output));
        self
    }

    /// Sets one SAM global property, e.g. `global("Function", "Tracing", "Active")`.
    pub fn global(
        mut self,
        section: impl Into<String>,
        property: impl Into<String>,
        value: impl Into<Value>,
    ) -> Self {
        self.globals
            .push((section.into(), property.into(), value.into()));
        self
    }
}

/// The template sections an origin can be recorded for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// `Resources`.
    Resources,
    /// `Parameters`.
    Parameters,
    /// `Mappings`.
    Mappings,
    /// `Conditions`.
    Conditions,
    /// `Outputs`.
    Outputs,
    /// `Globals` (keyed `Section.Property`).
    Globals,
}

impl Section {
    /// The section's name in the template.
    pub fn name(self) -> &'static str {
        match self {
            Section::Resources => "Resources",
            Section::Parameters => "Parameters",
            Section::Mappings => "Mappings",
            Section::Conditions => "Conditions",
            Section::Outputs => "Outputs",
            Section::Globals => "Globals",
        }
    }

    fn singular(self) -> &'static str {
        match self {
            Section::Resources => "resource",
            Section::Parameters => "parameter",
            Section::Mappings => "mapping",
            Section::Conditions => "condition",
            Section::Outputs => "output",
            Section::Globals => "global",
        }
    }
}

/// Which fragment declared each template entry.
pub type Origins = BTreeMap<(Section, String), Origin>;

/// A template merged from fragments, with the origin of each entry and the problems met while merging.
#[derive(Debug)]
pub struct Assembly {
    /// The merged template.
    pub template: Template,
    /// The origin of each entry.
    pub origins: Origins,
    /// Merge problems (duplicate ids), each naming both locations.
    pub diagnostics: Vec<Diagnostic>,
    /// How many fragments were built.
    pub fragments: usize,
}

/// Builds every fragment linked into this binary and merges them.
pub fn collect(ctx: &Context) -> Assembly {
    assemble(inventory::iter::<Fragment>, ctx)
}

/// Builds and merges the given fragments. They are built in source order (file, line), whatever order the
/// linker put them in, so the output and the diagnostics never depend on the build profile.
pub fn assemble<'a>(fragments: impl IntoIterator<Item = &'a Fragment>, ctx: &Context) -> Assembly {
    let mut fragments: Vec<&Fragment> = fragments.into_iter().collect();
    fragments.sort_by_key(|f| f.origin);
    let mut a = Assembly {
        template: Template::new(),
        origins: Origins::new(),
        diagnostics: Vec::new(),
        fragments: 0,
    };
    for fragment in &fragments {
        let c = (fragment.build)(ctx);
        let origin = fragment.origin;
        let t = &mut a.template;
        for (id, r) in c.resources {
            merge(
                &mut t.resources,
                &mut a.origins,
                &mut a.diagnostics,
                Section::Resources,
                id,
                r,
                origin,
            );
        }
        for (id, p) in c.parameters {
            merge(
                &mut t.parameters,
                &mut a.origins,
                &mut a.diagnostics,
                Section::Parameters,
                id,
                p,
                origin,
            );
        }
        for (id, m) in c.mappings {
            merge(
                &mut t.mappings,
                &mut a.origins,
                &mut a.diagnostics,
                Section::Mappings,
                id,
                m,
                origin,
            );
        }
        for (id, cond) in c.conditions {
            merge(
                &mut t.conditions,
                &mut a.origins,
                &mut a.diagnostics,
                Section::Conditions,
                id,
                cond,
                origin,
            );
        }
        for (id, o) in c.outputs {
            merge(
                &mut t.outputs,
                &mut a.origins,
                &mut a.diagnostics,
                Section::Outputs,
                id,
                o,
                origin,
            );
        }
        for (section, key, value) in c.globals {
            let entries = t.globals.entry(section.clone()).or_default();
            let id = format!("{section}.{key}");
            merge_map(
                entries,
                &mut a.origins,
                &mut a.diagnostics,
                id,
                key,
                value,
                origin,
            );
        }
        a.fragments += 1;
    }
    a.template.finish();
    a
}

#[allow(clippy::too_many_arguments)]
fn merge<T: PartialEq>(
    into: &mut BTreeMap<String, T>,
    origins: &mut Origins,
    diags: &mut Vec<Diagnostic>,
    section: Section,
    id: String,
    item: T,
    origin: Origin,
) {
    let key = (section, id);
    if let Some(first) = origins.get(&key) {
        diags.push(duplicate(section, &key.1, *first, origin));
        return;
    }
    origins.insert(key.clone(), origin);
    into.insert(key.1, item);
}

fn merge_map(
    into: &mut Map<String, Value>,
    origins: &mut Origins,
    diags: &mut Vec<Diagnostic>,
    id: String,
    property: String,
    value: Value,
    origin: Origin,
) {
    let key = (Section::Globals, id);
    if let Some(first) = origins.get(&key) {
        // The same global from two places is fine as long as they agree.
        if into.get(&property) != Some(&value) {
            diags.push(Diagnostic::error(
                Some(origin),
                format!(
                    "conflicting values for global `{}` (first set at {first})",
                    key.1
                ),
            ));
        }
        return;
    }
    origins.insert(key, origin);
    into.insert(property, value);
}

fn duplicate(section: Section, id: &str, first: Origin, second: Origin) -> Diagnostic {
    Diagnostic::error(
        Some(second),
        format!(
            "duplicate {} logical id `{id}`: declared at {first} and at {second}",
            section.singular()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(file: &'static str, line: u32) -> Origin {
        Origin {
            file,
            line,
            module: "app",
        }
    }

    fn two_queues(_: &Context) -> Contribution {
        Contribution::new().resource("Queue", Resource::new("AWS::SQS::Queue"))
    }

    fn one_queue(_: &Context) -> Contribution {
        Contribution::new()
            .resource("Queue", Resource::new("AWS::SQS::Queue"))
            .global("Function", "Timeout", 3)
    }

    fn other_timeout(_: &Context) -> Contribution {
        Contribution::new().global("Function", "Timeout", 9)
    }

    #[test]
    fn duplicate_ids_name_both_locations_whatever_the_link_order() {
        let a = Fragment {
            origin: origin("src/b.rs", 20),
            build: two_queues,
        };
        let b = Fragment {
            origin: origin("src/a.rs", 10),
            build: one_queue,
        };
        for order in [[&a, &b], [&b, &a]] {
            let asm = assemble(order, &Context::new("."));
            assert_eq!(asm.fragments, 2);
            let msgs: Vec<String> = asm.diagnostics.iter().map(ToString::to_string).collect();
            assert_eq!(
                msgs,
                [
                    "src/b.rs:20: error: duplicate resource logical id `Queue`: declared at src/a.rs:10 and at src/b.rs:20"
                ]
            );
            assert_eq!(asm.origins[&(Section::Resources, "Queue".into())], b.origin);
        }
    }

    #[test]
    fn globals_merge_and_conflicts_are_reported() {
        let a = Fragment {
            origin: origin("src/a.rs", 1),
            build: one_queue,
        };
        let c = Fragment {
            origin: origin("src/c.rs", 3),
            build: other_timeout,
        };
        let asm = assemble([&a, &c], &Context::new("."));
        assert_eq!(asm.template.globals["Function"]["Timeout"], 3);
        assert_eq!(asm.diagnostics.len(), 1);
        assert!(
            asm.diagnostics[0]
                .message
                .contains("conflicting values for global `Function.Timeout`")
        );
        assert_eq!(asm.template.transform, [crate::template::SAM_TRANSFORM]);
    }
}
