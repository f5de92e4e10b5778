import { z } from "zod";
import { ConfigProblem } from "../errors";
import { RawConfig } from "../raw";
import { Environment } from "../vocabulary";

/** AWS-only settings, under the `eks` key. */
export const eksSettingsSchema = z.strictObject({
    /**
     * Build into an existing VPC instead of creating one: its private subnet ids (at least two, in
     * different zones). The VPC's flow logs and NAT then remain the owner's responsibility.
     */
    existingPrivateSubnetIds: z
        .array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/, { error: "subnet ids such as subnet-0123456789abcdef0" }), {
            error: "a list of subnet ids",
        })
        .min(2, { error: "at least two subnet ids, in different availability zones" })
        .optional(),
    /** Interface endpoints (ECR, STS, logs) and the S3 gateway endpoint, so nodes pull and log without NAT. */
    interfaceEndpoints: z.boolean({ error: "true or false" }).optional(),
    /** Node operating system: Bottlerocket (default, minimal and read-only root) or Amazon Linux 2023. */
    nodeOs: z.enum(["bottlerocket", "al2023"], { error: "bottlerocket or al2023" }).optional(),
    /** Pinned EKS add-on versions; defaults are the blueprint's tested versions. */
    addonVersions: z
        .strictObject({
            vpcCni: z.string().optional(),
            coreDns: z.string().optional(),
            kubeProxy: z.string().optional(),
            ebsCsiDriver: z.string().optional(),
            podIdentityAgent: z.string().optional(),
        })
        .optional(),
});
export type EksSettingsInput = z.infer<typeof eksSettingsSchema>;

/** The EKS settings after defaults. */
export interface EksSettings {
    readonly existingPrivateSubnetIds?: readonly string[];
    readonly interfaceEndpoints: boolean;
    readonly nodeOs: "bottlerocket" | "al2023";
    readonly addonVersions: {
        readonly vpcCni: string;
        readonly coreDns: string;
        readonly kubeProxy: string;
        readonly ebsCsiDriver: string;
        readonly podIdentityAgent: string;
    };
}

/** Add-on versions the blueprint is tested with for its default Kubernetes version. */
export const DEFAULT_EKS_ADDON_VERSIONS: EksSettings["addonVersions"] = {
    vpcCni: "v1.20.4-eksbuild.1",
    coreDns: "v1.12.4-eksbuild.1",
    kubeProxy: "v1.34.1-eksbuild.2",
    ebsCsiDriver: "v1.50.1-eksbuild.1",
    podIdentityAgent: "v1.3.9-eksbuild.3",
};

export function resolveEksSettings(input: EksSettingsInput | undefined, isProd: boolean): EksSettings {
    return {
        existingPrivateSubnetIds: input?.existingPrivateSubnetIds,
        interfaceEndpoints: input?.interfaceEndpoints ?? isProd,
        nodeOs: input?.nodeOs ?? "bottlerocket",
        addonVersions: { ...DEFAULT_EKS_ADDON_VERSIONS, ...input?.addonVersions },
    };
}

/** Rules that only apply to this cloud, run on the raw config (see ../rules.ts). */
export function eksProblems(_raw: RawConfig, _environment: Environment | undefined): ConfigProblem[] {
    return [];
}
