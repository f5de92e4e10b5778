import * as k8s from "@pulumi/kubernetes";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { metadataOf } from "./of-types";

/**
 * HC-DATA-01 (CIS GKE 5.9.1): StorageClasses encrypt their volumes. Per provisioner:
 * - ebs.csi.aws.com (and the in-tree kubernetes.io/aws-ebs): EBS volumes are encrypted only with
 *   parameters.encrypted "true" (kmsKeyId picks the key), unless account-wide default encryption is on,
 *   which a policy cannot see, so the parameter is required.
 * - pd.csi.storage.gke.io: Persistent Disks are always encrypted at rest (Google-managed key, or CMEK with
 *   disk-encryption-kms-key); nothing to check.
 * - disk.csi.azure.com: managed disks always have server-side encryption (platform key, or a customer key
 *   through diskEncryptionSetID); nothing to check.
 * Any other provisioner cannot be judged and is reported.
 */
const ALWAYS_ENCRYPTED = ["pd.csi.storage.gke.io", "disk.csi.azure.com"];
const EBS = ["ebs.csi.aws.com", "kubernetes.io/aws-ebs"];

export const storageClassRequireEncryption = controlResourcePolicy({
    name: "kubernetes-storageclass-require-encryption",
    controlId: "HC-DATA-01",
    description:
        'StorageClasses provision encrypted volumes (EBS: parameters.encrypted "true"; GCE PD and Azure Disk are always encrypted).',
    remediationSteps: 'For EBS set parameters.encrypted: "true" (and kmsKeyId); use a known CSI provisioner.',
    validateResource: validateResourceOfType(k8s.storage.v1.StorageClass, (sc, args, report) => {
        const name = metadataOf(args.props).name ?? args.name;
        const provisioner = sc.provisioner as unknown as string | undefined;
        if (provisioner !== undefined && ALWAYS_ENCRYPTED.includes(provisioner)) return;
        if (provisioner !== undefined && EBS.includes(provisioner)) {
            const parameters = (sc.parameters ?? {}) as unknown as Record<string, unknown>;
            if (parameters["encrypted"] !== "true") {
                report(
                    `StorageClass ${name} (${provisioner}) has parameters.encrypted ${JSON.stringify(parameters["encrypted"] ?? null)}; set parameters.encrypted to "true" and kmsKeyId to the cluster key`,
                );
            }
            return;
        }
        report(
            `StorageClass ${name} uses provisioner "${provisioner ?? "(none)"}", whose encryption this policy cannot check; use ebs.csi.aws.com (encrypted "true"), pd.csi.storage.gke.io or disk.csi.azure.com`,
        );
    }),
});
