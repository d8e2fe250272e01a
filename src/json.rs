//! The little JSON the carnet needs: a strict parser (RFC 8259) into a
//! [`Value`], and the writing of strings. Hand-written instead of serde_json
//! to keep the wasm small: numbers are kept as written and read as integers
//! only when asked (no float parsing or printing is linked in).

use std::collections::BTreeMap;

/// Objects and arrays nested deeper than this are refused (serde_json's own
/// limit is one level lower; either way a hostile file cannot exhaust the
/// stack).
const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number, as written.
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// Keys sorted; a repeated key keeps its last value (as serde_json).
    Object(BTreeMap<String, Value>),
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// An integer number that fits (not `1.0`, not `1e3`, as serde_json).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(map) => map.get(key),
            _ => None,
        }
    }
}

/// Why a text is not JSON: the byte offset where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub usize);

/// Parses a whole text (whitespace around the value is allowed).
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut p = Parser {
        b: text.as_bytes(),
        i: 0,
    };
    let value = p.value(0)?;
    p.ws();
    if p.i != p.b.len() {
        return Err(Error(p.i));
    }
    Ok(value)
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn err<T>(&self) -> Result<T, Error> {
        Err(Error(self.i))
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, Error> {
        if self.b[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(value)
        } else {
            self.err()
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        self.ws();
        match self.b.get(self.i) {
            Some(b'n') => self.literal("null", Value::Null),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') if depth < MAX_DEPTH => {
                self.i += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return self.err();
                        }
                    }
                }
                Ok(Value::Array(items))
            }
            Some(b'{') if depth < MAX_DEPTH => {
                self.i += 1;
                let mut map = BTreeMap::new();
                if !self.eat(b'}') {
                    loop {
                        self.ws();
                        if self.b.get(self.i) != Some(&b'"') {
                            return self.err();
                        }
                        let key = self.string()?;
                        if !self.eat(b':') {
                            return self.err();
                        }
                        let value = self.value(depth + 1)?;
                        map.insert(key, value);
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return self.err();
                        }
                    }
                }
                Ok(Value::Object(map))
            }
            _ => self.err(),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        self.i - start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<Value, Error> {
        let start = self.i;
        if self.b[self.i] == b'-' {
            self.i += 1;
        }
        let first = self.b.get(self.i).copied();
        let n = self.digits();
        if n == 0 || (n > 1 && first == Some(b'0')) {
            return self.err();
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return self.err();
            }
        }
        if let Some(b'e' | b'E') = self.b.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.b.get(self.i) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return self.err();
            }
        }
        // Only ASCII was read.
        let text = String::from_utf8_lossy(&self.b[start..self.i]).into_owned();
        Ok(Value::Number(text))
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut n = 0;
        for _ in 0..4 {
            let Some(d) = self.b.get(self.i).and_then(|&c| (c as char).to_digit(16)) else {
                return self.err();
            };
            n = n * 16 + d;
            self.i += 1;
        }
        Ok(n)
    }

    /// A string, the opening quote under the cursor.
    fn string(&mut self) -> Result<String, Error> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let Some(&c) = self.b.get(self.i) else {
                return self.err();
            };
            self.i += 1;
            match c {
                b'"' => break,
                0..0x20 => return self.err(),
                b'\\' => {
                    let Some(&e) = self.b.get(self.i) else {
                        return self.err();
                    };
                    self.i += 1;
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                // A surrogate pair: the low half must follow.
                                if !self.b[self.i..].starts_with(b"\\u") {
                                    return self.err();
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return self.err();
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            match char::from_u32(code) {
                                Some(ch) => ch,
                                None => return self.err(),
                            }
                        }
                        _ => return self.err(),
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                _ => out.push(c),
            }
        }
        // The input is a &str and escapes write whole characters.
        String::from_utf8(out).or_else(|_| self.err())
    }
}

/// Writes `text` as a JSON string, escaped as serde_json does.
pub fn write_str(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes JSON objects, compact (as `serde_json::to_string`) or indented by
/// two spaces (as `serde_json::to_string_pretty`).
pub struct Writer {
    pub out: String,
    pretty: bool,
    /// For each open object: whether it has no key yet.
    open: Vec<bool>,
}

impl Writer {
    pub fn new(pretty: bool) -> Writer {
        Writer {
            out: String::new(),
            pretty,
            open: Vec::new(),
        }
    }

    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
    }

    pub fn begin(&mut self) {
        self.out.push('{');
        self.open.push(true);
    }

    pub fn end(&mut self) {
        let empty = self.open.pop().unwrap_or(true);
        if self.pretty && !empty {
            self.newline();
        }
        self.out.push('}');
    }

    /// Starts the member `key`: its value is written next.
    pub fn key(&mut self, key: &str) {
        if let Some(first) = self.open.last_mut()
            && !std::mem::replace(first, false)
        {
            self.out.push(',');
        }
        if self.pretty {
            self.newline();
        }
        write_str(&mut self.out, key);
        self.out.push_str(if self.pretty { ": " } else { ":" });
    }

    pub fn str(&mut self, key: &str, value: &str) {
        self.key(key);
        write_str(&mut self.out, value);
    }

    pub fn int(&mut self, key: &str, value: i64) {
        use std::fmt::Write as _;
        self.key(key);
        let _ = write!(self.out, "{value}");
    }

    pub fn bool(&mut self, key: &str, value: bool) {
        self.key(key);
        self.out.push_str(if value { "true" } else { "false" });
    }
}
