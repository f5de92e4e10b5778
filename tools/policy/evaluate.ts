import {
    EnforcementLevel,
    Policy,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { controlForPolicy } from "../../policypacks/controls";
import { PackName } from "../../policypacks/controls/types";
import { WaiverDetail } from "../../policypacks/lib/define";
import { deserializePolicyProps, UnknownValueError, unknownCheckingProxy } from "../../policypacks/lib/sdk-internals";
import { CapturedResource } from "../mock/captured";

/**
 * Runs policy packs in-process on what a mock run registered, the way the CLI's policy host does:
 * props deserialized from the wire form and wrapped in the SDK's unknown-checking proxy, config and
 * enforcement levels resolved from pack config. A policy that reads an unknown value is recorded as
 * not evaluated; it neither crashes the run nor passes.
 */
export type PolicyConfigEntry = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);
export type PackConfig = Readonly<Record<string, PolicyConfigEntry>>;

export interface PackUnderTest {
    readonly name: PackName;
    readonly policies: readonly Policy[];
    readonly config?: PackConfig;
}

export type OutcomeStatus = "pass" | "violation" | "waived" | "not-evaluated";

export interface Outcome {
    readonly pack: PackName;
    readonly policy: string;
    readonly controlId: string;
    readonly status: OutcomeStatus;
    readonly enforcementLevel: EnforcementLevel;
    readonly urn?: string;
    readonly message?: string;
    /** The stack the outcome was judged in, when a plan judged several. */
    readonly stack?: string;
}

export interface Evaluation {
    readonly outcomes: readonly Outcome[];
}

/**
 * Thrown by `args.notApplicable()`: control flow, not a failure, so it captures no stack trace (one per policy and
 * resource that does not apply was a third of a 200-tenant plan's evaluation time).
 */
class NotApplicable extends Error {
    constructor(reason: string) {
        const stackTraceLimit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        super(reason);
        Error.stackTraceLimit = stackTraceLimit;
    }
}

/** The control a policy enforces: the control-id tag `controlResourcePolicy` puts on it, else the catalogue's list. */
export function controlIdOf(policy: Policy): string {
    return policy.tags?.find((t) => /^HC-[A-Z]+-\d+$/.test(t)) ?? controlForPolicy(policy.name)?.id ?? "(none)";
}

function notApplicable(reason?: string): never {
    throw new NotApplicable(reason ?? "not applicable");
}

function isResourcePolicy(p: Policy): p is ResourceValidationPolicy {
    return typeof (p as ResourceValidationPolicy).validateResource !== "undefined";
}

function isStackPolicy(p: Policy): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}

export function enforcementLevelOf(policy: Policy, config: PackConfig | undefined): EnforcementLevel {
    const entry = config?.[policy.name];
    const specific = typeof entry === "string" ? entry : entry?.enforcementLevel;
    const all = config?.["all"];
    const forAll = typeof all === "string" ? all : all?.enforcementLevel;
    const level = specific ?? forAll ?? policy.enforcementLevel ?? "mandatory";
    return level === "remediate" ? "mandatory" : level;
}

/** The policy's config properties, with its schema's defaults filled in, as the CLI does. */
export function policyConfigOf(policy: Policy, config: PackConfig | undefined): Record<string, unknown> {
    const defaults: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        if (schema.default !== undefined) defaults[key] = schema.default;
    }
    const entry = config?.[policy.name];
    const given: Record<string, unknown> = {};
    if (entry && typeof entry === "object") {
        for (const [key, value] of Object.entries(entry)) {
            if (key !== "enforcementLevel") given[key] = value;
        }
    }
    return { ...defaults, ...given };
}

interface PreparedResource {
    readonly captured: CapturedResource;
    readonly props: Record<string, unknown>;
}

function typeOf(resourceClass: unknown): string | undefined {
    const t = (resourceClass as { __pulumiType?: unknown } | undefined)?.__pulumiType;
    return typeof t === "string" ? t : undefined;
}

/** The resource options a policy sees, as the CLI's policy host presents them. */
function optionsOf(captured: CapturedResource): ResourceValidationArgs["opts"] {
    return {
        protect: captured.protect,
        ignoreChanges: [...captured.ignoreChanges],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [...captured.additionalSecretOutputs],
        deleteBeforeReplace: captured.deleteBeforeReplace,
        parent: captured.parent,
    };
}

function resourceArgs(r: PreparedResource, config: Record<string, unknown>): ResourceValidationArgs {
    const { captured, props } = r;
    return {
        type: captured.type,
        props,
        urn: captured.urn,
        name: captured.name,
        opts: optionsOf(captured),
        stackTags: new Map(),
        isType: (cls) => typeOf(cls) === captured.type,
        asType: ((cls: unknown) => (typeOf(cls) === captured.type ? props : undefined)) as ResourceValidationArgs["asType"],
        getConfig: <T extends object>() => config as T,
        notApplicable,
    } as ResourceValidationArgs;
}

/** Diagnostics a policy reported, in the CLI's two forms: a message, or an object (waivers). */
type Reported = { message: string; urn?: string; level?: EnforcementLevel; waived: boolean };

function collector(sink: Reported[]) {
    return (
        message: string | ({ message: string; urn?: string; enforcementLevel?: EnforcementLevel } & Partial<WaiverDetail>),
        urn?: string,
    ) => {
        if (typeof message === "object") {
            sink.push({
                message: message.message,
                urn: message.urn,
                level: message.enforcementLevel,
                waived: message.waiver !== undefined,
            });
        } else {
            sink.push({ message, urn, waived: false });
        }
    };
}

function toOutcomes(pack: PackName, policy: Policy, level: EnforcementLevel, reported: Reported[], urn: string | undefined): Outcome[] {
    const controlId = controlIdOf(policy);
    if (reported.length === 0) return [{ pack, policy: policy.name, controlId, status: "pass", enforcementLevel: level, urn }];
    return reported.map((d) => ({
        pack,
        policy: policy.name,
        controlId,
        status: d.waived ? "waived" : "violation",
        enforcementLevel: d.waived ? "advisory" : (d.level ?? level),
        urn: d.urn ?? urn,
        message: d.message,
    }));
}

async function runResourcePolicy(
    pack: PackName,
    policy: ResourceValidationPolicy,
    level: EnforcementLevel,
    config: Record<string, unknown>,
    r: PreparedResource,
): Promise<Outcome[]> {
    if (!policy.validateResource) return [];
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    if (validations.length === 1 && typeOf(validations[0]) && typeOf(validations[0]) !== r.captured.type) return [];
    const reported: Reported[] = [];
    let applicable = false;
    for (const validation of validations) {
        try {
            await validation(resourceArgs(r, config), collector(reported));
            applicable = true;
        } catch (e) {
            if (e instanceof NotApplicable) continue;
            if (e instanceof UnknownValueError) {
                const controlId = controlIdOf(policy);
                return [
                    {
                        pack,
                        policy: policy.name,
                        controlId,
                        status: "not-evaluated",
                        enforcementLevel: level,
                        urn: r.captured.urn,
                        message: e.message,
                    },
                ];
            }
            throw new Error(`policy ${policy.name} crashed on ${r.captured.urn}: ${(e as Error).message}`);
        }
    }
    return applicable ? toOutcomes(pack, policy, level, reported, r.captured.urn) : [];
}

function stackResources(prepared: readonly PreparedResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const list = prepared.map((r) => {
        const { captured, props } = r;
        const resource = {
            type: captured.type,
            props,
            urn: captured.urn,
            name: captured.name,
            opts: optionsOf(captured),
            dependencies: [] as PolicyResource[],
            propertyDependencies: {} as Record<string, PolicyResource[]>,
            isType: (cls: unknown) => typeOf(cls) === captured.type,
            asType: (cls: unknown) => (typeOf(cls) === captured.type ? props : undefined),
        } as unknown as PolicyResource;
        byUrn.set(captured.urn, resource);
        return resource;
    });
    prepared.forEach((r, i) => {
        const resource = list[i] as {
            parent?: PolicyResource;
            dependencies: PolicyResource[];
            propertyDependencies: Record<string, PolicyResource[]>;
        };
        const parent = r.captured.parent ? byUrn.get(r.captured.parent) : undefined;
        if (parent) resource.parent = parent;
        resource.dependencies = r.captured.dependencies.map((u) => byUrn.get(u)).filter((d): d is PolicyResource => d !== undefined);
        for (const [key, urns] of Object.entries(r.captured.propertyDependencies)) {
            resource.propertyDependencies[key] = urns.map((u) => byUrn.get(u)).filter((d): d is PolicyResource => d !== undefined);
        }
    });
    return list;
}

async function runStackPolicy(
    pack: PackName,
    policy: StackValidationPolicy,
    level: EnforcementLevel,
    config: Record<string, unknown>,
    resources: PolicyResource[],
): Promise<Outcome[]> {
    const pulumiType = typeOf(policy.validateStack);
    if (pulumiType && !resources.some((r) => r.type === pulumiType)) return [];
    const reported: Reported[] = [];
    const args: StackValidationArgs = {
        resources,
        getConfig: <T extends object>() => config as T,
        stackTags: new Map(),
        notApplicable,
    } as StackValidationArgs;
    try {
        await policy.validateStack(args, collector(reported));
    } catch (e) {
        if (e instanceof NotApplicable) return [];
        if (e instanceof UnknownValueError) {
            const controlId = controlIdOf(policy);
            return [{ pack, policy: policy.name, controlId, status: "not-evaluated", enforcementLevel: level, message: e.message }];
        }
        throw new Error(`stack policy ${policy.name} crashed: ${(e as Error).message}`);
    }
    return toOutcomes(pack, policy, level, reported, undefined);
}

/** Evaluates every pack's resource and stack policies on the captured resources. */
export async function evaluatePacks(captured: readonly CapturedResource[], packs: readonly PackUnderTest[]): Promise<Evaluation> {
    const prepared: PreparedResource[] = captured.map((c) => ({
        captured: c,
        props: unknownCheckingProxy(deserializePolicyProps(c.props)),
    }));
    const customs = prepared.filter((r) => r.captured.custom);
    const outcomes: Outcome[] = [];
    let stackView: PolicyResource[] | undefined;
    for (const pack of packs) {
        for (const policy of pack.policies) {
            const level = enforcementLevelOf(policy, pack.config);
            if (level === "disabled") continue;
            const config = policyConfigOf(policy, pack.config);
            if (isResourcePolicy(policy)) {
                for (const r of customs) outcomes.push(...(await runResourcePolicy(pack.name, policy, level, config, r)));
            } else if (isStackPolicy(policy)) {
                stackView ??= stackResources(prepared);
                outcomes.push(...(await runStackPolicy(pack.name, policy, level, config, stackView)));
            }
        }
    }
    return { outcomes };
}
