#!/usr/bin/env bash
# Installs Microsoft's Python SDK for Key Vault (Debian's python3-azure) when missing: the
# emulator's tests run it as a second client (test/emulator/python-*.test.ts) and fail, not
# skip, without it. Idempotent; uses sudo only when not root.
set -euo pipefail
if /usr/bin/python3 -c 'import azure.identity, azure.keyvault.secrets, azure.keyvault.keys, azure.keyvault.certificates, azure.mgmt.keyvault' 2>/dev/null; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ci: python3-azure is missing and apt-get is not available; install Microsoft's Python Azure SDK for /usr/bin/python3" >&2
  exit 1
fi
as_root=()
if [ "$(id -u)" != 0 ]; then as_root=(sudo -n); fi
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq python3-azure >/dev/null
/usr/bin/python3 -c 'import azure.identity, azure.keyvault.secrets, azure.keyvault.keys, azure.keyvault.certificates, azure.mgmt.keyvault'
