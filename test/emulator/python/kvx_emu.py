"""Shared by the Python SDK scripts the emulator tests run (test/emulator/python-sdk.test.ts).

Each script reads the vault URL and CA file from its environment, talks to the emulator
through Microsoft's Python SDK with its default api-versions, and prints one JSON line of
what it saw; an exception exits non-zero with the traceback on stderr. Secret values are
never printed, only compared.
"""
import json
import os
import sys
import time

from azure.core.credentials import AccessToken
from azure.core.exceptions import HttpResponseError

VAULT_URL = os.environ.get("KVX_VAULT_URL", "")
CA_FILE = os.environ.get("KVX_CA_FILE", "")
# Pollers wait 2 s between polls by default; the emulator answers at once.
POLL = {"_polling_interval": 0.05}


class StaticCredential:
    """Any bearer token: a non-strict emulator accepts it once the real challenge is done."""

    def get_token(self, *scopes, **kwargs):
        return AccessToken("kvx-python-test-token", int(time.time()) + 3600)


def client_options():
    # The vault is on 127.0.0.1, not under the challenge's resource host (vault.azure.net);
    # the emulator's CA is trusted per client.
    return {"verify_challenge_resource": False, "connection_verify": CA_FILE}


def error_of(err: HttpResponseError) -> dict:
    """The service's error object as sent: {"code", "message", "innererror"?}."""
    try:
        return json.loads(err.response.text())["error"]
    except Exception:  # pylint: disable=broad-except
        return {}


def refused(call) -> dict:
    """Runs `call`, which must fail with an HTTP error; returns the status and error object."""
    try:
        call()
    except HttpResponseError as err:
        return {"status": err.status_code, "error": error_of(err)}
    raise AssertionError("the service was expected to refuse the call")


def report(**facts) -> None:
    print(json.dumps(facts, default=str))
    sys.stdout.flush()
