import datetime

import azure.batch.models as batchmodels

# client = azure.batch.BatchServiceClient(credentials, batch_url=...)  (sign in with Microsoft Entra ID)

image_ref_to_use = batchmodels.ImageReference(
    publisher='microsoft-azure-batch',
    offer='ubuntu-server-container',
    sku='16-04-lts',
    version='latest')

# Container configuration is required for a container pool, even with no prefetched images.
container_conf = batchmodels.ContainerConfiguration(
    type='dockerCompatible')

new_pool = batchmodels.PoolAddParameter(
    id='container-pool-no-prefetch',
    virtual_machine_configuration=batchmodels.VirtualMachineConfiguration(
        image_reference=image_ref_to_use,
        container_configuration=container_conf,
        node_agent_sku_id='batch.node.ubuntu 16.04'),
    vm_size='STANDARD_D1_V2',
    target_dedicated_nodes=1,
    target_low_priority_nodes=0,
    resize_timeout=datetime.timedelta(minutes=15),
    task_slots_per_node=1)

client.pool.add(new_pool)
