//! EventBridge schedule expressions: `rate(N unit)` and six-field `cron(...)`, and EventBridge Scheduler's
//! one-time `at(yyyy-mm-ddThh:mm:ss)`, checked at compile time.

/// `Ok` for a valid expression; otherwise what is wrong with it.
pub fn validate(expr: &str) -> Result<(), String> {
    if let Some(body) = expr.strip_prefix("rate(").and_then(|r| r.strip_suffix(')')) {
        return rate(body);
    }
    if let Some(body) = expr.strip_prefix("cron(").and_then(|r| r.strip_suffix(')')) {
        return cron(body);
    }
    Err(format!(
        "expected `rate(N unit)` or `cron(min hour day-of-month month day-of-week year)`, found `{expr}`"
    ))
}

/// An EventBridge Scheduler expression: [`validate`]'s two kinds, or a one-time `at(yyyy-mm-ddThh:mm:ss)`.
pub fn validate_scheduler(expr: &str) -> Result<(), String> {
    if let Some(body) = expr.strip_prefix("at(").and_then(|r| r.strip_suffix(')')) {
        return local_time(body).map_err(|e| format!("`at({body})`: {e}"));
    }
    validate(expr).map_err(|e| {
        e.replace(
            "expected `rate(N unit)` or",
            "expected `at(yyyy-mm-ddThh:mm:ss)`, `rate(N unit)` or",
        )
    })
}

/// `yyyy-mm-ddThh:mm:ss`, a date and time without zone (Scheduler reads it in the schedule's time zone).
pub fn local_time(s: &str) -> Result<(), String> {
    let b = s.as_bytes();
    let shape = b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return Err(format!(
            "expected a time `yyyy-mm-ddThh:mm:ss`, found `{s}`"
        ));
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (n(0..4), n(5..7), n(8..10));
    let days = match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if !(1..=12).contains(&month) || !(1..=days).contains(&day) {
        return Err(format!("`{s}` is not a date"));
    }
    if n(11..13) > 23 || n(14..16) > 59 || n(17..19) > 59 {
        return Err(format!("`{s}` is not a time of day"));
    }
    Ok(())
}

fn rate(body: &str) -> Result<(), String> {
    let mut parts = body.split(' ');
    let (Some(n), Some(unit), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(format!(
            "`rate({body})` needs a number and a unit, e.g. `rate(5 minutes)`"
        ));
    };
    let n: u32 = match n.parse() {
        Ok(n) if n > 0 => n,
        Err(e) if *e.kind() == std::num::IntErrorKind::PosOverflow => {
            return Err(format!("the rate `{n}` is too large: at most {}", u32::MAX));
        }
        _ => return Err(format!("the rate `{n}` must be a positive whole number")),
    };
    let (singular, plural) = match unit {
        "minute" | "minutes" => ("minute", "minutes"),
        "hour" | "hours" => ("hour", "hours"),
        "day" | "days" => ("day", "days"),
        other => {
            return Err(format!(
                "unknown rate unit `{other}`; expected `minute(s)`, `hour(s)` or `day(s)`"
            ));
        }
    };
    let expected = if n == 1 { singular } else { plural };
    if unit != expected {
        return Err(format!(
            "write `rate({n} {expected})`: EventBridge wants the singular unit for 1 and the plural otherwise"
        ));
    }
    Ok(())
}

const MONTHS: &[&str] = &[
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const DAYS: &[&str] = &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

fn cron(body: &str) -> Result<(), String> {
    let fields: Vec<&str> = body.split_whitespace().collect();
    if fields.len() != 6 {
        return Err(format!(
            "`cron(...)` has six fields (minutes hours day-of-month month day-of-week year), found {}",
            fields.len()
        ));
    }
    let specs: [(&str, u32, u32, &[&str], &str); 6] = [
        ("minutes", 0, 59, &[], ",-*/"),
        ("hours", 0, 23, &[], ",-*/"),
        ("day-of-month", 1, 31, &[], ",-*?/LW"),
        ("month", 1, 12, MONTHS, ",-*/"),
        ("day-of-week", 1, 7, DAYS, ",-*?L#"),
        ("year", 1970, 2199, &[], ",-*/"),
    ];
    for (field, (name, min, max, names, wild)) in fields.iter().zip(specs) {
        if name == "day-of-week"
            && let Some((day, nth)) = field.split_once('#')
        {
            // `DAY#n`: the n-th such weekday of the month, n from 1 to 5.
            let day_ok = day.parse::<u32>().is_ok_and(|d| (1..=7).contains(&d))
                || DAYS.contains(&day.to_ascii_uppercase().as_str());
            if !day_ok || !nth.parse::<u32>().is_ok_and(|n| (1..=5).contains(&n)) {
                return Err(format!(
                    "invalid day-of-week `{field}` in `cron({body})`: `DAY#n` takes a day (1-7 or SUN-SAT) and n from 1 to 5"
                ));
            }
            continue;
        }
        for token in field
            .split(|c: char| wild.contains(c))
            .filter(|t| !t.is_empty())
        {
            let ok = match token.parse::<u32>() {
                Ok(n) => (min..=max).contains(&n) || (field.contains('/') && n > 0),
                Err(_) => names.contains(&token.to_ascii_uppercase().as_str()),
            };
            if !ok {
                return Err(format!(
                    "invalid {name} `{field}` in `cron({body})`: values are {min}-{max}"
                ));
            }
        }
        if let Some(bad) = field
            .chars()
            .find(|c| !c.is_ascii_alphanumeric() && !wild.contains(*c))
        {
            return Err(format!(
                "invalid character `{bad}` in the {name} field of `cron({body})`"
            ));
        }
    }
    if (fields[2] == "?") == (fields[4] == "?") {
        return Err(format!(
            "`cron({body})` needs `?` in exactly one of day-of-month and day-of-week, e.g. `cron(0 12 * * ? *)`"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{validate, validate_scheduler};

    #[test]
    fn scheduler_expressions() {
        for ok in [
            "at(2030-02-28T09:30:00)",
            "at(2028-02-29T00:00:00)",
            "rate(1 hour)",
            "cron(0 12 * * ? *)",
        ] {
            assert_eq!(validate_scheduler(ok), Ok(()), "{ok}");
        }
        assert_eq!(
            validate_scheduler("at(2030-02-29T09:30:00)").unwrap_err(),
            "`at(2030-02-29T09:30:00)`: `2030-02-29T09:30:00` is not a date"
        );
        assert_eq!(
            validate_scheduler("at(2030-02-28 09:30)").unwrap_err(),
            "`at(2030-02-28 09:30)`: expected a time `yyyy-mm-ddThh:mm:ss`, found `2030-02-28 09:30`"
        );
        assert!(
            validate_scheduler("every day")
                .unwrap_err()
                .starts_with("expected `at(yyyy-mm-ddThh:mm:ss)`, `rate(N unit)` or `cron(")
        );
    }

    #[test]
    fn rates() {
        for ok in [
            "rate(1 minute)",
            "rate(5 minutes)",
            "rate(1 hour)",
            "rate(12 hours)",
            "rate(1 day)",
            "rate(7 days)",
        ] {
            assert_eq!(validate(ok), Ok(()), "{ok}");
        }
        assert_eq!(
            validate("rate(5 minute)").unwrap_err(),
            "write `rate(5 minutes)`: EventBridge wants the singular unit for 1 and the plural otherwise"
        );
        assert_eq!(
            validate("rate(1 days)").unwrap_err(),
            "write `rate(1 day)`: EventBridge wants the singular unit for 1 and the plural otherwise"
        );
        assert_eq!(
            validate("rate(0 days)").unwrap_err(),
            "the rate `0` must be a positive whole number"
        );
        assert!(
            validate("rate(5 weeks)")
                .unwrap_err()
                .starts_with("unknown rate unit `weeks`")
        );
        assert!(
            validate("every 5 minutes")
                .unwrap_err()
                .starts_with("expected `rate(N unit)` or `cron(")
        );
    }

    #[test]
    fn crons() {
        for ok in [
            "cron(0 12 * * ? *)",
            "cron(15 10 ? * MON-FRI *)",
            "cron(0/15 * * * ? *)",
            "cron(0 8 1 JAN,JUL ? 2030)",
            "cron(0 9 ? * 6#3 *)",
            "cron(0 0 L * ? *)",
        ] {
            assert_eq!(validate(ok), Ok(()), "{ok}");
        }
        assert_eq!(
            validate("cron(0 12 * * *)").unwrap_err(),
            "`cron(...)` has six fields (minutes hours day-of-month month day-of-week year), found 5"
        );
        assert_eq!(
            validate("cron(0 24 * * ? *)").unwrap_err(),
            "invalid hours `24` in `cron(0 24 * * ? *)`: values are 0-23"
        );
        assert!(
            validate("cron(0 12 * * * *)")
                .unwrap_err()
                .contains("needs `?` in exactly one of day-of-month and day-of-week")
        );
        assert!(
            validate("cron(0 12 ? * FUNDAY *)")
                .unwrap_err()
                .starts_with("invalid day-of-week `FUNDAY`")
        );
    }
}
