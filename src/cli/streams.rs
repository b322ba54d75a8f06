//! Standard output and error as the commands write them. A reader that stops early
//! (`emotics check … | head`) closes the pipe: the command then ends at once, quietly and
//! with success, as ripgrep does, instead of panicking in `println!` or reporting the
//! broken pipe as an error.

use std::io::{self, BufWriter, ErrorKind, StdoutLock, Write};

/// Standard output (buffered): a broken pipe ends the process quietly.
pub fn stdout() -> BufWriter<Stdout> {
    BufWriter::new(Stdout(io::stdout().lock()))
}

pub struct Stdout(StdoutLock<'static>);

/// Ends the process on a broken pipe; passes any other outcome on.
fn quiet<T>(result: io::Result<T>) -> io::Result<T> {
    match result {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => std::process::exit(0),
        other => other,
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        quiet(self.0.write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        quiet(self.0.flush())
    }
}

/// Writes a diagnostic line on stderr (`eprintln!` panics when stderr is a closed pipe,
/// which it is under `2>&1 | head`); a broken pipe ends the process quietly.
pub fn note(message: std::fmt::Arguments) {
    let mut err = io::stderr().lock();
    let _ = quiet(writeln!(err, "{message}"));
}
