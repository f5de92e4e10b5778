import { AksSettings } from "./clouds/aks";
import { EksSettings } from "./clouds/eks";
import { GkeSettings } from "./clouds/gke";
import { Day2Settings } from "./day2";
import { Layer } from "../core/layers";
import { AdmissionMode, Cloud, Environment, KubernetesVersion, NatLayout } from "../core/vocabulary";
import { AwsProviderSettings, AzureProviderSettings, GcpProviderSettings } from "./providers";

/**
 * The validated stack config with every default applied. Components take this (or a slice of it)
 * and never read Pulumi config themselves, so tests build it directly.
 */
export interface Taint {
    readonly key: string;
    readonly value: string;
    readonly effect: "NoSchedule" | "NoExecute" | "PreferNoSchedule";
}

export interface NodePoolSpec {
    readonly machineType: string;
    readonly minSize: number;
    readonly maxSize: number;
    readonly diskSizeGb: number;
    readonly taints: readonly Taint[];
}

export interface TenantSpec {
    readonly name: string;
    readonly editors: readonly string[];
    readonly viewers: readonly string[];
    readonly quota: { readonly cpu: string; readonly memory: string; readonly pods: number };
    readonly allowLoadBalancer: boolean;
    readonly allowNodePort: boolean;
    readonly allowSameNamespaceTraffic: boolean;
    /** Secret names in the cloud's secret store the tenant's identity reads (HC-IAM-06); empty: none yet. */
    readonly secrets: readonly string[];
}

export interface AccessSpec {
    /** Cluster administrators. Never empty: someone must be able to operate the cluster. */
    readonly admins: readonly string[];
    /** Edit rights in every tenant namespace, nothing cluster-wide. */
    readonly developers: readonly string[];
    /** Read-only rights cluster-wide (no Secrets). */
    readonly viewers: readonly string[];
    /**
     * Who runs `pulumi up` and installs the baseline, in the cloud's terms (see config/principals.ts).
     * Undefined: the caller, resolved when the run starts (dev and staging only; GKE never).
     */
    readonly deployer?: string;
}

export interface BaselineSettings {
    readonly imageSignatures: {
        readonly keyless: readonly { readonly issuer: string; readonly subjectRegExp: string }[];
        readonly publicKeys: readonly string[];
    };
    readonly runtimeDefence: boolean;
    readonly monitoring: "managed" | "in-cluster";
}

/**
 * How the API server is reached. Empty lists everywhere: private only, from the nodes' own network.
 * `authorizedCidrs` opens the public endpoint to those CIDRs; the private sources admit runner networks
 * to the private endpoint (EKS only: extra 443 ingress on the control plane's security group).
 */
export interface ApiAccessSpec {
    readonly authorizedCidrs: readonly string[];
    readonly privateSourceCidrs: readonly string[];
    readonly privateSourceSecurityGroupIds: readonly string[];
}

interface CommonConfig extends Day2Settings {
    /** A stack that builds the cluster: with the baseline in the same program (`all`) or without (`cluster`). */
    readonly layer: Exclude<Layer, "baseline">;
    readonly environment: Environment;
    readonly clusterName: string;
    readonly region: string;
    readonly kubernetesVersion: KubernetesVersion;
    readonly network: {
        readonly cidr: string;
        readonly podCidr: string;
        readonly serviceCidr: string;
        readonly zones: number;
        readonly natLayout: NatLayout;
    };
    readonly apiAccess: ApiAccessSpec;
    readonly access: AccessSpec;
    readonly nodePools: { readonly system: NodePoolSpec; readonly general: NodePoolSpec; readonly isolated: NodePoolSpec };
    readonly tenants: readonly TenantSpec[];
    readonly trustedRegistries: readonly string[];
    readonly logRetentionDays: number;
    readonly deletionProtection: boolean;
    readonly admission: { readonly mode: AdmissionMode; readonly requireImageDigest: boolean };
    readonly baseline: BaselineSettings;
}

export interface AwsConfig extends CommonConfig {
    readonly cloud: "aws";
    readonly eks: EksSettings;
    /** The stack's `aws:*` settings, carried into the explicit provider (components/aws/provider-args.ts). */
    readonly providerSettings: AwsProviderSettings;
}
export interface AzureConfig extends CommonConfig {
    readonly cloud: "azure";
    readonly aks: AksSettings;
    /** The stack's `azure-native:*` settings, carried into the explicit provider. */
    readonly providerSettings: AzureProviderSettings;
}
export interface GcpConfig extends CommonConfig {
    readonly cloud: "gcp";
    readonly gke: GkeSettings;
    /** The stack's `gcp:*` settings, carried into the explicit provider. */
    readonly providerSettings: GcpProviderSettings;
}

export type HardenedConfig = AwsConfig | AzureConfig | GcpConfig;
export type ConfigFor<C extends Cloud> = Extract<HardenedConfig, { cloud: C }>;
