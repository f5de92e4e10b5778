import * as keyvault from "@pulumi/azure-native/keyvault";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { durationDays } from "./duration";

interface LifetimeAction {
    readonly trigger?: { readonly timeAfterCreate?: string; readonly timeBeforeExpiry?: string };
    readonly action?: { readonly type?: string };
}

/** Days between rotations a rotate action implies, or undefined when it cannot be told. */
function rotationIntervalDays(action: LifetimeAction, expiryTime: string | undefined): number | undefined {
    const after = action.trigger?.timeAfterCreate;
    if (after !== undefined) return durationDays(after);
    const before = action.trigger?.timeBeforeExpiry;
    if (before === undefined || expiryTime === undefined) return undefined;
    const expiry = durationDays(expiryTime);
    const lead = durationDays(before);
    return expiry === undefined || lead === undefined ? undefined : expiry - lead;
}

export const azureKeyvaultKeyRequireRotation = controlResourcePolicy({
    name: "azure-keyvault-key-require-rotation",
    controlId: "HC-SEC-02",
    description: "Key Vault keys carry a rotation policy that creates a new version at least every maximumDays days.",
    remediationSteps:
        'Set properties.rotationPolicy.lifetimeActions with { action: { type: "rotate" }, trigger: { timeAfterCreate: "P1Y" } } (and a notify action before expiry).',
    configProperties: {
        maximumDays: { type: "integer", minimum: 1, default: 365 },
    },
    validateResource: validateResourceOfType(keyvault.Key, (key, args, report) => {
        const { maximumDays } = args.getConfig<{ maximumDays: number }>();
        const policy = key.properties.rotationPolicy;
        const actions: readonly LifetimeAction[] = policy?.lifetimeActions ?? [];
        const rotations = actions.filter((a) => a.action?.type?.toLowerCase() === "rotate");
        if (rotations.length === 0) {
            report(
                `properties.rotationPolicy has no "rotate" lifetime action, so the key never rotates; add one with trigger.timeAfterCreate "P1Y" (at most ${maximumDays} days)`,
            );
            return;
        }
        const intervals = rotations.map((a) => rotationIntervalDays(a, policy?.attributes?.expiryTime));
        if (intervals.every((d) => d === undefined || d > maximumDays)) {
            const given = rotations.map((a) => JSON.stringify(a.trigger ?? {})).join(", ");
            report(
                `properties.rotationPolicy rotates with trigger ${given}, which is not within ${maximumDays} days; set trigger.timeAfterCreate to "P${maximumDays}D" or shorter`,
            );
        }
    }),
});
