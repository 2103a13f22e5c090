# Credentials come from the environment or from files, never from arguments.
export APISIG_API_KEY=ak_live_3f9a2c1e7b4d
export APISIG_JWT_KEY="$(cat jwt-key.txt)" # or: apisig headers --jwt-key-file jwt-key.txt

# The headers for one request, as JSON...
apisig headers
# ...or as -H arguments for curl.
eval "curl -sS $(apisig headers --format curl) $API_URL/v1/me"
