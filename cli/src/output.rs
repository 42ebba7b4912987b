//! JSON on stdout: pretty on a terminal, compact otherwise; a list of every page streamed as
//! one array.

use std::io::{self, Write};

use serde_json::Value;

/// Writes JSON to stdout.
#[derive(Debug)]
pub struct Printer {
    pretty: bool,
    items: usize,
}

impl Printer {
    /// Pretty JSON when `pretty`.
    pub fn new(pretty: bool) -> Printer {
        Printer { pretty, items: 0 }
    }

    fn text(&self, value: &Value) -> io::Result<String> {
        let text = if self.pretty { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
        text.map_err(io::Error::other)
    }

    /// Prints one value and a newline.
    pub fn value(&mut self, value: &Value) -> io::Result<()> {
        let mut out = io::stdout().lock();
        writeln!(out, "{}", self.text(value)?)?;
        out.flush()
    }

    /// Prints the next items of the array begun by the first call (the array is closed by
    /// [`Printer::end`]). Output is flushed, so a consumer sees each page as it arrives.
    pub fn items(&mut self, items: &[Value]) -> io::Result<()> {
        let mut out = io::stdout().lock();
        for item in items {
            let sep = match (self.items, self.pretty) {
                (0, true) => "[\n",
                (0, false) => "[",
                (_, true) => ",\n",
                (_, false) => ",",
            };
            out.write_all(sep.as_bytes())?;
            let text = self.text(item)?;
            if self.pretty {
                let indented: Vec<String> = text.lines().map(|l| format!("  {l}")).collect();
                out.write_all(indented.join("\n").as_bytes())?;
            } else {
                out.write_all(text.as_bytes())?;
            }
            self.items += 1;
        }
        out.flush()
    }

    /// Closes the array of [`Printer::items`] (`[]` when there were none).
    pub fn end(&mut self) -> io::Result<()> {
        let mut out = io::stdout().lock();
        match (self.items, self.pretty) {
            (0, _) => out.write_all(b"[]\n")?,
            (_, true) => out.write_all(b"\n]\n")?,
            (_, false) => out.write_all(b"]\n")?,
        }
        out.flush()
    }
}
