# Sign in with Microsoft Entra ID; `az batch account login` without --shared-key-auth keeps the Entra token.
# Shared Image Gallery pools need Entra sign-in: Shared Key authentication fails for them.
az login
az batch account login --name <batch-account> --resource-group <resource-group>

az batch pool create --json-file pool.json

# ---- pool.json ----
{
  "id": "LinuxNodesSamplePoolPython",
  "vmSize": "STANDARD_D2_V3",
  "virtualMachineConfiguration": {
    "imageReference": {
      "virtualMachineImageId": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/batch-images/providers/Microsoft.Compute/galleries/batchGallery/images/ubuntu-18-04/versions/1.0.0"
    },
    "nodeAgentSKUId": "batch.node.ubuntu 18.04"
  },
  "resizeTimeout": "PT15M",
  "targetDedicatedNodes": 1,
  "targetLowPriorityNodes": 0,
  "startTask": {
    "commandLine": "printenv AZ_BATCH_NODE_STARTUP_DIR",
    "userIdentity": {
      "autoUser": {
        "scope": "pool",
        "elevationLevel": "admin"
      }
    },
    "maxTaskRetryCount": 0,
    "waitForSuccess": true
  },
  "taskSlotsPerNode": 1
}
