//! The fragment registry.
//!
//! `#[cf_function]` and `#[cf_resources]` each register one [`Fragment`]: a const record of where it was
//! declared and what it declares ([`Build`]: a handler's constant spec, or a `fn` that builds a
//! [`Contribution`] of resources, parameters, conditions, mappings, outputs and globals). Nothing is built until the generator runs [`collect`], which gathers every fragment linked into
//! the binary, builds them in source order and merges them into one [`Template`], reporting duplicates with
//! both locations.
//!
//! Fragments are gathered with `inventory`, which only sees crates the binary links: the template binary must
//! name the crates that declare resources, which [`crate::main!`] does.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::fmt;
use std::path::{Component, Path, PathBuf};

use serde_json::Map;

use crate::Value;
use crate::error::Diagnostic;
use crate::model::function::FunctionSpec;
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
    /// What it contributes, built once, when the generator runs.
    pub build: Build,
}

/// What a [`Fragment`] contributes.
#[derive(Clone, Copy, Debug)]
pub enum Build {
    /// A `#[cf_function]` handler: its constant spec, so each handler adds data, not code.
    Spec(&'static FunctionSpec),
    /// Anything else: a function that builds the contribution.
    Fn(fn(&Context) -> Contribution),
}

impl Build {
    /// Builds the contribution.
    pub fn run(self, ctx: &Context) -> Contribution {
        match self {
            Build::Spec(spec) => spec.contribute(ctx),
            Build::Fn(build) => build(ctx),
        }
    }
}

inventory::collect!(Fragment);

/// What the generator knows while fragments build: where the template will be written.
#[derive(Clone, Debug)]
pub struct Context {
    template_dir: PathBuf,
    dispatch: Option<String>,
    /// `(old, new)`: the checkout the crates were compiled in, and where it is now (see [`Context::moved`]).
    moved: Option<(PathBuf, PathBuf)>,
    /// Canonical forms already looked up: every function of a crate shares its package directory, so the
    /// filesystem is asked once per directory, not once per function.
    /// A list, as there is about one directory per crate.
    canonical: RefCell<Vec<(PathBuf, PathBuf)>>,
}

impl Context {
    /// A context for a template written into `template_dir`.
    pub fn new(template_dir: impl Into<PathBuf>) -> Self {
        let dir = template_dir.into();
        let dir = dir.canonicalize().unwrap_or(dir);
        Context {
            template_dir: dir,
            dispatch: None,
            moved: None,
            canonical: RefCell::default(),
        }
    }

    /// Package directories are compiled in (`env!("CARGO_MANIFEST_DIR")`), so a target directory reused after
    /// the checkout moved, or copied from another checkout, still names the old place. Given where a package
    /// was `compiled` and where it is `now`, this rebases every package directory under the old checkout onto
    /// the new one: the two paths' common tail (`examples/app` of `/old/examples/app` and
    /// `/new/examples/app`) tells the checkout's old and new roots. Paths outside the old root (crates from a
    /// registry) stay as they are, and so does every path when the old root is the filesystem's root.
    ///
    /// ```
    /// use infra_core::registry::Context;
    /// let ctx = Context::new("/new/examples/app").moved("/old/examples/app", "/new/examples/app");
    /// assert_eq!(ctx.relative_path("/old/examples/app", ""), ".");
    /// assert_eq!(ctx.relative_path("/old/shared", ""), "../../shared");
    /// assert_eq!(ctx.relative_path("/registry/dep", ""), "../../../registry/dep");
    /// // Compiled at the filesystem's root: nothing else is rebased.
    /// let ctx = Context::new("/x/app").moved("/app", "/x/app");
    /// assert_eq!(ctx.relative_path("/registry/dep", ""), "../../registry/dep");
    /// ```
    pub fn moved(mut self, compiled: impl AsRef<Path>, now: impl AsRef<Path>) -> Self {
        let (compiled, now) = (compiled.as_ref(), now.as_ref());
        let (a, b): (Vec<Component>, Vec<Component>) =
            (compiled.components().collect(), now.components().collect());
        let tail = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let root = |c: &[Component]| c[..c.len() - tail].iter().collect::<PathBuf>();
        let (old, new) = (root(&a), root(&b));
        // A checkout that was the filesystem's root (`/app` now at `/x/app`) says nothing about the other
        // packages: rebasing every path under `/` would move registry crates too.
        let bare_root = old.parent().is_none();
        self.moved = (old != new && !bare_root).then_some((old, new));
        self
    }

    /// Every zip function's code is the one binary `bin`, each with its logical id as `Handler`: the
    /// dispatch mode of the `dispatch` feature (see `infra_core::main!(crate; dispatch = "bin")`).
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
        let package_dir = Path::new(package_dir);
        let rebased = self.moved.as_ref().and_then(|(old, new)| {
            package_dir
                .strip_prefix(old)
                .ok()
                .map(|rest| new.join(rest))
        });
        let target = rebased.as_deref().unwrap_or(package_dir).join(sub);
        let cached = self
            .canonical
            .borrow()
            .iter()
            .find(|(t, _)| *t == target)
            .map(|(_, c)| c.clone());
        let target = cached.unwrap_or_else(|| {
            let canonical = target.canonicalize().unwrap_or_else(|_| target.clone());
            self.canonical
                .borrow_mut()
                .push((target, canonical.clone()));
            canonical
        });
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

    /// Adds a resource: a [`Resource`], or a typed one from [`crate::cfn`].
    pub fn resource(mut self, id: impl Into<String>, resource: impl Into<Resource>) -> Self {
        self.resources.push((id.into(), resource.into()));
        self
    }

    /// Adds a typed resource under its typed id, so [`Id::reference`](crate::cfn::Id::reference) and
    /// [`Id::att`](crate::cfn::Id::att) elsewhere refer to a resource of that type:
    ///
    /// ```
    /// # #[cfg(feature = "logs")] {
    /// use infra_core::Contribution;
    /// use infra_core::cfn::{Id, logs};
    ///
    /// const LOGS: Id<logs::LogGroup> = Id::named("AppLogs");
    /// let c = Contribution::new().add(&LOGS, logs::LogGroup::new().retention_in_days(30));
    /// assert_eq!(c.resources[0].1.kind, "AWS::Logs::LogGroup");
    /// assert_eq!(c.resources[0].1.properties["RetentionInDays"], 30);
    /// # }
    /// ```
    pub fn add<T: infra_cfn::CfnResource>(self, id: &infra_cfn::Id<T>, resource: T) -> Self {
        self.resource(id.name(), resource)
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

    /// The resource `id` of this contribution as the `Globals` section `section`: its properties but those in
    /// `own`, which a resource of the section writes for itself. The other resources (a log group the settings
    /// need) stay.
    pub fn into_globals(self, id: &str, section: &str, own: &[&str]) -> Self {
        let mut c = Contribution::new();
        for (rid, r) in self.resources {
            if rid != id {
                c = c.resource(rid, r);
                continue;
            }
            for (key, value) in r.properties {
                if !own.contains(&key.as_str()) {
                    c = c.global(section, key, value);
                }
            }
        }
        c
    }

    /// Adds everything of `other`.
    pub fn merge(mut self, other: Contribution) -> Self {
        self.resources.extend(other.resources);
        self.parameters.extend(other.parameters);
        self.mappings.extend(other.mappings);
        self.conditions.extend(other.conditions);
        self.outputs.extend(other.outputs);
        self.globals.extend(other.globals);
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
        let c = fragment.build.run(ctx);
        let t = &mut a.template;
        let mut claims = Claims {
            origins: &mut a.origins,
            diagnostics: &mut a.diagnostics,
            origin: fragment.origin,
        };
        claims.place(Section::Resources, &mut t.resources, c.resources);
        claims.place(Section::Parameters, &mut t.parameters, c.parameters);
        claims.place(Section::Mappings, &mut t.mappings, c.mappings);
        claims.place(Section::Conditions, &mut t.conditions, c.conditions);
        claims.place(Section::Outputs, &mut t.outputs, c.outputs);
        for (section, key, value) in c.globals {
            let entries = t.globals.entry(section.clone()).or_default();
            claims.global(entries, &section, key, value);
        }
        a.fragments += 1;
    }
    crate::model::function::http_api_access_logs(&mut a.template);
    a.template.finish();
    a
}

/// Records which fragment declared each entry while one fragment is merged.
struct Claims<'a> {
    origins: &'a mut Origins,
    diagnostics: &'a mut Vec<Diagnostic>,
    origin: Origin,
}

impl Claims<'_> {
    /// Inserts each item whose id is free; a taken id is a duplicate that names both places.
    fn place<T>(
        &mut self,
        section: Section,
        into: &mut BTreeMap<String, T>,
        items: Vec<(String, T)>,
    ) {
        for (id, item) in items {
            match self.origins.entry((section, id)) {
                Entry::Occupied(first) => {
                    self.diagnostics.push(duplicate(
                        section,
                        &first.key().1,
                        *first.get(),
                        self.origin,
                    ));
                }
                Entry::Vacant(slot) => {
                    let id = slot.key().1.clone();
                    slot.insert(self.origin);
                    into.insert(id, item);
                }
            }
        }
    }

    /// Sets one SAM global; the same global from two places is fine as long as they agree.
    fn global(
        &mut self,
        into: &mut Map<String, Value>,
        section: &str,
        property: String,
        value: Value,
    ) {
        match self
            .origins
            .entry((Section::Globals, format!("{section}.{property}")))
        {
            Entry::Occupied(first) => {
                if into.get(&property) != Some(&value) {
                    let message = format!(
                        "conflicting values for global `{}` (first set at {})",
                        first.key().1,
                        first.get()
                    );
                    self.diagnostics
                        .push(Diagnostic::error(Some(self.origin), message));
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(self.origin);
                into.insert(property, value);
            }
        }
    }
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
            build: Build::Fn(two_queues),
        };
        let b = Fragment {
            origin: origin("src/a.rs", 10),
            build: Build::Fn(one_queue),
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
            build: Build::Fn(one_queue),
        };
        let c = Fragment {
            origin: origin("src/c.rs", 3),
            build: Build::Fn(other_timeout),
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
