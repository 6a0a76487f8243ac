//! Parser throughput over the shared corpus (`../shared/corpus`, listed in its MANIFEST.tsv).
//!
//! Run with `cargo bench --bench parsers`. Files are read once, before timing; each iteration parses all of
//! them, and divan reports bytes per second next to the time.

use std::fs;
use std::path::Path;

use divan::Bencher;
use divan::counter::BytesCount;
use shiplint_syntax::FileId;

fn main() {
    divan::main();
}

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// Reads every corpus file of the given MANIFEST.tsv `type`. Panics with the path when the corpus is missing.
fn read_corpus(kind: &str) -> Vec<String> {
    let corpus = Path::new(CORPUS);
    let manifest = corpus.join("MANIFEST.tsv");
    let listing = fs::read_to_string(&manifest).unwrap_or_else(|err| {
        panic!(
            "cannot read {}: {err} (the shared corpus must sit beside the repository)",
            manifest.display()
        )
    });
    let texts: Vec<String> = listing
        .lines()
        .skip(1)
        .filter_map(|row| {
            let mut columns = row.split('\t');
            (columns.next() == Some(kind))
                .then(|| columns.next())
                .flatten()
        })
        .map(|local_path| {
            let path = corpus.join(local_path);
            // Lossy, as shiplint itself treats text: a stray byte must not stop the benchmark.
            let bytes = fs::read(&path)
                .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
            String::from_utf8_lossy(&bytes).into_owned()
        })
        .collect();
    assert!(
        !texts.is_empty(),
        "no `{kind}` rows in {}",
        manifest.display()
    );
    texts
}

/// Every Dockerfile of the corpus, parsed once per iteration.
#[divan::bench]
fn dockerfile(bencher: Bencher) {
    let texts = read_corpus("dockerfile");
    let bytes: usize = texts.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for (id, text) in (0u32..).zip(&texts) {
            divan::black_box(shiplint_syntax::dockerfile::parse(
                FileId(id),
                divan::black_box(text),
            ));
        }
    });
}

/// Every PEM file of the corpus, read into the certificate model (framing, base64, X.509 and key decoding)
/// once per iteration.
#[divan::bench]
fn pem(bencher: Bencher) {
    let texts = read_corpus("pem");
    let bytes: usize = texts.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for (id, text) in (0u32..).zip(&texts) {
            divan::black_box(shiplint_model::pem::PemBundle::from_text(
                FileId(id),
                divan::black_box(text),
            ));
        }
    });
}

/// Every nginx file of the corpus, parsed once per iteration.
#[divan::bench]
fn nginx(bencher: Bencher) {
    let texts = read_corpus("nginx");
    let bytes: usize = texts.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for (id, text) in (0u32..).zip(&texts) {
            divan::black_box(shiplint_syntax::nginx::parse(
                FileId(id),
                divan::black_box(text),
            ));
        }
    });
}

/// Every compose file of the corpus through the YAML layer, once per iteration.
#[divan::bench]
fn compose_yaml(bencher: Bencher) {
    let texts = read_corpus("compose");
    let bytes: usize = texts.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for (id, text) in (0u32..).zip(&texts) {
            divan::black_box(shiplint_syntax::yaml::parse(
                FileId(id),
                divan::black_box(text),
            ));
        }
    });
}

/// Hostile YAML that the budgets must stop early: a billion-laughs document and 100,000 levels of nesting.
#[divan::bench(args = ["billion-laughs", "deep-nesting"])]
fn yaml_budgets(bencher: Bencher, case: &str) {
    let text = match case {
        "billion-laughs" => {
            let mut text = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
                .iter()
                .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
            {
                let refs = vec![format!("*{previous}"); 9].join(", ");
                text += &format!("{name}: &{name} [{refs}]\n");
            }
            text
        }
        _ => "- ".repeat(100_000) + "x\n",
    };
    bencher.bench(|| {
        divan::black_box(shiplint_syntax::yaml::parse(
            FileId(0),
            divan::black_box(&text),
        ))
    });
}
