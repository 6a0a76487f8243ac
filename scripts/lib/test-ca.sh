# Sourced by the scripts that make test certificates (make-cert-fixtures.sh, make-stack-certs.sh): a scratch
# `openssl ca` set-up in the current directory, and `sign`. `openssl ca` signs everything because it takes
# explicit -startdate/-enddate on every OpenSSL 3 version (`x509 -not_before/-not_after` only exist from 3.4 on).

# ca_setup FIRST_SERIAL: writes ca.cnf (the CA, its name policy and the request defaults), then appends the
# extension sections the caller passes on standard input; creates the CA's database.
ca_setup() {
    cat >ca.cnf <<'CNF'
[ca]
default_ca = test_ca

[test_ca]
database        = index.txt
new_certs_dir   = issued
serial          = serial
default_md      = sha256
policy          = any_policy
unique_subject  = no
copy_extensions = none
email_in_dn     = no

[any_policy]
countryName      = optional
organizationName = optional
commonName       = supplied

[req]
distinguished_name = req_dn
prompt             = no

[req_dn]
CN = placeholder

CNF
    cat >>ca.cnf
    mkdir issued
    touch index.txt
    echo "$1" >serial
}

# sign CSR OUT CA_CERT CA_KEY EXT START END [extra `openssl ca` options, e.g. -selfsign]
sign() {
    local csr=$1 out=$2 ca_cert=$3 ca_key=$4 ext=$5 start=$6 end=$7
    shift 7
    openssl ca -batch -notext -config ca.cnf -in "$csr" -out "$out" \
        -cert "$ca_cert" -keyfile "$ca_key" -extensions "$ext" \
        -startdate "$start" -enddate "$end" "$@" 2>/dev/null
}
