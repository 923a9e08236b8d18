"""The VM tutorial with only the emulator's ready-line env exported (plus REQUESTS_CA_BUNDLE so
requests trusts the emulator's CA): DefaultAzureCredential reads a secret; with AZURE_CLIENT_ID
of the read-only identity a write is the service's 403 under access policies."""
import os

from azure.identity import DefaultAzureCredential
from azure.keyvault.secrets import SecretClient

from kvx_emu import VAULT_URL, refused, report

credential = DefaultAzureCredential()
# CA trust comes from REQUESTS_CA_BUNDLE; the vault on 127.0.0.1 is not under vault.azure.net.
client = SecretClient(VAULT_URL, credential, verify_challenge_resource=False)
name = next(p.name for p in client.list_properties_of_secrets() if p.enabled)
secret = client.get_secret(name)
token = credential.get_token("https://vault.azure.net/.default").token
import base64, json  # noqa: E402  (only to read the token's claims, never to print the token)
payload = token.split(".")[1]
claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
write = None
if os.environ.get("KVX_EXPECT_WRITE_REFUSED") == "1":
    write = refused(lambda: client.set_secret("written-by-python", "x"))
report(
    name=name,
    valueRead=bool(secret.value),
    oid=claims.get("oid"),
    appid=claims.get("appid"),
    write=write,
)
