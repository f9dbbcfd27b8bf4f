//! Numbers as text through the browser's own formatting
//! (`Number.prototype.toFixed`, `Number.prototype.toString`), so Rust's
//! float formatting (Grisu and Dragon4, about 15 KB of wasm before
//! compression) stays out of the page. Every decimal the page shows or
//! downloads is written here.

/// `x` with `digits` decimals, as `toFixed` writes it (`0.125` → `0.13`).
pub fn fixed(x: f64, digits: u8) -> String {
    js_sys::Number::from(x).to_fixed(digits).map(String::from).unwrap_or_else(|_| "NaN".into())
}

/// The shortest decimal that reads back as `x`, as JavaScript writes it.
pub fn shortest(x: f64) -> String {
    js_sys::Number::from(x).to_string_with_radix(10).map(String::from).unwrap_or_else(|_| "NaN".into())
}
