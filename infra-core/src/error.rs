//! Diagnostics and the runtime error type.

use std::fmt;

use crate::registry::Origin;

/// How serious a [`Diagnostic`] is: errors stop generation, warnings are printed and generation goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The template would be refused (or would break) at deploy time.
    Error,
    /// The template deploys, but something deserves a look (e.g. it is too big to pass inline).
    Warning,
}

/// One problem found while assembling or validating a template, with the source location that caused it.
///
/// Displays as `file:line: error: message`, the form editors and terminals turn into links.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where the offending fragment was declared, when one is known.
    pub origin: Option<Origin>,
    /// Lowercase, self-contained description of the problem.
    pub message: String,
}

impl Diagnostic {
    /// An error at `origin`.
    pub fn error(origin: Option<Origin>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            origin,
            message: message.into(),
        }
    }

    /// A warning at `origin`.
    pub fn warning(origin: Option<Origin>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            origin,
            message: message.into(),
        }
    }

    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(o) = &self.origin {
            write!(f, "{}:{}: ", o.file, o.line)?;
        }
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}", self.message)
    }
}

/// Why generating a template failed.
#[derive(Debug)]
pub enum Error {
    /// No fragment was registered: the template binary does not name the crates that declare resources.
    NoFragments,
    /// The template has problems; every one is listed (warnings included).
    Invalid(Vec<Diagnostic>),
    /// `--check`: the file on disk differs from the generated template.
    Stale {
        /// The generator's binary, for the command that regenerates the file.
        bin: String,
        /// The file that was checked.
        path: String,
        /// What differs: `Resources.PredictFunction changed (line 12)`, `Outputs.Url missing from the file`, ...
        differences: Vec<String>,
    },
    /// The template to compare with (`--previous`, or the file `--output`/`--check` replaces) cannot be
    /// read: YAML outside the generator's layout, or invalid JSON.
    Unreadable {
        /// The file.
        path: String,
        /// The first line that could not be read.
        line: usize,
    },
    /// Reading or writing a file failed.
    Io {
        /// The path involved.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoFragments if !cfg!(feature = "registry") => f.write_str(
                "no resources were registered: this binary was built without infra-core's `registry` feature \
                 (keep the default features for the template binary)",
            ),
            Error::NoFragments => f.write_str(
                "no resources were registered: did you name your crate in the template binary? \
                 (`infra_core::main!(my_crate);` in src/bin/template.rs)",
            ),
            Error::Invalid(diags) => {
                let errors = diags.iter().filter(|d| d.is_error()).count();
                for d in diags {
                    writeln!(f, "{d}")?;
                }
                write!(
                    f,
                    "template not generated: {errors} error{}",
                    if errors == 1 { "" } else { "s" }
                )
            }
            Error::Stale {
                bin,
                path,
                differences,
            } => {
                writeln!(
                    f,
                    "{path} is stale; regenerate it with `cargo run --bin {bin} -- --output {path}`"
                )?;
                for d in differences {
                    writeln!(f, "  {d}")?;
                }
                Ok(())
            }
            Error::Unreadable { path, line } => write!(
                f,
                "cannot compare with {path}: line {line} is not YAML in the generator's layout, nor JSON. The \
                 generator compares a new template with the one it replaces, to refuse deleting or replacing a \
                 stateful resource; give that template as JSON with `--previous FILE.json`, or move the file away"
            ),
            Error::Io { path, source } => write!(f, "{path}: {source}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The candidate closest to a mistyped `name`, if any is close enough to be what was meant.
pub(crate) fn did_you_mean<'c>(
    name: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<&'c str> {
    candidates
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
