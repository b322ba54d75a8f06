//! Which files `emotics check` reads: paths, directories (walked honouring `.gitignore`,
//! hidden files skipped), globs, and `-` for stdin; and where `emotics.toml` is.

use std::path::{Path, PathBuf};

use emotics::source::Format;
use globset::{Glob, GlobSet, GlobSetBuilder};

/// A file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }
}

/// Configuration file names.
pub const CONFIG_NAMES: [&str; 2] = ["emotics.toml", ".emotics.toml"];

/// The configuration: the nearest `emotics.toml` upward from the first path argument (so
/// `emotics check campaign/` finds `campaign/emotics.toml`), else from the working directory.
pub fn discover_config(cwd: &Path, paths: &[String]) -> Option<PathBuf> {
    let nearest = |dir: &Path| -> Option<PathBuf> {
        let dir = std::path::absolute(dir).ok()?;
        dir.ancestors().flat_map(|d| CONFIG_NAMES.iter().map(move |n| d.join(n))).find(|p| p.is_file())
    };
    let first = paths.iter().find(|p| *p != "-").map(|p| {
        let path = Path::new(p.as_str());
        if path.is_dir() { path.to_path_buf() } else { path.parent().map_or(PathBuf::from("."), Path::to_path_buf) }
    });
    first.and_then(|dir| nearest(&cwd.join(dir))).or_else(|| nearest(cwd))
}

/// Compiles globs (config `exclude`, override `files`, glob arguments).
pub fn glob_set(patterns: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern).map_err(|e| format!("invalid glob `{pattern}`: {e}"))?;
        builder.add(glob);
        // `dir/**` style globs also match the directory's files given as `dir/file`
        if !pattern.contains('/') {
            builder.add(Glob::new(&format!("**/{pattern}")).map_err(|e| e.to_string())?);
        }
    }
    builder.build().map_err(|e| e.to_string())
}

fn is_glob(arg: &str) -> bool {
    arg.contains(['*', '?', '[', '{'])
}

/// Expands the arguments into files, in a stable order: explicit files as given, directory
/// and glob matches sorted. Files matched by `exclude` (relative to `root`) are skipped unless
/// named explicitly.
pub fn expand(args: &[String], exclude: &GlobSet, root: &Path) -> Result<Vec<Input>, String> {
    let mut inputs = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = PathBuf::from(arg);
        if path.is_file() {
            inputs.push(Input::File(path));
        } else if path.is_dir() {
            inputs.extend(walk(&path, None, exclude, root)?);
        } else if is_glob(arg) {
            let base: PathBuf = path.components().take_while(|c| !is_glob(&c.as_os_str().to_string_lossy())).collect();
            let base = if base.as_os_str().is_empty() { PathBuf::from(".") } else { base };
            let pattern = glob_set(std::slice::from_ref(arg))?;
            let found = walk(&base, Some(&pattern), exclude, root)?;
            if found.is_empty() {
                return Err(format!("{arg}: no file matches"));
            }
            inputs.extend(found);
        } else {
            return Err(format!("{arg}: no such file or directory"));
        }
    }
    Ok(inputs)
}

/// Files under `dir` in a format emotics reads, or matching `pattern` when given.
fn walk(dir: &Path, pattern: Option<&GlobSet>, exclude: &GlobSet, root: &Path) -> Result<Vec<Input>, String> {
    let mut files = Vec::new();
    let walker = ignore::WalkBuilder::new(dir).require_git(false).sort_by_file_path(|a, b| a.cmp(b)).build();
    for entry in walker {
        let entry = entry.map_err(|e| e.to_string())?;
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let clean = path.strip_prefix("./").unwrap_or(path);
        if exclude.is_match(relative(path, root)) {
            continue;
        }
        let wanted = match pattern {
            Some(pattern) => pattern.is_match(clean),
            None => path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension).is_some(),
        };
        if wanted {
            files.push(Input::File(clean.to_path_buf()));
        }
    }
    Ok(files)
}

/// `path` relative to `root` when it is under it (globs of the configuration are relative
/// to its directory).
pub fn relative(path: &Path, root: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let clean = |p: &Path| p.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect::<PathBuf>();
    clean(&absolute).strip_prefix(clean(&root)).map(Path::to_path_buf).unwrap_or(absolute)
}
