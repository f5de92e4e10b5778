import * as pulumi from "@pulumi/pulumi";
import { WorkloadIdentity } from "../shared/handover";
import { AwsContext } from "./context";
import { ecrRepositoryArns, ecrRepositoryScopes } from "./ecr-read-plan";
import { podIdentityGrant } from "./identity";
import { ecrReadPolicy } from "./policy-documents";

/**
 * The Sigstore policy-controller's webhook account (chart policy-controller 0.10.6: `<release>-webhook` in the
 * baseline's cosign-system namespace; components/kubernetes/platform-identities.ts names the same account).
 */
export const POLICY_CONTROLLER_ACCOUNT = { namespace: "cosign-system", serviceAccount: "policy-controller-webhook" } as const;

export interface PlatformIdentitiesArgs {
    readonly clusterName: string;
    /** The cluster's name as an output, so associations wait for the cluster. */
    readonly cluster: pulumi.Input<string>;
    readonly trustedRegistries: readonly string[];
}

export interface PlatformIdentities {
    /** Hand-over entries, keyed "<namespace>/<serviceAccount>". */
    readonly identities: Record<string, WorkloadIdentity<pulumi.Input<string>>>;
    /** What must exist before the accounts' pods start (roles, policies, associations). */
    readonly ready: pulumi.Resource[];
}

/**
 * Finding 4 of the EKS review (HC-SUP-04): the signature webhook reads image manifests and `.sig` artifacts
 * from the stack's private ECR. Node metadata is out of its reach (IMDS hop limit 1, HC-NODE-02), so it
 * gets its own Pod Identity role that reads only the trusted ECR repositories. Pod Identity, not IRSA: the
 * webhook's registry keychain (go-containerregistry k8schain → amazon-ecr-credential-helper) takes the AWS
 * SDK for Go v2 default chain, whose container provider reads the Pod Identity agent's endpoint and token
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE) since config v1.25; the
 * controller's go.mod is past that. With Pod Identity the account needs no annotation, so its hand-over
 * entry is empty: it records that the account has a cloud identity, and the baseline's chart claims it.
 * No ECR registry among the trusted registries: no role (nothing to read with credentials).
 */
export function platformIdentities(ctx: AwsContext, args: PlatformIdentitiesArgs): PlatformIdentities {
    const scopes = ecrRepositoryScopes(args.trustedRegistries);
    if (scopes.length === 0) return { identities: {}, ready: [] };
    const account = POLICY_CONTROLLER_ACCOUNT;
    const grant = podIdentityGrant(ctx, {
        key: "policy-controller",
        policyKey: "ecr-read",
        clusterName: args.clusterName,
        cluster: args.cluster,
        account,
        policy: pulumi.output(ctx.partition).apply((partition) => ecrReadPolicy(ecrRepositoryArns(partition, scopes))),
    });
    return {
        identities: { [`${account.namespace}/${account.serviceAccount}`]: { annotations: {}, podLabels: {} } },
        ready: grant.ready,
    };
}
