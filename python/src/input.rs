//! The messages of a batch: strings copied from a Python list, or read in place from the
//! buffers of an Arrow `string`/`large_string` array (no Python object per message).

use std::borrow::Cow;

/// An Arrow string array's buffers, as bytes.
pub struct ArrowStrings<'a> {
    /// Validity bitmap (absent: no nulls).
    pub validity: Option<&'a [u8]>,
    pub offsets: &'a [u8],
    pub data: &'a [u8],
    /// The array's first row in its buffers, and its length.
    pub offset: usize,
    pub len: usize,
    /// `large_string`: `i64` offsets instead of `i32`.
    pub large: bool,
}

/// The messages of a batch (`None`: a null row).
pub enum Texts<'a> {
    Owned(Vec<Option<String>>),
    Arrow(ArrowStrings<'a>),
}

impl ArrowStrings<'_> {
    fn width(&self) -> usize {
        if self.large { 8 } else { 4 }
    }

    /// Checks that the buffers are large enough for the rows, so that reading a row cannot
    /// go out of them.
    pub fn check(&self) -> Result<(), String> {
        let rows = self.offset.checked_add(self.len).ok_or("array too long")?;
        if self.offsets.len() < (rows + 1).saturating_mul(self.width()) {
            return Err(format!("string array of {rows} rows with an offsets buffer of {} bytes", self.offsets.len()));
        }
        if self.validity.is_some_and(|v| v.len() < rows.div_ceil(8)) {
            return Err(format!("string array of {rows} rows with a shorter validity bitmap"));
        }
        Ok(())
    }

    fn offset_at(&self, i: usize) -> usize {
        let w = self.width();
        let bytes = &self.offsets[i * w..(i + 1) * w];
        let value = if self.large {
            i64::from_ne_bytes(bytes.try_into().unwrap_or_default())
        } else {
            i64::from(i32::from_ne_bytes(bytes.try_into().unwrap_or_default()))
        };
        usize::try_from(value).unwrap_or(usize::MAX)
    }

    /// Row `i` (after [`ArrowStrings::check`]): its text, lossily decoded (Arrow strings are
    /// UTF-8 when built by pyarrow's checked constructors), or `None` for a null.
    fn get(&self, i: usize) -> Result<Option<Cow<'_, str>>, String> {
        let row = self.offset + i;
        if self.validity.is_some_and(|v| v[row / 8] & (1 << (row % 8)) == 0) {
            return Ok(None);
        }
        let (start, end) = (self.offset_at(row), self.offset_at(row + 1));
        let bytes =
            self.data.get(start..end).ok_or_else(|| format!("row {i}: offsets {start}..{end} out of the data"))?;
        Ok(Some(String::from_utf8_lossy(bytes)))
    }
}

impl Texts<'_> {
    pub fn len(&self) -> usize {
        match self {
            Texts::Owned(texts) => texts.len(),
            Texts::Arrow(array) => array.len,
        }
    }

    /// Calls `f` with each message in order.
    pub fn try_for_each<E: From<String>>(&self, mut f: impl FnMut(Option<&str>) -> Result<(), E>) -> Result<(), E> {
        match self {
            Texts::Owned(texts) => texts.iter().try_for_each(|t| f(t.as_deref())),
            Texts::Arrow(array) => {
                array.check()?;
                (0..array.len).try_for_each(|i| f(array.get(i)?.as_deref()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(texts: &Texts) -> Result<Vec<Option<String>>, String> {
        let mut out = Vec::new();
        texts.try_for_each(|t| {
            out.push(t.map(str::to_owned));
            Ok::<(), String>(())
        })?;
        Ok(out)
    }

    fn offsets32(values: &[i32]) -> Vec<u8> {
        values.iter().flat_map(|v| v.to_ne_bytes()).collect()
    }

    #[test]
    fn arrow_rows_are_read_from_their_offsets_after_the_array_offset_with_nulls() {
        let offsets = offsets32(&[0, 2, 2, 5, 9]);
        let array = ArrowStrings {
            validity: Some(&[0b1101]),
            offsets: &offsets,
            data: "abcdeéé".as_bytes(),
            offset: 1,
            len: 3,
            large: false,
        };
        assert_eq!(collect(&Texts::Arrow(array)).unwrap(), [None, Some("cde".into()), Some("éé".into())]);
        let large: Vec<u8> = [0i64, 3].iter().flat_map(|v| v.to_ne_bytes()).collect();
        let array = ArrowStrings { validity: None, offsets: &large, data: b"abc", offset: 0, len: 1, large: true };
        assert_eq!(collect(&Texts::Arrow(array)).unwrap(), [Some("abc".into())]);
    }

    #[test]
    fn malformed_arrays_are_errors_not_reads_out_of_bounds() {
        let offsets = offsets32(&[0, 2, 9]);
        let short = ArrowStrings { validity: None, offsets: &offsets, data: b"abc", offset: 0, len: 3, large: false };
        assert!(collect(&Texts::Arrow(short)).unwrap_err().contains("offsets buffer"));
        let past = ArrowStrings { validity: None, offsets: &offsets, data: b"abc", offset: 0, len: 2, large: false };
        assert!(collect(&Texts::Arrow(past)).unwrap_err().contains("out of the data"));
        let backwards = offsets32(&[2, 1]);
        let array = ArrowStrings { validity: None, offsets: &backwards, data: b"abc", offset: 0, len: 1, large: false };
        assert!(collect(&Texts::Arrow(array)).is_err());
        let array =
            ArrowStrings { validity: Some(&[]), offsets: &offsets, data: b"abc", offset: 0, len: 2, large: false };
        assert!(collect(&Texts::Arrow(array)).unwrap_err().contains("validity"));
    }

    #[test]
    fn invalid_utf8_is_replaced_not_refused() {
        let offsets = offsets32(&[0, 2]);
        let array = ArrowStrings { validity: None, offsets: &offsets, data: b"a\xff", offset: 0, len: 1, large: false };
        assert_eq!(collect(&Texts::Arrow(array)).unwrap(), [Some("a\u{fffd}".into())]);
    }
}
