# A new user's API key and JWT key (or an organization's App Secret): printed once, kept nowhere.
apisig keygen --prefix ak_live_

# The same as JSON, for a script that stores them: {"apiKey":"ak_live_…","secret":"…"}
apisig keygen --prefix ak_live_ --json > new-user.json
