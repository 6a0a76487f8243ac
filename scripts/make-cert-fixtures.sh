#!/usr/bin/env bash
# Regenerates the certificate fixtures of corpus/certs/ (see corpus/certs/README.md for what each case is and
# which rule it must trigger). Every validity date is fixed, so the rules give the same answer forever when
# checked with `--now 2026-12-01T00:00:00Z` (tests/cert_fixtures.rs); keys are new on every run, so the PEM
# bytes change but names, dates, algorithms and findings do not.
#
#   root                 CN=shiplint Fixture Root        2024-01-01 .. 2034-01-01  RSA 2048, self-signed
#   intermediate         CN=shiplint Fixture CA          2024-03-13 .. 2029-03-12  RSA 2048
#   old intermediate     CN=shiplint Fixture CA 2023     2023-01-01 .. 2025-06-30  RSA 2048 (expired)
#   leaves               CN=<case>.example.com           2025-12-15 .. 2027-01-05  EC P-256 (386 days)
#   long-lifetime leaf                                   2025-12-15 .. 2027-02-01  (413 days: over 398)
#   expiring-soon leaf                                   2025-10-15 .. 2026-01-13  (90 days: 12 left on 2026-01-01)
#
# The rule docs (rules/cert/*.md) embed some of these certificates and run at 2026-01-01, when every leaf but
# expiring-soon is comfortably valid.
#
# Usage: bash scripts/make-cert-fixtures.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/corpus/certs"
command -v openssl >/dev/null || { echo "make-cert-fixtures: openssl not found" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# shellcheck source=lib/test-ca.sh
. "$root/scripts/lib/test-ca.sh"
ca_setup 2000 <<'CNF'
[ca_ext]
basicConstraints       = critical, CA:true
keyUsage               = critical, digitalSignature, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[leaf_ext]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = DNS:${ENV::LEAF_NAME}
CNF
export LEAF_NAME=unused.example.com

ec_key() { openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
rsa_key() { openssl genpkey -quiet -algorithm RSA -pkeyopt "rsa_keygen_bits:$2" -out "$1"; }
csr() { openssl req -new -config ca.cnf -key "$1" -subj "$2" -out "$3"; }

rsa_key root.key 2048
csr root.key "/O=shiplint fixtures/CN=shiplint Fixture Root" root.csr
sign root.csr root.pem root.pem root.key ca_ext 240101000000Z 340101000000Z -selfsign
rsa_key int.key 2048
csr int.key "/O=shiplint fixtures/CN=shiplint Fixture CA" int.csr
sign int.csr int.pem root.pem root.key ca_ext 240313000000Z 290312235959Z
rsa_key old.key 2048
csr old.key "/O=shiplint fixtures/CN=shiplint Fixture CA 2023" old.csr
sign old.csr old.pem root.pem root.key ca_ext 230101000000Z 250630235959Z

leaf() { # leaf NAME KEY ISSUER [start end [extra]]: writes NAME.pem
    local name=$1 key=$2 issuer=$3 start=${4:-251215000000Z} end=${5:-270105000000Z}
    shift 3
    [ $# -ge 2 ] && shift 2
    LEAF_NAME="$name.example.com" csr "$key" "/CN=$name.example.com" "$name.csr"
    LEAF_NAME="$name.example.com" sign "$name.csr" "$name.pem" "$issuer.pem" "$issuer.key" leaf_ext "$start" "$end" "$@"
}

rm -rf "$out"/*/
case_dir() { mkdir -p "$out/$1"; echo "$out/$1"; }

# A correct pair: fullchain (leaf + intermediate) and its key. Also the leaf as binary DER.
ec_key ok.key
leaf ok ok.key int
dir=$(case_dir ok)
cat ok.pem int.pem >"$dir/fullchain.pem"
cp ok.key "$dir/privkey.pem"
openssl x509 -in ok.pem -outform DER -out "$dir/cert.der"

# The intermediate before the leaf.
ec_key order.key
leaf wrong-order order.key int
cat int.pem wrong-order.pem >"$(case_dir wrong-order)/fullchain.pem"

# Leaf and root, without the intermediate between them.
ec_key missing.key
leaf missing-intermediate missing.key int
cat missing-intermediate.pem root.pem >"$(case_dir missing-intermediate)/fullchain.pem"

# A leaf issued by an intermediate that expired on 2025-06-30.
ec_key expired.key
leaf expired-intermediate expired.key old
cat expired-intermediate.pem old.pem >"$(case_dir expired-intermediate)/fullchain.pem"

# The leaf of ok/, followed by a CA certificate with its issuer's name but another key: the signature fails.
rsa_key impostor.key 2048
csr impostor.key "/O=shiplint fixtures/CN=shiplint Fixture CA" impostor.csr
sign impostor.csr impostor.pem root.pem root.key ca_ext 240313000000Z 290312235959Z
cat ok.pem impostor.pem >"$(case_dir wrong-intermediate)/fullchain.pem"

# The key of another certificate.
ec_key mismatch.key
ec_key other.key
leaf mismatched-key mismatch.key int
dir=$(case_dir mismatched-key)
cp mismatched-key.pem "$dir/cert.pem"
cp other.key "$dir/key.pem"

# An RSA-1024 leaf.
rsa_key weak.key 1024
leaf rsa-1024 weak.key int
cp rsa-1024.pem "$(case_dir rsa-1024)/cert.pem"

# A leaf signed with SHA-1.
ec_key sha1.key
leaf sha1 sha1.key int 251215000000Z 270105000000Z -md sha1
cp sha1.pem "$(case_dir sha1)/cert.pem"

# A key encrypted with a passphrase (`fixture`), beside its certificate.
ec_key enc.key
leaf encrypted-key enc.key int
dir=$(case_dir encrypted-key)
cp encrypted-key.pem "$dir/cert.pem"
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:fixture -in enc.key -out "$dir/key.pem"

# A self-signed leaf.
ec_key self.key
LEAF_NAME=self-signed.example.com csr self.key "/CN=self-signed.example.com" self.csr
LEAF_NAME=self-signed.example.com sign self.csr self.pem self.pem self.key leaf_ext 251215000000Z 270105000000Z -selfsign
cp self.pem "$(case_dir self-signed)/cert.pem"

# A leaf of 413 days, issued when the CA/Browser Forum maximum was 398 days.
ec_key long.key
leaf long-lifetime long.key int 251215000000Z 270201000000Z
cp long-lifetime.pem "$(case_dir long-lifetime)/cert.pem"

# A 90-day leaf with 12 days left on 2026-01-01 (and expired on 2026-12-01).
ec_key soon.key
leaf expiring-soon soon.key int 251015000000Z 260113000000Z
cp expiring-soon.pem "$(case_dir expiring-soon)/cert.pem"

for file in "$out"/*/*; do
    case $file in *.der) continue ;; esac
    echo "${file#"$root"/}"
    grep -q CERTIFICATE "$file" && openssl x509 -in "$file" -noout -subject -issuer -dates | sed 's/^/    /'
done
