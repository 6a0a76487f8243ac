#!/usr/bin/env python3
"""Compares `shiplint debug dump` with crossplane's syntax-only parse on every nginx file of the corpus.

Usage: crossplane_oracle.py SHIPLINT CORPUS_DIR   (needs `pip install crossplane`)

For each file whose MANIFEST.tsv kind is `nginx`: crossplane.parse(path, single=True, check_ctx=False,
check_args=False, comments=False). When crossplane accepts the file, our dump must be the same JSON array;
when it rejects the file, our dump must fail too. Arguments our dump masks as secrets (all `*`) are compared as
equal to crossplane's value. Known differences are listed in KNOWN_DIFFERENCES with
their reason, and are checked to still differ (so a fixed one must be removed from the list).
"""

import json
import os
import subprocess
import sys

import crossplane

# path (relative to the corpus) -> why our tree differs from crossplane's on purpose.
KNOWN_DIFFERENCES = {
    "h5bp__server-configs-nginx/h5bp/tls/ocsp_stapling.conf":
        "comments between a directive's arguments: crossplane emits them as `#` statements even with "
        "comments=False (parser.py appends comments_in_args unconditionally); we keep comments out of the tree",
    "nginxinc__NGINX-Demos/consul-template-demo/nginx/nginx.conf":
        "a consul-template source, not nginx syntax: crossplane takes `{` as a directive name and lets a `}` "
        "end a statement; nginx rejects the file (unexpected \"{\") and so do we",
}


def crossplane_tree(path):
    payload = crossplane.parse(path, single=True, check_ctx=False, check_args=False, comments=False)
    config = payload["config"][0]
    if payload["errors"] or config["status"] != "ok":
        return None, payload["errors"]
    return config["parsed"], None


def strip(tree):
    """crossplane adds no keys beyond these with single=True, but keep the comparison to the contract."""
    out = []
    for stmt in tree:
        item = {"directive": stmt["directive"], "line": stmt["line"], "args": stmt["args"]}
        if "block" in stmt:
            item["block"] = strip(stmt["block"])
        out.append(item)
    return out


def unmask(ours, theirs, counter):
    """Our dump masks secret values with `*` (same length as the source text, quotes included): take
    crossplane's value for those arguments, counting them, so the rest of the tree is still compared."""
    if not isinstance(ours, list) or not isinstance(theirs, list) or len(ours) != len(theirs):
        return
    for mine, other in zip(ours, theirs):
        if mine.get("directive") != other.get("directive") or len(mine["args"]) != len(other["args"]):
            continue
        for i, arg in enumerate(mine["args"]):
            if arg and set(arg) == {"*"} and arg != other["args"][i]:
                mine["args"][i] = other["args"][i]
                counter[0] += 1
        if "block" in mine and "block" in other:
            unmask(mine["block"], other["block"], counter)


def main():
    shiplint, corpus = sys.argv[1], sys.argv[2]
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as manifest:
        rows = [line.rstrip("\n").split("\t") for line in manifest][1:]
    paths = sorted(row[1] for row in rows if row[0] == "nginx")
    failures, agreed, rejected_both, masked = [], 0, 0, [0]
    for rel in paths:
        path = os.path.join(corpus, rel)
        expected, errors = crossplane_tree(path)
        run = subprocess.run([shiplint, "debug", "dump", path], capture_output=True, text=True)
        if expected is None:
            if run.returncode == 0:
                failures.append(f"{rel}: crossplane rejects it ({errors}) but shiplint parses it")
            else:
                rejected_both += 1
            continue
        if run.returncode != 0:
            problem = f"{rel}: crossplane parses it but shiplint fails: {run.stderr.strip()}"
            ours = None
        else:
            ours = json.loads(run.stdout)
            unmask(ours, strip(expected), masked)
            problem = None if ours == strip(expected) else f"{rel}: trees differ"
        if rel in KNOWN_DIFFERENCES:
            if problem is None:
                failures.append(f"{rel}: listed as a known difference but now agrees; remove it")
            continue
        if problem:
            if ours is not None:
                problem += "\n  ours:       " + json.dumps(ours)[:600]
                problem += "\n  crossplane: " + json.dumps(strip(expected))[:600]
            failures.append(problem)
        else:
            agreed += 1
    print(f"crossplane oracle: {len(paths)} nginx files, {agreed} same tree, {rejected_both} rejected by both, "
          f"{len(KNOWN_DIFFERENCES)} known differences, {len(failures)} failures "
          f"({masked[0]} secret arguments masked by shiplint, compared as equal)")
    for failure in failures:
        print("FAIL", failure)
    if len(paths) == 0:
        print("FAIL no nginx files in the manifest")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
