import { controlResourcePolicy } from "../../lib/define";
import { onNodeSettings } from "./node-configs";

/**
 * HC-NODE-01 (CIS GKE 5.9.2). Node boot disks (container layers, emptyDir volumes, logs) are encrypted
 * with the stack's Cloud KMS key, which the organisation can rotate, audit and revoke, not only with
 * Google's default key. Checked on every NodePool and inline pool, and on a cluster's own nodeConfig
 * while it keeps its default pool. During a first preview the key id is unknown: not evaluated.
 */
export const gkePoolRequireCmekBootDisk = controlResourcePolicy({
    name: "gcp-gke-pool-require-cmek-boot-disk",
    controlId: "HC-NODE-01",
    description: "GKE node boot disks are encrypted with a customer-managed Cloud KMS key (nodeConfig.bootDiskKmsKey).",
    validateResource: onNodeSettings(
        (settings, report) => {
            const key = settings.nodeConfig?.bootDiskKmsKey;
            if (!key || key.trim() === "") {
                report(
                    `${settings.nodeConfigPath}.bootDiskKmsKey is not set, so boot disks use only Google's default key; set bootDiskKmsKey to a Cloud KMS key the Compute Engine service agent may use`,
                );
            }
        },
        { includeRemovedDefaultPool: false },
    ),
});
