#!/usr/bin/env python3
"""
Makes the token vectors every apisig package tests against, with the two libraries the API's
own authentication page uses: PyJWT (Debian's python3-jwt) and golang-jwt (its `jwt` command,
Debian's package jwt). This file is their source: the inputs are written here, the JSON files
beside it are its output. Run it through `pnpm --filter @apisig/test-support vectors`, which
finds an interpreter that has PyJWT; `--out DIR` writes somewhere else (the freshness test).

Tokens are deterministic (HS256, no iat unless a case asks for one), so a run on any machine
with the same library versions gives the same bytes.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import jwt  # PyJWT

API_KEY = "ak_live_3f9a2c1e7b4d"
JWT_KEY = "jk_9b2e4c7a1f3d5e8b"
APP_KEY = "app_7c1d9e0b"
APP_SECRET = "as_4e8f2a9c6d1b"
EXP = 1764300015  # user-basic's exp; rejections are checked at EXP - 5
NOW = EXP - 5

# name, kind, key, secret, exp: the accepted tokens (signatures.json).
SIGNATURES = [
    ("user-basic", "user", API_KEY, JWT_KEY, EXP),
    ("user-long-secret", "user", API_KEY, "s" * 40 + "0123456789abcdef" * 4, EXP),
    ("user-unicode-secret", "user", API_KEY, "clé-secrète-ключ-🔑", EXP),
    ("user-one-byte-secret", "user", API_KEY, "k", EXP),
    ("user-key-with-symbols", "user", "AbC-123_xyz.~+/=", JWT_KEY, EXP),
    ("user-far-exp", "user", API_KEY, JWT_KEY, 4102444800),
    ("org-basic", "organization", APP_KEY, APP_SECRET, EXP + 45),
    ("org-long-secret", "organization", APP_KEY, "S3cr3t" * 30, EXP + 45),
]


def pyjwt(claims, secret, algorithm="HS256"):
    key = None if algorithm == "none" else secret.encode("utf-8")
    return jwt.encode(claims, key, algorithm=algorithm)


def golang_jwt(claims, secret):
    """golang-jwt's CLI signs with the key file's bytes; it sorts claims (exp before key)."""
    with tempfile.TemporaryDirectory() as folder:
        key_file = os.path.join(folder, "key")
        with open(key_file, "wb") as handle:
            handle.write(secret.encode("utf-8"))
        run = subprocess.run(
            ["jwt", "-sign", "-", "-key", key_file, "-alg", "HS256"],
            input=json.dumps(claims),
            capture_output=True,
            text=True,
            check=True,
        )
        return run.stdout.strip()


def signatures():
    cases = []
    for name, kind, key, secret, exp in SIGNATURES:
        claims = {"key": key, "exp": exp}
        cases.append(
            {
                "name": name,
                "kind": kind,
                "key": key,
                "secret": secret,
                "exp": exp,
                "token": pyjwt(claims, secret),
                "goToken": golang_jwt(claims, secret),
            }
        )
    return {
        "about": (
            "Tokens a verifier must accept, and a conforming signer must emit. `token`: PyJWT "
            "jwt.encode({'key': key, 'exp': exp}, secret, algorithm='HS256'): header "
            '{"alg":"HS256","typ":"JWT"}, claims compact in the order key, exp; a signer that '
            "emits exactly those claims under that header makes these bytes. `goToken`: "
            "golang-jwt's CLI signing the same claims (it sorts them, exp first): other bytes, "
            "still accepted. The secret is used as its UTF-8 bytes. `kind` user: key = API key, "
            "secret = JWT key (x-signature, ttl 15 s); organization: key = App Key, secret = App "
            "Secret (x-app-signature, ttl 60 s). `exp` is absolute: verify a few seconds before it."
        ),
        "cases": cases,
    }


def segment_swap(token, payload_token):
    """The payload of `payload_token` under the header and signature of `token`."""
    header, _, signature = token.split(".")
    return ".".join([header, payload_token.split(".")[1], signature])


def rejections():
    good = {"key": API_KEY, "exp": EXP}
    basic = pyjwt(good, JWT_KEY)
    tokens = [
        ("alg-none", pyjwt(good, JWT_KEY, "none"), "unsupported_algorithm"),
        ("alg-hs512", pyjwt(good, JWT_KEY, "HS512"), "unsupported_algorithm"),
        ("wrong-secret", pyjwt(good, "jk_not_the_users_key"), "bad_signature"),
        (
            "tampered-payload",
            segment_swap(basic, pyjwt({"key": API_KEY, "exp": EXP + 3600}, JWT_KEY)),
            "bad_signature",
        ),
        ("expired", pyjwt({"key": API_KEY, "exp": NOW - 25}, JWT_KEY), "expired"),
        ("missing-exp", pyjwt({"key": API_KEY}, JWT_KEY), "missing_exp"),
        (
            "exp-not-a-number",
            pyjwt({"key": API_KEY, "exp": str(EXP)}, JWT_KEY),
            "malformed_signature",
        ),
        (
            "key-claim-mismatch",
            pyjwt({"key": "ak_live_someone_else", "exp": EXP}, JWT_KEY),
            "key_mismatch",
        ),
        (
            "exp-too-far-ahead",
            pyjwt({"key": API_KEY, "exp": NOW + 86405}, JWT_KEY),
            "exp_too_far",
        ),
        ("not-a-jwt", "definitely-not-a-jwt", "malformed_signature"),
        ("two-segments", ".".join(basic.split(".")[:2]), "malformed_signature"),
    ]
    return {
        "about": (
            "Tokens a verifier of x-signature must refuse, each with the reason it must give. "
            "Verify with x-api-key = apiKey, the user's JWT key = secret, the clock at `now` "
            "(seconds), and the `maxTtl` and `leeway` given. user-basic in signatures.json is "
            "the accepted token for the same inputs."
        ),
        "cases": [
            {
                "name": name,
                "token": token,
                "reason": reason,
                "apiKey": API_KEY,
                "secret": JWT_KEY,
                "now": NOW,
                "maxTtl": 15,
                "leeway": 5,
            }
            for name, token, reason in tokens
        ],
    }


def lifetimes():
    """What real clients send: the vendor's SDKs sign exp = now + 60, the JS one adds iat."""
    now = NOW
    cases = []

    def add(name, kind, library, claims, verdicts):
        key, secret = (API_KEY, JWT_KEY) if kind == "user" else (APP_KEY, APP_SECRET)
        claims = {"key": key, **claims}
        token = golang_jwt(claims, secret) if library == "golang-jwt" else pyjwt(claims, secret)
        cases.append(
            {
                "name": name,
                "kind": kind,
                "library": library,
                "key": key,
                "secret": secret,
                "now": now,
                "claims": claims,
                "token": token,
                "verdicts": verdicts,
            }
        )

    # verdicts: maxTtl (seconds) -> the reason the verifier gives, or "ok".
    add("sdk-js-style", "user", "pyjwt", {"exp": now + 60, "iat": now}, {"60": "ok", "15": "exp_too_far"})
    add("sdk-go-style", "user", "golang-jwt", {"exp": now + 60}, {"60": "ok", "15": "exp_too_far"})
    add("sdk-org-js-style", "organization", "pyjwt", {"exp": now + 60, "iat": now}, {"60": "ok", "15": "exp_too_far"})
    add("ttl-21", "user", "pyjwt", {"exp": now + 21}, {"60": "ok", "15": "exp_too_far"})
    add("ttl-20", "user", "pyjwt", {"exp": now + 20}, {"60": "ok", "15": "ok"})
    add("ttl-65", "user", "pyjwt", {"exp": now + 65}, {"60": "ok", "15": "exp_too_far"})
    add("ttl-66", "user", "pyjwt", {"exp": now + 66}, {"60": "exp_too_far", "15": "exp_too_far"})
    add("iat-in-the-future", "user", "pyjwt", {"exp": now + 15, "iat": now + 3600}, {"60": "ok", "15": "ok"})
    return {
        "about": (
            "Tokens whose lifetime decides the verdict. The API vendor's own SDKs sign "
            "x-signature with exp = now + 60 (hyper-sdk-js through jsonwebtoken, which adds "
            "iat); a verifier with its default maxTtl (60 s) accepts them, one set to 15 s "
            "refuses anything over 15 + leeway (5) s. Verify at `now` with the given maxTtl for "
            "the token's header; `verdicts` maps that maxTtl to the reason, or ok. Claims other "
            "than key and exp (iat) are ignored."
        ),
        "cases": cases,
    }


def write(folder, name, data):
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    folder = parser.parse_args().out
    os.makedirs(folder, exist_ok=True)
    for name, make in [
        ("signatures.json", signatures),
        ("rejections.json", rejections),
        ("lifetimes.json", lifetimes),
    ]:
        print(write(folder, name, make()))
    print(f"PyJWT {jwt.__version__}", file=sys.stderr)


if __name__ == "__main__":
    main()
