//! Sorting with one compiled sort.
//!
//! Why not `slice::sort_by`: the standard library's sort is generic over the
//! comparator, so every call with its own closure compiles its own copy of
//! driftsort and its small-sort networks. The explorer sorts in some forty
//! places (hits, facet values, table columns, concordance lines, collocates…)
//! and the page's wasm held 109 stable-sort and 40 unstable-sort functions,
//! about 130 KB before optimisation (`twiggy top`, 2026-11-29).
//!
//! Here the list is sorted through its positions: one `Vec<u32>` ordered by
//! a comparator behind `&mut dyn`, then the elements moved along the cycles of
//! that permutation. The wasm holds one sort whatever is sorted; each caller
//! adds only its comparator and a few lines of moving. The cost, a virtual
//! call per comparison, is small at the sizes sorted here (a few thousand
//! hits, tens of thousands of concordance lines).
//!
//! Every sort here is stable, like `sort_by`. Clippy's `disallowed-methods`
//! (clippy.toml) keeps new code on these functions.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = positions(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` stably by a key computed once per element, like
/// `slice::sort_by_cached_key` (and so also for `sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let order = positions(v.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    permute(v, order);
}

/// Sorts `v` into ascending order, like `slice::sort`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The positions `0..n` in the order `cmp` gives them (stable): the one
/// place a sort is compiled.
fn positions(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<u32> {
    let n = u32::try_from(n).expect("fewer than 2^32 elements to sort");
    let mut order: Vec<u32> = (0..n).collect();
    #[allow(clippy::disallowed_methods)] // the one sort this module is for
    order.sort_by(|&a, &b| cmp(a as usize, b as usize));
    order
}

/// Rearranges `v` so that `v[i]` becomes the old `v[order[i]]`, in place,
/// one cycle of the permutation at a time.
fn permute<T>(v: &mut [T], mut order: Vec<u32>) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at] as usize;
            order[at] = at as u32;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // The standard library's stable sort is the oracle: equal keys keep
        // their order (the second field tells them apart).
        #[test]
        fn sort_by_equals_std(mut v in proptest::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            let mut want = v.clone();
            #[allow(clippy::disallowed_methods, clippy::unnecessary_sort_by)]
            want.sort_by(|a, b| b.0.cmp(&a.0));
            sort_by(&mut v, |a, b| b.0.cmp(&a.0));
            prop_assert_eq!(v, want);
        }

        #[test]
        fn sort_by_key_equals_std(mut v in proptest::collection::vec(any::<(u8, u16)>(), 0..300)) {
            let mut want = v.clone();
            #[allow(clippy::disallowed_methods)]
            want.sort_by_key(|x| x.0 % 5);
            sort_by_key(&mut v, |x| x.0 % 5);
            prop_assert_eq!(v, want);
        }

        #[test]
        fn sort_equals_std(mut v in proptest::collection::vec(".{0,4}", 0..100)) {
            let mut want = v.clone();
            want.sort();
            sort(&mut v);
            prop_assert_eq!(v, want);
        }
    }

    #[test]
    fn already_sorted_and_reversed() {
        let mut v: Vec<u32> = (0..50).collect();
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, (0..50).rev().collect::<Vec<_>>());
        sort(&mut v);
        assert_eq!(v, (0..50).collect::<Vec<_>>());
    }
}
