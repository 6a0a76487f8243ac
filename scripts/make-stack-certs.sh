#!/usr/bin/env bash
# Regenerates the throwaway certificates of the example stacks in corpus/stacks/*/certs/.
#
# Layout follows Let's Encrypt/certbot: live/example.com/fullchain.pem (leaf + intermediate) and privkey.pem.
# A test root signs a test intermediate, which signs one leaf per stack. Validity dates are fixed so that rules
# checked with `--now 2026-12-01T00:00:00Z` give the same answer forever; the keys are new on every run, so the
# PEM bytes change but the dates, names and key types do not.
#
#   root          CN=shiplint Test Root X1      2024-01-01 .. 2034-01-01  RSA 4096 (not shipped)
#   intermediate  CN=shiplint Test R1           2024-03-13 .. 2027-03-12  RSA 2048
#   seed-careful  CN=example.com                2026-10-15 .. 2027-01-13  EC P-256, PKCS#8 (90 days)
#   seed-naive    CN=example.com                2026-09-09 .. 2026-12-08  RSA 2048, PKCS#1 (7 days left on 2026-12-01)
#
# Usage: bash scripts/make-stack-certs.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
stacks="$root/corpus/stacks"
command -v openssl >/dev/null || { echo "make-stack-certs: openssl not found" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# shellcheck source=lib/test-ca.sh
. "$root/scripts/lib/test-ca.sh"
ca_setup 1000 <<'EOF'
[root_ext]
basicConstraints       = critical, CA:true
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[intermediate_ext]
basicConstraints       = critical, CA:true, pathlen:0
keyUsage               = critical, digitalSignature, keyCertSign, cRLSign
extendedKeyUsage       = serverAuth, clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[leaf_ext]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth, clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = DNS:example.com, DNS:www.example.com
EOF

# Root (self-signed; stays in this temporary directory).
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out root.key
openssl req -new -config ca.cnf -key root.key -subj "/O=shiplint test/CN=shiplint Test Root X1" -out root.csr
sign root.csr root.pem root.pem root.key root_ext 240101000000Z 340101000000Z -selfsign

# Intermediate, as a Let's Encrypt issuer.
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out int.key
openssl req -new -config ca.cnf -key int.key -subj "/O=shiplint test/CN=shiplint Test R1" -out int.csr
sign int.csr int.pem root.pem root.key intermediate_ext 240313000000Z 270312235959Z

leaf() { # leaf STACK KEYFILE START END
    local stack=$1 key=$2 start=$3 end=$4
    local dir="$stacks/$stack/certs/live/example.com"
    openssl req -new -config ca.cnf -key "$key" -subj "/CN=example.com" -out "$stack.csr"
    sign "$stack.csr" "$stack.pem" int.pem int.key leaf_ext "$start" "$end"
    mkdir -p "$dir"
    cat "$stack.pem" int.pem >"$dir/fullchain.pem"
    # The key is committed on purpose (it protects nothing); the comment says so to private-key-committed.
    { echo "# shiplint: ignore-file[private-key-committed] throwaway test key, published on purpose (see certs/README.md)"; cat "$key"; } >"$dir/privkey.pem"
    echo "wrote $dir/{fullchain,privkey}.pem"
    openssl x509 -in "$dir/fullchain.pem" -noout -subject -issuer -dates | sed 's/^/    /'
}

# seed-careful: ECDSA P-256 key in PKCS#8 (certbot's default), 90-day leaf around 2026-12-01.
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out careful.key
leaf seed-careful careful.key 261015000000Z 270113000000Z

# seed-naive: RSA 2048 key in the traditional PKCS#1 form, leaf expiring a week after 2026-12-01.
openssl genrsa -traditional -out naive.key 2048 2>/dev/null
leaf seed-naive naive.key 260909000000Z 261208000000Z
