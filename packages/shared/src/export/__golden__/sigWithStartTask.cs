using System;
using System.Collections.Generic;
using Microsoft.Azure.Batch;
using Microsoft.Azure.Batch.Common;

// batchClient: BatchClient.Open(new BatchTokenCredentials(batchUrl, tokenProvider))  (Microsoft Entra ID sign-in)

ImageReference imageReference = new ImageReference(
    virtualMachineImageId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/batch-images/providers/Microsoft.Compute/galleries/batchGallery/images/ubuntu-18-04/versions/1.0.0");

// VM configuration
VirtualMachineConfiguration virtualMachineConfiguration = new VirtualMachineConfiguration(
    imageReference: imageReference,
    nodeAgentSkuId: "batch.node.ubuntu 18.04");

// Start task (runs on the node host)
StartTask startTask = new StartTask(commandLine: "printenv AZ_BATCH_NODE_STARTUP_DIR")
{
    UserIdentity = new UserIdentity(new AutoUserSpecification(scope: AutoUserScope.Pool, elevationLevel: ElevationLevel.Admin)),
    WaitForSuccess = true,
    MaxTaskRetryCount = 0
};

// Create pool
CloudPool pool = batchClient.PoolOperations.CreatePool(
    poolId: "LinuxNodesSamplePoolPython",
    virtualMachineSize: "STANDARD_D2_V3",
    virtualMachineConfiguration: virtualMachineConfiguration,
    targetDedicatedComputeNodes: 1,
    targetLowPriorityComputeNodes: 0);
pool.ResizeTimeout = TimeSpan.FromMinutes(15);
pool.TaskSlotsPerNode = 1;
pool.StartTask = startTask;

pool.Commit();
