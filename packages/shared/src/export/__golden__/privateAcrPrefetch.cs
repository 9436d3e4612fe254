using System;
using System.Collections.Generic;
using Microsoft.Azure.Batch;
using Microsoft.Azure.Batch.Common;

// batchClient: BatchClient.Open(new BatchTokenCredentials(batchUrl, tokenProvider))  (Microsoft Entra ID sign-in)
// Registry passwords are read from the environment, never written in code.

ImageReference imageReference = new ImageReference(
    publisher: "microsoft-azure-batch",
    offer: "ubuntu-server-container",
    sku: "16-04-lts",
    version: "latest");

// Specify a container registry
ContainerRegistry containerRegistry1 = new ContainerRegistry(
    registryServer: "myContainerRegistry.azurecr.io",
    userName: "myUserName",
    password: Environment.GetEnvironmentVariable("REGISTRY_PASSWORD_MYCONTAINERREGISTRY_AZURECR_IO"));

// Container configuration is required for a container pool, even with no prefetched images
ContainerConfiguration containerConfig = new ContainerConfiguration
{
    ContainerImageNames = new List<string> {
        "myContainerRegistry.azurecr.io/tensorflow/tensorflow:latest-gpu" },
    ContainerRegistries = new List<ContainerRegistry> { containerRegistry1 }
};

// VM configuration
VirtualMachineConfiguration virtualMachineConfiguration = new VirtualMachineConfiguration(
    imageReference: imageReference,
    nodeAgentSkuId: "batch.node.ubuntu 16.04")
{
    ContainerConfiguration = containerConfig
};

// Create pool
CloudPool pool = batchClient.PoolOperations.CreatePool(
    poolId: "tensorflow-acr-pool",
    virtualMachineSize: "Standard_NC6",
    virtualMachineConfiguration: virtualMachineConfiguration,
    targetDedicatedComputeNodes: 4,
    targetLowPriorityComputeNodes: 0);
pool.ResizeTimeout = TimeSpan.FromMinutes(15);
pool.TaskSlotsPerNode = 1;

pool.Commit();
