//! The interface's own strings follow French typography: no breakable space
//! before « ; : ! ? » or inside « », where a line could end on a lone mark.
//! (The data file's texts are fixed by the build: see src/typography.rs.)

#![cfg(not(target_arch = "wasm32"))]

use carnet_des_defis::typography::breakable_spaces;
use std::fs;
use std::path::{Path, PathBuf};

/// The contents of the string literals of a Rust source file, with the line
/// each starts on. Comments, char literals and lifetimes are skipped.
fn literals(source: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = source.chars().collect();
    let mut found = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize, s: &str| chars[i..].iter().take(s.len()).copied().eq(s.chars());
    while i < chars.len() {
        let c = chars[i];
        if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            while i < chars.len() && !at(i, "*/") {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'))
            && matches!(chars.get(i + 1), Some('"' | '#'))
        {
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                i += 1;
                continue;
            }
            let end: String = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            let start = i + 2 + hashes;
            let mut j = start;
            while !at(j, &end) {
                j += 1;
            }
            found.push((line, chars[start..j].iter().collect()));
            line += chars[i..j].iter().filter(|&&c| c == '\n').count();
            i = j + end.chars().count();
        } else if c == '"' {
            let mut j = i + 1;
            while chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            found.push((line, chars[i + 1..j].iter().collect()));
            line += chars[i..j].iter().filter(|&&c| c == '\n').count();
            i = j + 1;
        } else if c == '\'' {
            // A char literal ('"', '\'', '\u{a0}') or a lifetime ('a).
            let close = if chars.get(i + 1) == Some(&'\\') {
                chars[i + 2..]
                    .iter()
                    .position(|&c| c == '\'')
                    .map(|p| i + 2 + p)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            i = close.map_or(i + 1, |close| close + 1);
        } else {
            line += usize::from(c == '\n');
            i += 1;
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("the source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_lexer_finds_literals_and_skips_the_rest() {
    let source = "// « a : b »\nlet c = '\"'; fn f<'a>() {}\nlet s = \"x : y\";\nr#\"« z »\"#";
    let found = literals(source);
    assert_eq!(
        found,
        vec![(3, "x : y".to_owned()), (4, "« z »".to_owned())]
    );
}

#[test]
fn the_interface_strings_keep_their_marks_with_their_words() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("tests"), &mut files);
    let mut faults = Vec::new();
    for file in files {
        let name = file.strip_prefix(root).unwrap().display().to_string();
        // The rule's own examples, written with plain spaces on purpose.
        if name.ends_with("typography.rs") {
            continue;
        }
        let source = fs::read_to_string(&file).expect("a source file");
        for (line, text) in literals(&source) {
            if !breakable_spaces(&text).is_empty() {
                faults.push(format!("{name}:{line}: {text:?}"));
            }
        }
    }
    let page = fs::read_to_string(root.join("index.html")).expect("index.html");
    for (n, line) in page.lines().enumerate() {
        if !line.trim_start().starts_with('<') && !breakable_spaces(line).is_empty() {
            faults.push(format!("index.html:{}: {line:?}", n + 1));
        }
    }
    assert!(
        faults.is_empty(),
        "a space that can break before « ; : ! ? » or « % », inside « », or in a number (use U+202F):\n{}",
        faults.join("\n")
    );
}
