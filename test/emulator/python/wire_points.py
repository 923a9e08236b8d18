"""Issue 12's wire points through the Python SDK with its default api-versions: legacy
2016-10-01, paging versions made within one second, includePending across pages, import of a
PEM file (sent as base64 of the PEM text) and merges, cancel, key types per SKU, managed
key deletion, and the service headers."""
import base64
import datetime
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from azure.keyvault.certificates import CertificateClient, CertificateContentType, CertificatePolicy, WellKnownIssuerNames
from azure.keyvault.keys import KeyClient
from azure.keyvault.secrets import SecretClient

from kvx_emu import POLL, VAULT_URL, StaticCredential, client_options, refused, report

STANDARD_VAULT_URL = os.environ["KVX_STANDARD_VAULT_URL"]
credential = StaticCredential()
secrets = SecretClient(VAULT_URL, credential, **client_options())
keys = KeyClient(VAULT_URL, credential, **client_options())
certificates = CertificateClient(VAULT_URL, credential, **client_options())
facts = {}

# 1. The legacy api-version.
legacy = SecretClient(VAULT_URL, credential, api_version="2016-10-01", **client_options())
legacy.set_secret("py-legacy", "legacy value")
facts["legacyRead"] = legacy.get_secret("py-legacy").value == "legacy value"

# 2. Versions made within one second, one per page: each once, in order, and the pager ends.
made = [secrets.set_secret("py-paged", f"v{i}").properties.version for i in range(7)]
listed = [p.version for p in secrets.list_properties_of_secret_versions("py-paged", max_page_size=1)]
facts["versionsMade"] = made
facts["versionsListed"] = listed

# 3. includePending survives into the nextLink: pending certificates on later pages too.
unknown = CertificatePolicy(issuer_name=WellKnownIssuerNames.unknown, subject="CN=pending")
for name in ["py-pend-a", "py-pend-b", "py-pend-c"]:
    certificates.begin_create_certificate(name, unknown, **POLL)
facts["pendingListed"] = sorted(
    c.name for c in certificates.list_properties_of_certificates(include_pending=True, max_page_size=1) if c.name.startswith("py-pend")
)

# 4. Import a PEM file (the SDK sends base64 of the PEM text) and merge signed certificates.
now = datetime.datetime.now(datetime.timezone.utc)
def sign(subject, public_key, issuer_name, issuer_key, ca=False):
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(days=30))
    )
    if ca:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())

own_key = ec.generate_private_key(ec.SECP256R1())
own_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "py-import")])
own_cert = sign(own_name, own_key.public_key(), own_name, own_key)
pem = own_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()) + own_cert.public_bytes(
    serialization.Encoding.PEM
)
imported = certificates.import_certificate("py-import", pem, policy=CertificatePolicy(content_type=CertificateContentType.pem))
facts["importedMatches"] = bytes(imported.cer) == own_cert.public_bytes(serialization.Encoding.DER)

ca_key = ec.generate_private_key(ec.SECP256R1())
ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Python Test CA")])
ca_cert = sign(ca_name, ca_key.public_key(), ca_name, ca_key, ca=True)
merged = {}
for name, encode in [("py-merge-der", lambda der: der), ("py-merge-b64", lambda der: base64.b64encode(der))]:
    certificates.begin_create_certificate(name, unknown, **POLL)
    csr = x509.load_der_x509_csr(bytes(certificates.get_certificate_operation(name).csr))
    leaf = sign(csr.subject, csr.public_key(), ca_name, ca_key)
    chain = [leaf.public_bytes(serialization.Encoding.DER), ca_cert.public_bytes(serialization.Encoding.DER)]
    result = certificates.merge_certificate(name, [encode(c) for c in chain])
    merged[name] = bytes(result.cer) == chain[0]
facts["merged"] = merged

# 5. Cancel: the answer keeps inProgress with cancellation requested; the next read is cancelled.
certificates.begin_create_certificate("py-cancel", unknown, **POLL)
cancel_answer = certificates.cancel_certificate_operation("py-cancel")
after_cancel = certificates.get_certificate_operation("py-cancel")
facts["cancel"] = {
    "answerStatus": cancel_answer.status,
    "answerCancellationRequested": cancel_answer.cancellation_requested,
    "laterStatus": after_cancel.status,
    "laterError": after_cancel.error,
}

# 6. Key types: no software oct keys; no HSM keys on a standard vault; no deleting a managed key.
facts["octRefused"] = refused(lambda: keys.create_oct_key("py-oct"))
standard_keys = KeyClient(STANDARD_VAULT_URL, credential, **client_options())
facts["hsmOnStandardRefused"] = refused(lambda: standard_keys.create_rsa_key("py-hsm", hardware_protected=True))
facts["hsmOnPremium"] = str(keys.create_rsa_key("py-hsm", hardware_protected=True).key_type)
facts["managedKeyDeleteRefused"] = refused(lambda: keys.begin_delete_key("py-import", **POLL))

# 7. Headers as the service sends them, and the client's request id echoed.
seen = {}
def hook(response):
    seen["request"] = dict(response.http_request.headers)
    seen["response"] = {k.lower(): v for k, v in response.http_response.headers.items()}
secrets.get_secret("py-legacy", raw_response_hook=hook)
facts["headers"] = {k: seen["response"].get(k) for k in [
    "cache-control", "pragma", "expires", "x-ms-keyvault-region", "x-ms-keyvault-network-info",
    "strict-transport-security", "x-content-type-options", "x-ms-request-id",
]}
facts["clientRequestIdEchoed"] = seen["response"].get("x-ms-client-request-id") == seen["request"].get("x-ms-client-request-id")

report(**facts)
