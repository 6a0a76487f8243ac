#!/usr/bin/env python3
"""Compares `shiplint debug dump` with Docker Compose v2 on every compose file of the shared corpus.

Usage: compose-oracle.py SHIPLINT DOCKER_COMPOSE CORPUS_DIR [--require-all]

CORPUS_DIR is the shared corpus, or tests/compose-oracle (crafted cases, such as a `.env` with every quoting
and escaping form, listed in its own MANIFEST.tsv), or corpus/stacks (the example stacks). With --require-all,
a file Compose rejects is a failure too (the example stacks must all be valid).

For each `compose` row of CORPUS_DIR/MANIFEST.tsv, runs
    docker-compose -f F --project-directory DIR config --format json --no-path-resolution
run from the file's directory (so that relative `env_file` paths resolve as they do for a user there), with an
empty environment (shiplint reads variables from the project's .env only, never from the
environment), and `shiplint debug dump F`. For every file Compose accepts, every service must have the same
image, build (context, dockerfile, target), ports (target, published, host_ip, protocol), expose and
environment. shiplint masks the values of secret-looking variables in its dump; the same names are masked
on Compose's side before comparing (the rule below mirrors shiplint's `secrets::is_secret_name`).
Exits 1 on any difference, or when shiplint rejects a file Compose accepts.
"""

import concurrent.futures
import json
import os
import subprocess
import sys

MASK = "********"
SECRET_WORDS = {"password", "passwd", "secret", "token", "apikey", "credentials", "creds", "privatekey"}
SECRET_PAIRS = {("api", "key"), ("access", "key"), ("private", "key"), ("auth", "key"), ("secret", "key")}
REFERENCE_SUFFIXES = {"file", "path", "dir", "name", "length", "len"}


def is_secret_name(name):
    parts = [p.lower() for p in name.replace("-", "_").replace(".", "_").split("_") if p]
    if parts and parts[-1] in REFERENCE_SUFFIXES:
        return False
    return any(p in SECRET_WORDS for p in parts) or any(
        (a, b) in SECRET_PAIRS for a, b in zip(parts, parts[1:])
    )


def masked(env):
    return {k: (MASK if v and is_secret_name(k) else v) for k, v in (env or {}).items()}


def unescaped_dollars(service):
    """Compose's config output writes a literal `$` of an environment value as `$$` (so that the output reads
    back the same); shiplint's dump prints the value itself."""
    env = service.get("environment")
    if isinstance(env, dict):
        service = dict(service, environment={
            k: (v.replace("$$", "$") if isinstance(v, str) else v) for k, v in env.items()
        })
    return service


def normal(service):
    build = service.get("build")
    if build is not None:
        build = {k: build.get(k) for k in ("context", "dockerfile", "target")}
    ports = [
        {k: p.get(k) for k in ("target", "published", "host_ip", "protocol")}
        for p in service.get("ports") or []
    ]
    return {
        "image": service.get("image"),
        "build": build,
        "ports": ports,
        "expose": [str(e) for e in service.get("expose") or []],
        "environment": masked(service.get("environment")),
    }


def run(command, cwd=None):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=120)
    return done.returncode, done.stdout, done.stderr


def compare(shiplint, compose, corpus, relative):
    path = os.path.abspath(os.path.join(corpus, relative))
    directory = os.path.dirname(path)
    _, out, err = run(
        [compose, "-f", path, "--project-directory", directory, "config", "--format", "json",
         "--no-path-resolution"], cwd=directory
    )
    # This docker-compose exits 0 even when it rejects a file: acceptance is a JSON document on stdout.
    if not out.strip():
        return relative, "rejected", err.strip().splitlines()[-1:] if err.strip() else []
    theirs = json.loads(out).get("services", {})
    status, ours_text, ours_err = run([shiplint, "debug", "dump", path])
    if status != 0:
        return relative, "we-reject", [ours_err.strip()]
    ours = json.loads(ours_text).get("services", {})
    problems = []
    for name in sorted(set(theirs) | set(ours)):
        if name not in ours or name not in theirs:
            problems.append(f"service {name}: only in {'compose' if name in theirs else 'shiplint'}")
            continue
        a, b = normal(unescaped_dollars(theirs[name])), normal(ours[name])
        for field in a:
            if a[field] != b[field]:
                problems.append(f"service {name} {field}: compose {a[field]!r} shiplint {b[field]!r}")
    return relative, ("agree" if not problems else "differ"), problems


def main():
    shiplint, compose, corpus = sys.argv[1:4]
    require_all = sys.argv[4:] == ["--require-all"]
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as manifest:
        rows = [line.rstrip("\n").split("\t") for line in manifest][1:]
    files = [row[1] for row in rows if row[0] == "compose"]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda f: compare(shiplint, compose, corpus, f), files))
    counts = {}
    for relative, verdict, details in sorted(results):
        counts[verdict] = counts.get(verdict, 0) + 1
        if verdict in ("differ", "we-reject") or (require_all and verdict == "rejected"):
            print(f"{verdict}: {relative}")
            for line in details:
                print(f"    {line}")
    accepted = len(files) - counts.get("rejected", 0)
    print(
        f"compose files {len(files)}, accepted by docker compose {accepted}, agreeing {counts.get('agree', 0)}, "
        f"differing {counts.get('differ', 0)}, rejected by shiplint only {counts.get('we-reject', 0)}"
    )
    if accepted == 0 or accepted < len(files) // 2:
        # A broken oracle that rejects everything must not pass as "nothing to compare".
        print("docker compose rejected most files: is it working?", file=sys.stderr)
        return 1
    if require_all and accepted < len(files):
        return 1
    return 0 if counts.get("agree", 0) == accepted else 1


if __name__ == "__main__":
    sys.exit(main())
