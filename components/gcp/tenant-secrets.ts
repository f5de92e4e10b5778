import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { TenantSpec } from "../../config/types";
import { TenantIdentity } from "../shared/handover";
import { childOptions } from "./child-options";
import {
    GKE_SECRETS_PROVIDER,
    SECRET_ACCESSOR_ROLE,
    TENANT_SECRETS_SERVICE_ACCOUNT,
    tenantPrincipal,
    tenantSecretCondition,
    tenantSecretParameters,
} from "./secret-store-plan";

export interface TenantSecretsArgs {
    readonly projectId: string;
    /** The project's number, as IAM conditions and Workload Identity principals name the project. */
    readonly projectNumber: pulumi.Input<string>;
    readonly clusterName: string;
    readonly tenants: readonly TenantSpec[];
}

/**
 * HC-IAM-06: each tenant's service account `tenant-secrets` may read the tenant's own Secret Manager secrets
 * and nothing else (secret-store-plan.ts explains the identity and the condition). The grants wait for the
 * cluster (the component's dependsOn): GKE creates the project's workload identity pool with its first
 * Workload Identity cluster.
 */
export class TenantSecrets extends pulumi.ComponentResource {
    readonly grants: readonly gcp.projects.IAMMember[];
    /** Hand-over tenantIdentities: the service account the baseline creates, and its SecretProviderClass. */
    readonly identities: Readonly<Record<string, TenantIdentity<pulumi.Input<string>>>>;

    constructor(name: string, args: TenantSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:gcp:TenantSecrets", name, {}, opts);
        const child = childOptions(this, opts);
        const number = pulumi.output(args.projectNumber);
        this.grants = args.tenants.map(
            (tenant) =>
                new gcp.projects.IAMMember(
                    `${name}-${tenant.name}`,
                    {
                        project: args.projectId,
                        role: SECRET_ACCESSOR_ROLE,
                        member: number.apply((n) => tenantPrincipal(n, args.projectId, tenant.name)),
                        condition: number.apply((n) => ({ ...tenantSecretCondition(n, args.clusterName, tenant.name) })),
                    },
                    child,
                ),
        );
        this.identities = Object.fromEntries(
            args.tenants.map((tenant) => {
                const parameters = tenantSecretParameters(args.projectId, args.clusterName, tenant.name, tenant.secrets);
                const identity: TenantIdentity<pulumi.Input<string>> = {
                    serviceAccount: TENANT_SECRETS_SERVICE_ACCOUNT,
                    // Workload Identity Federation for GKE names the Kubernetes account itself: nothing to annotate.
                    annotations: {},
                    podLabels: {},
                    ...(parameters ? { secretProviderClass: { provider: GKE_SECRETS_PROVIDER, parameters } } : {}),
                };
                return [tenant.name, identity];
            }),
        );
        this.registerOutputs({});
    }
}
