/** 90 days: CIS GKE 5.3.1 / HC-SEC-02 ask for rotation at least this often. */
export const KEY_ROTATION_PERIOD = "7776000s";
/** 30 days: a destroyed key version stays recoverable this long (GCP's default is 1 day; the maximum 120). */
export const KEY_DESTROY_SCHEDULED_DURATION = "2592000s";
export const ENCRYPTER_DECRYPTER_ROLE = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

/** GKE's service agent, which calls Cloud KMS for application-layer Secrets encryption. */
export function gkeServiceAgent(projectNumber: string): string {
    return `serviceAccount:service-${projectNumber}@container-engine-robot.iam.gserviceaccount.com`;
}

/** Compute Engine's service agent, which encrypts CMEK persistent disks (node boot disks and PVs). */
export function computeServiceAgent(projectNumber: string): string {
    return `serviceAccount:service-${projectNumber}@compute-system.iam.gserviceaccount.com`;
}

/** Artifact Registry's service agent, which encrypts a CMEK repository's images. */
export function artifactRegistryServiceAgent(projectNumber: string): string {
    return `serviceAccount:service-${projectNumber}@gcp-sa-artifactregistry.iam.gserviceaccount.com`;
}
