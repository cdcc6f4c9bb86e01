//! The `template` generator's command line, called by [`crate::main!`].
//!
//! ```text
//! Usage: template [OPTIONS]
//!
//! Options:
//!   -f, --format <FORMAT>  Output format [default: yaml, or the extension of --output/--check] [possible values: yaml, json]
//!   -o, --output <PATH>    Write the template to PATH atomically (the old file stays intact on any error)
//!       --check <PATH>     Exit non-zero, naming what differs, when PATH is not the template this code generates
//!       --quotas <QUOTAS>  Severity of CloudFormation's count quotas (resources after the SAM transform,
//!                          parameters, outputs, mappings) [default: error] [possible values: error, warn]
//!   -h, --help             Print help
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use crate::Value;
use crate::error::{Diagnostic, Error, Severity};
use crate::output::{Format, render};
use crate::registry::{self, Context};
use crate::validate;

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    Yaml,
    Json,
}

/// Generates the CloudFormation/SAM template for the resources declared in this binary's crates.
#[derive(Debug, Parser)]
#[command(name = "template")]
struct Args {
    /// Output format [default: yaml, or the extension of --output/--check]
    #[arg(short, long, value_enum)]
    format: Option<FormatArg>,
    /// Write the template to PATH atomically (the old file stays intact on any error)
    #[arg(short, long, value_name = "PATH", conflicts_with = "check")]
    output: Option<PathBuf>,
    /// Exit non-zero, naming what differs, when PATH is not the template this code generates
    #[arg(long, value_name = "PATH")]
    check: Option<PathBuf>,
    /// Severity of CloudFormation's count quotas (resources after the SAM transform, parameters, outputs, mappings)
    #[arg(long, value_enum, default_value = "error")]
    quotas: QuotaArg,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum QuotaArg {
    Error,
    Warn,
}

/// Runs the generator with the process's arguments: parse, collect, validate, emit.
///
/// `crates` are the crates the binary names (used in the message when nothing was registered);
/// `description` becomes the template's `Description` unless empty; `dispatch` names the one binary of the
/// [dispatch mode](crate::registry::Context::with_dispatch), if used.
pub fn run(crates: &[&str], description: &str, dispatch: Option<&str>) -> ExitCode {
    let args = Args::parse();
    match generate(&args, description, dispatch) {
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

fn format_for(arg: Option<FormatArg>, path: Option<&Path>) -> Format {
    match arg {
        Some(FormatArg::Json) => Format::Json,
        Some(FormatArg::Yaml) => Format::Yaml,
        None if path
            .and_then(|p| p.extension())
            .is_some_and(|e| e == "json") =>
        {
            Format::Json
        }
        None => Format::Yaml,
    }
}

fn generate(
    args: &Args,
    description: &str,
    dispatch: Option<&str>,
) -> Result<Vec<Diagnostic>, Error> {
    let target = args.output.as_deref().or(args.check.as_deref());
    let dir = match target.and_then(Path::parent) {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let format = format_for(args.format, target);
    let mut ctx = Context::new(dir);
    if let Some(bin) = dispatch {
        ctx = ctx.with_dispatch(bin);
    }
    let quota = match args.quotas {
        QuotaArg::Error => Severity::Error,
        QuotaArg::Warn => Severity::Warning,
    };
    let (body, warnings) = build_with(&ctx, description, format, quota)?;
    if let Some(path) = &args.output {
        write_atomically(path, &body)?;
    } else if let Some(path) = &args.check {
        check(path, &body)?;
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(body.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| io("<stdout>", e))?;
    }
    Ok(warnings)
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

/// Writes `body` to a temporary file beside `path`, syncs it and renames it over `path`.
fn write_atomically(path: &Path, body: &str) -> Result<(), Error> {
    let name = path
        .file_name()
        .ok_or_else(|| io(path, std::io::ErrorKind::InvalidInput.into()))?;
    let tmp = path.with_file_name(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(body.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(path, e));
    }
    Ok(())
}

/// Compares the file at `path` with the generated `body`, naming each entry that differs.
fn check(path: &Path, body: &str) -> Result<(), Error> {
    let stale = |differences| Error::Stale {
        path: path.display().to_string(),
        differences,
    };
    let on_disk = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(stale(vec!["the file does not exist".into()]));
        }
        Err(e) => return Err(io(path, e)),
    };
    if on_disk == body {
        return Ok(());
    }
    let old: Value = match serde_yaml::from_str(&on_disk) {
        Ok(v) => v,
        Err(e) => return Err(stale(vec![format!("the file is not a template: {e}")])),
    };
    let new: Value = serde_yaml::from_str(body).expect("the generator writes valid YAML and JSON");
    let mut differences = diff(&old, &new);
    if differences.is_empty() {
        differences.push("same content, different formatting".into());
    }
    Err(stale(differences))
}

/// Entry-level differences between two templates: `Resources.X changed`, `Outputs.Y missing from the file`, ...
pub fn diff(old: &Value, new: &Value) -> Vec<String> {
    let empty = serde_json::Map::new();
    let (o, n) = (
        old.as_object().unwrap_or(&empty),
        new.as_object().unwrap_or(&empty),
    );
    let mut out = Vec::new();
    let mut sections: Vec<&String> = o.keys().chain(n.keys()).collect();
    sections.sort();
    sections.dedup();
    for s in sections {
        match (o.get(s), n.get(s)) {
            (Some(Value::Object(a)), Some(Value::Object(b))) => {
                let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
                keys.sort();
                keys.dedup();
                for k in keys {
                    match (a.get(k), b.get(k)) {
                        (Some(x), Some(y)) if x == y => {}
                        (Some(_), Some(_)) => out.push(format!("{s}.{k} changed")),
                        (None, _) => out.push(format!("{s}.{k} missing from the file")),
                        (_, None) => out.push(format!("{s}.{k} no longer generated")),
                    }
                }
            }
            (a, b) if a == b => {}
            (None, _) => out.push(format!("{s} missing from the file")),
            (_, None) => out.push(format!("{s} no longer generated")),
            _ => out.push(format!("{s} changed")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_names_each_changed_added_and_removed_entry() {
        let old = json!({"Description": "a", "Resources": {"A": 1, "B": 2, "C": 3}});
        let new = json!({"Description": "b", "Resources": {"A": 1, "B": 20, "D": 4}, "Outputs": {"U": 1}});
        assert_eq!(
            diff(&old, &new),
            [
                "Description changed",
                "Outputs missing from the file",
                "Resources.B changed",
                "Resources.C no longer generated",
                "Resources.D missing from the file"
            ]
        );
    }

    #[test]
    fn format_follows_the_flag_then_the_extension() {
        assert_eq!(format_for(None, Some(Path::new("t.json"))), Format::Json);
        assert_eq!(format_for(None, Some(Path::new("t.yaml"))), Format::Yaml);
        assert_eq!(
            format_for(Some(FormatArg::Yaml), Some(Path::new("t.json"))),
            Format::Yaml
        );
        assert_eq!(format_for(None, None), Format::Yaml);
    }
}
