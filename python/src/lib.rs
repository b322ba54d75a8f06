//! `emotics._emotics`, the native module of the Python package: converts between Python and
//! the core and never computes. Scoring runs with the GIL released, on the caller's thread
//! (no thread pool: engines such as Spark or Polars parallelise over batches). The Python
//! layer (`emotics/__init__.py`) gives the public API.

mod columns;
mod input;

use std::borrow::Cow;

use emotics::report::fields::{self, Field, Kind};
use emotics::{Language, Options};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};

use columns::{Batch, Values};
use input::{ArrowStrings, Texts};

/// A checker: the lexicons, the model and the profiles, loaded once.
#[pyclass(frozen, module = "emotics._emotics")]
struct Checker {
    inner: emotics::Checker,
    fields: Vec<Field>,
}

/// The `model` argument: a model file's bytes, or `builtin` / `none` (paths are read by the
/// Python layer).
#[derive(FromPyObject)]
enum ModelArg<'py> {
    Bytes(Bound<'py, PyBytes>),
    Name(String),
}

/// A scored batch for the Python layer: `(rows, null_count, validity, columns)`, each column
/// `(validity, null_count, buffers)` in the order of `Checker.fields` (then the explanations).
type BatchOut<'py> = (usize, usize, Option<Bound<'py, PyBytes>>, Vec<ColumnOut<'py>>);
type ColumnOut<'py> = (Option<Bound<'py, PyBytes>>, usize, Vec<Bound<'py, PyBytes>>);

#[pymethods]
impl Checker {
    #[new]
    #[pyo3(signature = (profiles=None, model=None))]
    fn new(profiles: Option<Vec<String>>, model: Option<ModelArg>) -> PyResult<Checker> {
        let inner = match model {
            None => emotics::Checker::new(),
            Some(ModelArg::Name(name)) => match name.as_str() {
                "builtin" => emotics::Checker::new(),
                "none" => emotics::Checker::without_model(),
                _ => {
                    return Err(PyValueError::new_err(format!(
                        "model `{name}`: expected a model file's bytes, a path, \"builtin\" or \"none\""
                    )));
                }
            },
            Some(ModelArg::Bytes(bytes)) => {
                let model = emotics::model::Model::from_bytes(bytes.as_bytes())
                    .map_err(|e| PyValueError::new_err(format!("not a valid emotics model: {e}")))?;
                emotics::Checker::with_model(model)
            }
        };
        let inner = match profiles {
            Some(names) => {
                let profiles = inner.profiles_named(&names).map_err(PyValueError::new_err)?;
                inner.with_profiles(profiles)
            }
            None => inner,
        };
        // the calling thread only, a very long message too: the engines parallelise
        let inner = inner.with_threads(std::num::NonZeroUsize::MIN);
        Ok(Checker { fields: fields::all(&inner), inner })
    }

    /// The ids (`name@checksum`) of the models scoring, empty without one.
    #[getter]
    fn model(&self) -> &str {
        self.inner.model_name()
    }

    /// The names of the length profiles measured, in report order.
    #[getter]
    fn profiles(&self) -> Vec<String> {
        self.inner.profiles().iter().map(|p| p.name.to_string()).collect()
    }

    /// The flat fields of this checker's reports: `(path, kind)`, kind one of `str`,
    /// `float`, `int`, `bool`.
    fn fields(&self) -> Vec<(String, &'static str)> {
        let kind = |kind| match kind {
            Kind::Str => "str",
            Kind::Float => "float",
            Kind::Int => "int",
            Kind::Bool => "bool",
        };
        self.fields.iter().map(|f| (f.path().to_owned(), kind(f.kind()))).collect()
    }

    /// The JSON report of `text` (what `emotics score --json` prints).
    #[pyo3(signature = (text, lang=None))]
    fn score_json(&self, py: Python<'_>, text: &Bound<'_, PyAny>, lang: Option<&str>) -> PyResult<String> {
        let options = options(lang)?;
        let text = text
            .cast::<PyString>()
            .map_err(|_| PyTypeError::new_err(format!("text must be str, not {}", type_name(text))))?;
        let text = &*utf8(text)?;
        py.detach(|| serde_json::to_string(&self.inner.score_with(text, &options)))
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// Scores a list of `str` or `None` into columns (see `BatchOut`).
    #[pyo3(signature = (texts, lang=None, explain=false))]
    fn score_list<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyList>,
        lang: Option<&str>,
        explain: bool,
    ) -> PyResult<BatchOut<'py>> {
        let options = options(lang)?;
        let mut owned = Vec::with_capacity(texts.len());
        for (i, text) in texts.iter().enumerate() {
            owned.push(match text.cast::<PyString>() {
                Ok(s) => Some(utf8(s)?.into_owned()),
                Err(_) if text.is_none() => None,
                Err(_) => {
                    return Err(PyTypeError::new_err(format!(
                        "texts[{i}] is {}: expected str or None",
                        type_name(&text)
                    )));
                }
            });
        }
        self.score_texts(py, &Texts::Owned(owned), &options, explain)
    }

    /// Scores a `pyarrow` `string` or `large_string` array in place (see `BatchOut`).
    #[pyo3(signature = (array, lang=None, explain=false))]
    fn score_arrow<'py>(
        &self,
        py: Python<'py>,
        array: &Bound<'py, PyAny>,
        lang: Option<&str>,
        explain: bool,
    ) -> PyResult<BatchOut<'py>> {
        let options = options(lang)?;
        let pyarrow = py.import("pyarrow")?;
        let kind = array.getattr("type")?;
        let large = if kind.eq(pyarrow.call_method0("string")?)? {
            false
        } else if kind.eq(pyarrow.call_method0("large_string")?)? {
            true
        } else {
            return Err(PyTypeError::new_err(format!("expected a string or large_string array, not {kind}")));
        };
        let buffers = array.call_method0("buffers")?;
        let buffer = |i: usize| -> PyResult<Option<Region>> {
            let buffer = buffers.get_item(i)?;
            if buffer.is_none() {
                return Ok(None);
            }
            if !buffer.is_instance(&pyarrow.getattr("Buffer")?)? || !buffer.getattr("is_cpu")?.is_truthy()? {
                return Err(PyTypeError::new_err("expected a pyarrow array in CPU memory"));
            }
            Ok(Some(Region {
                address: buffer.getattr("address")?.extract()?,
                size: buffer.getattr("size")?.extract()?,
            }))
        };
        let (validity, offsets, data) = (buffer(0)?, buffer(1)?, buffer(2)?);
        let (offset, len): (usize, usize) = (array.getattr("offset")?.extract()?, array.len()?);
        // SAFETY: the regions are those of the buffers of `array`, which this call holds (so
        // they stay alive) and which pyarrow never mutates; `ArrowStrings::check` and the
        // reads check every index against the regions' sizes.
        let strings = unsafe {
            ArrowStrings {
                validity: validity.map(|r| r.bytes()),
                offsets: offsets.map_or(&[], |r| r.bytes()),
                data: data.map_or(&[], |r| r.bytes()),
                offset,
                len,
                large,
            }
        };
        self.score_texts(py, &Texts::Arrow(strings), &options, explain)
    }
}

/// Where an Arrow buffer is, in this process's memory.
#[derive(Clone, Copy)]
struct Region {
    address: usize,
    size: usize,
}

impl Region {
    /// # Safety
    /// `address` must point to `size` bytes that stay alive and unchanged for `'a`.
    unsafe fn bytes<'a>(self) -> &'a [u8] {
        if self.size == 0 || self.address == 0 {
            return &[];
        }
        // SAFETY: as the caller promises
        unsafe { std::slice::from_raw_parts(self.address as *const u8, self.size) }
    }
}

impl Checker {
    /// Scores `texts` with the GIL released, then hands the columns to Python.
    fn score_texts<'py>(
        &self,
        py: Python<'py>,
        texts: &Texts,
        options: &Options,
        explain: bool,
    ) -> PyResult<BatchOut<'py>> {
        let batch = py
            .detach(|| {
                let mut batch = Batch::new(&self.fields, explain, texts.len());
                texts.try_for_each(|text| {
                    let report = text.map(|t| match explain {
                        true => self.inner.score_with(t, options),
                        false => self.inner.score_brief(t, options, self.inner.profiles()),
                    });
                    batch.push(&self.fields, report.as_ref()).map_err(|_| {
                        "the batch's strings exceed 2 GiB (Arrow utf8): score it in smaller batches".to_string()
                    })
                })?;
                Ok::<_, String>(batch)
            })
            .map_err(PyValueError::new_err)?;
        let bytes = |b: &[u8]| PyBytes::new(py, b);
        let validity = |bits: &columns::Bitmap| (bits.unset > 0).then(|| bytes(&bits.bytes));
        let columns = batch
            .columns
            .iter()
            .map(|column| {
                let buffers = match &column.values {
                    Values::Str { offsets, data } => vec![bytes(offsets), bytes(data)],
                    Values::Fixed(values) => vec![bytes(values)],
                    Values::Bool(bits) => vec![bytes(&bits.bytes)],
                };
                (validity(&column.validity), column.validity.unset, buffers)
            })
            .collect();
        Ok((texts.len(), batch.rows.unset, validity(&batch.rows), columns))
    }
}

/// Options from the `lang` argument: `None` or `auto` identifies each message's language.
fn options(lang: Option<&str>) -> PyResult<Options> {
    let language = match lang {
        None | Some("auto") => None,
        Some(code) => Some(code.parse::<Language>().map_err(PyValueError::new_err)?),
    };
    Ok(Options { language })
}

/// The text of `s`, its lone surrogates (which UTF-8 cannot hold) each replaced by one
/// U+FFFD, as in the browser, so that UTF-16 spans still index the caller's string.
fn utf8<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    if let Ok(text) = s.to_cow() {
        return Ok(text);
    }
    let utf16 = s.call_method1("encode", ("utf-16-le", "surrogatepass"))?;
    let units: Vec<u16> =
        utf16.cast::<PyBytes>()?.as_bytes().chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    Ok(Cow::Owned(String::from_utf16_lossy(&units)))
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map_or_else(|_| "?".into(), |n| n.to_string())
}

#[pymodule]
fn _emotics(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Checker>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("emotics_version", emotics::VERSION)?;
    m.add("DATA_CHECKSUM", emotics::DATA_CHECKSUM)?;
    Ok(())
}
