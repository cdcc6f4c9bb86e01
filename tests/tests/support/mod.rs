//! Helpers shared by the end-to-end tests: the repository root, nested cargo builds, and the pinned Python
//! tools (installed into a venv on first use, so `cargo test` needs nothing set up beforehand).

#![allow(dead_code)]

pub mod runtime_api;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is in the workspace")
        .to_path_buf()
}

/// A scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("scratch")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a command and returns its output, panicking with its stderr when it cannot start.
pub fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Builds `bin` of `package` with `profile` in a target directory of its own (the outer `cargo test` holds
/// the workspace's) and returns a copy of the executable named after the package and profile.
///
/// Every example's generator is called `template`, so builds of different packages would overwrite the same
/// `target/e2e/<profile>/template`: building and copying happen under one lock.
pub fn cargo_build(package: &str, bin: &str, profile: &str) -> PathBuf {
    static BUILD: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = BUILD.lock().unwrap_or_else(|e| e.into_inner());
    let target = root().join("target").join("e2e");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = run(Command::new(cargo)
        .current_dir(root())
        .args([
            "build",
            "--quiet",
            "--locked",
            "--profile",
            profile,
            "-p",
            package,
            "--bin",
            bin,
            "--target-dir",
        ])
        .arg(&target));
    assert!(
        out.status.success(),
        "cargo build --profile {profile} failed:\n{}",
        stderr(&out)
    );
    let dir = if profile == "dev" { "debug" } else { profile };
    let copy = target
        .join("bins")
        .join(format!("{package}-{profile}-{bin}"));
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::copy(target.join(dir).join(bin), &copy).unwrap();
    copy
}

/// The venv's Python, with the pinned tools of `tests/requirements.txt` installed.
pub fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| venv("pyenv", "requirements.txt").join("python"))
}

/// The `checkov` of its own venv, with the pins of `tests/requirements-checkov.txt`.
pub fn checkov() -> &'static Path {
    static CHECKOV: OnceLock<PathBuf> = OnceLock::new();
    CHECKOV.get_or_init(|| venv("pyenv-checkov", "requirements-checkov.txt").join("checkov"))
}

/// The `bin` directory of the venv `dir` (under the test target directory) with `tests/<requirements>`
/// installed; made on first use and remade when the requirements change.
fn venv(dir: &str, requirements: &str) -> PathBuf {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join(dir);
    let bin = venv.join("bin");
    let requirements = root().join("tests").join(requirements);
    let wanted = std::fs::read_to_string(&requirements).unwrap();
    let stamp = venv.join("installed-requirements.txt");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return bin;
    }
    let _ = std::fs::remove_dir_all(&venv);
    let out = run(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    assert!(
        out.status.success(),
        "python3 -m venv failed:\n{}",
        stderr(&out)
    );
    let out = run(Command::new(bin.join("python"))
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
        ])
        .arg(&requirements));
    assert!(
        out.status.success(),
        "pip install -r {} failed:\n{}",
        requirements.display(),
        stderr(&out)
    );
    std::fs::write(&stamp, wanted).unwrap();
    bin
}

/// What `tests/tools/sam_check.py` reports for a template.
#[derive(Debug)]
pub struct SamReport {
    /// Resources in the template as written.
    pub sam_resources: usize,
    /// Resources after the SAM transform.
    pub resources: usize,
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
    /// The transformed template.
    pub transformed: serde_json::Value,
}

/// Where [`sam_check`] writes the transformed template of `template`.
pub fn transformed_path(template: &Path) -> PathBuf {
    template.with_extension("transformed.json")
}

/// Transforms `template` offline with aws-sam-translator and lints the result with cfn-lint.
pub fn sam_check(template: &Path) -> SamReport {
    let transformed = transformed_path(template);
    let _ = std::fs::remove_file(&transformed);
    let out = run(Command::new(python())
        .arg(root().join("tests/tools/sam_check.py"))
        .arg(template)
        .arg(&transformed));
    assert!(
        out.status.success(),
        "sam_check.py failed:\n{}",
        stderr(&out)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let list = |k: &str| {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_owned())
            .collect()
    };
    SamReport {
        sam_resources: v["sam_resources"].as_u64().unwrap() as usize,
        resources: v["resources"].as_u64().unwrap() as usize,
        errors: list("errors"),
        warnings: list("warnings"),
        transformed: std::fs::read_to_string(&transformed)
            .map(|s| serde_json::from_str(&s).unwrap())
            .unwrap_or(serde_json::Value::Null),
    }
}

/// Loads `yaml` with PyYAML and `json` with Python's json module; `Err` holds the first difference.
pub fn pyyaml_same_data(yaml: &Path, json: &Path) -> Result<(), String> {
    let out = run(Command::new(python())
        .arg(root().join("tests/tools/yaml_json_same.py"))
        .arg(yaml)
        .arg(json));
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{}{}", stdout(&out), stderr(&out)))
    }
}

/// A moto server on 127.0.0.1 and a free port, started for one test and killed by its PID when dropped, so a
/// failing test stops it too.
pub struct Moto {
    child: std::process::Child,
    /// `http://127.0.0.1:<port>`.
    pub endpoint: String,
}

impl Moto {
    pub fn start() -> Moto {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = std::fs::File::create(scratch(&format!("moto-{port}")).join("moto.log")).unwrap();
        let child = Command::new(python())
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start moto.server");
        let moto = Moto {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "moto did not listen on 127.0.0.1:{port} within 60 s"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        moto
    }

    /// Deploys a transformed template as `stack` and returns what `tests/tools/moto_deploy.py` reports.
    pub fn deploy(
        &self,
        transformed: &Path,
        stack: &str,
        params: &[(&str, &str)],
    ) -> serde_json::Value {
        let mut cmd = Command::new(python());
        cmd.arg(root().join("tests/tools/moto_deploy.py"))
            .arg(&self.endpoint)
            .arg(transformed)
            .arg(stack);
        cmd.args(params.iter().map(|(k, v)| format!("{k}={v}")));
        let out = run(&mut cmd);
        assert!(
            out.status.success(),
            "moto_deploy.py failed:\n{}",
            stderr(&out)
        );
        serde_json::from_str(&stdout(&out)).unwrap()
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The generator's post-transform resource count of the template written at `path` (its resources and
/// globals, rebuilt from the file).
pub fn estimate_of(path: &Path) -> usize {
    let parsed: serde_json::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut t = infra_core::Template::new();
    for (id, r) in parsed["Resources"].as_object().unwrap() {
        let mut res = infra_core::Resource::new(r["Type"].as_str().unwrap());
        res.properties = r["Properties"].as_object().cloned().unwrap_or_default();
        t.add_resource(id.clone(), res);
    }
    if let Some(globals) = parsed["Globals"].as_object() {
        for (section, m) in globals {
            t.globals
                .insert(section.clone(), m.as_object().cloned().unwrap_or_default());
        }
    }
    infra_core::validate::estimate_transformed(&t)
}

/// The number of resources aws-sam-translator makes of each template (one Python process for all); `Err` holds
/// the transform's messages for a template it refuses. With `write`, each transformed template is written beside
/// its source as `<name>.transformed.json`.
pub fn sam_counts(templates: &[PathBuf], write: bool) -> Vec<Result<usize, Vec<String>>> {
    let out = run(Command::new(python())
        .arg(root().join("tests/tools/sam_count.py"))
        .args(write.then_some("--write"))
        .args(templates));
    assert!(
        out.status.success(),
        "sam_count.py failed:\n{}",
        stderr(&out)
    );
    let last = stdout(&out).lines().last().unwrap_or_default().to_owned();
    let counts: Vec<serde_json::Value> = serde_json::from_str(&last).unwrap();
    counts
        .into_iter()
        .map(|c| match c.as_u64() {
            Some(n) => Ok(n as usize),
            None => Err(serde_json::from_value(c).unwrap()),
        })
        .collect()
}
