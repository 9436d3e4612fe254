import datetime
import os

import azure.batch.models as batchmodels

# client = azure.batch.BatchServiceClient(credentials, batch_url=...)  (sign in with Microsoft Entra ID)

# Registry passwords are read from the environment, never written in code.
image_ref_to_use = batchmodels.ImageReference(
    publisher='microsoft-azure-batch',
    offer='ubuntu-server-container',
    sku='16-04-lts',
    version='latest')

# Container configuration is required for a container pool, even with no prefetched images.
container_conf = batchmodels.ContainerConfiguration(
    type='dockerCompatible',
    container_image_names=[
        'myContainerRegistry.azurecr.io/tensorflow/tensorflow:latest-gpu'],
    container_registries=[
        batchmodels.ContainerRegistry(
            registry_server='myContainerRegistry.azurecr.io',
            user_name='myUserName',
            password=os.environ['REGISTRY_PASSWORD_MYCONTAINERREGISTRY_AZURECR_IO'])])

new_pool = batchmodels.PoolAddParameter(
    id='tensorflow-acr-pool',
    virtual_machine_configuration=batchmodels.VirtualMachineConfiguration(
        image_reference=image_ref_to_use,
        container_configuration=container_conf,
        node_agent_sku_id='batch.node.ubuntu 16.04'),
    vm_size='Standard_NC6',
    target_dedicated_nodes=4,
    target_low_priority_nodes=0,
    resize_timeout=datetime.timedelta(minutes=15),
    task_slots_per_node=1)

client.pool.add(new_pool)
