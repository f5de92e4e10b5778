import { AzureConfig } from "../../config/types";
import { StorageClassPlan } from "../shared/contract";

/**
 * The default StorageClass: Azure Disk CSI. Zone-redundant disks (ZRS) when the pools span zones, so
 * a volume follows its pod to another zone; LRS otherwise (zoneless regions have no ZRS). Disks are
 * encrypted at rest with platform-managed keys (Azure Storage service encryption, always on); a
 * customer-managed DiskEncryptionSet is a possible follow-up, not part of this blueprint.
 */
export function planStorageClass(config: Pick<AzureConfig, "environment" | "network">): StorageClassPlan {
    const tier = config.environment === "prod" ? "Premium" : "StandardSSD";
    const redundancy = config.network.zones >= 2 ? "ZRS" : "LRS";
    return { provisioner: "disk.csi.azure.com", parameters: { skuName: `${tier}_${redundancy}`, cachingMode: "ReadOnly" } };
}
