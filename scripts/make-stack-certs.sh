#!/usr/bin/env bash
# Regenerates the throwaway certificates of the example stacks in corpus/stacks/. A test root signs a test
# intermediate, which signs one leaf per stack: the seeds have their own CA ("Test"), the other stacks share one
# ("Example"). Validity dates and names are fixed, so rules checked with `--now 2026-12-01T00:00:00Z` give the
# same answer forever; the keys are new on every run, so the PEM bytes change but dates, names and key types
# do not. The seeds follow Let's Encrypt/certbot's layout: certs/live/example.com/{fullchain,privkey}.pem.
#
#   root          CN=shiplint {Test,Example} Root X1   2024-01-01 .. 2034-01-01  RSA 4096 (not shipped)
#   intermediate  CN=shiplint {Test,Example} R1        2024-03-13 .. 2027-03-12  RSA 2048
#   seed-careful                  example.com, www.      2026-10-15 .. 2027-01-13  EC P-256, PKCS#8 (90 days)
#   seed-naive                    example.com, www.      2026-09-09 .. 2026-12-08  RSA 2048, PKCS#1 (7 days left)
#   clean-upstream-tls            *.example.com, example.com  2026-10-20 .. 2027-01-18  EC P-256, PKCS#8
#   localhost-in-nginx-container  shop.example.com            2026-11-01 .. 2027-01-30  EC P-256, PKCS#8
#   legacy-monolith               legacy.example.com          2025-11-20 .. 2026-11-20  RSA 2048, PKCS#1 (expired)
#
# Usage: bash scripts/make-stack-certs.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
stacks="$root/corpus/stacks"
command -v openssl >/dev/null || { echo "make-stack-certs: openssl not found" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=lib/test-ca.sh
. "$root/scripts/lib/test-ca.sh"
# Read whenever ca.cnf is loaded; `leaf` sets each leaf's names.
export LEAF_SANS=DNS:unused.example.com

# test_ca NAME FIRST_SERIAL: makes and enters $work/NAME, a CA whose root signs its intermediate (int.pem, int.key).
test_ca() {
    local name=$1
    mkdir "$work/$name"
    cd "$work/$name"
    ca_setup "$2" <<'CNF'
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
subjectAltName         = ${ENV::LEAF_SANS}
CNF
    openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out root.key
    openssl req -new -config ca.cnf -key root.key -subj "/O=shiplint test/CN=shiplint $name Root X1" -out root.csr
    sign root.csr root.pem root.pem root.key root_ext 240101000000Z 340101000000Z -selfsign
    openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out int.key
    openssl req -new -config ca.cnf -key int.key -subj "/O=shiplint test/CN=shiplint $name R1" -out int.csr
    sign int.csr int.pem root.pem root.key intermediate_ext 240313000000Z 270312235959Z
}

ec_key() { openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
pkcs1_rsa_key() { openssl genrsa -traditional -out "$1" 2048 2>/dev/null; }

# leaf NAME CN SANS KEY START END CHAIN_OUT KEY_OUT README: the current CA's intermediate signs a leaf for CN
# with SANS; writes leaf + intermediate to CHAIN_OUT and the key to KEY_OUT (README: what its comment points to).
leaf() {
    local name=$1 cn=$2 sans=$3 key=$4 start=$5 end=$6 chain_out=$7 key_out=$8 readme=$9
    openssl req -new -config ca.cnf -key "$key" -subj "/CN=$cn" -out "$name.csr"
    LEAF_SANS=$sans sign "$name.csr" "$name.pem" int.pem int.key leaf_ext "$start" "$end"
    mkdir -p "$(dirname "$chain_out")" "$(dirname "$key_out")"
    cat "$name.pem" int.pem >"$chain_out"
    # The key is committed on purpose (it protects nothing); the comment says so to private-key-committed.
    { echo "# shiplint: ignore-file[private-key-committed] throwaway test key, published on purpose (see $readme)"; cat "$key"; } >"$key_out"
    echo "wrote $chain_out and $key_out"
    openssl x509 -in "$chain_out" -noout -subject -issuer -dates -ext subjectAltName | sed 's/^/    /'
}

# seed_leaf STACK KEY START END: a certbot-style pair for example.com and www.example.com.
seed_leaf() {
    local live="$stacks/$1/certs/live/example.com"
    leaf "$1" example.com "DNS:example.com, DNS:www.example.com" "$2" "$3" "$4" \
        "$live/fullchain.pem" "$live/privkey.pem" certs/README.md
}

test_ca Test 1000
# seed-careful: ECDSA P-256 key in PKCS#8 (certbot's default), 90-day leaf around 2026-12-01.
ec_key careful.key
seed_leaf seed-careful careful.key 261015000000Z 270113000000Z
# seed-naive: RSA 2048 key in the traditional PKCS#1 form, leaf expiring a week after 2026-12-01.
pkcs1_rsa_key naive.key
seed_leaf seed-naive naive.key 260909000000Z 261208000000Z

test_ca Example 2000
ec_key wildcard.key
leaf clean-upstream-tls "*.example.com" "DNS:*.example.com, DNS:example.com" wildcard.key \
    261020000000Z 270118000000Z \
    "$stacks/clean-upstream-tls/certs/fullchain.pem" "$stacks/clean-upstream-tls/certs/privkey.pem" README.md
ec_key shop.key
leaf localhost-in-nginx-container shop.example.com DNS:shop.example.com shop.key 261101000000Z 270130000000Z \
    "$stacks/localhost-in-nginx-container/certs/fullchain.pem" \
    "$stacks/localhost-in-nginx-container/certs/privkey.pem" README.md
pkcs1_rsa_key legacy.key
leaf legacy-monolith legacy.example.com DNS:legacy.example.com legacy.key 251120000000Z 261120000000Z \
    "$stacks/legacy-monolith/ssl/legacy.crt" "$stacks/legacy-monolith/ssl/legacy.key" README.md
