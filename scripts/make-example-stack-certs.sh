#!/usr/bin/env bash
# Regenerates the throwaway certificates of the example stacks other than the seeds (those are made by
# make-stack-certs.sh). A test root signs a test intermediate, which signs one leaf per stack. Validity dates and
# names are fixed so that rules checked with `--now 2026-12-01T00:00:00Z` give the same answer forever; the
# keys are new on every run.
#
#   root          CN=shiplint Example Root X1   2024-01-01 .. 2034-01-01  RSA 4096 (not shipped)
#   intermediate  CN=shiplint Example R1        2024-03-13 .. 2027-03-12  RSA 2048
#   clean-upstream-tls            *.example.com, example.com  2026-10-20 .. 2027-01-18  EC P-256, PKCS#8
#   localhost-in-nginx-container  shop.example.com            2026-11-01 .. 2027-01-30  EC P-256, PKCS#8
#   legacy-monolith               legacy.example.com          2025-11-20 .. 2026-11-20  RSA 2048, PKCS#1 (expired)
#
# Usage: bash scripts/make-example-stack-certs.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
stacks="$root/corpus/stacks"
command -v openssl >/dev/null || { echo "make-example-stack-certs: openssl not found" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# shellcheck source=lib/test-ca.sh
. "$root/scripts/lib/test-ca.sh"
ca_setup 2000 <<'CNF'
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

[leaf_wildcard]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth, clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = DNS:*.example.com, DNS:example.com

[leaf_shop]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth, clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = DNS:shop.example.com

[leaf_legacy]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth, clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = DNS:legacy.example.com
CNF

openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out root.key
openssl req -new -config ca.cnf -key root.key -subj "/O=shiplint test/CN=shiplint Example Root X1" -out root.csr
sign root.csr root.pem root.pem root.key root_ext 240101000000Z 340101000000Z -selfsign

openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out int.key
openssl req -new -config ca.cnf -key int.key -subj "/O=shiplint test/CN=shiplint Example R1" -out int.csr
sign int.csr int.pem root.pem root.key intermediate_ext 240313000000Z 270312235959Z

# leaf NAME CN EXT KEYFILE START END CHAIN_OUT KEY_OUT: signs a leaf, writes leaf + intermediate and the key.
leaf() {
    local name=$1 cn=$2 ext=$3 key=$4 start=$5 end=$6 chain_out=$7 key_out=$8
    openssl req -new -config ca.cnf -key "$key" -subj "/CN=$cn" -out "$name.csr"
    sign "$name.csr" "$name.pem" int.pem int.key "$ext" "$start" "$end"
    mkdir -p "$(dirname "$chain_out")" "$(dirname "$key_out")"
    cat "$name.pem" int.pem >"$chain_out"
    # The key is committed on purpose (it protects nothing); the comment says so to private-key-committed.
    { echo "# shiplint: ignore-file[private-key-committed] throwaway test key, published on purpose (see README.md)"; cat "$key"; } >"$key_out"
    echo "wrote $chain_out"
    openssl x509 -in "$chain_out" -noout -subject -dates -ext subjectAltName | sed 's/^/    /'
}

openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out wildcard.key
leaf clean-upstream-tls "*.example.com" leaf_wildcard wildcard.key 261020000000Z 270118000000Z \
    "$stacks/clean-upstream-tls/certs/fullchain.pem" "$stacks/clean-upstream-tls/certs/privkey.pem"

openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out shop.key
leaf localhost-in-nginx-container shop.example.com leaf_shop shop.key 261101000000Z 270130000000Z \
    "$stacks/localhost-in-nginx-container/certs/fullchain.pem" \
    "$stacks/localhost-in-nginx-container/certs/privkey.pem"

openssl genrsa -traditional -out legacy.key 2048 2>/dev/null
leaf legacy-monolith legacy.example.com leaf_legacy legacy.key 251120000000Z 261120000000Z \
    "$stacks/legacy-monolith/ssl/legacy.crt" "$stacks/legacy-monolith/ssl/legacy.key"
