#!/bin/sh
# Regenerates the key, certificate and known_hosts test data in this folder with the real
# OpenSSH tools (ssh-keygen 9.2, openssl 3). These are throw-away test keys, not secrets.
# Run from this folder: sh regenerate.sh. Tests read the outputs, including fingerprints.txt.
set -eu
export TZ=UTC
cd "$(dirname "$0")"
rm -f -- *.pub *.key *.txt known_hosts*
gen() { ssh-keygen -q -C "$1@sanssh" "$@" 2>/dev/null; }
key() { name=$1; shift; ssh-keygen -q -C "$name@sanssh" -f "$name.key" "$@"; mv "$name.key.pub" "$name.pub"; }

# Plain OpenSSH (openssh-key-v1) keys, unencrypted.
key ed25519 -t ed25519 -N ''
key ecdsa256 -t ecdsa -b 256 -N ''
key ecdsa384 -t ecdsa -b 384 -N ''
key ecdsa521 -t ecdsa -b 521 -N ''
key rsa3072 -t rsa -b 3072 -N ''

# Encrypted with bcrypt_pbkdf: the default cipher (aes256-ctr) and aes256-gcm@openssh.com.
key ed25519_ctr -t ed25519 -N pass
key ed25519_gcm -t ed25519 -N pass -Z aes256-gcm@openssh.com
key ecdsa384_ctr -t ecdsa -b 384 -N pass
key rsa3072_gcm -t rsa -b 3072 -N pass -Z aes256-gcm@openssh.com

# PKCS#8 ("BEGIN PRIVATE KEY") and traditional PEM ("BEGIN RSA/EC PRIVATE KEY"), unencrypted.
key rsa_pkcs8 -t rsa -b 3072 -N '' -m PKCS8
key ecdsa256_pkcs8 -t ecdsa -b 256 -N '' -m PKCS8
key rsa_pem -t rsa -b 2048 -N '' -m PEM
key ecdsa384_pem -t ecdsa -b 384 -N '' -m PEM
key ecdsa521_pem -t ecdsa -b 521 -N '' -m PEM
# Encrypted traditional PEM (Proc-Type: 4,ENCRYPTED), which Sanssh refuses as unsupported.
key rsa_pem_enc -t rsa -b 2048 -N secret -m PEM
# ssh-keygen never writes Ed25519 as PKCS#8; openssl does.
openssl genpkey -algorithm ed25519 -out ed25519_pkcs8.key 2>/dev/null
openssl pkey -in ed25519_pkcs8.key -pubout -outform DER 2>/dev/null | tail -c 32 | od -An -tx1 | tr -d ' \n' > ed25519_pkcs8.pubhex.txt

# Certificate authorities and the keys they certify.
key ca_ed25519 -t ed25519 -N ''
key ca_rsa -t rsa -b 3072 -N ''
key ca_ecdsa384 -t ecdsa -b 384 -N ''
key host_ed25519 -t ed25519 -N ''
key host_ecdsa256 -t ecdsa -b 256 -N ''
key host_rsa -t rsa -b 3072 -N ''
key user_ed25519 -t ed25519 -N ''
key other_ed25519 -t ed25519 -N ''

# cert NAME KEY CA ARGS...: certifies KEY.pub with CA into NAME-cert.pub. Fixed validity windows
# keep the tests independent of the clock: they pass "now" in.
cert() { name=$1; k=$2; ca=$3; shift 3; cp "$k.pub" "$name.pub";
    ssh-keygen -q -s "$ca.key" "$@" "$name.pub"; rm "$name.pub"; }
VALID=20240101:20340101
cert host_ed25519_cert host_ed25519 ca_ed25519 -I host-ed25519 -h -n host.example,127.0.0.1 -V $VALID -z 42
cert host_ecdsa256_cert host_ecdsa256 ca_ecdsa384 -I host-ecdsa -h -n host.example -V $VALID
cert host_rsa_cert host_rsa ca_rsa -I host-rsa -h -n host.example -V $VALID
cert host_expired_cert host_ed25519 ca_ed25519 -I host-expired -h -n host.example -V 20200101:20210101
cert host_wrongname_cert host_ed25519 ca_ed25519 -I host-wrongname -h -n other.example -V $VALID
cert host_anyname_cert host_ed25519 ca_ed25519 -I host-anyname -h -V $VALID
cert host_by_other_cert host_ed25519 other_ed25519 -I host-other-ca -h -n host.example -V $VALID
cert user_cert user_ed25519 ca_ed25519 -I alice-id -n alice,bob -V $VALID
cert user_rsa_cert rsa3072 ca_ed25519 -I alice-rsa -n alice -V $VALID
cert user_force_cert user_ed25519 ca_ed25519 -I alice-forced -n alice -O force-command=/bin/true -V $VALID
cert user_noprincipals_cert user_ed25519 ca_ed25519 -I nobody -V $VALID
cert user_sha1ca_cert user_ed25519 ca_rsa -I alice-sha1 -n alice -t ssh-rsa -V $VALID
cert user_expired_cert user_ed25519 ca_ed25519 -I alice-expired -n alice -V 20200101:20210101

# What ssh-keygen -l prints, for the fingerprint tests.
for f in *.pub; do printf '%s ' "$f"; ssh-keygen -lf "$f"; done > fingerprints.txt

# known_hosts: plain lines, patterns, a port, a CA and a revoked key; then a hashed copy.
ed=$(cut -d' ' -f1,2 host_ed25519.pub); ec=$(cut -d' ' -f1,2 host_ecdsa256.pub)
rsa=$(cut -d' ' -f1,2 host_rsa.pub); other=$(cut -d' ' -f1,2 other_ed25519.pub)
ca=$(cut -d' ' -f1,2 ca_ed25519.pub); user=$(cut -d' ' -f1,2 user_ed25519.pub)
cat > known_hosts <<KH
# A comment, then a blank line.

host.example,192.0.2.10 $ed
[host.example]:2222 $ec
[port.example]:2200 $rsa
changed.example $other
*.wild.example,!bad.wild.example $ec
@cert-authority *.example,!nocert.example $ca
@revoked * $user
KH
cp known_hosts known_hosts_hashed
# ssh-keygen -H hashes the plain names and leaves wildcard lines as they are (it says so).
ssh-keygen -q -H -f known_hosts_hashed 2>/dev/null
rm -f known_hosts_hashed.old
# A malformed line, added after hashing since ssh-keygen -H refuses files with one.
echo 'this line is not a key' | tee -a known_hosts >> known_hosts_hashed
# ssh-keygen -F answers for the same lookups, for the record.
for h in host.example 192.0.2.10 '[host.example]:2222' changed.example a.wild.example bad.wild.example; do
    echo "== $h"; ssh-keygen -F "$h" -f known_hosts_hashed | grep -v '^#' || true
done > known_hosts_lookups.txt

# ssh-keyscan against a real sshd on loopback serving the host keys above (needs root for sshd).
d=$(mktemp -d)
cp host_ed25519.key host_ecdsa256.key host_rsa.key "$d"/ && chmod 600 "$d"/*.key
/usr/sbin/sshd -D -p 22917 -o ListenAddress=127.0.0.1 -f /dev/null \
    -h "$d/host_ed25519.key" -h "$d/host_ecdsa256.key" -h "$d/host_rsa.key" 2>/dev/null &
sshd_pid=$!
sleep 1
ssh-keyscan -p 22917 127.0.0.1 2>/dev/null | sort > known_hosts_keyscan
ssh-keyscan -H -p 22917 127.0.0.1 2>/dev/null | sort > known_hosts_keyscan_hashed
kill "$sshd_pid"
rm -rf "$d"
