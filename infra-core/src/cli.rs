//! The `template` generator's command line, called by [`crate::main!`].
//!
//! ```text
//! Generates the CloudFormation/SAM template for the resources declared in this binary's crates
//!
//! Usage: template [OPTIONS]
//!
//! Options:
//!   -f, --format <FORMAT>  Output format [default: yaml, or the extension of --output/--check]
//!                          [possible values: yaml, json]
//!   -o, --output <PATH>    Write the template to PATH atomically (the old file stays intact on any error)
//!       --check <PATH>     Exit non-zero, naming what differs, when PATH is not the template this code generates
//!       --previous <PATH>  Compare with the template at PATH instead of the one --output or --check replaces,
//!                          refusing what would delete or replace a stateful resource
//!       --allow-replace <ID>
//!                          Allow the removal, rename or replacement of resource ID (repeatable)
//!       --quotas <QUOTAS>  Severity of CloudFormation's count quotas (resources after the SAM transform,
//!                          parameters, outputs, mappings) [default: error] [possible values: error, warn]
//!   -h, --help             Print help
//! ```
//!
//! `--output` and `--check` compare the new template with the file they replace or check (or with
//! `--previous`) and refuse, naming the resource, its `file:line` and the way out, any change that would make
//! CloudFormation delete or replace a stateful resource: see [`crate::guard`].
//!
//! A usage mistake exits with status 2 and names the valid choices:
//!
//! ```text
//! error: unknown option `--fromat`; did you mean `--format`?
//!   expected one of `--format`, `--output`, `--check`, `--previous`, `--allow-replace`, `--quotas`, `--help`
//! ```
//!
//! The arguments are read with [lexopt](https://docs.rs/lexopt) rather than clap: four options do not need
//! clap's derive and builder, which took about 5 s of CPU time in every clean build of a user's crate
//! (BENCHMARKS.md, compile cost).

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::error::{Diagnostic, Error, Severity, did_you_mean};
use crate::guard::{self, Previous};
use crate::output::{Format, render};
use crate::registry::{self, Context};
use crate::validate;

/// What the help prints after its first line; `{bin}` is the binary's name.
const HELP: &str = "\
Generates the CloudFormation/SAM template for the resources declared in this binary's crates

Usage: {bin} [OPTIONS]

Options:
  -f, --format <FORMAT>  Output format [default: yaml, or the extension of --output/--check]
                         [possible values: yaml, json]
  -o, --output <PATH>    Write the template to PATH atomically (the old file stays intact on any error)
      --check <PATH>     Exit non-zero, naming what differs, when PATH is not the template this code generates
      --previous <PATH>  Compare with the template at PATH instead of the one --output or --check replaces,
                         refusing what would delete or replace a stateful resource
      --allow-replace <ID>
                         Allow the removal, rename or replacement of resource ID (repeatable)
      --quotas <QUOTAS>  Severity of CloudFormation's count quotas (resources after the SAM transform,
                         parameters, outputs, mappings) [default: error] [possible values: error, warn]
  -h, --help             Print help
";

/// The long options, in the order the help lists them.
const OPTIONS: [&str; 7] = [
    "--format",
    "--output",
    "--check",
    "--previous",
    "--allow-replace",
    "--quotas",
    "--help",
];

/// The parsed command line.
#[derive(Debug, PartialEq)]
struct Args {
    help: bool,
    format: Option<Format>,
    output: Option<PathBuf>,
    check: Option<PathBuf>,
    previous: Option<PathBuf>,
    allow_replace: Vec<String>,
    quota: Severity,
}

/// Reads the arguments after the binary's name; the error is the message for a usage mistake.
fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Args, String> {
    use lexopt::Arg::{Long, Short, Value};
    let mut parser = lexopt::Parser::from_args(args);
    let mut args = Args {
        help: false,
        format: None,
        output: None,
        check: None,
        previous: None,
        allow_replace: Vec::new(),
        quota: Severity::Error,
    };
    let mut seen = Vec::new();
    while let Some(arg) = parser.next().map_err(usage)? {
        let option = match arg {
            Short('h') | Long("help") => {
                if parser.optional_value().is_some() {
                    return Err("`--help` takes no value".into());
                }
                args.help = true;
                return Ok(args);
            }
            Short('f') | Long("format") => "--format",
            Short('o') | Long("output") => "--output",
            Long("check") => "--check",
            Long("previous") => "--previous",
            Long("allow-replace") => "--allow-replace",
            Long("quotas") => "--quotas",
            Short(c) => return Err(unknown(&format!("-{c}"))),
            Long(name) => return Err(unknown(&format!("--{name}"))),
            Value(v) => {
                return Err(format!(
                    "unexpected argument `{}`: the generator takes options only",
                    v.to_string_lossy()
                ));
            }
        };
        if seen.contains(&option) && option != "--allow-replace" {
            return Err(format!("`{option}` is given more than once"));
        }
        seen.push(option);
        let value = parser.value().map_err(usage)?;
        match option {
            "--format" => {
                args.format = Some(choice(
                    option,
                    &value,
                    [("yaml", Format::Yaml), ("json", Format::Json)],
                )?);
            }
            "--output" => args.output = Some(value.into()),
            "--check" => args.check = Some(value.into()),
            "--previous" => args.previous = Some(value.into()),
            "--allow-replace" => {
                let id = value.to_string_lossy().into_owned();
                if !validate::is_logical_id(&id) {
                    return Err(format!(
                        "`--allow-replace {id}`: a logical id is 1 to 255 ASCII letters and digits"
                    ));
                }
                args.allow_replace.push(id);
            }
            _ => {
                args.quota = choice(
                    option,
                    &value,
                    [("error", Severity::Error), ("warn", Severity::Warning)],
                )?;
            }
        }
    }
    if args.output.is_some() && args.check.is_some() {
        return Err(
            "`--output` and `--check` cannot be used together: one writes the file, the other \
                    compares it"
                .into(),
        );
    }
    Ok(args)
}

fn unknown(option: &str) -> String {
    let hint = did_you_mean(option, OPTIONS.into_iter())
        .map(|o| format!("; did you mean `{o}`?"))
        .unwrap_or_default();
    format!(
        "unknown option `{option}`{hint}\n  expected one of {}",
        OPTIONS.map(|o| format!("`{o}`")).join(", ")
    )
}

/// lexopt's errors, in our words. Options are matched before lexopt could object to one, so a missing
/// value is the error that remains (and `--help=x`, refused before lexopt sees it).
fn usage(e: lexopt::Error) -> String {
    match e {
        lexopt::Error::MissingValue {
            option: Some(option),
        } => format!("`{option}` needs a value"),
        e => e.to_string(),
    }
}

fn choice<T: Copy, const N: usize>(
    option: &str,
    value: &OsStr,
    choices: [(&str, T); N],
) -> Result<T, String> {
    let value = value.to_string_lossy();
    if let Some((_, v)) = choices.iter().find(|(name, _)| *name == value) {
        return Ok(*v);
    }
    let names = choices.map(|(name, _)| name);
    let hint = did_you_mean(&value, names.into_iter())
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_default();
    Err(format!(
        "invalid value `{value}` for `{option}`{hint}\n  expected one of {}",
        names.map(|n| format!("`{n}`")).join(", ")
    ))
}

/// The package of the `template` binary, as [`crate::main!`] compiles it in.
#[derive(Clone, Copy, Debug)]
pub struct Package {
    /// `CARGO_PKG_NAME`.
    pub name: &'static str,
    /// `CARGO_PKG_DESCRIPTION`: the template's `Description` unless empty.
    pub description: &'static str,
    /// `CARGO_MANIFEST_DIR` when it was compiled.
    pub manifest_dir: &'static str,
}

/// Runs the generator with the process's arguments: parse, collect, validate, emit.
///
/// `crates` are the crates the binary names (used in the message when nothing was registered); `package` is
/// the binary's own; `dispatch` names the one binary of the
/// [dispatch mode](crate::registry::Context::with_dispatch), if used.
///
/// Under `cargo run`, Cargo tells the binary where its package is now (`CARGO_MANIFEST_DIR`, with
/// `CARGO_PKG_NAME` naming the same package): when that differs from where it was compiled, the checkout has
/// moved or the target directory came from another one, and package paths are rebased
/// ([`Context::moved`]), so `CodeUri` and `DockerContext` never point into another checkout.
pub fn run(crates: &[&str], package: Package, dispatch: Option<&str>) -> ExitCode {
    let mut argv = std::env::args_os();
    let bin = argv
        .next()
        .and_then(|a| Some(Path::new(&a).file_stem()?.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "template".into());
    let args = match parse(argv) {
        Ok(args) if args.help => {
            print!("{}", HELP.replace("{bin}", &bin));
            return ExitCode::SUCCESS;
        }
        Ok(args) => args,
        Err(message) => {
            eprintln!(
                "error: {message}\n\nUsage: {bin} [OPTIONS]\n\nFor more information, try `--help`."
            );
            return ExitCode::from(2);
        }
    };
    let now = std::env::var_os("CARGO_MANIFEST_DIR")
        .filter(|_| std::env::var_os("CARGO_PKG_NAME").is_some_and(|n| n == package.name))
        .map(PathBuf::from);
    match generate(&args, &bin, package, now.as_deref(), dispatch) {
        Ok(warnings) => {
            for w in warnings {
                eprintln!("{w}");
            }
            ExitCode::SUCCESS
        }
        Err(Error::NoFragments) => {
            eprintln!("error: {}", Error::NoFragments);
            eprintln!("note: this binary names: {}", crates.join(", "));
            ExitCode::FAILURE
        }
        Err(e @ (Error::Invalid(_) | Error::Stale { .. })) => {
            eprint!("{e}");
            if matches!(e, Error::Invalid(_)) {
                eprintln!();
            }
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn format_for(flag: Option<Format>, path: Option<&Path>) -> Format {
    flag.unwrap_or(match path.and_then(Path::extension) {
        Some(e) if e == "json" => Format::Json,
        _ => Format::Yaml,
    })
}

fn generate(
    args: &Args,
    bin: &str,
    package: Package,
    now: Option<&Path>,
    dispatch: Option<&str>,
) -> Result<Vec<Diagnostic>, Error> {
    let target = args.output.as_deref().or(args.check.as_deref());
    let dir = match target.and_then(Path::parent) {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let format = format_for(args.format, target);
    let mut ctx = Context::new(dir);
    if let Some(now) = now {
        ctx = ctx.moved(package.manifest_dir, now);
    }
    if let Some(bin) = dispatch {
        ctx = ctx.with_dispatch(bin);
    }
    let previous = match (&args.previous, target) {
        (Some(path), _) => match read_previous(path)? {
            Some(previous) => Some(previous),
            None if path.exists() => {
                return Err(io(
                    path,
                    std::io::Error::other("the file holds no template"),
                ));
            }
            None => return Err(io(path, std::io::ErrorKind::NotFound.into())),
        },
        (None, Some(path)) => read_previous(path)?,
        (None, None) => None,
    };
    let (body, mut warnings) = build_guarded(
        &ctx,
        package.description,
        format,
        args.quota,
        previous
            .as_ref()
            .map(|p| (p, args.allow_replace.as_slice())),
    )?;
    if previous.is_none() {
        for a in &args.allow_replace {
            warnings.push(Diagnostic::warning(
                None,
                format!(
                    "`--allow-replace {a}` allows nothing: there is no previous template to compare with (give \
                     the deployed one with `--previous`, or write over it with `--output`)"
                ),
            ));
        }
    }
    if let Some(path) = &args.output {
        write_atomically(path, &body)?;
    } else if let Some(path) = &args.check {
        check(path, &body, format, bin)?;
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(body.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| io("<stdout>", e))?;
    }
    Ok(warnings)
}

/// The template at `path`, for the [guard](crate::guard); `None` when there is no file. YAML must be in the
/// generator's layout ([`crate::output::from_yaml`]); JSON may be any.
fn read_previous(path: &Path) -> Result<Option<Previous>, Error> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(path, e)),
    };
    // An empty file (or one of blank and comment lines) holds no resources to protect: like no file.
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Ok(None);
    }
    let format = if text.trim_start().starts_with('{') {
        Format::Json
    } else {
        Format::Yaml
    };
    let template = match format {
        Format::Json => serde_json::from_str(&text).map_err(|e| e.line()),
        Format::Yaml => crate::output::from_yaml(&text),
    }
    .map_err(|line| Error::Unreadable {
        path: path.display().to_string(),
        line,
    })?;
    let lines = entries(&text, format)
        .map(|e| {
            e.into_iter()
                .filter_map(|(k, lines)| {
                    Some((k.strip_prefix("Resources.")?.to_owned(), lines[0].0))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Some(Previous {
        path: path.display().to_string(),
        template,
        lines,
    }))
}

/// Collects, validates and renders; returns the body and the warnings, or every problem.
pub fn build(
    ctx: &Context,
    description: &str,
    format: Format,
) -> Result<(String, Vec<Diagnostic>), Error> {
    build_with(ctx, description, format, Severity::Error)
}

/// [`build`], with the count quotas at `quota` severity.
pub fn build_with(
    ctx: &Context,
    description: &str,
    format: Format,
    quota: Severity,
) -> Result<(String, Vec<Diagnostic>), Error> {
    build_guarded(ctx, description, format, quota, None)
}

/// [`build_with`], also refusing what would delete or replace a stateful resource of `previous` (with the
/// ids allowed to change): see [`crate::guard`].
pub fn build_guarded(
    ctx: &Context,
    description: &str,
    format: Format,
    quota: Severity,
    previous: Option<(&Previous, &[String])>,
) -> Result<(String, Vec<Diagnostic>), Error> {
    let asm = registry::collect(ctx);
    if asm.fragments == 0 {
        return Err(Error::NoFragments);
    }
    let mut template = asm.template;
    if !description.is_empty() {
        template.description = Some(description.to_owned());
    }
    let mut diags = asm.diagnostics;
    diags.extend(validate::validate_with(&template, &asm.origins, quota));
    #[cfg(feature = "dispatch")]
    if let Some(bin) = ctx.dispatch() {
        diags.extend(crate::dispatch::unregistered(&template, &asm.origins, bin));
    }
    if let Some((previous, allowed)) = previous {
        diags.extend(guard::guard(previous, &template, &asm.origins, allowed));
    }
    let body = render(&template, format);
    diags.extend(validate::check_size(&body));
    diags.sort_by(|a, b| {
        (a.severity, a.origin, &a.message).cmp(&(b.severity, b.origin, &b.message))
    });
    if diags.iter().any(Diagnostic::is_error) {
        return Err(Error::Invalid(diags));
    }
    Ok((body, diags))
}

fn io(path: impl AsRef<Path>, source: std::io::Error) -> Error {
    Error::Io {
        path: path.as_ref().display().to_string(),
        source,
    }
}

/// Writes `body` to `path` so that no reader sees part of a template: into a temporary file beside the file
/// that is replaced (a symbolic link's target, so the link stays a link, even a dangling one), synced, with the
/// old file's permissions, then renamed over it. A file with other hard links is rewritten in place instead,
/// so every link keeps seeing the template. A SIGINT or SIGTERM that arrives meanwhile is held until the file
/// is whole or untouched: the temporary file is removed, the old file stays as it was, and the process then
/// ends by that signal, as it would have.
fn write_atomically(path: &Path, body: &str) -> Result<(), Error> {
    let held = signals::Held::new();
    let result = resolve_links(path).and_then(|target| write_to(&target, body, &held));
    held.end();
    result.map_err(|e| io(path, e))
}

/// `path` with every symbolic link followed (the last may dangle: then its target is created).
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = p.parent().map_or_else(|| to.clone(), |dir| dir.join(&to));
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

fn write_to(target: &Path, body: &str, held: &signals::Held) -> std::io::Result<()> {
    let existing = std::fs::metadata(target).ok();
    if existing.as_ref().is_some_and(signals::has_other_links) {
        if held.received() {
            return Ok(());
        }
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(target)?;
        f.write_all(body.as_bytes())?;
        return f.sync_all();
    }
    let name = target
        .file_name()
        .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
    let tmp = target.with_file_name(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(body.as_bytes())?;
        if let Some(m) = &existing {
            f.set_permissions(m.permissions())?;
        }
        f.sync_all()?;
        held.test_hold();
        if held.received() {
            return Err(std::io::ErrorKind::Interrupted.into());
        }
        std::fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// SIGINT and SIGTERM held for the length of a write (a no-op where there are no such signals).
mod signals {
    #[cfg(unix)]
    pub use unix::*;

    #[cfg(unix)]
    mod unix {
        use std::os::unix::fs::MetadataExt;
        use std::sync::Arc;
        use std::sync::atomic::{AtomicUsize, Ordering};

        use signal_hook::consts::{SIGINT, SIGTERM};

        /// True when another hard link shares the file.
        pub fn has_other_links(m: &std::fs::Metadata) -> bool {
            m.nlink() > 1
        }

        /// The signals, caught into a flag instead of ending the process.
        pub struct Held {
            signal: Arc<AtomicUsize>,
            ids: Vec<signal_hook::SigId>,
        }

        impl Held {
            pub fn new() -> Held {
                let signal = Arc::new(AtomicUsize::new(0));
                let ids = [SIGINT, SIGTERM]
                    .into_iter()
                    .filter_map(|s| {
                        signal_hook::flag::register_usize(s, signal.clone(), s as usize).ok()
                    })
                    .collect();
                Held { signal, ids }
            }

            pub fn received(&self) -> bool {
                self.signal.load(Ordering::SeqCst) != 0
            }

            /// The test suite's hook: `INFRA_TEST_HOLD_WRITE_MS` keeps a write open that long (or until a signal
            /// arrives), so a test can interrupt it.
            pub fn test_hold(&self) {
                let Some(ms) = std::env::var("INFRA_TEST_HOLD_WRITE_MS")
                    .ok()
                    .and_then(|v| v.parse::<u64>().ok())
                else {
                    return;
                };
                let until = std::time::Instant::now() + std::time::Duration::from_millis(ms);
                while !self.received() && std::time::Instant::now() < until {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
            }

            /// Stops holding; a held signal now ends the process as it would have.
            pub fn end(self) {
                for id in self.ids {
                    signal_hook::low_level::unregister(id);
                }
                let signal = self.signal.load(Ordering::SeqCst);
                if signal != 0 {
                    let _ = signal_hook::low_level::emulate_default_handler(signal as i32);
                    std::process::exit(128 + signal as i32);
                }
            }
        }
    }

    #[cfg(not(unix))]
    pub use other::*;

    #[cfg(not(unix))]
    mod other {
        pub fn has_other_links(_: &std::fs::Metadata) -> bool {
            false
        }

        pub struct Held;

        impl Held {
            pub fn new() -> Held {
                Held
            }
            pub fn received(&self) -> bool {
                false
            }
            pub fn test_hold(&self) {}
            pub fn end(self) {}
        }
    }
}

/// Compares the file at `path` with the generated `body`, naming each entry that differs.
fn check(path: &Path, body: &str, format: Format, bin: &str) -> Result<(), Error> {
    let stale = |differences| Error::Stale {
        bin: bin.to_owned(),
        path: path.display().to_string(),
        differences,
    };
    match std::fs::read_to_string(path) {
        Ok(on_disk) if on_disk == body => Ok(()),
        Ok(on_disk) => Err(stale(diff(&on_disk, body, format))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(stale(vec!["the file does not exist".into()]))
        }
        Err(e) => Err(io(path, e)),
    }
}

/// What differs between a template file (`old`) and the generated text (`new`), both in `format`, entry
/// by entry: each top-level section, and each entry of a section (`Resources.Api`), is `changed` (with the
/// file's first differing line), `missing from the file` or `no longer generated`. A section missing as a
/// whole is named once. When every entry matches, the one difference left is named by its line: blank
/// lines, comments or order.
///
/// The comparison is by text, as `--check` promises the generator's exact bytes; it reads the two-space
/// block layout that both writers produce, not YAML or JSON in general.
///
/// ```
/// use infra_core::cli::diff;
/// use infra_core::output::Format;
/// let old = "Resources:\n  A:\n    Type: X\n  B:\n    Type: Y\n";
/// let new = "Outputs:\n  U:\n    Value: 1\nResources:\n  A:\n    Type: X\n  B:\n    Type: Z\n";
/// assert_eq!(
///     diff(old, new, Format::Yaml),
///     ["Outputs missing from the file", "Resources.B changed (line 5)"]
/// );
/// ```
pub fn diff(old: &str, new: &str, format: Format) -> Vec<String> {
    let old_entries = match entries(old, format) {
        Ok(e) => e,
        Err(line) => {
            let kind = match format {
                Format::Yaml => "YAML",
                Format::Json => "JSON",
            };
            return vec![format!(
                "the file is not a {kind} template in the generator's layout (line {line})"
            )];
        }
    };
    let new_entries = entries(new, format).expect("the generator's own layout");
    let mut keys: Vec<&String> = old_entries.keys().chain(new_entries.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = Vec::new();
    for key in keys {
        if let Some((section, _)) = key.split_once('.')
            && old_entries.contains_key(section) != new_entries.contains_key(section)
        {
            continue;
        }
        match (old_entries.get(key), new_entries.get(key)) {
            (Some(a), Some(b)) => {
                let (x, y) = (comparable(a, format), comparable(b, format));
                if let Some(i) = (0..x.len().max(y.len())).find(|&i| x.get(i) != y.get(i)) {
                    let (line, _) = a.get(i).or(a.last()).expect("an entry has its key line");
                    out.push(format!("{key} changed (line {line})"));
                }
            }
            (None, _) => out.push(format!("{key} missing from the file")),
            (Some(a), None) => out.push(format!("{key} no longer generated (line {})", a[0].0)),
        }
    }
    if out.is_empty() {
        let line = old
            .lines()
            .zip(new.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| old.lines().count().min(new.lines().count()))
            + 1;
        out.push(format!(
            "same entries; the file differs in blank lines, comments or order (line {line})"
        ));
    }
    out
}

/// An entry's lines, each with its 1-based line number in the file.
type Entry<'a> = Vec<(usize, &'a str)>;

/// The lines to compare: in JSON, the comma that only says whether another entry follows is dropped.
fn comparable<'a>(entry: &Entry<'a>, format: Format) -> Vec<&'a str> {
    let mut lines: Vec<&str> = entry.iter().map(|(_, l)| *l).collect();
    if let (Format::Json, Some(last)) = (format, lines.last_mut()) {
        *last = last.strip_suffix(',').unwrap_or(last);
    }
    lines
}

/// Splits a template's text into its sections and their entries, keyed `Section` and `Section.Name`; a
/// section's own entry holds its header line (and its value, when that is not a map). Blank lines and YAML
/// comments belong to no entry. `Err` is the first line that is outside the layout.
fn entries(text: &str, format: Format) -> Result<BTreeMap<String, Entry<'_>>, usize> {
    let base = match format {
        Format::Yaml => 0,
        Format::Json => 2,
    };
    let mut out: BTreeMap<String, Entry<'_>> = BTreeMap::new();
    let (mut section, mut current) = (None::<String>, None::<String>);
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let content = line.trim_start();
        let depth = line.len() - content.len();
        let closer = matches!(content.trim_end_matches(','), "}" | "]");
        if content.is_empty() || (format == Format::Yaml && content.starts_with('#')) {
            continue;
        }
        if depth < base || (depth == base && closer) {
            // JSON's outer braces and the brace that closes a section belong to no entry.
            if closer || (format == Format::Json && content == "{") {
                continue;
            }
            return Err(n);
        }
        let key = if closer || content.starts_with('-') {
            None
        } else {
            entry_key(content, format)
        };
        match key {
            Some(k) if depth == base => {
                let opens = match format {
                    Format::Yaml => content.ends_with(':'),
                    Format::Json => content.ends_with('{'),
                };
                section = opens.then(|| k.to_owned());
                current = Some(k.to_owned());
            }
            Some(k) if depth == base + 2 && section.is_some() => {
                current = section.as_ref().map(|s| format!("{s}.{k}"));
            }
            None if depth == base => return Err(n),
            Some(_) | None => {}
        }
        let Some(key) = &current else { return Err(n) };
        out.entry(key.clone()).or_default().push((n, line));
    }
    Ok(out)
}

/// The key a `Key: ...` (YAML) or `"Key": ...` (JSON) line starts with.
fn entry_key(content: &str, format: Format) -> Option<&str> {
    match content.strip_prefix('"') {
        Some(rest) => rest.split_once("\":").map(|(k, _)| k),
        None if format == Format::Json => None,
        None => content
            .split_once(':')
            .filter(|(_, rest)| rest.is_empty() || rest.starts_with(' '))
            .map(|(k, _)| k.trim_matches('\'')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Args, String> {
        parse(list.iter().map(OsString::from))
    }

    #[test]
    fn help_is_the_module_doc() {
        let doc: String = include_str!("cli.rs")
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| {
                format!(
                    "{}\n",
                    l.trim_start_matches("//!").strip_prefix(' ').unwrap_or("")
                )
            })
            .collect();
        assert!(doc.contains(&HELP.replace("{bin}", "template")), "{doc}");
    }

    #[test]
    fn options_take_values_in_every_spelling() {
        let a = args(&["-fjson", "--output=t.json", "--quotas", "warn"]).unwrap();
        assert_eq!(
            (a.format, a.output, a.check, a.quota),
            (
                Some(Format::Json),
                Some("t.json".into()),
                None,
                Severity::Warning
            )
        );
        let a = args(&["--check", "t.yaml", "-f", "yaml"]).unwrap();
        assert_eq!(
            (a.format, a.check),
            (Some(Format::Yaml), Some("t.yaml".into()))
        );
        assert!(
            args(&["--bogus", "-h"]).is_err(),
            "mistakes before --help are reported"
        );
        assert!(args(&["-h", "--bogus"]).unwrap().help);
        assert_eq!(args(&[]).unwrap().quota, Severity::Error);
    }

    #[test]
    fn usage_mistakes_name_the_valid_choices() {
        let cases: [(&[&str], &str); 8] = [
            (
                &["--fromat", "json"],
                "unknown option `--fromat`; did you mean `--format`?\n  \
                 expected one of `--format`, `--output`, `--check`, `--previous`, `--allow-replace`, `--quotas`, `--help`",
            ),
            (
                &["-x"],
                "unknown option `-x`\n  expected one of `--format`, `--output`, `--check`, `--previous`, `--allow-replace`, `--quotas`, `--help`",
            ),
            (
                &["--format", "jsn"],
                "invalid value `jsn` for `--format`; did you mean `json`?\n  expected one of `yaml`, `json`",
            ),
            (
                &["--quotas", "off"],
                "invalid value `off` for `--quotas`\n  expected one of `error`, `warn`",
            ),
            (&["--output"], "`--output` needs a value"),
            (&["--help=x"], "`--help` takes no value"),
            (
                &["-f", "json", "--format", "yaml"],
                "`--format` is given more than once",
            ),
            (
                &["-o", "a.yaml", "--check", "b.yaml"],
                "`--output` and `--check` cannot be used together: one writes the file, the other compares it",
            ),
        ];
        for (list, message) in cases {
            assert_eq!(args(list).unwrap_err(), message, "{list:?}");
        }
        assert_eq!(
            args(&["template.yaml"]).unwrap_err(),
            "unexpected argument `template.yaml`: the generator takes options only"
        );
    }

    #[test]
    fn format_follows_the_flag_then_the_extension() {
        assert_eq!(format_for(None, Some(Path::new("t.json"))), Format::Json);
        assert_eq!(format_for(None, Some(Path::new("t.yaml"))), Format::Yaml);
        assert_eq!(
            format_for(Some(Format::Yaml), Some(Path::new("t.json"))),
            Format::Yaml
        );
        assert_eq!(format_for(None, None), Format::Yaml);
    }

    #[test]
    fn diff_names_each_changed_added_and_removed_entry_in_both_formats() {
        let old = serde_json::json!({"Description": "a", "Resources": {"A": {"P": [1]}, "B": 2, "C": {"P": 3}}});
        let new = serde_json::json!({"Description": "b", "Resources": {"A": {"P": [1]}, "B": 20, "D": 4}, "Outputs": {"U": 1}});
        for format in [Format::Yaml, Format::Json] {
            let (old, new) = (render(&old, format), render(&new, format));
            let (description, b, c) = match format {
                Format::Yaml => (1, 6, 7),
                Format::Json => (2, 9, 10),
            };
            assert_eq!(
                diff(&old, &new, format),
                [
                    format!("Description changed (line {description})"),
                    "Outputs missing from the file".into(),
                    format!("Resources.B changed (line {b})"),
                    format!("Resources.C no longer generated (line {c})"),
                    "Resources.D missing from the file".into(),
                ],
                "{format:?}:\n{old}"
            );
        }
    }

    #[test]
    fn diff_names_the_line_of_a_difference_outside_the_entries() {
        let new = "Resources:\n  A:\n    Type: X\n  B:\n    Type: Y\n";
        for (old, line) in [
            ("Resources:\n  B:\n    Type: Y\n  A:\n    Type: X\n", 2),
            ("Resources:\n  A:\n    Type: X\n\n  B:\n    Type: Y\n", 4),
            (
                "# mine\nResources:\n  A:\n    Type: X\n  B:\n    Type: Y\n",
                1,
            ),
        ] {
            assert_eq!(
                diff(old, new, Format::Yaml),
                [format!(
                    "same entries; the file differs in blank lines, comments or order (line {line})"
                )]
            );
        }
        assert_eq!(
            diff("old content\n", new, Format::Yaml),
            ["the file is not a YAML template in the generator's layout (line 1)"]
        );
        assert_eq!(
            diff("[1]\n", "{\n  \"A\": 1\n}\n", Format::Json),
            ["the file is not a JSON template in the generator's layout (line 1)"]
        );
    }
}
