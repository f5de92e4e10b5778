import * as pulumi from "@pulumi/pulumi";

/**
 * One Kubernetes object of any kind, registered under the same type token the provider's typed classes
 * use (`kubernetes:<group>/<version>:<Kind>`, core objects as `core/v1`), so policies and the provider
 * treat it exactly like a typed resource. Used for the hand-over's manifest add-ons, whose kinds (CRDs
 * such as Karpenter's NodePool) the blueprint does not know in advance.
 */
export function kubernetesTypeToken(apiVersion: string, kind: string): string {
    return `kubernetes:${apiVersion.includes("/") ? apiVersion : `core/${apiVersion}`}:${kind}`;
}

export class KubernetesObject extends pulumi.CustomResource {
    constructor(name: string, object: Readonly<Record<string, unknown>>, opts?: pulumi.CustomResourceOptions) {
        const apiVersion = String(object["apiVersion"]);
        const kind = String(object["kind"]);
        super(kubernetesTypeToken(apiVersion, kind), name, { ...object, apiVersion, kind }, opts);
    }
}
