//! Issue 28: the layers point down and no file imports itself in a circle.
//!
//! Reads the text of every `src/**/*.rs` of the library and finds each path
//! the code names: `use` trees (grouped `use crate::{a, b::{c}}` included),
//! inline `crate::x::f(…)`, `super::`/`self::` paths (relative to the module
//! they are written in, inline `mod tests { … }` included), and paths that
//! start with a name a `use` brought in (`use crate::rules;` then
//! `rules::ballot::f`). Each path is followed through re-exports (`pub use`,
//! globs) to the file that defines what it names, which gives file → file
//! edges. Comments and string literals are skipped, so a doc line that
//! mentions `crate::exchange` is not an import.
//!
//! Two rules, each failure listed as file → file edges:
//!
//! - **Layers**: every top-level module has a layer ([`LAYERS`]); a file may
//!   name only its own module or a module of a lower layer. Modules of a
//!   layer marked *peers* may not name one another.
//! - **No circles**: no set of files names one another in a circle. A module
//!   file and the files of its submodules (`foo.rs` and `foo/…`) are one
//!   unit — the parent declares and re-exports its children, which use the
//!   types it defines — so edges between a file and its own ancestors or
//!   descendants are left out of this check; every other edge counts.
//!
//! Plain Rust, no parser crate: a small lexer is enough for paths.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first: (layer name, its top-level modules, whether its
/// modules are peers that may not import one another).
const LAYERS: &[(&str, &[&str], bool)] = &[
    // Plain text, paths and file writes, limits: used by everything.
    ("Ground", &["text", "paths", "limits"], false),
    // The year's data, its file format, validation, edits, rights.
    ("Model", &["workbook"], false),
    // Totals, ranking, ratings, ballots, election, proposals.
    ("Rules", &["rules"], false),
    // Three ways out of a workbook, each on its own.
    ("Output", &["spreadsheet", "document", "history"], true),
    // Picks PDF, Word or Excel for a document: above the three.
    ("Export", &["export"], false),
    // Criteria tables read from Word and spreadsheet files; reads
    // spreadsheets through the form reader's bounds.
    ("Intake", &["intake"], false),
    // Returned files and forms; may read spreadsheets.
    ("Exchange", &["exchange"], false),
    // The cluster's master: merge, mail-out, lock, where output may go.
    ("Master", &["master"], false),
    ("Settings", &["settings"], false),
    // The two front ends.
    ("Front ends", &["cli", "app"], true),
];

#[test]
fn layers_point_down_and_files_form_no_circle() {
    let graph = Graph::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path());
    let mut failures = Vec::new();

    // Every top-level module has a layer.
    let mut unplaced: Vec<&str> = graph
        .modules
        .keys()
        .filter_map(|m| m.first().map(String::as_str))
        .filter(|top| layer_of(top).is_none())
        .collect();
    unplaced.dedup();
    if !unplaced.is_empty() {
        failures.push(format!(
            "top-level modules without a layer (add them to LAYERS): {}",
            unplaced.join(", ")
        ));
    }

    // Layers.
    let mut up = Vec::new();
    for (from, tos) in &graph.edges {
        for (to, named) in tos {
            let (Some(a), Some(b)) = (graph.top(from), graph.top(to)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let (Some((la, peers)), Some((lb, _))) = (layer_of(a), layer_of(b)) else {
                continue;
            };
            let why = if lb > la {
                format!("{} → {}", LAYERS[la].0, LAYERS[lb].0)
            } else if lb == la && peers {
                format!("peers in {}", LAYERS[la].0)
            } else {
                continue;
            };
            up.push(format!("  {from} → {to}  ({why}; names {named})"));
        }
    }
    if !up.is_empty() {
        failures.push(format!(
            "{} imports point up a layer or across peers:\n{}",
            up.len(),
            up.join("\n")
        ));
    }

    // Circles.
    let circles = graph.circles();
    if !circles.is_empty() {
        let mut text = format!("{} import circles between files:", circles.len());
        for circle in &circles {
            text.push_str(&format!(
                "\n  circle of {}:",
                circle.files.iter().cloned().collect::<Vec<_>>().join(", ")
            ));
            for (from, to, named) in &circle.edges {
                text.push_str(&format!("\n    {from} → {to}  (names {named})"));
            }
        }
        failures.push(text);
    }

    assert!(failures.is_empty(), "\n{}\n", failures.join("\n\n"));
}

/// The lexer and the resolver see what they should: a check of the check.
#[test]
fn the_reader_finds_paths_and_skips_text() {
    let toks = lex("use crate::{a, b::{c as d, self}};\n\
         // crate::comment::x\n\
         /* crate::block /* nested */ x */\n\
         let s = \"crate::string\"; let r = r#\"crate::raw\"#; let c = '\"';\n\
         let l: &'static str = x; crate::e::f(1);");
    let text: Vec<String> = toks.iter().map(|t| t.text.clone()).collect();
    assert!(
        !text
            .iter()
            .any(|t| t == "comment" || t == "block" || t == "string" || t == "raw")
    );
    let mut uses = Vec::new();
    let mut i = 1;
    parse_use_tree(&toks, &mut i, &mut Vec::new(), &mut uses);
    let got: Vec<(String, Option<String>)> = uses
        .iter()
        .map(|u| (u.path.join("::"), u.alias.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("crate::a".to_string(), Some("a".to_string())),
            ("crate::b::c".to_string(), Some("d".to_string())),
            ("crate::b".to_string(), Some("b".to_string())),
        ]
    );
    assert!(text.windows(3).any(|w| w == ["e", "::", "f"]));
}

fn layer_of(top: &str) -> Option<(usize, bool)> {
    LAYERS
        .iter()
        .position(|(_, modules, _)| modules.contains(&top))
        .map(|i| (i, LAYERS[i].2))
}

// ---------------------------------------------------------------- lexer --

#[derive(Debug, Clone)]
struct Tok {
    /// An identifier (raw `r#` stripped), `::`, or one punctuation char.
    text: String,
    ident: bool,
}

/// Identifiers, `::` and punctuation of Rust source, without comments,
/// strings, chars, lifetimes and numbers.
fn lex(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let n = c.len();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    while i < n {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < n && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < n {
                if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if ch == '"' {
            i = skip_string(&c, i + 1);
        } else if (ch == 'r' || (ch == 'b' && at(i + 1) == 'r'))
            && matches!(at(i + 1 + usize::from(ch == 'b')), '"' | '#')
            && is_raw_string(&c, i + 1 + usize::from(ch == 'b'))
        {
            // r"…", r#"…"#, br"…"
            let mut j = i + 1 + usize::from(ch == 'b');
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1; // the opening quote
            loop {
                if j >= n {
                    break;
                }
                if c[j] == '"' && (0..hashes).all(|k| at(j + 1 + k) == '#') {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            i = j;
        } else if ch == 'b' && at(i + 1) == '"' {
            i = skip_string(&c, i + 2);
        } else if ch == 'b' && at(i + 1) == '\'' {
            i = skip_char(&c, i + 2);
        } else if ch == '\'' {
            if at(i + 1) == '\\' || at(i + 2) == '\'' {
                i = skip_char(&c, i + 1);
            } else {
                // A lifetime or label: skip the quote and the name.
                i += 1;
                while i < n && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
            }
        } else if ch.is_ascii_digit() {
            while i < n && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < n && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let mut text: String = c[start..i].iter().collect();
            if text == "r" && at(i) == '#' && (at(i + 1).is_alphabetic() || at(i + 1) == '_') {
                i += 1;
                let s = i;
                while i < n && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
                text = c[s..i].iter().collect();
            }
            out.push(Tok { text, ident: true });
        } else if ch == ':' && at(i + 1) == ':' {
            out.push(Tok {
                text: "::".into(),
                ident: false,
            });
            i += 2;
        } else {
            out.push(Tok {
                text: ch.to_string(),
                ident: false,
            });
            i += 1;
        }
    }
    out
}

fn is_raw_string(c: &[char], mut j: usize) -> bool {
    while c.get(j) == Some(&'#') {
        j += 1;
    }
    c.get(j) == Some(&'"')
}

/// Past the closing quote of a string whose body starts at `i`.
fn skip_string(c: &[char], mut i: usize) -> usize {
    while i < c.len() {
        match c[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// Past the closing quote of a char literal whose body starts at `i`.
fn skip_char(c: &[char], mut i: usize) -> usize {
    while i < c.len() {
        match c[i] {
            '\\' => i += 2,
            '\'' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

// ------------------------------------------------------------ use trees --

/// One name a `use` brings in: the path as written (from `crate`, `super`,
/// `self` or a first name), and the name it is known by (`None`: a glob).
#[derive(Debug, Clone)]
struct UseItem {
    path: Vec<String>,
    alias: Option<String>,
}

/// Parses a use tree starting at `toks[*i]`, with `prefix` already read.
fn parse_use_tree(toks: &[Tok], i: &mut usize, prefix: &mut Vec<String>, out: &mut Vec<UseItem>) {
    let depth = prefix.len();
    // A leading `::` (2015-style absolute path).
    if toks.get(*i).is_some_and(|t| t.text == "::") {
        *i += 1;
    }
    while let Some(t) = toks.get(*i) {
        if t.text == "{" {
            *i += 1;
            loop {
                match toks.get(*i) {
                    None => break,
                    Some(t) if t.text == "}" => {
                        *i += 1;
                        break;
                    }
                    Some(t) if t.text == "," => *i += 1,
                    Some(_) => parse_use_tree(toks, i, prefix, out),
                }
            }
            break;
        } else if t.text == "*" {
            *i += 1;
            out.push(UseItem {
                path: prefix.clone(),
                alias: None,
            });
            break;
        } else if t.ident {
            *i += 1;
            if toks.get(*i).is_some_and(|t| t.text == "::") {
                prefix.push(t.text.clone());
                *i += 1;
                continue;
            }
            let mut path = prefix.clone();
            let mut alias = t.text.clone();
            if t.text == "self" {
                alias = prefix.last().cloned().unwrap_or_default();
            } else {
                path.push(t.text.clone());
            }
            if toks.get(*i).is_some_and(|t| t.text == "as") {
                alias = toks.get(*i + 1).map(|t| t.text.clone()).unwrap_or_default();
                *i += 2;
            }
            out.push(UseItem {
                path,
                alias: (alias != "_").then_some(alias),
            });
            break;
        } else {
            break;
        }
    }
    prefix.truncate(depth);
}

// ---------------------------------------------------------------- files --

/// What one file says: its module path, the names it defines, its `use`
/// items (with the module each is written in), and the paths its code names.
#[derive(Debug, Default)]
struct FileInfo {
    /// `src/…` relative path, for messages.
    name: String,
    defines: BTreeSet<String>,
    /// (module the `use` is written in, item).
    uses: Vec<(Vec<String>, UseItem)>,
    /// (module the path is written in, the path).
    paths: Vec<(Vec<String>, Vec<String>)>,
}

struct Graph {
    /// Module path → file info.
    modules: BTreeMap<Vec<String>, FileInfo>,
    /// File → (file it names, an example of what it names).
    edges: BTreeMap<String, BTreeMap<String, String>>,
    /// File name → module path.
    module_of: BTreeMap<String, Vec<String>>,
}

struct Circle {
    files: BTreeSet<String>,
    edges: Vec<(String, String, String)>,
}

const KEYWORDS_DEFINING: &[&str] = &[
    "struct", "enum", "fn", "type", "trait", "const", "static", "mod", "union",
];

impl Graph {
    fn read(src: &Path) -> Graph {
        let mut files = Vec::new();
        collect(src, &mut files);
        let mut modules = BTreeMap::new();
        for file in files {
            let rel = file.strip_prefix(src).expect("under src");
            let rel_s = rel.to_string_lossy().replace('\\', "/");
            // Other crates (binaries, the build script) and the root.
            if rel_s == "lib.rs"
                || rel_s == "main.rs"
                || rel_s == "build.rs"
                || rel_s.starts_with("bin/")
            {
                continue;
            }
            let module: Vec<String> = rel_s
                .trim_end_matches(".rs")
                .split('/')
                .map(str::to_string)
                .collect();
            let text = std::fs::read_to_string(&file).expect("readable source");
            let info = read_file(&format!("src/{rel_s}"), &module, &text);
            modules.insert(module, info);
        }
        let module_of = modules
            .iter()
            .map(|(m, f)| (f.name.clone(), m.clone()))
            .collect();
        let mut graph = Graph {
            modules,
            edges: BTreeMap::new(),
            module_of,
        };
        graph.link();
        graph
    }

    fn top(&self, file: &str) -> Option<&str> {
        self.module_of
            .get(file)
            .and_then(|m| m.first())
            .map(String::as_str)
    }

    /// Turns every named path into an edge to the file that defines it.
    fn link(&mut self) {
        let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (module, info) in &self.modules {
            let aliases = aliases(info);
            let mut named: Vec<(Vec<String>, bool)> = Vec::new();
            for (at, item) in &info.uses {
                if let Some(abs) = self.absolute(at, &item.path, &BTreeMap::new()) {
                    named.push((abs, item.alias.is_none()));
                }
            }
            for (at, path) in &info.paths {
                if let Some(abs) = self.absolute(at, path, &aliases) {
                    named.push((abs, false));
                }
            }
            for (abs, glob) in named {
                // The file the path names (`crate::exchange::RecordKey`
                // needs `exchange.rs`, even to re-export from below), and
                // the file that defines what it names.
                let named_file = self.file_of(&abs);
                let defined = self.resolve(&abs, glob, 0);
                for to in [named_file, defined].into_iter().flatten() {
                    if &to == module {
                        continue;
                    }
                    let to_name = self.modules[&to].name.clone();
                    edges
                        .entry(info.name.clone())
                        .or_default()
                        .entry(to_name)
                        .or_insert_with(|| abs.join("::"));
                }
            }
        }
        self.edges = edges;
    }

    /// `path` as written in module `at` made absolute (without `crate`), or
    /// `None` for a path outside the crate (std, another crate, a local
    /// name).
    fn absolute(
        &self,
        at: &[String],
        path: &[String],
        aliases: &BTreeMap<String, Vec<String>>,
    ) -> Option<Vec<String>> {
        let first = path.first()?;
        let mut base: Vec<String>;
        let mut rest = &path[1..];
        match first.as_str() {
            "crate" => base = Vec::new(),
            "self" => base = at.to_vec(),
            "super" => {
                base = at.to_vec();
                base.pop()?;
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
            }
            name => {
                let mut child = at.to_vec();
                child.push(name.to_string());
                if self.is_module(&child) {
                    base = child;
                } else if let Some(target) = aliases.get(name) {
                    base = target.clone();
                } else {
                    return None;
                }
            }
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The file of the longest prefix of `path` that is a module.
    fn file_of(&self, path: &[String]) -> Option<Vec<String>> {
        (1..=path.len())
            .rev()
            .map(|k| &path[..k])
            .find(|m| self.modules.contains_key(*m))
            .map(<[String]>::to_vec)
    }

    fn is_module(&self, m: &[String]) -> bool {
        self.modules.contains_key(m)
            || self
                .modules
                .keys()
                .any(|k| k.len() > m.len() && k[..m.len()] == *m)
    }

    /// The module (file) that defines what absolute `path` names, through
    /// re-exports. `glob`: the path is a module whose names are all taken.
    fn resolve(&self, path: &[String], glob: bool, depth: usize) -> Option<Vec<String>> {
        if depth > 16 {
            return None;
        }
        // The longest prefix that is a file.
        let mut k = path.len();
        while k > 0 && !self.modules.contains_key(&path[..k]) {
            k -= 1;
        }
        if k == 0 {
            return None;
        }
        let module = path[..k].to_vec();
        let Some(name) = path.get(k) else {
            return Some(module);
        };
        if glob && k == path.len() {
            return Some(module);
        }
        let info = &self.modules[&module];
        if info.defines.contains(name) {
            return Some(module);
        }
        // A name the module brought in with a `use` (children see their
        // parent's private imports too).
        for (at, item) in &info.uses {
            if item.alias.as_deref() == Some(name.as_str()) {
                if let Some(abs) = self.absolute(at, &item.path, &BTreeMap::new()) {
                    let mut full = abs;
                    full.extend(path[k + 1..].iter().cloned());
                    return self.resolve(&full, glob, depth + 1).or(Some(module));
                }
                return Some(module);
            }
        }
        for (at, item) in &info.uses {
            if item.alias.is_none()
                && let Some(abs) = self.absolute(at, &item.path, &BTreeMap::new())
            {
                let mut full = abs.clone();
                full.extend(path[k..].iter().cloned());
                if let Some(m) = self.resolve_defined(&full, depth + 1) {
                    return Some(m);
                }
            }
        }
        Some(module)
    }

    /// Like [`Graph::resolve`], but only if the name is really defined
    /// there (for globs, which may not hold it).
    fn resolve_defined(&self, path: &[String], depth: usize) -> Option<Vec<String>> {
        let mut k = path.len();
        while k > 0 && !self.modules.contains_key(&path[..k]) {
            k -= 1;
        }
        if k == 0 {
            return None;
        }
        if k == path.len() {
            return Some(path.to_vec());
        }
        let info = &self.modules[&path[..k]];
        let name = &path[k];
        let found = info.defines.contains(name)
            || info
                .uses
                .iter()
                .any(|(_, u)| u.alias.as_deref() == Some(name.as_str()));
        if found {
            self.resolve(path, false, depth)
        } else {
            None
        }
    }

    /// Circles among files, leaving out edges between a file and its own
    /// ancestors or descendants: each strongly connected set of two or
    /// more files, with its edges.
    fn circles(&self) -> Vec<Circle> {
        let names: Vec<&String> = self.module_of.keys().collect();
        let index: BTreeMap<&String, usize> =
            names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let nested = |a: &str, b: &str| {
            let (ma, mb) = (&self.module_of[a], &self.module_of[b]);
            let n = ma.len().min(mb.len());
            ma[..n] == mb[..n]
        };
        let mut adj = vec![Vec::new(); names.len()];
        for (from, tos) in &self.edges {
            for to in tos.keys() {
                if !nested(from, to) {
                    adj[index[from]].push(index[to]);
                }
            }
        }
        let sccs = tarjan(&adj);
        let mut out = Vec::new();
        for scc in sccs.into_iter().filter(|s| s.len() > 1) {
            let files: BTreeSet<String> = scc.iter().map(|&i| names[i].clone()).collect();
            let mut edges = Vec::new();
            for from in &files {
                for (to, named) in self.edges.get(from).into_iter().flatten() {
                    if files.contains(to) && !nested(from, to) {
                        edges.push((from.clone(), to.clone(), named.clone()));
                    }
                }
            }
            out.push(Circle { files, edges });
        }
        out
    }
}

/// Names brought in by `use` in a file: name → path as written (made
/// absolute later, in the module the `use` is written in).
fn aliases(info: &FileInfo) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for (at, item) in &info.uses {
        if let Some(alias) = &item.alias {
            let first = item.path.first().map(String::as_str);
            // Store paths already anchored at the crate root.
            let anchored: Option<Vec<String>> = match first {
                Some("crate") => Some(item.path[1..].to_vec()),
                Some("self") => Some(at.iter().chain(&item.path[1..]).cloned().collect()),
                Some("super") => {
                    let mut base = at.clone();
                    let mut rest = &item.path[..];
                    while rest.first().is_some_and(|s| s == "super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                    Some(base.into_iter().chain(rest.iter().cloned()).collect())
                }
                // A child module of the module the `use` is in.
                Some(name) => {
                    let mut child = at.clone();
                    child.push(name.to_string());
                    Some(
                        child
                            .into_iter()
                            .chain(item.path[1..].iter().cloned())
                            .collect(),
                    )
                }
                None => None,
            };
            if let Some(p) = anchored {
                out.insert(alias.clone(), p);
            }
        }
    }
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("readable src")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Reads one file: definitions, `use` items and named paths, each with the
/// (inline) module it is written in.
fn read_file(name: &str, module: &[String], text: &str) -> FileInfo {
    let toks = lex(text);
    let mut info = FileInfo {
        name: name.to_string(),
        ..FileInfo::default()
    };
    // Inline modules: (name, brace depth inside them).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut pending_mod: Option<String> = None;
    let current = |inline: &[(String, usize)]| -> Vec<String> {
        module
            .iter()
            .cloned()
            .chain(inline.iter().map(|(n, _)| n.clone()))
            .collect()
    };
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        match t.text.as_str() {
            "{" => {
                depth += 1;
                if let Some(m) = pending_mod.take() {
                    inline.push((m, depth));
                }
                i += 1;
            }
            "}" => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            ";" => {
                pending_mod = None;
                i += 1;
            }
            "use" if t.ident => {
                i += 1;
                let mut items = Vec::new();
                parse_use_tree(&toks, &mut i, &mut Vec::new(), &mut items);
                let at = current(&inline);
                for item in items {
                    info.uses.push((at.clone(), item));
                }
            }
            kw if t.ident && KEYWORDS_DEFINING.contains(&kw) => {
                if let Some(next) = toks.get(i + 1).filter(|t| t.ident) {
                    if inline.is_empty() {
                        info.defines.insert(next.text.clone());
                    }
                    if kw == "mod" {
                        pending_mod = Some(next.text.clone());
                    }
                }
                i += 1;
            }
            "macro_rules" if t.ident => {
                if let Some(name) = toks.get(i + 2).filter(|t| t.ident) {
                    info.defines.insert(name.text.clone());
                }
                i += 1;
            }
            _ if t.ident => {
                // A path: `a :: b :: c`, not preceded by `::` (a tail).
                let after_sep = i > 0 && toks[i - 1].text == "::";
                if !after_sep && toks.get(i + 1).is_some_and(|t| t.text == "::") {
                    let mut path = vec![t.text.clone()];
                    let mut j = i + 1;
                    while toks.get(j).is_some_and(|t| t.text == "::")
                        && toks.get(j + 1).is_some_and(|t| t.ident)
                    {
                        path.push(toks[j + 1].text.clone());
                        j += 2;
                    }
                    info.paths.push((current(&inline), path));
                    i = j;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    info
}

/// Strongly connected components (Tarjan, iterative).
fn tarjan(adj: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = adj.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut out = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, next edge to look at)
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut e)) = work.last_mut() {
            if *e == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = adj[v].get(*e) {
                *e += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some(&(u, _)) = work.last() {
                    low[u] = low[u].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut scc = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        scc.push(w);
                        if w == v {
                            break;
                        }
                    }
                    out.push(scc);
                }
            }
        }
    }
    out
}
