//! What the build writes out of memory and reads back: a temporary file
//! unlinked at once ([`TempFile`]), and records kept on one in order
//! ([`Tape`]). Why: the build holds, for the whole corpus at once, things
//! it only reads in order, once or twice: the texts (until their chunk
//! files are cut, `index::texts`), and each document's term sequence and
//! shingle numbers while the shared passages are found
//! (`compare::passages`). At 299,202 documents those were 2.3, 0.7 and 0.4
//! GB of the peak. In the page (no feature `ingest`) there is no file: a
//! [`Tape`] holds its records, as the compare view's few documents need.

/// A temporary file of the build, unlinked at once where the system allows
/// it (Unix): it lives while it is open and goes with the process however
/// it ends, even killed; elsewhere it goes when it is dropped.
#[cfg(feature = "ingest")]
#[derive(Debug)]
pub(crate) struct TempFile {
    pub(crate) file: std::fs::File,
    pub(crate) path: std::path::PathBuf,
}

#[cfg(feature = "ingest")]
impl TempFile {
    /// A new empty file in the system's temporary folder, its name saying
    /// `what` it holds; `None` where none can be made (the caller keeps
    /// what it holds in memory).
    pub(crate) fn new(what: &str) -> Option<TempFile> {
        static MADE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("explorer-{what}-{}-{n}.spill", std::process::id()));
        let file = std::fs::OpenOptions::new().read(true).write(true).create_new(true).open(&path).ok()?;
        let _ = std::fs::remove_file(&path);
        Some(TempFile { file, path })
    }
}

#[cfg(feature = "ingest")]
impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Bytes a [`Tape`] holds before it writes them out.
#[cfg(feature = "ingest")]
const TAPE_HOLD: usize = 8 << 20;

/// Records (byte strings) appended in order and read back in order, as
/// often as asked. Past [`TAPE_HOLD`] bytes the build writes what it holds
/// to a [`TempFile`] and lets it go; a failure to write (no temporary
/// folder, a full disk) keeps them in memory and loses nothing.
#[derive(Default)]
pub(crate) struct Tape {
    /// Records not written out, one after another.
    held: Vec<u8>,
    /// Every record's length, in order.
    lens: Vec<u32>,
    /// The records written out (the first `out` of them), and the file.
    #[cfg(feature = "ingest")]
    out: usize,
    #[cfg(feature = "ingest")]
    file: Option<TempFile>,
    /// A write failed: nothing more is written out.
    #[cfg(feature = "ingest")]
    failed: bool,
}

impl Tape {
    pub(crate) fn push(&mut self, record: &[u8]) {
        self.held.extend_from_slice(record);
        self.lens.push(u32::try_from(record.len()).expect("a record under 4 GiB"));
        #[cfg(feature = "ingest")]
        if self.held.len() >= TAPE_HOLD {
            self.write_out();
        }
    }

    /// How many records.
    #[cfg(feature = "ingest")]
    pub(crate) fn len(&self) -> usize {
        self.lens.len()
    }

    #[cfg(feature = "ingest")]
    fn write_out(&mut self) {
        use std::io::Write;
        if self.file.is_none() {
            self.file = TempFile::new("tape");
        }
        let Some(temp) = self.file.as_mut().filter(|_| !self.failed) else { return };
        if temp.file.write_all(&self.held).is_ok() {
            self.held = Vec::new();
            self.out = self.lens.len();
        } else {
            // What this write left in the file is never read (reads stop
            // after the records written out); the rest stays in memory.
            self.failed = true;
        }
    }

    /// Calls `each(i, record)` for every record, in order.
    pub(crate) fn for_each(&self, mut each: impl FnMut(usize, &[u8])) {
        #[cfg(feature = "ingest")]
        let first_held = self.read_out(&mut each);
        #[cfg(not(feature = "ingest"))]
        let first_held = 0;
        let mut at = 0;
        for (i, &len) in self.lens.iter().enumerate().skip(first_held) {
            each(i, &self.held[at..at + len as usize]);
            at += len as usize;
        }
    }

    /// Calls `each` for the records written out, in order; returns how many.
    #[cfg(feature = "ingest")]
    fn read_out(&self, each: &mut impl FnMut(usize, &[u8])) -> usize {
        use std::io::{Read, Seek};
        let Some(temp) = self.file.as_ref().filter(|_| self.out > 0) else { return 0 };
        let mut file = &temp.file;
        // The file was written by this process a moment ago: a failed read
        // is a broken machine, not bad input.
        let broken = "a tape reads back what it wrote";
        file.seek(std::io::SeekFrom::Start(0)).expect(broken);
        let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
        let mut record = Vec::new();
        for (i, &len) in self.lens[..self.out].iter().enumerate() {
            record.resize(len as usize, 0);
            reader.read_exact(&mut record).expect(broken);
            each(i, &record);
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_back_in_order_from_the_file_and_from_memory() {
        // Twelve records of a little over 1 MiB: eight are written out, four held.
        let records: Vec<Vec<u8>> = (0..12u8).map(|i| vec![i; (1 << 20) + i as usize]).collect();
        let mut tape = Tape::default();
        for r in &records {
            tape.push(r);
        }
        assert_eq!((tape.out, tape.len()), (8, 12));
        for _ in 0..2 {
            let mut read = Vec::new();
            tape.for_each(|i, r| {
                assert_eq!(i, read.len());
                read.push(r.to_vec());
            });
            assert_eq!(read, records);
        }
        let path = tape.file.as_ref().map(|t| t.path.clone()).expect("a file");
        drop(tape);
        assert!(!path.exists(), "no file is left behind");
    }
}
