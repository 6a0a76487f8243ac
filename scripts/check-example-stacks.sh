#!/usr/bin/env bash
# Checks that the example stacks of corpus/stacks are valid for the tools that would run them, the way their
# README says they were checked: gofmt; `go vet` and `go build` of each module against a stand-in for the
# parts of the gin API the stacks call (modules cannot be downloaded here); hadolint (errors only: the naive
# stacks have warnings on purpose) and
# `nginx -t` on each nginx file, included from a minimal `http {}` with the compose mount paths rewritten to the
# stack's folder and service names to 127.0.0.1 (nginx -t resolves proxy hosts; `http2 on;` needs nginx 1.25.1,
# so it is dropped for older ones). Compose files are checked by scripts/compose-oracle.py (see .ci/run).
#
# Usage: bash scripts/check-example-stacks.sh   (needs go, gofmt, hadolint and nginx on PATH)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/corpus/stacks"
for tool in go gofmt hadolint nginx; do
    command -v "$tool" >/dev/null || { echo "check-example-stacks: $tool not found" >&2; exit 2; }
done
failed=0

unformatted=$(gofmt -l .)
[ -z "$unformatted" ] || { echo "gofmt: not formatted: $unformatted"; failed=1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The stand-in: the gin and lib/pq identifiers the stacks use, with their real signatures' shapes.
mkdir -p "$work/gin" "$work/pq"
printf 'module github.com/gin-gonic/gin\n\ngo 1.19\n' >"$work/gin/go.mod"
printf 'module github.com/lib/pq\n\ngo 1.19\n' >"$work/pq/go.mod"
printf 'package pq\n' >"$work/pq/pq.go"
cat >"$work/gin/gin.go" <<'GO'
package gin

import "net/http"

const (
	DebugMode   = "debug"
	ReleaseMode = "release"
	TestMode    = "test"
)

type H map[string]any
type HandlerFunc func(*Context)
type Context struct{}

func (c *Context) Param(string) string        { return "" }
func (c *Context) JSON(int, any)              {}
func (c *Context) String(int, string, ...any) {}
func (c *Context) HTML(int, string, any)      {}
func (c *Context) Redirect(int, string)       {}
func (c *Context) ShouldBindJSON(any) error   { return nil }
func (c *Context) BindJSON(any) error         { return nil }

type RouterGroup struct{}

func (g *RouterGroup) GET(string, ...HandlerFunc)  {}
func (g *RouterGroup) POST(string, ...HandlerFunc) {}
func (g *RouterGroup) Use(...HandlerFunc)          {}
func (g *RouterGroup) Group(string) *RouterGroup   { return g }

type Engine struct{ RouterGroup }

func (e *Engine) Run(...string) error                          { return nil }
func (e *Engine) SetTrustedProxies([]string) error             { return nil }
func (e *Engine) LoadHTMLGlob(string)                          {}
func (e *Engine) ServeHTTP(http.ResponseWriter, *http.Request) {}

func New() *Engine          { return &Engine{} }
func Default() *Engine      { return &Engine{} }
func SetMode(string)        {}
func Logger() HandlerFunc   { return nil }
func Recovery() HandlerFunc { return nil }
GO
while IFS= read -r gomod; do
    module_dir=$(dirname "$gomod")
    copy=$work/modules/$module_dir
    mkdir -p "$copy"
    cp -r "$module_dir/." "$copy/"
    module=$(awk '/^module /{ print $2; exit }' "$gomod")
    {
        printf 'module %s\n\ngo 1.19\n' "$module"
        if grep -q gin-gonic "$gomod"; then
            printf '\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n\tgithub.com/lib/pq v1.10.9\n)\n'
            printf '\nreplace github.com/gin-gonic/gin => %s\n\nreplace github.com/lib/pq => %s\n' "$work/gin" "$work/pq"
        fi
    } >"$copy/go.mod"
    (cd "$copy" && GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local go vet ./... && GOFLAGS=-mod=mod GOPROXY=off \
        GOTOOLCHAIN=local go build -o /dev/null .) || { echo "go vet/build: $module_dir"; failed=1; }
done < <(find . -name go.mod | sed 's#^\./##' | sort)

while IFS= read -r dockerfile; do
    hadolint --failure-threshold error "$dockerfile" >/dev/null || { echo "hadolint: $dockerfile"; failed=1; }
done < <(find . -name Dockerfile | sort)

# Container paths -> the stack's folders, as the compose files mount them; the host nginx's certbot paths ->
# a certificate of another stack (a host nginx's files are not in the repository).
while IFS= read -r conf; do
    stack=${conf%%/*}
    dir=$work/$stack/$(basename "$conf" .conf)
    mkdir -p "$dir"
    sed -E \
        -e "s#/etc/nginx/certs#$PWD/$stack/certs#g" \
        -e "s#/etc/nginx/ssl#$PWD/$stack/ssl#g" \
        -e "s#/etc/nginx/snippets#$PWD/$stack/nginx/snippets#g" \
        -e "s#/etc/letsencrypt/live/[^/]+#$PWD/clean-upstream-tls/certs#g" \
        -e 's#(server |proxy_pass http://)[a-z_]+:([0-9]+)#\1127.0.0.1:\2#' \
        -e 's/^ *http2 on;//' \
        "$conf" >"$dir/site.conf"
    printf 'error_log %s/error.log;\npid %s/nginx.pid;\nevents {}\nhttp {\n    access_log off;\n    include %s/site.conf;\n}\n' \
        "$dir" "$dir" "$dir" >"$dir/nginx.conf"
    nginx -t -q -p "$dir" -c "$dir/nginx.conf" 2>"$dir/out" || { echo "nginx -t: $conf"; cat "$dir/out"; failed=1; }
done < <(find . -path ./seed-naive -prune -o -path ./seed-careful -prune -o -path '*/nginx/*.conf' -print \
    | grep -v /snippets/ | sed 's#^\./##' | sort)

[ "$failed" -eq 0 ] && echo "example stacks: gofmt, go vet/build, hadolint and nginx -t pass"
exit "$failed"
