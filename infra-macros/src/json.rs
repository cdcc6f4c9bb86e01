//! Checks that a string literal holds JSON (event `input`, `pattern`, `filter_policy`), so bad JSON is a
//! compile error rather than a failed deploy. Validation only: infra-core parses it at generation time.

/// `Ok` for a single JSON value surrounded by optional whitespace; otherwise what went wrong and where.
pub fn validate(s: &str) -> Result<(), String> {
    let mut p = P {
        s: s.as_bytes(),
        i: 0,
    };
    p.ws();
    p.value(0)?;
    p.ws();
    if p.i != p.s.len() {
        return Err(p.err("unexpected text after the JSON value"));
    }
    Ok(())
}

struct P<'a> {
    s: &'a [u8],
    i: usize,
}

impl P<'_> {
    fn err(&self, what: &str) -> String {
        format!("{what} at byte {}", self.i)
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<(), String> {
        if depth > 64 {
            return Err(self.err("nesting deeper than 64"));
        }
        match self.peek() {
            Some(b'{') => self.seq(b'}', depth, true),
            Some(b'[') => self.seq(b']', depth, false),
            Some(b'"') => self.string(),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => {
                for word in ["true", "false", "null"] {
                    if self.s[self.i..].starts_with(word.as_bytes()) {
                        self.i += word.len();
                        return Ok(());
                    }
                }
                Err(self.err("expected a JSON value"))
            }
        }
    }

    fn seq(&mut self, close: u8, depth: usize, object: bool) -> Result<(), String> {
        self.i += 1;
        self.ws();
        if self.eat(close) {
            return Ok(());
        }
        loop {
            if object {
                if self.peek() != Some(b'"') {
                    return Err(self.err("expected a string key"));
                }
                self.string()?;
                self.ws();
                if !self.eat(b':') {
                    return Err(self.err("expected `:`"));
                }
                self.ws();
            }
            self.value(depth + 1)?;
            self.ws();
            if self.eat(close) {
                return Ok(());
            }
            if !self.eat(b',') {
                return Err(self.err(if object {
                    "expected `,` or `}`"
                } else {
                    "expected `,` or `]`"
                }));
            }
            self.ws();
        }
    }

    fn string(&mut self) -> Result<(), String> {
        self.i += 1;
        while let Some(b) = self.peek() {
            self.i += 1;
            match b {
                b'"' => return Ok(()),
                b'\\' => match self.peek() {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.i += 1,
                    Some(b'u') => {
                        let start = self.i - 1;
                        let unit = self.hex4().ok_or_else(|| self.err("invalid escape"))?;
                        if (0xdc00..0xe000).contains(&unit) {
                            self.i = start;
                            return Err(self.err("lone surrogate (a `\\u` escape of U+DC00 to U+DFFF not after U+D800 to U+DBFF)"));
                        }
                        if (0xd800..0xdc00).contains(&unit) {
                            let low = self.s[self.i..].starts_with(b"\\u").then(|| {
                                self.i += 1;
                                self.hex4()
                            });
                            if !matches!(low, Some(Some(0xdc00..0xe000))) {
                                self.i = start;
                                return Err(self.err("lone surrogate (a `\\u` escape of U+D800 to U+DBFF not followed by one of U+DC00 to U+DFFF)"));
                            }
                        }
                    }
                    _ => return Err(self.err("invalid escape")),
                },
                0..=0x1f => return Err(self.err("control character in a string")),
                _ => {}
            }
        }
        Err(self.err("unterminated string"))
    }

    /// At the `u` of a `\\u` escape: the code unit of the four hex digits after it, with the cursor past them.
    fn hex4(&mut self) -> Option<u32> {
        let hex = self.s.get(self.i + 1..self.i + 5)?;
        let unit = u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
        hex.iter().all(u8::is_ascii_hexdigit).then(|| {
            self.i += 5;
            unit
        })
    }

    fn number(&mut self) -> Result<(), String> {
        let start = self.i;
        self.number_syntax()?;
        let text = std::str::from_utf8(&self.s[start..self.i]).expect("ASCII digits");
        if !text.parse::<f64>().is_ok_and(f64::is_finite) {
            self.i = start;
            return Err(self.err(&format!(
                "number `{text}` out of range (JSON readers take at most about 1.8e308)"
            )));
        }
        Ok(())
    }

    fn number_syntax(&mut self) -> Result<(), String> {
        self.eat(b'-');
        let digits = |p: &mut Self| {
            let start = p.i;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.i += 1;
            }
            p.i - start
        };
        let int_start = self.i;
        match digits(self) {
            0 => return Err(self.err("expected a digit")),
            n if n > 1 && self.s[int_start] == b'0' => return Err(self.err("leading zero")),
            _ => {}
        }
        if self.eat(b'.') && digits(self) == 0 {
            return Err(self.err("expected a digit after `.`"));
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if digits(self) == 0 {
                return Err(self.err("expected an exponent"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::validate;

    #[test]
    fn accepts_json_and_rejects_the_rest() {
        for ok in [
            r#"{"source": ["aws.s3"], "detail": {"size": [{"numeric": [">", 0]}]}}"#,
            "[]",
            " 1.5e-3 ",
            r#""\u00e9""#,
            r#""\ud83d\ude00""#,
            "1e308",
            "1e-999",
            "null",
        ] {
            assert_eq!(validate(ok), Ok(()), "{ok}");
        }
        for (bad, why) in [
            ("{source: 1}", "expected a string key at byte 1"),
            (r#"{"a": 1,}"#, "expected a string key at byte 8"),
            ("[1 2]", "expected `,` or `]` at byte 3"),
            ("01", "leading zero at byte 2"),
            (r#""\x""#, "invalid escape at byte 2"),
            ("{} x", "unexpected text after the JSON value at byte 3"),
            ("", "expected a JSON value at byte 0"),
            (
                r#"{"a": "\ud800"}"#,
                "lone surrogate (a `\\u` escape of U+D800 to U+DBFF not followed by one of U+DC00 to U+DFFF) at byte 7",
            ),
            (
                r#""x\ud800\u0041""#,
                "lone surrogate (a `\\u` escape of U+D800 to U+DBFF not followed by one of U+DC00 to U+DFFF) at byte 2",
            ),
            (
                r#""\udc00""#,
                "lone surrogate (a `\\u` escape of U+DC00 to U+DFFF not after U+D800 to U+DBFF) at byte 1",
            ),
            (
                "[1, 1e999]",
                "number `1e999` out of range (JSON readers take at most about 1.8e308) at byte 4",
            ),
            (
                "-1E+400",
                "number `-1E+400` out of range (JSON readers take at most about 1.8e308) at byte 0",
            ),
            (r#""\u12g4""#, "invalid escape at byte 2"),
        ] {
            assert_eq!(validate(bad), Err(why.to_owned()), "{bad}");
        }
    }
}
