import { controlResourcePolicy } from "../../lib/define";
import { KINDS, list, record, validateObjects } from "./objects";

/**
 * HC-IAM-06: a Secrets Store CSI SecretProviderClass does not mirror cloud secrets into Kubernetes Secrets
 * (spec.secretObjects, the driver's "sync as Kubernetes secret" feature). Synced secrets land back in etcd and are
 * readable by anyone with `get secrets` in the namespace, around the tenant's cloud identity. Mandatory in the
 * shipped prod and staging pack configs, advisory in dev.
 */
export const secretProviderClassDenySecretSync = controlResourcePolicy({
    name: "kubernetes-secretproviderclass-deny-secret-sync",
    controlId: "HC-IAM-06",
    description: "SecretProviderClasses mount secrets as files only; they do not sync them into Kubernetes Secrets (secretObjects).",
    remediationSteps:
        "Remove spec.secretObjects and read the mounted files; an app that needs an environment variable reads the file at start.",
    validateResource: validateObjects([KINDS.secretProviderClass], (spc, _args, report) => {
        const synced = list(record(spc.body["spec"])?.["secretObjects"]);
        if (synced.length === 0) return;
        const names = synced.map((s) => String(record(s)?.["secretName"] ?? "?"));
        report(
            `${spc.label} syncs cloud secrets into Kubernetes Secrets ${JSON.stringify(names)} (spec.secretObjects), back into etcd and readable without the tenant's cloud identity; remove spec.secretObjects and read the mounted files`,
        );
    }),
});
