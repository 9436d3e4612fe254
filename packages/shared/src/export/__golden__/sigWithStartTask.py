import datetime

import azure.batch.models as batchmodels

# client = azure.batch.BatchServiceClient(credentials, batch_url=...)  (sign in with Microsoft Entra ID)

image_ref_to_use = batchmodels.ImageReference(
    virtual_machine_image_id='/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/batch-images/providers/Microsoft.Compute/galleries/batchGallery/images/ubuntu-18-04/versions/1.0.0')

start_task = batchmodels.StartTask(
    command_line='printenv AZ_BATCH_NODE_STARTUP_DIR',
    user_identity=batchmodels.UserIdentity(
        auto_user=batchmodels.AutoUserSpecification(
            scope='pool',
            elevation_level='admin')),
    max_task_retry_count=0,
    wait_for_success=True)

new_pool = batchmodels.PoolAddParameter(
    id='LinuxNodesSamplePoolPython',
    virtual_machine_configuration=batchmodels.VirtualMachineConfiguration(
        image_reference=image_ref_to_use,
        node_agent_sku_id='batch.node.ubuntu 18.04'),
    vm_size='STANDARD_D2_V3',
    target_dedicated_nodes=1,
    target_low_priority_nodes=0,
    resize_timeout=datetime.timedelta(minutes=15),
    task_slots_per_node=1,
    start_task=start_task)

client.pool.add(new_pool)
