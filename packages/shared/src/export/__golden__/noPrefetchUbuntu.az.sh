# Sign in with Microsoft Entra ID; `az batch account login` without --shared-key-auth keeps the Entra token.
az login
az batch account login --name <batch-account> --resource-group <resource-group>

az batch pool create --json-file pool.json

# ---- pool.json ----
{
  "id": "container-pool-no-prefetch",
  "vmSize": "STANDARD_D1_V2",
  "virtualMachineConfiguration": {
    "imageReference": {
      "publisher": "microsoft-azure-batch",
      "offer": "ubuntu-server-container",
      "sku": "16-04-lts",
      "version": "latest"
    },
    "nodeAgentSKUId": "batch.node.ubuntu 16.04",
    "containerConfiguration": {
      "type": "dockerCompatible"
    }
  },
  "resizeTimeout": "PT15M",
  "targetDedicatedNodes": 1,
  "targetLowPriorityNodes": 0,
  "taskSlotsPerNode": 1
}
