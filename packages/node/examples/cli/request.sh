export APISIG_API_KEY=ak_live_3f9a2c1e7b4d
export APISIG_JWT_KEY="$(cat jwt-key.txt)"

# One signed request: the body on stdout, the status on stderr. If the server's clock is off,
# apisig corrects its own from the server's Date header and sends a refused request once more.
apisig request "$API_URL/v1/me"

# A POST with a body from a file (-d - reads stdin), to a path under --base-url.
apisig request /v1/orders --base-url "$API_URL" \
  -d @order.json -H 'content-type: application/json'

# A refusal exits 1, its reason and what it means on stderr:
#   401 Unauthorized
#   refused: bad_signature (x-signature): The signature does not match: ...
APISIG_JWT_KEY="$(cat old-jwt-key.txt)" apisig request "$API_URL/v1/me" || echo "exit $?"
