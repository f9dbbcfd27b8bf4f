//! Numbers as text through the browser's own formatting
//! (`Number.prototype.toFixed`, `Number.prototype.toString`), so Rust's
//! float formatting (Grisu and Dragon4, about 15 KB of wasm before
//! compression) stays out of the page. Every decimal the page shows or
//! downloads is written here.

/// `x` with `digits` decimals, as `toFixed` writes it (`0.125` → `0.13`).
pub fn fixed(x: f64, digits: u8) -> String {
    js_sys::Number::from(x).to_fixed(digits).map(String::from).unwrap_or_else(|_| "NaN".into())
}

/// A whole number with a comma between each group of three digits, as an
/// English text writes it (`31830` → `31,830`): the page's counts of
/// documents, words and matches. Downloads keep the bare digits.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The shortest decimal that reads back as `x`, as JavaScript writes it.
pub fn shortest(x: f64) -> String {
    js_sys::Number::from(x).to_string_with_radix(10).map(String::from).unwrap_or_else(|_| "NaN".into())
}

/// A decimal number as a person writes one (`2`, `0.5`, `.5`, `1e3`,
/// `-2.5E-1`), surrounding spaces allowed; `None` for anything else (empty,
/// `inf`, `NaN`, `0x10`, `1,5`). Rust checks the form; the browser's
/// `parseFloat` reads the value, so Rust's float parser (and its 10 KB table
/// of powers of five) stays out of the page. Both round to nearest.
pub fn parse(s: &str) -> Option<f64> {
    let s = s.trim();
    let unsigned = |t: &str| t.strip_prefix(['+', '-']).unwrap_or(t).to_string();
    let body = unsigned(s);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(unsigned(&body[i + 1..]))),
        None => (body.as_str(), None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let well_formed = digits(&mantissa.replacen('.', "", 1)) && exponent.as_deref().is_none_or(digits);
    well_formed.then(|| value(s))
}

#[cfg(target_arch = "wasm32")]
fn value(s: &str) -> f64 {
    // The form is checked: `parseFloat` reads all of it, as `Number()` would.
    js_sys::Number::parse_float(s)
}

#[cfg(not(target_arch = "wasm32"))]
fn value(s: &str) -> f64 {
    s.parse().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::{count, parse};

    #[test]
    fn counts_are_grouped_by_thousands() {
        for (n, expect) in
            [(0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (31830, "31,830"), (19005635, "19,005,635"), (u64::MAX, "18,446,744,073,709,551,615")]
        {
            assert_eq!(count(n), expect);
        }
    }

    #[test]
    fn decimals_as_people_write_them() {
        for (text, expect) in [("2", 2.0), ("0.5", 0.5), (".5", 0.5), ("3.", 3.0), (" 1e3 ", 1000.0), ("-2.5E-1", -0.25), ("+4", 4.0)] {
            assert_eq!(parse(text), Some(expect), "{text}");
        }
        for text in ["", " ", ".", "-", "e3", "1e", "1e+", "inf", "NaN", "infinity", "0x10", "1,5", "1.2.3", "1 2", "½"] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
