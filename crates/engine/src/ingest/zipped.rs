//! Zip containers (`.epub`, and the office formats after it): what they
//! would inflate to is read from the central directory before anything is
//! inflated, so a zip bomb is refused with its figures instead of filling
//! the build machine's memory.

use std::io::Cursor;

/// A book or office file inflating past this is not a document a person
/// wrote (the largest EPUBs, with images, are a few hundred MB; their text
/// far less).
pub const MAX_INFLATED: u64 = 512 * 1024 * 1024;
/// Deflate reaches about 1:1000 at most on real data; text compresses about
/// 1:3 to 1:10. An entry past this ratio (and past 1 MB) is a bomb.
pub const MAX_RATIO: u64 = 200;

/// Checks a zip archive's declared sizes (the zip reader stops an entry
/// at its declared size, so a lie there fails its checksum instead of
/// inflating on). `Err` says why the file is refused.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a zip archive ({e})"))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| format!("entry {}: unreadable ({e})", i + 1))?;
        let (size, packed) = (entry.size(), entry.compressed_size());
        if size > 1024 * 1024 && size / packed.max(1) > MAX_RATIO {
            let name = entry.name().map(|n| n.to_string()).unwrap_or_else(|_| format!("{}", i + 1));
            return Err(format!("entry {name} inflates {packed} bytes to {size} (more than {MAX_RATIO} to 1): refused as a zip bomb"));
        }
        total = total.saturating_add(size);
    }
    if total > MAX_INFLATED {
        return Err(format!("inflates to {} MB (more than {} MB): refused", total / 1_000_000, MAX_INFLATED / 1_000_000));
    }
    Ok(())
}
