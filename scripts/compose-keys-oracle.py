#!/usr/bin/env python3
"""Checks shiplint's unknown-key tables (CMP012) against Docker Compose's own schema validation.

Usage: compose-keys-oracle.py SHIPLINT DOCKER_COMPOSE FIXTURE

FIXTURE (crates/model/src/compose/every_shape.yaml) writes every mapping the Compose Specification closes,
each with an extension key `x-a: 1`. Docker Compose must accept it and shiplint must report no CMP012. Then,
for each `x-a: 1` in turn, the key is renamed to `bogus`: Docker Compose must refuse that file and shiplint
must report exactly one CMP012, on that line. Exits 1 on any disagreement.
"""

import json
import os
import subprocess
import sys
import tempfile


def run(command):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def compose_accepts(compose, path):
    done = run([compose, "-f", path, "--project-directory", os.path.dirname(path), "config", "--format",
                "json", "--no-path-resolution"])
    # This docker-compose exits 0 even when it rejects a file: acceptance is a JSON document on stdout.
    return bool(done.stdout.strip()), done.stderr.strip()


def unknown_key_lines(shiplint, path):
    done = run([shiplint, "check", "--format", "json", "--fail-on", "never", path])
    found = json.loads(done.stdout)["diagnostics"]
    return [d["line"] for d in found if d["code"] == "CMP012"]


def main():
    shiplint, compose, fixture = sys.argv[1:4]
    with open(fixture, encoding="utf-8") as f:
        text = f.read()
    problems = []
    with tempfile.TemporaryDirectory() as work:
        # The fixture names a secret file and a credential spec file; Compose wants them to exist.
        for name in ("s.txt", "a.json"):
            open(os.path.join(work, name), "w", encoding="utf-8").close()
        path = os.path.join(work, "compose.yaml")

        def check(case, content, line):
            with open(path, "w", encoding="utf-8") as f:
                f.write(content)
            accepted, error = compose_accepts(compose, path)
            ours = unknown_key_lines(shiplint, path)
            if line is None and (not accepted or ours):
                problems.append(f"{case}: compose accepted={accepted} ({error[-200:]}), shiplint CMP012 at {ours}")
            if line is not None and (accepted or ours != [line]):
                problems.append(f"{case}: compose accepted={accepted}, shiplint CMP012 at {ours}, expected {line}")

        check("fixture as written", text, None)
        start = text.find("x-a: 1")
        cases = 0
        while start >= 0:
            line = text.count("\n", 0, start) + 1
            check(f"`bogus` on line {line}", text[:start] + "bogus: 1" + text[start + 6:], line)
            cases += 1
            start = text.find("x-a: 1", start + 1)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"compose-keys-oracle: {cases} renamed keys, {len(problems)} disagreements")
    return 1 if problems or cases < 40 else 0


if __name__ == "__main__":
    sys.exit(main())
