# Sign in with Microsoft Entra ID; `az batch account login` without --shared-key-auth keeps the Entra token.
az login
az batch account login --name <batch-account> --resource-group <resource-group>

# pool.json holds ${…} placeholders for secrets (registry passwords, write SAS URLs); type them (not echoed) and fill them in.
read -rsp "REGISTRY_PASSWORD_MYCONTAINERREGISTRY_AZURECR_IO: " REGISTRY_PASSWORD_MYCONTAINERREGISTRY_AZURECR_IO && echo && export REGISTRY_PASSWORD_MYCONTAINERREGISTRY_AZURECR_IO
envsubst '$REGISTRY_PASSWORD_MYCONTAINERREGISTRY_AZURECR_IO' < pool.json > pool.filled.json

az batch pool create --json-file pool.filled.json
rm pool.filled.json

# ---- pool.json ----
{
  "id": "tensorflow-acr-pool",
  "vmSize": "Standard_NC6",
  "virtualMachineConfiguration": {
    "imageReference": {
      "publisher": "microsoft-azure-batch",
      "offer": "ubuntu-server-container",
      "sku": "16-04-lts",
      "version": "latest"
    },
    "nodeAgentSKUId": "batch.node.ubuntu 16.04",
    "containerConfiguration": {
      "type": "dockerCompatible",
      "containerImageNames": [
        "myContainerRegistry.azurecr.io/tensorflow/tensorflow:latest-gpu"
      ],
      "containerRegistries": [
        {
          "registryServer": "myContainerRegistry.azurecr.io",
          "username": "myUserName",
          "password": "${REGISTRY_PASSWORD_MYCONTAINERREGISTRY_AZURECR_IO}"
        }
      ]
    }
  },
  "resizeTimeout": "PT15M",
  "targetDedicatedNodes": 4,
  "targetLowPriorityNodes": 0,
  "taskSlotsPerNode": 1
}
