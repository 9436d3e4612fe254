using System;
using System.Collections.Generic;
using Microsoft.Azure.Batch;
using Microsoft.Azure.Batch.Common;

// batchClient: BatchClient.Open(new BatchTokenCredentials(batchUrl, tokenProvider))  (Microsoft Entra ID sign-in)

ImageReference imageReference = new ImageReference(
    publisher: "microsoft-azure-batch",
    offer: "ubuntu-server-container",
    sku: "16-04-lts",
    version: "latest");

// Container configuration is required for a container pool, even with no prefetched images
ContainerConfiguration containerConfig = new ContainerConfiguration();

// VM configuration
VirtualMachineConfiguration virtualMachineConfiguration = new VirtualMachineConfiguration(
    imageReference: imageReference,
    nodeAgentSkuId: "batch.node.ubuntu 16.04")
{
    ContainerConfiguration = containerConfig
};

// Create pool
CloudPool pool = batchClient.PoolOperations.CreatePool(
    poolId: "container-pool-no-prefetch",
    virtualMachineSize: "STANDARD_D1_V2",
    virtualMachineConfiguration: virtualMachineConfiguration,
    targetDedicatedComputeNodes: 1,
    targetLowPriorityComputeNodes: 0);
pool.ResizeTimeout = TimeSpan.FromMinutes(15);
pool.TaskSlotsPerNode = 1;

pool.Commit();
