#!/usr/bin/env bash
# Checks the `files` pattern of .pre-commit-hooks.yaml the way pre-commit applies it (Python `re.search` on
# repository-relative paths): every path in MATCH must be selected, none in SKIP.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
command -v python3 >/dev/null || { echo "test-hook-pattern: python3 not found" >&2; exit 2; }

python3 - "$root/.pre-commit-hooks.yaml" <<'PY'
import re
import sys

try:
    import yaml
except ImportError:
    sys.exit("test-hook-pattern: PyYAML not found (it comes with pre-commit: pip install pre-commit)")

MATCH = """
Dockerfile
svc/Dockerfile
deploy/api/Dockerfile.prod
Dockerfile.dev
images/worker.Dockerfile
Containerfile
build/Containerfile.ubi
dockerfile
compose.yaml
compose.yml
docker-compose.yml
deploy/docker-compose.prod.yml
compose.override.yaml
stacks/a/compose.dev.yaml
docker-compose-dev.yml
nginx.conf
etc/nginx/nginx.conf
nginx/sites-enabled/app
deploy/nginx/sites-enabled/app
sites-available/default
conf.d/app.conf
deploy/conf.d/upstreams.inc
nginx/snippets/ssl-params
site.conf
mime.types
certs/live/example.com/fullchain.pem
certs/server.crt
certs/server.key
tls/request.csr
ca/root.cer
main.go
cmd/api/main.go
app/go.mod
corpus/stacks/seed-naive/app/Dockerfile
""".split()

SKIP = """
README.md
src/main.rs
Cargo.toml
package.json
.dockerignore
app/.dockerignore
Dockerfile.dockerignore
.github/workflows/ci.yml
mkdocs.yml
config.yaml
k8s/deployment.yaml
my-compose-notes.txt
docs/nginx.md
go.sum
main.go.orig
keys.txt
mydockerfile
Dockerfilex
""".split()

hook = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))[0]
pattern = re.compile(hook["files"])
wrong = [f"should match:     {p}" for p in MATCH if not pattern.search(p)]
wrong += [f"should not match: {p}" for p in SKIP if pattern.search(p)]
for line in wrong:
    print(line)
passed = len(MATCH) + len(SKIP) - len(wrong)
print(f"hook pattern: {passed} passed, {len(wrong)} failed")
sys.exit(1 if wrong else 0)
PY
