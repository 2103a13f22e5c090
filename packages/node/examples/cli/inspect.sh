export APISIG_API_KEY=ak_live_3f9a2c1e7b4d
export APISIG_JWT_KEY="$(cat jwt-key.txt)"

# A token's header, claims and expiry, and the verdict of the real verifier:
#   verdict  ok: a server accepts it as x-signature (max ttl 60 s)
TOKEN="$(apisig headers | jq -r '."x-signature"')"
apisig inspect "$TOKEN"

# As a server that allows 15 s at most would see it (maxTtl: { signature: 15 }), from stdin.
echo "$TOKEN" | apisig inspect --max-ttl 15

# Without the secret it only decodes: "verdict  not checked".
env -u APISIG_JWT_KEY apisig inspect "$TOKEN"
