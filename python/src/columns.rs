//! The typed Arrow buffers of a scored batch: one column per flat field
//! (`emotics::report::fields`), filled row by row here and assembled into a
//! `pyarrow.StructArray` by the Python layer (`Array.from_buffers`), so that no Arrow crate
//! is compiled. Buffers are in Arrow's layout, in native byte order.

use emotics::Report;
use emotics::report::fields::{Field, Kind, Value};

/// A validity or boolean bitmap (Arrow's layout: bit `i % 8` of byte `i / 8`).
#[derive(Default)]
pub struct Bitmap {
    pub bytes: Vec<u8>,
    len: usize,
    /// How many bits are unset: a validity bitmap's null count.
    pub unset: usize,
}

impl Bitmap {
    fn with_capacity(rows: usize) -> Bitmap {
        Bitmap { bytes: Vec::with_capacity(rows.div_ceil(8)), len: 0, unset: 0 }
    }

    pub fn push(&mut self, set: bool) {
        if self.len.is_multiple_of(8) {
            self.bytes.push(0);
        }
        if set {
            self.bytes[self.len / 8] |= 1 << (self.len % 8);
        } else {
            self.unset += 1;
        }
        self.len += 1;
    }
}

/// The values of a column.
pub enum Values {
    /// UTF-8 strings: `i32` offsets and their bytes (Arrow `utf8`).
    Str { offsets: Vec<u8>, data: Vec<u8> },
    /// `f64` or `i64` values.
    Fixed(Vec<u8>),
    /// Arrow `bool`: a bitmap.
    Bool(Bitmap),
}

/// One column: which rows have a value, and the values (a default where there is none).
pub struct Column {
    pub validity: Bitmap,
    pub values: Values,
}

/// Why a batch could not be built.
#[derive(Debug)]
pub struct TooLarge;

impl Column {
    fn new(kind: Kind, rows: usize) -> Column {
        let values = match kind {
            Kind::Str => {
                let mut offsets = Vec::with_capacity((rows + 1) * 4);
                offsets.extend(0i32.to_ne_bytes());
                Values::Str { offsets, data: Vec::new() }
            }
            Kind::Float | Kind::Int => Values::Fixed(Vec::with_capacity(rows * 8)),
            Kind::Bool => Values::Bool(Bitmap::with_capacity(rows)),
        };
        Column { validity: Bitmap::with_capacity(rows), values }
    }

    fn push(&mut self, value: Option<Value>) -> Result<(), TooLarge> {
        self.validity.push(value.is_some());
        match (&mut self.values, value) {
            (Values::Str { offsets, data }, value) => {
                if let Some(Value::Str(s)) = value {
                    data.extend_from_slice(s.as_bytes());
                }
                let end = i32::try_from(data.len()).map_err(|_| TooLarge)?;
                offsets.extend(end.to_ne_bytes());
            }
            (Values::Fixed(bytes), Some(Value::Float(x))) => bytes.extend(x.to_ne_bytes()),
            (Values::Fixed(bytes), Some(Value::Int(n))) => bytes.extend((n as i64).to_ne_bytes()),
            (Values::Fixed(bytes), _) => bytes.extend(0u64.to_ne_bytes()),
            (Values::Bool(bits), value) => bits.push(value == Some(Value::Bool(true))),
        }
        Ok(())
    }
}

/// A batch being scored: the rows that have a message, and a column per field (and one of
/// explanations as JSON when asked for).
pub struct Batch {
    pub rows: Bitmap,
    pub columns: Vec<Column>,
    explain: bool,
    json: Vec<u8>,
}

impl Batch {
    pub fn new(fields: &[Field], explain: bool, rows: usize) -> Batch {
        let mut columns: Vec<Column> = fields.iter().map(|f| Column::new(f.kind(), rows)).collect();
        if explain {
            columns.push(Column::new(Kind::Str, rows));
        }
        Batch { rows: Bitmap::with_capacity(rows), columns, explain, json: Vec::new() }
    }

    /// Adds the row of `report`, or a null row for a missing message.
    pub fn push(&mut self, fields: &[Field], report: Option<&Report>) -> Result<(), TooLarge> {
        self.rows.push(report.is_some());
        for (field, column) in fields.iter().zip(&mut self.columns) {
            column.push(report.and_then(|r| field.get(r)))?;
        }
        if self.explain {
            let explanations = report.and_then(|r| {
                self.json.clear();
                serde_json::to_writer(&mut self.json, &r.tone.explanations).ok()?;
                std::str::from_utf8(&self.json).ok()
            });
            if let Some(column) = self.columns.last_mut() {
                column.push(explanations.map(Value::Str))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i32s(bytes: &[u8]) -> Vec<i32> {
        bytes.chunks(4).map(|c| i32::from_ne_bytes(c.try_into().unwrap())).collect()
    }

    #[test]
    fn bitmaps_are_lsb_first_and_count_unset_bits() {
        let mut bits = Bitmap::default();
        for set in [true, false, true, true, false, false, false, false, true] {
            bits.push(set);
        }
        assert_eq!(bits.bytes, [0b0000_1101, 0b1]);
        assert_eq!(bits.unset, 5);
    }

    #[test]
    fn a_batch_has_a_typed_column_per_field_and_null_rows_for_missing_messages() {
        let checker = emotics::Checker::new();
        let checker = emotics::Checker::new().with_profiles(checker.profiles_named(&["sms"]).unwrap());
        let fields = emotics::report::fields::all(&checker);
        let mut batch = Batch::new(&fields, true, 2);
        let report = checker.score("Super offre 🎉");
        batch.push(&fields, Some(&report)).unwrap();
        batch.push(&fields, None).unwrap();
        assert_eq!((batch.rows.bytes.as_slice(), batch.rows.unset), (&[0b01][..], 1));
        assert_eq!(batch.columns.len(), fields.len() + 1);
        for (field, column) in fields.iter().zip(&batch.columns) {
            assert_eq!(column.validity.unset, 1, "{}", field.path());
            match (field.get(&report).unwrap(), &column.values) {
                (Value::Float(x), Values::Fixed(b)) => assert_eq!(f64::from_ne_bytes(b[..8].try_into().unwrap()), x),
                (Value::Int(n), Values::Fixed(b)) => {
                    assert_eq!(i64::from_ne_bytes(b[..8].try_into().unwrap()), n as i64)
                }
                (Value::Bool(v), Values::Bool(bits)) => assert_eq!(bits.bytes[0] & 1 == 1, v),
                (Value::Str(s), Values::Str { offsets, data }) => {
                    assert_eq!(i32s(offsets), [0, s.len() as i32, s.len() as i32]);
                    assert_eq!(data, s.as_bytes());
                }
                (value, _) => panic!("{}: {value:?} in a column of another type", field.path()),
            }
        }
        let Some(Column { values: Values::Str { data, .. }, .. }) = batch.columns.last() else { panic!() };
        let explanations: serde_json::Value = serde_json::from_slice(data).unwrap();
        assert_eq!(explanations, serde_json::to_value(&report.tone.explanations).unwrap());
    }
}
