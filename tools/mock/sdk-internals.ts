/**
 * Parts of @pulumi/pulumi marked @internal that the mock engine needs: draining the RPC queue and
 * swapping in the recording monitor. Typed here, in one place, against the pinned SDK.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
interface SettingsModule {
    waitForRPCs(): Promise<void>;
}
interface StateModule {
    getStore(): { settings: { monitor: unknown }; logErrorCount: number };
}

const settings = require("@pulumi/pulumi/runtime/settings") as SettingsModule;
const state = require("@pulumi/pulumi/runtime/state") as StateModule;

export const waitForRPCs = settings.waitForRPCs;
export const getStore = state.getStore;

/** Whether an Output's value is known (false for a computed value during a preview); `isKnown` is @internal. */
export function isKnown(output: unknown): Promise<boolean> {
    return (output as { isKnown: Promise<boolean> }).isKnown;
}
