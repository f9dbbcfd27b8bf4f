//! The source files themselves, copied beside the page when `corpus.toml`
//! says `copy_originals = true`, so the reader can link a document to its
//! file ("Open the original": a PDF's layout, a page as it was saved).
//!
//! A copy is served from the page's own origin, so a saved web page with
//! scripts would run them there, next to everything the explorer keeps in
//! that origin's storage. Each markup copy (`.html`, `.htm`, `.xhtml`,
//! `.svg`) therefore starts with a Content-Security-Policy `<meta>` that
//! allows no script, no request elsewhere and no form: the page shows its
//! text, styles and the images saved beside it, and runs nothing. Other
//! files are copied byte for byte (a browser shows a PDF, downloads the rest).

use std::fs;
use std::path::Path;

use super::folder::Notice;

/// The policy every markup copy starts with.
pub const POLICY: &str = "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; \
                          form-action 'none'; base-uri 'none'";

/// Copies each of `files` (relative to `root`, `/` between folders) to
/// `out/<the same path>`, after emptying `out`. A file that cannot be
/// copied is named with its reason; its document keeps a link that leads
/// nowhere, so the build says so.
pub fn copy(root: &Path, files: &[&str], out: &Path) -> Vec<Notice> {
    let mut notices = Vec::new();
    if out.exists() {
        if let Err(e) = fs::remove_dir_all(out) {
            notices.push(Notice { path: out.to_path_buf(), message: format!("older originals not removed: {e}"), skipped: false });
        }
    }
    for rel in files {
        let from = root.join(rel);
        let to = out.join(rel);
        let copied = to.parent().map_or(Ok(()), fs::create_dir_all).and_then(|()| fs::read(&from)).and_then(|bytes| fs::write(&to, guarded(rel, bytes)));
        if let Err(e) = copied {
            notices.push(Notice { path: from, message: format!("original not copied ({e}); its “Open the original” link will fail"), skipped: false });
        }
    }
    notices
}

/// A markup file with the no-script policy in front (after a byte-order
/// mark, in the file's own UTF-16 when it has one); any other file as it is.
fn guarded(rel: &str, bytes: Vec<u8>) -> Vec<u8> {
    let lower = rel.to_ascii_lowercase();
    if ![".html", ".htm", ".xhtml", ".svg"].iter().any(|ext| lower.ends_with(ext)) {
        return bytes;
    }
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">\n");
    let (bom, rest) = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => (2, meta.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()),
        Some([0xFE, 0xFF]) => (2, meta.encode_utf16().flat_map(u16::to_be_bytes).collect()),
        _ if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) => (3, meta.into_bytes()),
        _ => (0, meta.into_bytes()),
    };
    let mut out = bytes[..bom].to_vec();
    out.extend(rest);
    out.extend_from_slice(&bytes[bom..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_copies_start_with_a_policy_that_runs_no_script_others_are_untouched() {
        let root = std::env::temp_dir().join(format!("originals-{}", std::process::id()));
        let out = root.join("out");
        fs::create_dir_all(root.join("pages")).unwrap();
        let page = "<!DOCTYPE html><html><head><script>steal()</script></head><body>Camp Ashraf</body></html>";
        fs::write(root.join("pages/a.html"), page).unwrap();
        let pdf = b"%PDF-1.4\n\x00\xff binary".to_vec();
        fs::write(root.join("b.pdf"), &pdf).unwrap();
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("<p>Ashraf</p>".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        fs::write(root.join("c.htm"), &utf16).unwrap();
        fs::create_dir_all(out.join("stale")).unwrap();

        let notices = copy(&root, &["pages/a.html", "b.pdf", "c.htm", "missing.pdf"], &out);

        let a = fs::read_to_string(out.join("pages/a.html")).unwrap();
        let policy = a.lines().next().unwrap();
        assert!(policy.starts_with("<meta http-equiv=\"Content-Security-Policy\"") && policy.contains("default-src 'none'"), "{policy}");
        assert!(!policy.contains("script-src"), "no script source is allowed: default-src 'none' covers scripts");
        assert!(a.ends_with(page), "the page itself follows, unchanged");
        assert_eq!(fs::read(out.join("b.pdf")).unwrap(), pdf, "a PDF is copied byte for byte");
        let c = fs::read(out.join("c.htm")).unwrap();
        let text = String::from_utf16(&c[2..].chunks(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect::<Vec<_>>()).unwrap();
        assert!(c.starts_with(&[0xFF, 0xFE]) && text.starts_with("<meta http-equiv") && text.ends_with("<p>Ashraf</p>"), "UTF-16 stays UTF-16");
        assert!(!out.join("stale").exists(), "older copies are removed");
        assert_eq!(notices.len(), 1);
        assert!(notices[0].path.ends_with("missing.pdf") && notices[0].message.contains("not copied"), "{:?}", notices[0]);
        fs::remove_dir_all(&root).unwrap();
    }
}
