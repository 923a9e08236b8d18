"""azure-mgmt-keyvault against the emulator's ARM: each vault's properties say what the vault
does, and a missing vault's 404 names it."""
import os

from azure.core.exceptions import ResourceNotFoundError
from azure.identity import DefaultAzureCredential
from azure.mgmt.keyvault import KeyVaultManagementClient

from kvx_emu import report

client = KeyVaultManagementClient(
    DefaultAzureCredential(),
    os.environ["KVX_SUBSCRIPTION_ID"],
    base_url=os.environ["KVX_ARM_ENDPOINT"],
    credential_scopes=["https://management.azure.com/.default"],
)
vaults = {}
for vault in client.vaults.list_by_subscription():
    p = vault.properties
    vaults[vault.name] = {
        "sku": p.sku.name,
        "enableSoftDelete": p.enable_soft_delete,
        "softDeleteRetentionInDays": p.soft_delete_retention_in_days,
        "enablePurgeProtection": p.enable_purge_protection,
        "enableRbacAuthorization": p.enable_rbac_authorization,
        "accessPolicyObjectIds": sorted(a.object_id for a in (p.access_policies or [])),
    }
try:
    client.vaults.get("kvx-emulator", "no-such-vault")
    missing = None
except ResourceNotFoundError as err:
    missing = {"status": err.status_code, "message": err.message}
report(vaults=vaults, missing=missing)
