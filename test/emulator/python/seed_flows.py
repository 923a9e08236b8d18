"""The seed quickstarts' flows with Python's default api-versions: keys create -> get ->
begin_delete; a default-policy certificate -> get -> delete; secrets set/get/delete/recover/purge."""
from azure.keyvault.certificates import CertificateClient, CertificatePolicy
from azure.keyvault.keys import KeyClient
from azure.keyvault.secrets import SecretClient

from kvx_emu import POLL, VAULT_URL, StaticCredential, client_options, report

credential = StaticCredential()
keys = KeyClient(VAULT_URL, credential, **client_options())
certificates = CertificateClient(VAULT_URL, credential, **client_options())
secrets = SecretClient(VAULT_URL, credential, **client_options())

created = keys.create_rsa_key("py-rsa", size=2048)
fetched = keys.get_key("py-rsa")
assert fetched.id == created.id, (fetched.id, created.id)
deleted_key = keys.begin_delete_key("py-rsa", **POLL).result()

certificate = certificates.begin_create_certificate("py-cert", CertificatePolicy.get_default(), **POLL).result()
got_certificate = certificates.get_certificate("py-cert")
assert got_certificate.cer == certificate.cer
deleted_certificate = certificates.begin_delete_certificate("py-cert", **POLL).result()

secrets.set_secret("py-secret", "first value")
set_again = secrets.set_secret("py-secret", "second value")
assert secrets.get_secret("py-secret").value == "second value"
secrets.begin_delete_secret("py-secret", **POLL).wait()
deleted_secret = secrets.get_deleted_secret("py-secret")
secrets.begin_recover_deleted_secret("py-secret", **POLL).wait()
recovered = secrets.get_secret("py-secret")
assert recovered.properties.version == set_again.properties.version
secrets.begin_delete_secret("py-secret", **POLL).wait()
secrets.purge_deleted_secret("py-secret")
purged_gone = "py-secret" not in [s.name for s in secrets.list_deleted_secrets()]

report(
    keyApiVersion=keys.api_version,
    keyType=str(created.key_type),
    keyDeletedRecoveryId=deleted_key.recovery_id,
    certificateSubject=got_certificate.policy.subject,
    certificateDeletedRecoveryId=deleted_certificate.recovery_id,
    secretApiVersion=secrets.api_version,
    deletedSecretRecoveryId=deleted_secret.recovery_id,
    recoveredVersion=recovered.properties.version,
    purgedSecretGone=purged_gone,
)
