import * as pulumi from "@pulumi/pulumi";
import { MockMonitor, Mocks, setMocks } from "@pulumi/pulumi/runtime/mocks";
import { CapturedResource } from "./captured";
import { BlueprintMocks, ReferencedStackOutputs } from "./mocks";
import { getStore, waitForRPCs } from "./sdk-internals";

/** The parts of the engine's RegisterResourceRequest (protobuf) that the recorder reads. */
interface RegisterResourceRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProvider(): string;
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(cb: (value: { getUrnsList(): string[] }, key: string) => void): void };
    getProtect(): boolean;
    getRetainondelete(): boolean;
    getIgnorechangesList(): string[];
    getAdditionalsecretoutputsList(): string[];
    getDeletebeforereplace(): boolean;
    getDeletebeforereplacedefined(): boolean;
    getImportid(): string;
}

interface RegisterResourceResponse {
    getUrn(): string;
}

/**
 * The SDK's mock monitor, plus a record of every registration with what the mock API leaves out:
 * parent, provider, dependencies and resource options. Policies need those (stack policies match a
 * flow log to its VPC through property dependencies, which stay known when ids are unknown).
 */
class RecordingMonitor extends MockMonitor {
    constructor(
        mocks: Mocks,
        private readonly sink: CapturedResource[],
    ) {
        super(mocks);
    }

    override async registerResource(request: unknown, callback: (err: unknown, response: unknown) => void): Promise<void> {
        const req = request as RegisterResourceRequest;
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((value, key) => {
            propertyDependencies[key] = value.getUrnsList();
        });
        return super.registerResource(request, (err, response) => {
            if (!err && response) {
                this.sink.push({
                    urn: (response as RegisterResourceResponse).getUrn(),
                    type: req.getType(),
                    name: req.getName(),
                    custom: req.getCustom(),
                    parent: req.getParent() || undefined,
                    provider: req.getProvider() || undefined,
                    props: req.getObject()?.toJavaScript() ?? {},
                    dependencies: req.getDependenciesList(),
                    propertyDependencies,
                    protect: req.getProtect(),
                    retainOnDelete: req.getRetainondelete(),
                    ignoreChanges: req.getIgnorechangesList(),
                    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                    deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
                    importId: req.getImportid() || undefined,
                });
            }
            callback(err, response);
        });
    }
}

export interface RunOptions {
    /** Flat stack config as the CLI passes it: "hardened-cluster:cloud" -> "aws", objects as JSON text. */
    readonly config?: Record<string, string>;
    /** Config keys the CLI would mark secret (encrypted in the stack file). */
    readonly secretKeys?: readonly string[];
    /** Outputs of earlier runs, by fully qualified stack name, for the program's StackReferences. */
    readonly stackOutputs?: Readonly<Record<string, ReferencedStackOutputs>>;
    readonly project?: string;
    readonly stack?: string;
    /**
     * Run as a preview: cloud-computed outputs (ids, ARNs, endpoints) stay unknown, as they do in a real
     * first `pulumi preview`, so policies meet the unknowns they will meet in CI.
     */
    readonly preview?: boolean;
    readonly mocks?: Mocks;
    /** Collects registrations here too, so a caller can inspect them when the program throws. */
    readonly sink?: CapturedResource[];
}

export interface RunResult<T> {
    readonly resources: CapturedResource[];
    /** What the program returned (its stack outputs). */
    readonly outputs: T;
}

/**
 * Runs `program` inside a mock Pulumi stack, waits for every registration, and returns what was
 * registered. No CLI, no plugins, no cloud. Runs are sequential: the SDK's state is process-global.
 */
export async function runProgram<T>(program: () => T | Promise<T>, options: RunOptions = {}): Promise<RunResult<T>> {
    const resources: CapturedResource[] = options.sink ?? [];
    const preview = options.preview ?? false;
    const mocks = options.mocks ?? new BlueprintMocks({ preview, stackOutputs: options.stackOutputs });
    await setMocks(mocks, options.project ?? "hardened-cluster", options.stack ?? "test", preview);
    getStore().settings.monitor = new RecordingMonitor(mocks, resources);
    pulumi.runtime.setAllConfig(options.config ?? {}, [...(options.secretKeys ?? [])]);
    let outputs: T | undefined;
    let failure: unknown;
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = process.env.HC_MOCK_STACK_TRACES ? stackTraceLimit : 0;
    try {
        await pulumi.runtime.runInPulumiStack(async () => {
            try {
                outputs = await program();
            } catch (e) {
                failure = e;
            }
            return undefined;
        });
        await waitForRPCs();
    } finally {
        Error.stackTraceLimit = stackTraceLimit;
    }
    // The SDK wraps a failed invoke in an error without the mock's message: name the invoke instead.
    if (mocks instanceof BlueprintMocks && mocks.unanswered.length > 0) {
        throw new Error(
            `the mock engine has no answer for invoke ${[...new Set(mocks.unanswered)].join(", ")}; add one in tools/mock/clouds/`,
        );
    }
    if (mocks instanceof BlueprintMocks && mocks.unreadStacks.length > 0) {
        throw new Error(
            `the mock engine has no outputs for stack ${[...new Set(mocks.unreadStacks)].join(", ")}: run the referenced stack first (tools/mock/stack-runs.ts)`,
        );
    }
    if (failure !== undefined) throw failure;
    const store = getStore();
    if (store.logErrorCount > 0) {
        throw new Error(`the program logged ${store.logErrorCount} error(s) while registering resources (see above)`);
    }
    return { resources, outputs: outputs as T };
}
