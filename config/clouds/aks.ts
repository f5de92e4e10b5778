import { z } from "zod";
import { ConfigProblem } from "../errors";
import { RawConfig } from "../raw";
import { Environment } from "../vocabulary";

/** Azure-only settings, under the `aks` key. */
export const aksSettingsSchema = z.strictObject({
    /** Network policy engine. Cilium runs with the Cilium dataplane; azure and calico are the alternatives. */
    networkPolicy: z.enum(["cilium", "azure", "calico"], { error: "cilium, azure or calico" }).optional(),
    /** Node OS upgrade channel; NodeImage by default. */
    nodeOsUpgradeChannel: z.enum(["NodeImage", "SecurityPatch"], { error: "NodeImage or SecurityPatch" }).optional(),
    /** Cluster upgrade channel; patch by default, stable if the team tracks minors too. */
    upgradeChannel: z.enum(["patch", "stable", "rapid", "node-image"], { error: "patch, stable, rapid or node-image" }).optional(),
});
export type AksSettingsInput = z.infer<typeof aksSettingsSchema>;

/** The AKS settings after defaults. */
export interface AksSettings {
    readonly networkPolicy: "cilium" | "azure" | "calico";
    readonly nodeOsUpgradeChannel: "NodeImage" | "SecurityPatch";
    readonly upgradeChannel: "patch" | "stable" | "rapid" | "node-image";
}

export function resolveAksSettings(input: AksSettingsInput | undefined): AksSettings {
    return {
        networkPolicy: input?.networkPolicy ?? "cilium",
        nodeOsUpgradeChannel: input?.nodeOsUpgradeChannel ?? "NodeImage",
        upgradeChannel: input?.upgradeChannel ?? "patch",
    };
}

/** Rules that only apply to this cloud, run on the raw config (see ../rules.ts). */
export function aksProblems(_raw: RawConfig, _environment: Environment | undefined): ConfigProblem[] {
    return [];
}
