import { z } from "zod";
import { aksSettingsSchema } from "./clouds/aks";
import { eksSettingsSchema } from "./clouds/eks";
import { gkeSettingsSchema } from "./clouds/gke";
import { baselineSettingsSchema } from "./baseline";
import { day2SchemaShape } from "./day2";
import { dnsLabel, ipv4Cidr, labelValue, nonNegativeInt, positiveInt, principal, quantity } from "./fields";
import { CLOUDS, ENVIRONMENTS, KUBERNETES_VERSIONS } from "../core/vocabulary";
import { LAYERS } from "../core/layers";

/**
 * The shape of every key a stack may set under the `hardened-cluster:` namespace. This schema checks
 * each key on its own; rules that relate keys (a region for the chosen cloud, overlapping CIDRs) live
 * in `rules.ts`. Unknown keys are errors, so a typo never silently falls back to a default.
 */
const nodePoolSchema = z.strictObject({
    /** Instance type / VM size / machine type in the cloud's terms; the default depends on cloud and environment. */
    machineType: z.string({ error: "the cloud's machine type name" }).min(1).optional(),
    minSize: nonNegativeInt(100).optional(),
    maxSize: positiveInt(1000).optional(),
    /** Root disk in GiB, encrypted with the cluster key. */
    diskSizeGb: z.number({ error: "a whole number of GiB from 20 to 2048" }).int().min(20).max(2048).optional(),
});

export const taintSchema = z.strictObject({
    key: z.string({ error: "a taint key" }).min(1),
    value: labelValue,
    effect: z.enum(["NoSchedule", "NoExecute", "PreferNoSchedule"], { error: "NoSchedule, NoExecute or PreferNoSchedule" }),
});

export const tenantSchema = z.strictObject({
    /** The namespace name; also the tenant's id in names, so it must be a DNS label. */
    name: dnsLabel(40),
    /** Principals (cloud IAM terms) who may edit the tenant's namespace. */
    editors: z.array(principal, { error: "a list of principals" }).optional(),
    /** Principals who may read the tenant's namespace. */
    viewers: z.array(principal, { error: "a list of principals" }).optional(),
    quota: z.strictObject({
        cpu: quantity,
        memory: quantity,
        pods: positiveInt(10000),
    }),
    /** Services of type LoadBalancer are refused unless this is true. */
    allowLoadBalancer: z.boolean({ error: "true or false" }).optional(),
    /** Services of type NodePort are refused unless this is true. */
    allowNodePort: z.boolean({ error: "true or false" }).optional(),
    /** Allow pod-to-pod traffic inside the namespace (default true); cross-namespace traffic stays denied. */
    allowSameNamespaceTraffic: z.boolean({ error: "true or false" }).optional(),
    /**
     * HC-IAM-06: the names of the tenant's secrets in the cloud's secret store, without the tenant prefix the
     * cloud layer adds (<cluster>/<tenant>/ on AWS, <cluster>-<tenant>- on GCP, the tenant's vault on Azure).
     * Names valid on every cloud: lowercase letters, digits and '-'.
     */
    secrets: z
        .array(
            z.string({ error: "a secret name" }).regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, {
                error: "a secret name of lowercase letters, digits and '-' (at most 63), valid in every cloud's secret store",
            }),
            { error: "a list of secret names" },
        )
        .optional(),
});

/** AWS security group ids, as EC2 writes them. */
export const securityGroupId = z.string({ error: "a security group id such as sg-0123456789abcdef0" }).regex(/^sg-[0-9a-f]{8,17}$/, {
    error: "a security group id such as sg-0123456789abcdef0",
});

export const apiAccessSchema = z.strictObject({
    /** Public CIDRs allowed to reach the API server. Empty (the default) keeps the endpoint private. */
    authorizedCidrs: z.array(ipv4Cidr, { error: "a list of IPv4 CIDR blocks" }).optional(),
    /**
     * EKS: networks connected to the VPC (peering, transit gateway, VPN, Direct Connect) whose runners
     * reach the private endpoint: extra 443 ingress on the control plane's security group.
     */
    privateSourceCidrs: z.array(ipv4Cidr, { error: "a list of IPv4 CIDR blocks" }).optional(),
    /** EKS: security groups (in the VPC or a peered one) whose members reach the private endpoint on 443. */
    privateSourceSecurityGroupIds: z.array(securityGroupId, { error: "a list of security group ids" }).optional(),
});

export const stackConfigSchema = z.strictObject({
    /** Which layers this stack deploys: both (default), the cloud layer only, or (see layers.ts) the baseline only. */
    layer: z.enum(["all", "cluster"], { error: `one of ${LAYERS.join(", ")}` }).optional(),
    /** Baseline-layer keys, declared so that a stack setting them gets a message that says so (rules.ts). */
    clusterStack: z.unknown().optional(),
    existingCluster: z.unknown().optional(),
    cloud: z.enum(CLOUDS, { error: `one of ${CLOUDS.join(", ")}` }),
    environment: z.enum(ENVIRONMENTS, { error: `one of ${ENVIRONMENTS.join(", ")}` }),
    clusterName: dnsLabel(40).refine((s) => s.length >= 3, { error: "3 to 40 characters" }),
    region: z.string({ error: "the cloud's region name" }).min(1, { error: "the cloud's region name" }),
    kubernetesVersion: z.enum(KUBERNETES_VERSIONS, { error: `one of ${KUBERNETES_VERSIONS.join(", ")}` }).optional(),
    network: z
        .strictObject({
            /** VPC / VNet address space (AWS, Azure) or the node subnet's primary range (GCP). */
            cidr: ipv4Cidr.optional(),
            /** Pod addresses: Azure CNI overlay range, GKE secondary range. AWS pods use VPC addresses. */
            podCidr: ipv4Cidr.optional(),
            /** Cluster service addresses. */
            serviceCidr: ipv4Cidr.optional(),
            /** Zones to spread nodes and NAT over; prod needs 3. */
            zones: positiveInt(3).optional(),
        })
        .optional(),
    apiAccess: apiAccessSchema.optional(),
    access: z.strictObject(
        {
            admins: z
                .array(principal, { error: "a list of principals" })
                .min(1, { error: "at least one principal: someone must be able to administer the cluster" }),
            developers: z.array(principal, { error: "a list of principals" }).optional(),
            viewers: z.array(principal, { error: "a list of principals" }).optional(),
            /**
             * The identity that runs `pulumi up` and installs the Kubernetes baseline: it gets cluster-admin
             * through the cloud's IAM (EKS access entry, AKS role assignment). Required in prod; in other
             * environments it defaults to whoever runs the update. Not used on GKE.
             */
            deployer: principal.optional(),
        },
        { error: "an object with admins, developers, viewers and deployer" },
    ),
    nodePools: z
        .strictObject({
            system: nodePoolSchema.optional(),
            general: nodePoolSchema.optional(),
            isolated: nodePoolSchema.extend({ taints: z.array(taintSchema).optional() }).optional(),
        })
        .optional(),
    tenants: z.array(tenantSchema, { error: "a list of tenants" }).optional(),
    trustedRegistries: z
        .array(
            z.string().regex(/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._/-]*)?$/, {
                error: "a registry host with an optional path prefix, such as ghcr.io/acme/ (lowercase, no scheme)",
            }),
            { error: "a list of registry prefixes" },
        )
        .min(1, { error: "at least one registry prefix" })
        .optional(),
    logRetentionDays: positiveInt(3653).optional(),
    /** Prod always has deletion protection; other environments may opt in. */
    deletionProtection: z.boolean({ error: "true or false" }).optional(),
    baseline: baselineSettingsSchema.optional(),
    ...day2SchemaShape,
    eks: eksSettingsSchema.optional(),
    aks: aksSettingsSchema.optional(),
    gke: gkeSettingsSchema.optional(),
});

export type StackConfigInput = z.infer<typeof stackConfigSchema>;
export type TenantInput = z.infer<typeof tenantSchema>;
export const STACK_CONFIG_KEYS = Object.keys(stackConfigSchema.shape) as readonly (keyof StackConfigInput)[];
