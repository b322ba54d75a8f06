//! The length of a domain label once Punycode-encoded (RFC 3492), which is all the X URL
//! rule needs to know: a label longer than 63 ASCII characters makes the URL invalid.

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

/// Length in ASCII characters of `label` as `toASCII` writes it: unchanged when ASCII,
/// otherwise `xn--` followed by its Punycode encoding. `None` on arithmetic overflow.
pub fn ascii_label_len(label: &[u32]) -> Option<usize> {
    if label.iter().all(|&c| c < 0x80) {
        return Some(label.len());
    }
    Some(4 + encoded_len(label)?)
}

fn adapt(mut delta: u32, points: u32, first: bool) -> u32 {
    delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

/// Number of characters of the Punycode encoding of `input` (code points).
fn encoded_len(input: &[u32]) -> Option<usize> {
    let basic = input.iter().filter(|&&c| c < 0x80).count();
    let mut out = basic + usize::from(basic > 0);
    let mut n = INITIAL_N;
    let mut delta: u32 = 0;
    let mut bias = INITIAL_BIAS;
    let mut handled = basic as u32;
    let total = input.len() as u32;
    while handled < total {
        let m = input.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in input {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out += 1;
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out += 1;
                bias = adapt(delta, handled + 1, handled == basic as u32);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn len(label: &str) -> usize {
        ascii_label_len(&label.chars().map(u32::from).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn matches_known_encodings() {
        assert_eq!(len("example"), 7);
        assert_eq!(len("bücher"), "xn--bcher-kva".len());
        assert_eq!(len("münchen"), "xn--mnchen-3ya".len());
        assert_eq!(len("日本"), "xn--wgv71a".len());
        assert_eq!(len("香港"), "xn--j6w193g".len());
        assert_eq!(len("😀"), "xn--e28h".len());
    }
}
