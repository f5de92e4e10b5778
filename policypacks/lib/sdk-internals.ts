/**
 * Parts of @pulumi/policy marked @internal (absent from its .d.ts) that the in-process evaluator needs
 * to present resources exactly as the CLI's policy host does. Typed here, in one place, against the
 * pinned version in package-lock.json.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
interface ProxyModule {
    UnknownValueError: new (...args: never[]) => Error;
    unknownCheckingProxy<T extends object>(props: T): T;
    unknownStringValue: string;
    unknownNumberValue: string;
    unknownBooleanValue: string;
    unknownArrayValue: string;
    unknownObjectValue: string;
}

interface DeserializeModule {
    deserializeProperties(struct: { toJavaScript(): Record<string, unknown> }, proxySecrets: boolean): Record<string, unknown>;
}

const proxy = require("@pulumi/policy/proxy") as ProxyModule;
const deserialize = require("@pulumi/policy/deserialize") as DeserializeModule;

/** Thrown when a policy reads a value that is unknown during preview. */
export const UnknownValueError = proxy.UnknownValueError;
export const unknownCheckingProxy = proxy.unknownCheckingProxy;
/** The sentinel the policy host sees for an unknown string (also the engine's wire sentinel). */
export const UNKNOWN_STRING = proxy.unknownStringValue;

/** Wire-form props (as the engine sends them) to the plain JSON a policy sees. */
export function deserializePolicyProps(wire: Record<string, unknown>): Record<string, unknown> {
    return deserialize.deserializeProperties({ toJavaScript: () => wire }, false);
}
