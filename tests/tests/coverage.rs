//! The SAM coverage table, `infra-core/src/docs/coverage.md`, against SAM's own schema: the pydantic models of
//! the pinned aws-sam-translator, read by `tests/tools/sam_schema.py`. Every property has one row, every key a
//! row names exists in the macros, and the counts in the table and in the README are the rows'.

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use support::{python, root, run, stderr, stdout};

const TABLE: &str = "infra-core/src/docs/coverage.md";

/// Section name -> the property names SAM's schema lists there.
type Schema = BTreeMap<String, Vec<String>>;

/// What the checker reads besides the table: the README and the macro crate's sources.
struct Sources<'a> {
    readme: &'a str,
    /// `infra-macros/src/symbol.rs` without its tests, where every key is a string constant.
    symbols: &'a str,
    /// Every file of `infra-macros/src` without its tests, for the inner keys parsers list in place
    /// (`retry(attempts, ..)`).
    macros: &'a str,
}

/// One row of the table.
struct Row<'a> {
    line: usize,
    property: &'a str,
    /// None when the second column is invalid (and reported).
    kind: Option<Kind>,
}

/// How a row's second column reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Covered,
    Refused,
    NotYet,
}

#[test]
fn the_coverage_table_matches_sam_s_schema_and_the_macros() {
    let out = run(Command::new(python()).arg(root().join("tests/tools/sam_schema.py")));
    assert!(
        out.status.success(),
        "sam_schema.py failed:\n{}",
        stderr(&out)
    );
    let schema: Schema = serde_json::from_str(&stdout(&out)).expect("sam_schema.py prints JSON");
    assert!(
        schema.contains_key("AWS::Serverless::Function")
            && schema.contains_key("Function event: SQS")
            && schema.contains_key("Globals: Function"),
        "sam_schema.py printed too little: {:?}",
        schema.keys().collect::<Vec<_>>()
    );
    let read = |path: &str| {
        std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let mut macros = String::new();
    read_sources(&root().join("infra-macros/src"), &mut macros);
    let symbols = read("infra-macros/src/symbol.rs");
    let problems = check(
        &read(TABLE),
        &schema,
        &Sources {
            readme: &read("README.md"),
            symbols: without_tests(&symbols),
            macros: &macros,
        },
    );
    assert!(
        problems.is_empty(),
        "{} problem(s) in {TABLE} (the table of SAM's properties; see its introduction):\n- {}",
        problems.len(),
        problems.join("\n- ")
    );
}

/// The checker is not vacuous: each kind of mistake is reported, all of them at once.
#[test]
fn the_checker_reports_every_kind_of_mistake() {
    let schema: Schema = [
        (
            "AWS::Serverless::Function",
            &["MemorySize", "SnapStart", "Timeout"][..],
        ),
        ("Globals: Function", &["Timeout"][..]),
    ]
    .into_iter()
    .map(|(s, ps)| (s.to_owned(), ps.iter().map(|p| (*p).to_owned()).collect()))
    .collect();
    let sources = Sources {
        readme: "Covered: 2, refused: 1, not yet: 1, total: 4.\n",
        symbols: r#"pub const FUNCTION_KEYS: &[&str] = &["memory", "timeout", "events"];"#,
        macros: r#"&["schedule", "retry", "attempts", "max_age"]"#,
    };
    let good = "\
intro\n\nCovered: 2, refused: 1, not yet: 1, total: 4.\n\n\
## AWS::Serverless::Function\n\n| Property | infra |\n|---|---|\n\
| `MemorySize` | `memory` |\n| `SnapStart` | refused: none on `provided.al2023` |\n\
| `Timeout` | `timeout`, `events(schedule(retry(attempts, max_age)))` (a note) |\n\n\
## Globals: Function\n\n| Property | infra |\n|---|---|\n| `Timeout` | not yet |\n";
    assert_eq!(check(good, &schema, &sources), Vec::<String>::new());

    let bad = "\
intro\n\nCovered: 9, refused: 1, not yet: 1, total: 11.\n\n\
## AWS::Serverless::Function\n\n| Property | infra |\n|---|---|\n\
| `MemorySize` | `memroy` |\n| `MemorySize` | not yet |\n| `Timeout` | `events(schedule(retry(tries)))` |\n\
| `Unknown` | not yet |\n| `SnapStart` | refused: |\n\n\
## Globals: Nothing\n\n| Property | infra |\n|---|---|\n| `Timeout` | maybe |\n";
    let problems = check(bad, &schema, &sources).join("\n");
    for expected in [
        "`memroy`",
        "`MemorySize` in `AWS::Serverless::Function` has 2 rows (lines 9, 10)",
        "`tries`",
        "`Unknown`",
        "refused without a reason",
        "section `Globals: Nothing`",
        "no section `Globals: Function`",
        "`maybe`",
        "the table says `Covered: 9, refused: 1, not yet: 1, total: 11.`",
        "README.md says `Covered: 2, refused: 1, not yet: 1, total: 4.`",
    ] {
        assert!(
            problems.contains(expected),
            "{expected:?} not reported:\n{problems}"
        );
    }
}

/// Every problem of `table` against `schema` and `sources`, in the table's order.
fn check(table: &str, schema: &Schema, sources: &Sources) -> Vec<String> {
    let mut problems = Vec::new();
    // Each section's rows, and the sections in the table's order.
    let mut rows: BTreeMap<&str, Vec<Row>> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    let mut summary: Option<&str> = None;
    let mut section: Option<&str> = None;
    for (i, line) in table.lines().enumerate() {
        let n = i + 1;
        if let Some(name) = line.strip_prefix("## ") {
            if order.contains(&name) {
                problems.push(format!("line {n}: section `{name}` appears twice"));
            } else {
                order.push(name);
            }
            section = Some(name);
            rows.entry(name).or_default();
            continue;
        }
        let Some(section) = section else {
            if line.starts_with("Covered: ") {
                summary = Some(line);
            }
            continue;
        };
        let separator = line.starts_with("|-") && !line.contains(char::is_alphanumeric);
        if line.trim().is_empty() || line == "| Property | infra |" || separator {
            continue;
        }
        let cells: Vec<&str> = line
            .strip_prefix('|')
            .and_then(|l| l.strip_suffix('|'))
            .map(|l| l.split('|').map(str::trim).collect())
            .unwrap_or_default();
        let [property, infra] = cells[..] else {
            problems.push(format!(
                "line {n}: `{line}` is no row `| Property | infra |` of two cells"
            ));
            continue;
        };
        let property = property
            .strip_prefix('`')
            .and_then(|p| p.strip_suffix('`'))
            .unwrap_or(property);
        let kind = kind(infra, sources, &mut |p| {
            problems.push(format!("line {n}: `{property}` in `{section}`: {p}"))
        });
        rows.entry(section).or_default().push(Row {
            line: n,
            property,
            kind,
        });
    }

    for (name, props) in schema {
        if !rows.contains_key(name.as_str()) {
            problems.push(format!(
                "no section `{name}`; SAM's schema has it, with {}",
                props.join(", ")
            ));
        }
    }
    let listed: Vec<&str> = order
        .iter()
        .copied()
        .filter(|s| schema.contains_key(*s))
        .collect();
    let wanted: Vec<&str> = schema
        .keys()
        .map(String::as_str)
        .filter(|s| rows.contains_key(s))
        .collect();
    if listed != wanted {
        problems.push(format!(
            "the sections are not in the order sam_schema.py prints them: {}",
            wanted.join(", ")
        ));
    }
    for (section, found) in &rows {
        let Some(props) = schema.get(*section) else {
            problems.push(format!(
                "section `{section}`: SAM's schema has no such section"
            ));
            continue;
        };
        for Row {
            line: n, property, ..
        } in found
        {
            if !props.iter().any(|p| p == property) {
                problems.push(format!(
                    "line {n}: `{property}` in `{section}`: SAM's schema has no such property"
                ));
            }
        }
        for p in props {
            let lines: Vec<String> = found
                .iter()
                .filter(|r| r.property == p)
                .map(|r| r.line.to_string())
                .collect();
            match lines.len() {
                1 => {}
                0 => problems.push(format!("`{p}` in `{section}` has no row")),
                k => problems.push(format!(
                    "`{p}` in `{section}` has {k} rows (lines {})",
                    lines.join(", ")
                )),
            }
        }
        let names: Vec<&str> = found.iter().map(|r| r.property).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        if names != sorted {
            problems.push(format!(
                "section `{section}`: the rows are not in the schema's (sorted) order"
            ));
        }
    }

    let count = |k: Kind| {
        rows.values()
            .flatten()
            .filter(|r| r.kind == Some(k))
            .count()
    };
    let (covered, refused, not_yet) = (
        count(Kind::Covered),
        count(Kind::Refused),
        count(Kind::NotYet),
    );
    let expected = format!(
        "Covered: {covered}, refused: {refused}, not yet: {not_yet}, total: {}.",
        covered + refused + not_yet
    );
    match summary {
        Some(line) if line == expected => {}
        Some(line) => problems.push(format!(
            "the table says `{line}`; its rows count `{expected}`"
        )),
        None => problems.push(format!(
            "the table has no summary line before its first section; its rows count `{expected}`"
        )),
    }
    if !sources.readme.lines().any(|l| l.trim() == expected) {
        let said: Vec<&str> = sources
            .readme
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("Covered: "))
            .collect();
        problems.push(format!(
            "README.md says `{}`; the table's rows count `{expected}`",
            said.join("`, `")
        ));
    }
    problems
}

/// The kind of a second column, or None after reporting why it is none. A covered column starts with its keys,
/// each in backticks and separated by `, ` (a note may follow), or with `automatic: `.
fn kind(infra: &str, sources: &Sources, problem: &mut dyn FnMut(String)) -> Option<Kind> {
    if infra == "not yet" {
        return Some(Kind::NotYet);
    }
    if let Some(reason) = infra.strip_prefix("refused:") {
        if reason.trim().is_empty() {
            problem("refused without a reason".into());
            return None;
        }
        return Some(Kind::Refused);
    }
    if let Some(what) = infra.strip_prefix("automatic:") {
        if what.trim().is_empty() {
            problem("automatic, but what is written is not said".into());
            return None;
        }
        return Some(Kind::Covered);
    }
    if !infra.starts_with('`') {
        problem(format!(
            "`{infra}` is neither a key in backticks, `automatic: ..`, `refused: <reason>` nor `not yet`"
        ));
        return None;
    }
    let mut rest = infra;
    let mut ok = true;
    while let Some(r) = rest.strip_prefix('`') {
        let Some(end) = r.find('`') else {
            problem(format!("unclosed backtick in `{infra}`"));
            return None;
        };
        ok &= key_exists(&r[..end], sources, problem);
        rest = &r[end + 1..];
        match rest.strip_prefix(", ") {
            Some(r) if r.starts_with('`') => rest = r,
            _ => break,
        }
    }
    ok.then_some(Kind::Covered)
}

/// Whether every key of `expr` (`memory`, `events(schedule(retry(attempts, max_age)))`) is a key of the
/// macros: the outermost one a string of `symbol.rs`, the inner ones a string of the macro crate. String
/// literals inside (`schedule("rate(..)")`) are values, not keys.
fn key_exists(expr: &str, sources: &Sources, problem: &mut dyn FnMut(String)) -> bool {
    let mut idents = Vec::new();
    let (mut in_str, mut word) = (false, String::new());
    for c in expr.chars().chain([' ']) {
        if c == '"' {
            in_str = !in_str;
        } else if !in_str && (c.is_ascii_alphanumeric() || c == '_') {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            idents.push(std::mem::take(&mut word));
        }
    }
    let is_key = |w: &String| {
        w.starts_with(|c: char| c.is_ascii_lowercase())
            && w.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    if idents.is_empty() || !idents.iter().all(is_key) {
        problem(format!(
            "`{expr}` is not a key (lowercase identifiers, nested in parentheses)"
        ));
        return false;
    }
    let quoted = |w: &str| format!("\"{w}\"");
    let mut ok = true;
    for (i, w) in idents.iter().enumerate() {
        let found =
            sources.symbols.contains(&quoted(w)) || (i > 0 && sources.macros.contains(&quoted(w)));
        if !found {
            let place = if i == 0 {
                "infra-macros/src/symbol.rs"
            } else {
                "infra-macros/src"
            };
            problem(format!("`{expr}`: the key `{w}` is not in {place}"));
            ok = false;
        }
    }
    ok
}

/// A source file without its `#[cfg(test)]` module (at the end, by the crate's convention), whose strings are
/// test inputs (`"memroy"`), not keys.
fn without_tests(src: &str) -> &str {
    src.find("#[cfg(test)]").map_or(src, |i| &src[..i])
}

/// Appends every `.rs` file under `dir`, without its tests, to `out`.
fn read_sources(dir: &Path, out: &mut String) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_sources(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push_str(without_tests(&std::fs::read_to_string(&path).unwrap()));
            out.push('\n');
        }
    }
}
