import { Policy } from "@pulumi/policy";
import { GCP_POLICIES } from "../../policypacks/cluster-hardening/gcp";
import { PackConfig } from "../../tools/policy/evaluate";
import { readPackConfig } from "../../tools/policy/packs";
import { CapturedResource } from "../harness";
import { evaluatePolicy, passes, violations } from "../harness/policies";

/** Helpers for the GCP policy tests: insecure variants of a captured stack, added resources, shipped config. */
export type Props = Record<string, unknown>;

export const T = {
    cluster: "gcp:container/cluster:Cluster",
    pool: "gcp:container/nodePool:NodePool",
    subnet: "gcp:compute/subnetwork:Subnetwork",
    firewall: "gcp:compute/firewall:Firewall",
    key: "gcp:kms/cryptoKey:CryptoKey",
    binauthz: "gcp:binaryauthorization/policy:Policy",
    projectMember: "gcp:projects/iAMMember:IAMMember",
    projectBinding: "gcp:projects/iAMBinding:IAMBinding",
    projectPolicy: "gcp:projects/iAMPolicy:IAMPolicy",
    auditConfig: "gcp:projects/iAMAuditConfig:IAMAuditConfig",
    bucket: "gcp:logging/projectBucketConfig:ProjectBucketConfig",
} as const;

/** The shipped cluster-hardening pack config of an environment, as CI passes it. */
export function shippedConfig(environment: "dev" | "staging" | "prod" = "prod"): PackConfig {
    return readPackConfig("cluster-hardening", environment);
}

export function policy(name: string): Policy {
    const found = GCP_POLICIES.find((p) => p.name === name);
    if (!found) throw new Error(`no policy ${name}`);
    return found;
}

/** A JSON copy, not structuredClone: under jest that returns arrays of another realm, which the SDK's
 *  deserializer (instanceof Array) would turn into objects. */
function copy<V>(value: V): V {
    return JSON.parse(JSON.stringify(value)) as V;
}

/** The resources with the first resource of `type` (and name suffix) changed by `mutate`. */
export function variant(
    resources: readonly CapturedResource[],
    type: string,
    mutate: (props: Props) => void,
    nameSuffix = "",
): CapturedResource[] {
    let done = false;
    const result = resources.map((r) => {
        if (done || r.type !== type || !r.name.endsWith(nameSuffix)) return r;
        done = true;
        const props = copy(r.props) as Props;
        mutate(props);
        return { ...r, props };
    });
    if (!done) throw new Error(`no ${type} named *${nameSuffix}`);
    return result;
}

/** Every resource of `type` changed by `mutate`. */
export function everyOf(resources: readonly CapturedResource[], type: string, mutate: (props: Props) => void): CapturedResource[] {
    if (!resources.some((r) => r.type === type)) throw new Error(`no ${type}`);
    return resources.map((r) => {
        if (r.type !== type) return r;
        const props = copy(r.props) as Props;
        mutate(props);
        return { ...r, props };
    });
}

/** The resources without those of `type` (and name suffix). */
export function without(resources: readonly CapturedResource[], type: string, nameSuffix = ""): CapturedResource[] {
    const result = resources.filter((r) => !(r.type === type && r.name.endsWith(nameSuffix)));
    if (result.length === resources.length) throw new Error(`no ${type} named *${nameSuffix} to remove`);
    return result;
}

/** A resource written by hand outside the blueprint's components (known inputs only). */
export function added(type: string, name: string, props: Props, dependencies: Record<string, string[]> = {}): CapturedResource {
    return {
        urn: `urn:pulumi:test::hardened-cluster::${type}::${name}`,
        type,
        name,
        custom: true,
        props: copy(props),
        dependencies: Object.values(dependencies).flat(),
        propertyDependencies: dependencies,
        protect: false,
        retainOnDelete: false,
        ignoreChanges: [],
        additionalSecretOutputs: [],
    };
}

export function obj(props: Props, key: string): Props {
    const value = props[key];
    if (value === null || typeof value !== "object") throw new Error(`${key} is not an object`);
    return value as Props;
}

/** Nested object at a dotted path, created on the way when missing. */
export function path(props: Props, dotted: string): Props {
    let current = props;
    for (const key of dotted.split(".")) {
        if (current[key] === undefined || current[key] === null) current[key] = {};
        current = current[key] as Props;
    }
    return current;
}

/** The messages of one policy's violations on the resources, with a pack config (the shipped prod one by default). */
export async function messagesOf(name: string, resources: readonly CapturedResource[], config = shippedConfig("prod")): Promise<string[]> {
    return violations(await evaluatePolicy(policy(name), resources, config), name).map((v) => v.message ?? "");
}

/** No violation of any policy evaluated, and at least one pass of `name`: the control edit was judged, and passed. */
export async function expectCompliant(name: string, resources: readonly CapturedResource[], config = shippedConfig("prod")): Promise<void> {
    const outcomes = await evaluatePolicy(policy(name), resources, config);
    expect(violations(outcomes)).toEqual([]);
    expect(passes(outcomes, name).length).toBeGreaterThan(0);
}
