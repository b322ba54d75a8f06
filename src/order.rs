//! One sort for the crate. `sort_by_key`, `sort_by` and `sort_unstable` compile the whole sort
//! again for every element type and every key closure (2 to 10 KB of WebAssembly each); these
//! sort `(key, position)` pairs with the one `sort_unstable` of a single type, then move the
//! items into that order, with the same result as a stable sort. The cost: two small lists per
//! sort, on lists of a few dozen items.

/// A sort key: compared element by element, as a tuple of its fields would be.
pub(crate) type Key = [u64; 4];

/// Sorts `items` by `key`, stably (items with equal keys keep their order).
pub(crate) fn sort_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> Key) {
    let keys: Vec<(Key, usize)> = items.iter().map(key).zip(0..).collect();
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(order(keys).into_iter().filter_map(|i| slots.get_mut(i).and_then(Option::take)));
}

/// The positions of `keys` in the order of their keys (then of their positions).
#[inline(never)]
fn order(mut keys: Vec<(Key, usize)>) -> Vec<usize> {
    keys.sort_unstable();
    keys.into_iter().map(|(_, i)| i).collect()
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
