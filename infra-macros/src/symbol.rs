//! Attribute key names, and the did-you-mean helper that goes with them.

/// Keys of `#[cf_function(...)]`.
pub const FUNCTION_KEYS: &[&str] = &[
    "name",
    "description",
    "memory",
    "timeout",
    "architecture",
    "bin",
    "image",
    "dockerfile",
    "tag",
    "env",
    "events",
];

/// Event kinds inside `events(...)`.
pub const EVENT_KINDS: &[&str] = &["http_api"];

/// Keys of `http_api(...)`.
pub const HTTP_API_KEYS: &[&str] = &["method", "path", "name", "url_output"];

/// HTTP methods an HTTP API route accepts.
pub const HTTP_METHODS: &[&str] = &[
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY",
];

/// Values of `architecture`.
pub const ARCHITECTURES: &[&str] = &["arm64", "x86_64"];

/// `` `a`, `b`, `c` ``.
pub fn list(choices: &[&str]) -> String {
    choices
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The closest choice, when it is close enough to be a typo.
pub fn did_you_mean<'a>(word: &str, choices: &[&'a str]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    choices
        .iter()
        .map(|c| (levenshtein(&word, &c.to_ascii_lowercase()), *c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edit distance, counting an adjacent swap as one edit (`memroy` is one edit from `memory`).
fn levenshtein(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_key_and_strangers_find_none() {
        assert_eq!(did_you_mean("memroy", FUNCTION_KEYS), Some("memory"));
        assert_eq!(did_you_mean("timout", FUNCTION_KEYS), Some("timeout"));
        assert_eq!(did_you_mean("Memory", FUNCTION_KEYS), Some("memory"));
        assert_eq!(did_you_mean("colour", FUNCTION_KEYS), None);
        assert_eq!(did_you_mean("pst", HTTP_METHODS), Some("POST"));
        assert_eq!(did_you_mean("FETCH", HTTP_METHODS), None);
        assert_eq!(did_you_mean("PSOT", HTTP_METHODS), Some("POST"));
    }
}
