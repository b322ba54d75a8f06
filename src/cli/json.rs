//! Compact JSON for `score --jsonl`: the bytes `serde_json::to_writer` writes, for less.
//!
//! A report is about 525 strings of 7 bytes on average, most of them field names; serde_json
//! writes each key through its map machinery and scans it byte by byte for escapes (some 230
//! instructions a key with its `,` and `:`). Here a field or variant name, a Rust
//! identifier known at compile time, is copied as it is with its punctuation, and the
//! strings of the message (texts, custom dimension names) are escaped exactly as
//! serde_json escapes them. Tests compare the two writers on whole reports.

use std::fmt::Display;

use serde::ser::{self, Serialize};

/// Appends the compact JSON of `value` to `out`.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Writer { out })
}

/// Why a value could not be written: a map key that is not a string (reports have none).
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(message: T) -> Error {
        Error(message.to_string())
    }
}

impl From<Error> for std::io::Error {
    fn from(error: Error) -> std::io::Error {
        std::io::Error::other(error)
    }
}

struct Writer<'o> {
    out: &'o mut Vec<u8>,
}

/// What JSON escapes in a string (`"`, `\\` and the control characters), as serde_json
/// writes it: the letter after `\\`, `u` for `\\u00XX`, 0 for a byte written as it is.
const ESCAPE: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[b'\t' as usize] = b't';
    table[b'\n' as usize] = b'n';
    table[0x0C] = b'f';
    table[b'\r' as usize] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Whether any of 8 bytes is `"`, `\\` or below 0x20 (each test sets the high bit of the
/// bytes it finds; `x < 0x20` is `x - 0x20` borrowing with `x`'s high bit clear).
fn any_escaped(chunk: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let below_space = chunk.wrapping_sub(ONES * 0x20) & !chunk & HIGH;
    (zero(chunk ^ (ONES * u64::from(b'"'))) | zero(chunk ^ (ONES * u64::from(b'\\'))) | below_space) != 0
}

/// Whether `bytes` has anything to escape: eight bytes at a time (the last eight overlap
/// the chunk before them), byte by byte under eight.
fn needs_escape(bytes: &[u8]) -> bool {
    let chunk = |at: usize| bytes.get(at..at + 8).and_then(|c| c.try_into().ok()).map_or(0, u64::from_le_bytes);
    if bytes.len() < 8 {
        return bytes.iter().any(|&b| ESCAPE[b as usize] != 0);
    }
    (0..bytes.len() / 8).any(|k| any_escaped(chunk(8 * k))) || any_escaped(chunk(bytes.len() - 8))
}

impl Writer<'_> {
    /// A string of the message, escaped: most have nothing to escape, found eight bytes at
    /// a time, and are copied whole.
    fn string(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.out.reserve(bytes.len() + 2);
        self.out.push(b'"');
        if needs_escape(bytes) {
            self.escaped(bytes);
        } else {
            self.out.extend_from_slice(bytes);
        }
        self.out.push(b'"');
    }

    /// The bytes of a string that has escapes, escaped.
    #[inline(never)]
    fn escaped(&mut self, bytes: &[u8]) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut start = 0;
        for (i, &byte) in bytes.iter().enumerate() {
            let escape = ESCAPE[byte as usize];
            if escape == 0 {
                continue;
            }
            self.out.extend_from_slice(&bytes[start..i]);
            start = i + 1;
            if escape == b'u' {
                self.out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(byte >> 4)],
                    HEX[usize::from(byte & 15)],
                ]);
            } else {
                self.out.extend_from_slice(&[b'\\', escape]);
            }
        }
        self.out.extend_from_slice(&bytes[start..]);
    }

    /// A field or variant name, which needs no escape: Rust identifiers, or names given in
    /// `#[serde(rename)]` (debug builds check). Inlined where the name is a constant, so that
    /// its bytes are stored without a call to copy them.
    #[inline(always)]
    fn name(&mut self, name: &'static str) {
        debug_assert!(!needs_escape(name.as_bytes()), "{name} needs escapes");
        self.out.reserve(name.len() + 2);
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b'"');
    }

    fn number(&mut self, digits: &str) {
        self.out.extend_from_slice(digits.as_bytes());
    }

    fn float<F: zmij::Float + Copy>(&mut self, value: F, finite: bool) {
        if finite {
            self.number(zmij::Buffer::new().format_finite(value));
        } else {
            self.out.extend_from_slice(b"null");
        }
    }
}

/// An object or array being written: whether an item was written (it takes a comma before
/// the next).
pub struct Compound<'a, 'o> {
    writer: &'a mut Writer<'o>,
    first: bool,
}

impl Compound<'_, '_> {
    #[inline(always)]
    fn comma(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.writer.out.push(b',');
        }
    }

    fn close(self, bracket: u8) {
        self.writer.out.push(bracket);
    }

    /// `"name":` after a comma if needed.
    #[inline(always)]
    fn field(&mut self, name: &'static str) {
        self.comma();
        self.writer.name(name);
        self.writer.out.push(b':');
    }
}

impl<'a, 'o> ser::Serializer for &'a mut Writer<'o> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'o>;
    type SerializeTuple = Compound<'a, 'o>;
    type SerializeTupleStruct = Compound<'a, 'o>;
    type SerializeTupleVariant = Compound<'a, 'o>;
    type SerializeMap = Compound<'a, 'o>;
    type SerializeStruct = Compound<'a, 'o>;
    type SerializeStructVariant = Compound<'a, 'o>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.number(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.number(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.number(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.number(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(v, v.is_finite());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v, v.is_finite());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for byte in v {
            seq.serialize_element(byte)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    // inlined into each enum's `serialize`, where the variant's name is a constant
    #[inline(always)]
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.name(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push(b'{');
        self.name(variant);
        self.out.push(b':');
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, 'o>, Error> {
        self.out.push(b'[');
        Ok(Compound { writer: self, first: true })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'o>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a, 'o>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'o>, Error> {
        self.out.push(b'{');
        self.name(variant);
        self.out.extend_from_slice(b":[");
        Ok(Compound { writer: self, first: true })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a, 'o>, Error> {
        self.out.push(b'{');
        Ok(Compound { writer: self, first: true })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'a, 'o>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'o>, Error> {
        self.out.push(b'{');
        self.name(variant);
        self.out.extend_from_slice(b":{");
        Ok(Compound { writer: self, first: true })
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        Compound::close(self, b']');
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        self.writer.out.extend_from_slice(b"]}");
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(Key(&mut *self.writer))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        Compound::close(self, b'}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    // inlined into each struct's `serialize`, where the field's name is a constant
    #[inline(always)]
    fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), Error> {
        self.field(name);
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        Compound::close(self, b'}');
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, name, value)
    }
    fn end(self) -> Result<(), Error> {
        self.writer.out.extend_from_slice(b"}}");
        Ok(())
    }
}

/// A map key: a string (the only keys reports have).
struct Key<'a, 'o>(&'a mut Writer<'o>);

impl Key<'_, '_> {
    fn refuse(self) -> Result<(), Error> {
        Err(Error("a map key must be a string".into()))
    }
}

impl ser::Serializer for Key<'_, '_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.0.string(v);
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.0.name(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_i8(self, _: i8) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_i16(self, _: i16) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_i32(self, _: i32) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_i64(self, _: i64) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_u8(self, _: u8) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_u16(self, _: u16) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_u32(self, _: u32) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_u64(self, _: u64) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_char(self, _: char) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        self.refuse()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error("a map key must be a string".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both<T: Serialize>(value: &T) -> (String, String) {
        let mut ours = Vec::new();
        write(&mut ours, value).unwrap();
        (String::from_utf8(ours).unwrap(), serde_json::to_string(value).unwrap())
    }

    #[test]
    fn reports_are_written_as_serde_json_writes_them() {
        let checker = emotics::Checker::new();
        let texts = [
            "",
            "Dernière chance : -50 % sur tout ! 🎉🎉 https://example.com",
            "I don't hate it, but \"quotes\" and \\backslashes\\ and\ttabs\u{1}\u{1f}\u{7f} aren't GREAT!!!",
            "Vous allez adorer notre offre exclusive 😍, ne la ratez pas\r\nSTOP au 36111",
            &"très très bien, mais pas terrible du tout. ".repeat(40),
        ];
        for text in texts {
            let (ours, theirs) = both(&checker.score(text));
            assert_eq!(ours, theirs, "{text}");
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut text: String = (0u8..0x80).map(char::from).collect();
        text.push_str("é\u{2028}😀\"\\");
        for start in 0..text.len() {
            if let Some(s) = text.get(start..) {
                let (ours, theirs) = both(&s);
                assert_eq!(ours, theirs);
            }
        }
        let (ours, theirs) = both(&[f64::NAN, f64::INFINITY, -0.0, 1e300, 0.1, 2.5e-8]);
        assert_eq!(ours, theirs);
    }

    #[test]
    fn map_keys_must_be_strings() {
        let map = std::collections::BTreeMap::from([(1, 2)]);
        assert!(write(&mut Vec::new(), &map).is_err());
    }
}
