//! The Go module model over arbitrary and Go-like text: loading never panics, and every span it reports lies
//! inside the file on character boundaries.

use proptest::prelude::*;
use shiplint_model::{MemoryFs, Project, Timestamp};

fn check(text: &str) {
    let mut fs = MemoryFs::new();
    fs.insert(
        "/m/go.mod",
        "module example.com/m\n\nrequire github.com/gin-gonic/gin v1.10.0\n",
    );
    fs.insert("/m/main.go", text.as_bytes());
    fs.insert("/m/internal/x/x.go", text.as_bytes());
    let candidates = fs.candidates(false);
    let project = Project::load(&fs, candidates, Timestamp(0));
    for module in project.go_modules() {
        for main in &module.mains {
            let spans = main
                .engines
                .iter()
                .copied()
                .chain(main.set_modes.iter().map(|s| s.span))
                .chain(main.listens.iter().map(|l| l.span))
                .chain(main.env_reads.iter().map(|e| e.span));
            for span in spans {
                let file = project.file(span.file);
                if let Err(error) = span.check_within(&file.text) {
                    panic!("{error}");
                }
            }
        }
    }
}

const HEAD: &str = "package main\nimport (\n\"os\"\n\"fmt\"\n\"net/http\"\ng \"github.com/gin-gonic/gin\"\n\"example.com/m/internal/x\"\n)\n";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_loads(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn go_like_text_loads(body in "(func main\\(\\) \\{|\\}|port|:=|=|os\\.Getenv\\(\"PORT\"\\)|g\\.Default\\(\\)|g\\.SetMode\\(|r\\.Run\\(|http\\.Server\\{Addr: |\\.ListenAndServe\\(\\)|fmt\\.Sprintf\\(\":%s\", |\\+|\"\"|\":8080\"|if port == \"\" \\{|\\(|\\)|,|\n| )*") {
        check(&format!("{HEAD}{body}"));
    }
}
