#!/usr/bin/env bash
# Checks that the example stacks of corpus/stacks are valid for the tools that would run them, the way their
# README says they were checked: gofmt, hadolint (errors only: the naive stacks have warnings on purpose) and
# `nginx -t` on each nginx file, included from a minimal `http {}` with the compose mount paths rewritten to the
# stack's folder and service names to 127.0.0.1 (nginx -t resolves proxy hosts; `http2 on;` needs nginx 1.25.1,
# so it is dropped for older ones). Compose files are checked by scripts/compose-oracle.py (see .ci/run).
#
# Usage: bash scripts/check-example-stacks.sh   (needs gofmt, hadolint and nginx on PATH)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/corpus/stacks"
for tool in gofmt hadolint nginx; do
    command -v "$tool" >/dev/null || { echo "check-example-stacks: $tool not found" >&2; exit 2; }
done
failed=0

unformatted=$(gofmt -l .)
[ -z "$unformatted" ] || { echo "gofmt: not formatted: $unformatted"; failed=1; }

while IFS= read -r dockerfile; do
    hadolint --failure-threshold error "$dockerfile" >/dev/null || { echo "hadolint: $dockerfile"; failed=1; }
done < <(find . -name Dockerfile | sort)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
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

[ "$failed" -eq 0 ] && echo "example stacks: gofmt, hadolint and nginx -t pass"
exit "$failed"
