//! One sort for the crate. `sort_by_key`, `sort_by` and `sort_unstable` compile the whole sort
//! again for every element type and every key closure (2 to 10 KB of WebAssembly each); this
//! sorts `(key, position)` pairs with the one `sort_unstable` of a single type, then moves the
//! items into that order in place, with the same result as a stable sort. The cost: one list
//! of keys per sort of two items or more (these lists hold a few dozen).

/// A sort key: compared element by element, as a tuple of its fields would be.
pub(crate) type Key = [u64; 4];

/// Sorts `items` by `key`, stably (items with equal keys keep their order).
pub(crate) fn sort_by_key<T>(items: &mut [T], key: impl Fn(&T) -> Key) {
    if items.len() < 2 {
        return;
    }
    let mut keys: Vec<(Key, usize)> = items.iter().map(key).zip(0..).collect();
    sort(&mut keys);
    // position `p` takes the item at `keys[p].1`: follow each cycle of that permutation with
    // swaps, marking the positions done
    for start in 0..items.len() {
        let mut p = start;
        while keys[p].1 != usize::MAX {
            let from = std::mem::replace(&mut keys[p].1, usize::MAX);
            if from == start {
                break;
            }
            items.swap(p, from);
            p = from;
        }
    }
}

/// Sorts the keys, then positions (one instance of the standard sort for the crate).
#[inline(never)]
fn sort(keys: &mut [(Key, usize)]) {
    keys.sort_unstable();
}

/// A number as a key ordered like `usize::cmp`.
pub(crate) fn up(n: usize) -> u64 {
    n as u64
}

/// A number as a key ordered like `Reverse(n)`: larger first.
pub(crate) fn down(n: usize) -> u64 {
    u64::MAX - n as u64
}

/// A float as a key ordered like `f64::total_cmp`.
pub(crate) fn float(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 { !bits } else { bits | 1 << 63 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut items: Vec<(usize, char)> = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        let mut expected = items.clone();
        expected.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
        sort_by_key(&mut items, |(n, _)| [down(*n), 0, 0, 0]);
        assert_eq!(items, expected);
        assert_eq!(items.iter().map(|(_, c)| *c).collect::<String>(), "acbed");
    }

    /// Every permutation of five items comes out as the standard stable sort puts it.
    #[test]
    fn moves_every_permutation_into_order() {
        let mut permutation: Vec<usize> = (0..5).collect();
        let mut seen = 0;
        loop {
            let mut items: Vec<(usize, usize)> = permutation.iter().map(|&n| (n / 2, n)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|(k, _)| *k);
            sort_by_key(&mut items, |(k, _)| [up(*k), 0, 0, 0]);
            assert_eq!(items, expected, "{permutation:?}");
            seen += 1;
            // the next permutation in lexicographic order, if any
            let Some(i) = (0..4).rev().find(|&i| permutation[i] < permutation[i + 1]) else { break };
            let j = (i + 1..5).rev().find(|&j| permutation[j] > permutation[i]).unwrap_or(i);
            permutation.swap(i, j);
            permutation[i + 1..].reverse();
        }
        assert_eq!(seen, 120);
    }

    #[test]
    fn float_keys_order_like_total_cmp() {
        let mut xs = [0.5, -0.0, 0.0, -3.0, f64::INFINITY, 1e-6, f64::NEG_INFINITY, -1e-300, 2.0];
        let mut keys: Vec<u64> = xs.iter().map(|x| float(*x)).collect();
        keys.sort_unstable();
        xs.sort_by(f64::total_cmp);
        assert_eq!(keys, xs.iter().map(|x| float(*x)).collect::<Vec<_>>());
        assert!(xs.windows(2).all(|w| float(w[0]) < float(w[1])), "distinct keys for distinct values: {xs:?}");
    }
}
