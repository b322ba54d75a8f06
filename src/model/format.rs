//! The model file, "emotics-model 1": small, versioned, checked, and the same on every
//! platform (little-endian throughout).
//!
//! ```text
//! magic       14 bytes  "emotics-model\n"
//! version     u16       1
//! header      u16 length, then UTF-8 lines `key=value`:
//!               name, features (the feature set, see features::FEATURE_SET), hash-bits,
//!               tasks (`sentiment`, `emotions` or both, comma-separated), trained-on
//! per output  f32 scale, then f32 bias for fr, en, und
//!             (outputs: sentiment gives `positive`, `negative`; emotions the eight)
//! weights     per output, in order: u32 count, then per weight, by increasing bucket,
//!               the LEB128 gap from the previous bucket (the first from 0) and an i8
//! checksum    u64 FNV-1a of every byte before it
//! ```
//!
//! A weight is its i8 times its output's scale. A file that is truncated, damaged (the
//! checksum), of another version or feature set, or inconsistent is refused with the reason
//! and the byte offset, and nothing is loaded.

use super::{ModelError, Tasks};

pub const MAGIC: &[u8; 14] = b"emotics-model\n";
pub const VERSION: u16 = 1;

/// What a model file holds, before its rows are indexed for lookups.
pub struct Parsed {
    pub name: String,
    pub trained_on: String,
    pub hash_bits: u32,
    pub tasks: Tasks,
    /// Per output: its scale, and its bias per language (fr, en, und).
    pub scales: Vec<f32>,
    pub biases: Vec<[f32; 3]>,
    /// Per output, its (bucket, weight) pairs by increasing bucket.
    pub weights: Vec<Vec<(u32, i8)>>,
    pub checksum: u64,
}

pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(n).filter(|&end| end <= self.bytes.len());
        let Some(end) = end else {
            return Err(ModelError::at(self.at, format!("truncated: {what} expected")));
        };
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N], ModelError> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N, what)?);
        Ok(out)
    }

    fn u16(&mut self, what: &str) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.array(what)?))
    }

    fn u32(&mut self, what: &str) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array(what)?))
    }

    fn f32(&mut self, what: &str) -> Result<f32, ModelError> {
        let at = self.at;
        let value = f32::from_le_bytes(self.array(what)?);
        if value.is_finite() { Ok(value) } else { Err(ModelError::at(at, format!("{what} is not a finite number"))) }
    }

    fn leb128(&mut self, what: &str) -> Result<u32, ModelError> {
        let at = self.at;
        let mut value: u64 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.array::<1>(what)?[0];
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return u32::try_from(value).map_err(|_| ModelError::at(at, format!("{what} is out of range")));
            }
        }
        Err(ModelError::at(at, format!("{what} is out of range")))
    }
}

pub fn parse(bytes: &[u8], expected_features: u32) -> Result<Parsed, ModelError> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(ModelError::at(0, "not an emotics model (it does not start with \"emotics-model\")".into()));
    }
    let body_len = bytes.len().saturating_sub(8);
    if body_len < MAGIC.len() {
        return Err(ModelError::at(bytes.len(), "truncated: checksum expected".into()));
    }
    let mut stored = [0u8; 8];
    stored.copy_from_slice(&bytes[body_len..]);
    let checksum = fnv64(&bytes[..body_len]);
    if u64::from_le_bytes(stored) != checksum {
        return Err(ModelError::at(body_len, "damaged: the checksum does not match the content".into()));
    }
    let mut reader = Reader { bytes: &bytes[..body_len], at: MAGIC.len() };
    let version = reader.u16("version")?;
    if version != VERSION {
        return Err(ModelError::at(MAGIC.len(), format!("format version {version}, this emotics reads {VERSION}")));
    }
    let header_len = reader.u16("header length")?;
    let header_at = reader.at;
    let header = std::str::from_utf8(reader.take(usize::from(header_len), "header")?)
        .map_err(|_| ModelError::at(header_at, "the header is not UTF-8".into()))?;
    let field = |key: &str| -> Result<&str, ModelError> {
        header
            .lines()
            .find_map(|line| line.strip_prefix(key).and_then(|rest| rest.strip_prefix('=')))
            .ok_or_else(|| ModelError::at(header_at, format!("the header has no `{key}`")))
    };
    let number = |key: &str| -> Result<u32, ModelError> {
        field(key)?.parse().map_err(|_| ModelError::at(header_at, format!("`{key}` is not a number")))
    };
    let features = number("features")?;
    if features != expected_features {
        return Err(ModelError::at(
            header_at,
            format!(
                "made for feature set {features}, this emotics computes feature set {expected_features}: retrain it"
            ),
        ));
    }
    let hash_bits = number("hash-bits")?;
    if !(8..=28).contains(&hash_bits) {
        return Err(ModelError::at(header_at, format!("hash-bits {hash_bits} is outside 8..=28")));
    }
    let tasks = Tasks::parse(field("tasks")?).map_err(|message| ModelError::at(header_at, message))?;
    let outputs = tasks.outputs().len();
    let (mut scales, mut biases) = (Vec::with_capacity(outputs), Vec::with_capacity(outputs));
    for _ in 0..outputs {
        scales.push(reader.f32("scale")?);
        biases.push([reader.f32("bias")?, reader.f32("bias")?, reader.f32("bias")?]);
    }
    let mut weights = Vec::with_capacity(outputs);
    for output in 0..outputs {
        let count = reader.u32("weight count")?;
        let mut list = Vec::with_capacity((count as usize).min(body_len));
        let mut bucket: u64 = 0;
        for k in 0..count {
            let at = reader.at;
            let gap = reader.leb128("bucket gap")?;
            bucket += u64::from(gap);
            if (k > 0 && gap == 0) || bucket >= 1 << hash_bits {
                return Err(ModelError::at(
                    at,
                    format!("output {output}, weight {k}: bucket {bucket} is repeated or beyond hash-bits"),
                ));
            }
            list.push((bucket as u32, reader.array::<1>("weight")?[0] as i8));
        }
        weights.push(list);
    }
    if reader.at != body_len {
        return Err(ModelError::at(reader.at, "unexpected bytes after the rows".into()));
    }
    Ok(Parsed {
        name: field("name")?.to_string(),
        trained_on: field("trained-on").unwrap_or_default().to_string(),
        hash_bits,
        tasks,
        scales,
        biases,
        weights,
        checksum,
    })
}

/// Writes a model file.
#[cfg(feature = "train")]
pub fn write(parsed: &Parsed) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend(VERSION.to_le_bytes());
    let header = format!(
        "name={}\nfeatures={}\nhash-bits={}\ntasks={}\ntrained-on={}\n",
        parsed.name.replace('\n', " "),
        super::features::FEATURE_SET,
        parsed.hash_bits,
        parsed.tasks.name(),
        parsed.trained_on.replace('\n', " ")
    );
    let header = truncate_to(&header, usize::from(u16::MAX));
    out.extend((header.len() as u16).to_le_bytes());
    out.extend(header.as_bytes());
    for (scale, bias) in parsed.scales.iter().zip(&parsed.biases) {
        out.extend(scale.to_le_bytes());
        for b in bias {
            out.extend(b.to_le_bytes());
        }
    }
    for list in &parsed.weights {
        out.extend((list.len() as u32).to_le_bytes());
        let mut previous = 0;
        for &(bucket, weight) in list {
            let mut gap = bucket - previous;
            previous = bucket;
            loop {
                let byte = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    out.push(byte);
                    break;
                }
                out.push(byte | 0x80);
            }
            out.push(weight as u8);
        }
    }
    let checksum = fnv64(&out);
    out.extend(checksum.to_le_bytes());
    out
}

#[cfg(feature = "train")]
fn truncate_to(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
