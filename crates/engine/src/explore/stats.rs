//! The measures of the analysis views, each a pure function of counts, with
//! its formula and source (docs/STATISTICS.md gives them all, with the
//! published values the tests below reproduce).
//!
//! Notation: a 2×2 contingency table
//!
//! ```text
//!            word    other
//! target     O11     O12     R1
//! rest       O21     O22     R2
//!            C1      C2      N
//! ```
//!
//! with expected values `Eij = Ri·Cj/N`.

/// The observed cells of a 2×2 table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Table {
    pub o11: f64,
    pub o12: f64,
    pub o21: f64,
    pub o22: f64,
}

impl Table {
    /// From co-occurrence counts: `o11` together, `r1` row total (window
    /// slots, or target size), `c1` column total (the word's frequency), `n` all.
    pub fn from_margins(o11: f64, r1: f64, c1: f64, n: f64) -> Table {
        Table { o11, o12: r1 - o11, o21: c1 - o11, o22: n - r1 - c1 + o11 }
    }

    /// Keyness: `a`, `b` the word's frequency in target and reference,
    /// `c`, `d` their sizes in words.
    pub fn from_frequencies(a: f64, b: f64, c: f64, d: f64) -> Table {
        Table { o11: a, o12: b, o21: c - a, o22: d - b }
    }

    fn n(&self) -> f64 {
        self.o11 + self.o12 + self.o21 + self.o22
    }

    /// `E11 = R1·C1/N` for the collocation layout (rows: window / rest).
    pub fn e11(&self) -> f64 {
        (self.o11 + self.o12) * (self.o11 + self.o21) / self.n()
    }

    /// Dunning's log-likelihood G² over the four cells, `0·ln 0 = 0`,
    /// signed: negative when O11 is below its expected value (the word is
    /// rarer there than chance would have it). Dunning (1993).
    pub fn log_likelihood(&self) -> f64 {
        let n = self.n();
        let (r1, r2) = (self.o11 + self.o12, self.o21 + self.o22);
        let (c1, c2) = (self.o11 + self.o21, self.o12 + self.o22);
        let term = |o: f64, e: f64| if o > 0.0 && e > 0.0 { o * (o / e).ln() } else { 0.0 };
        let g2 = 2.0 * (term(self.o11, r1 * c1 / n) + term(self.o12, r1 * c2 / n) + term(self.o21, r2 * c1 / n) + term(self.o22, r2 * c2 / n));
        // Rounding can leave a tiny negative sum where the table is independent.
        let g2 = g2.max(0.0);
        if self.o11 < r1 * c1 / n {
            -g2
        } else {
            g2
        }
    }
}

/// Pointwise mutual information, `log2(O11/E11)`. Church & Hanks (1990).
/// `None` when the word never co-occurs (−∞).
pub fn mutual_information(o11: f64, e11: f64) -> Option<f64> {
    (o11 > 0.0 && e11 > 0.0).then(|| (o11 / e11).log2())
}

/// T-score, `(O11 − E11)/√O11`. Church et al. (1991); Manning & Schütze (1999, §5.3.1).
pub fn t_score(o11: f64, e11: f64) -> Option<f64> {
    (o11 > 0.0).then(|| (o11 - e11) / o11.sqrt())
}

/// Log Dice, `14 + log2(2·O11/(f(node) + f(word)))`. Rychlý (2008).
pub fn log_dice(o11: f64, f_node: f64, f_word: f64) -> Option<f64> {
    (o11 > 0.0 && f_node + f_word > 0.0).then(|| 14.0 + (2.0 * o11 / (f_node + f_word)).log2())
}

/// A frequency of zero in an effect size is read as this much, so the
/// measure stays finite (Hardie 2014 for log ratio; Gabrielatos & Marchi 2011 for %DIFF).
pub const ZERO: f64 = 0.5;

/// Log ratio, `log2((a/c)/(b/d))`, a zero frequency replaced by [`ZERO`]. Hardie (2014).
pub fn log_ratio(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let (a, b) = (if a == 0.0 { ZERO } else { a }, if b == 0.0 { ZERO } else { b });
    ((a / c) / (b / d)).log2()
}

/// %DIFF, `(a/c − b/d)·100/(b/d)`, a zero reference frequency replaced by
/// [`ZERO`]. Gabrielatos & Marchi (2011).
pub fn percent_diff(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let b = if b == 0.0 { ZERO } else { b };
    (a / c - b / d) * 100.0 / (b / d)
}

/// Critical values of G² with one degree of freedom: p < .05, .01, .001.
pub const CRITICAL: [(f64, &str); 3] = [(3.84, "0.05"), (6.63, "0.01"), (10.83, "0.001")];

/// Juilland's D over parts of a corpus: `1 − (σ_pop(p)/mean(p))/√(n−1)`,
/// `p_i = v_i/size_i`. 1 is perfectly even, 0 all in one part. Juilland
/// et al. (1970), as Carroll (1970) and Gries (2008) compute it with
/// relative frequencies. `None` with fewer than two parts or no occurrence.
pub fn juilland_d(counts: &[f64], sizes: &[f64]) -> Option<f64> {
    let n = counts.len();
    if n < 2 || counts.iter().all(|&v| v == 0.0) || sizes.iter().any(|&s| s <= 0.0) {
        return None;
    }
    let p: Vec<f64> = counts.iter().zip(sizes).map(|(v, s)| v / s).collect();
    let mean = p.iter().sum::<f64>() / n as f64;
    let sd = (p.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64).sqrt();
    Some(1.0 - (sd / mean) / ((n - 1) as f64).sqrt())
}

/// Gries' deviation of proportions and its normalised form:
/// `DP = ½·Σ|v_i/f − s_i|` with `s_i = size_i/Σ size`, and
/// `DPnorm = DP/(1 − min s_i)`. 0 is even, towards 1 uneven. Gries (2008);
/// Lijffijt & Gries (2012). `None` with fewer than two parts or no occurrence.
pub fn deviation_of_proportions(counts: &[f64], sizes: &[f64]) -> Option<(f64, f64)> {
    let f: f64 = counts.iter().sum();
    let total: f64 = sizes.iter().sum();
    if counts.len() < 2 || f == 0.0 || total <= 0.0 {
        return None;
    }
    let dp = 0.5 * counts.iter().zip(sizes).map(|(v, s)| (v / f - s / total).abs()).sum::<f64>();
    let min = sizes.iter().cloned().fold(f64::INFINITY, f64::min) / total;
    Some((dp, dp / (1.0 - min)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(x: f64, places: i32) -> f64 {
        let k = 10f64.powi(places);
        (x * k).round() / k
    }

    #[test]
    fn dunning_1993() {
        // Dunning (1993), Table 4: "the swing" style bigram, k11=10 k12=0 k21=3 k22=31764: −2 log λ = 167.23.
        let t = Table { o11: 10.0, o12: 0.0, o21: 3.0, o22: 31764.0 };
        assert_eq!(round(t.log_likelihood(), 2), 167.23);
        // Below expectation it is signed negative; the size is the same as the mirror table's.
        let low = Table::from_frequencies(1.0, 30.0, 1000.0, 1000.0);
        let high = Table::from_frequencies(30.0, 1.0, 1000.0, 1000.0);
        assert!(low.log_likelihood() < 0.0);
        assert!((low.log_likelihood() + high.log_likelihood()).abs() < 1e-9);
        // An independent table scores zero.
        assert_eq!(Table::from_frequencies(10.0, 10.0, 100.0, 100.0).log_likelihood(), 0.0);
    }

    #[test]
    fn church_and_hanks_1990() {
        // f(x,y)=8, f(x)=1105, f(y)=44, N=15,000,000 (their "set off"): I = 11.3.
        let e11 = 1105.0 * 44.0 / 15_000_000.0;
        assert_eq!(round(mutual_information(8.0, e11).unwrap(), 1), 11.3);
        let t = Table::from_margins(8.0, 1105.0, 44.0, 15_000_000.0);
        assert!((t.e11() - e11).abs() < 1e-12);
        assert_eq!(mutual_information(0.0, e11), None);
    }

    #[test]
    fn manning_and_schutze_1999() {
        // §5.3.1, "new companies": 8 together, f(new)=15,828, f(companies)=4,675, N=14,307,668: t = 0.999932.
        let t = Table::from_margins(8.0, 15828.0, 4675.0, 14_307_668.0);
        assert_eq!(round(t_score(8.0, t.e11()).unwrap(), 6), 0.999932);
    }

    #[test]
    fn gabrielatos_and_marchi_2011() {
        // 206,523 in 959,641 words against 178,174 in 1,562,358: %DIFF = 88.7.
        assert_eq!(round(percent_diff(206_523.0, 178_174.0, 959_641.0, 1_562_358.0), 1), 88.7);
        // A zero reference frequency reads as 0.5.
        assert_eq!(percent_diff(1.0, 0.0, 100.0, 100.0), 100.0);
    }

    #[test]
    fn log_ratio_and_log_dice() {
        // Twice as frequent: one binary order of magnitude.
        assert_eq!(log_ratio(20.0, 10.0, 1000.0, 1000.0), 1.0);
        assert_eq!(log_ratio(1.0, 0.0, 1000.0, 1000.0), 1.0);
        assert_eq!(log_ratio(0.0, 1.0, 1000.0, 1000.0), -1.0);
        // Log Dice is 14 when two words always occur together.
        assert_eq!(log_dice(5.0, 5.0, 5.0), Some(14.0));
        assert_eq!(log_dice(0.0, 5.0, 5.0), None);
    }

    #[test]
    fn carroll_1970_juilland() {
        // Counts 0, 4, 3, 2, 1 in five equal parts: D = 0.6464.
        assert_eq!(round(juilland_d(&[0.0, 4.0, 3.0, 2.0, 1.0], &[1.0; 5]).unwrap(), 4), 0.6464);
        assert_eq!(juilland_d(&[3.0], &[10.0]), None);
        assert_eq!(juilland_d(&[1.0, 1.0], &[5.0, 5.0]), Some(1.0));
    }

    #[test]
    fn lijffijt_and_gries_2012() {
        // [2, 1, 0] in three equal parts: DP = 1/3, DPnorm = 0.5.
        let (dp, norm) = deviation_of_proportions(&[2.0, 1.0, 0.0], &[1.0; 3]).unwrap();
        assert!((dp - 1.0 / 3.0).abs() < 1e-12 && (norm - 0.5).abs() < 1e-12);
    }

    #[test]
    fn gries_2008_toy_corpus() {
        // Parts of 9, 10, 10, 10 and 11 words, "b" twice in each: D = 0.968, DP = 0.02, DPnorm = 0.024.
        let (counts, sizes) = ([2.0; 5], [9.0, 10.0, 10.0, 10.0, 11.0]);
        assert_eq!(round(juilland_d(&counts, &sizes).unwrap(), 3), 0.968);
        let (dp, norm) = deviation_of_proportions(&counts, &sizes).unwrap();
        assert_eq!((round(dp, 2), round(norm, 3)), (0.02, 0.024));
    }
}
