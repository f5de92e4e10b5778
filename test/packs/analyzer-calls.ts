import { EnforcementLevel as LevelName } from "@pulumi/policy";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as rpc from "@pulumi/pulumi/proto/analyzer_pb";
import { CapturedResource } from "../../tools/mock/captured";
import { pluginRuntime } from "./plugin-runtime";

/**
 * The Analyzer calls the Pulumi engine makes on a policy pack, with captured resources turned into
 * the engine's messages. Each returns plain values for the tests to compare.
 */
type Callback<T> = (error: Error | null, value?: T) => void;

function call<T>(invoke: (done: Callback<T>) => unknown): Promise<T> {
    return new Promise((resolve, reject) => {
        invoke((error, value) => (error ? reject(error) : resolve(value as T)));
    });
}

/** gRPC status of an error, e.g. 12 (UNIMPLEMENTED) for a method the pack's SDK does not serve. */
export function grpcCode(error: unknown): number | undefined {
    return (error as { code?: number }).code;
}

/** The CLI's first call; an SDK without it answers UNIMPLEMENTED and the CLI carries on. */
export function handshake(client: AnalyzerClient, packDirectory: string): Promise<rpc.AnalyzerHandshakeResponse> {
    const request = new rpc.AnalyzerHandshakeRequest();
    request.setEngineAddress("127.0.0.1:1");
    request.setRootDirectory(packDirectory);
    request.setProgramDirectory(packDirectory);
    return call((done) => client.handshake(request, done));
}

export interface AnalyzerInfoSummary {
    readonly name: string;
    readonly version: string;
    readonly supportsConfig: boolean;
    readonly policies: readonly { readonly name: string; readonly enforcementLevel: LevelName; readonly tags: readonly string[] }[];
}

const LEVEL_NAMES: Readonly<Record<rpc.EnforcementLevel, LevelName>> = {
    [rpc.EnforcementLevel.ADVISORY]: "advisory",
    [rpc.EnforcementLevel.MANDATORY]: "mandatory",
    [rpc.EnforcementLevel.DISABLED]: "disabled",
    [rpc.EnforcementLevel.REMEDIATE]: "remediate",
};

const LEVEL_CODES: Readonly<Record<LevelName, rpc.EnforcementLevel>> = {
    advisory: rpc.EnforcementLevel.ADVISORY,
    mandatory: rpc.EnforcementLevel.MANDATORY,
    disabled: rpc.EnforcementLevel.DISABLED,
    remediate: rpc.EnforcementLevel.REMEDIATE,
};

export async function analyzerInfo(client: AnalyzerClient): Promise<AnalyzerInfoSummary> {
    const { Empty } = pluginRuntime();
    const info = await call<rpc.AnalyzerInfo>((done) => client.getAnalyzerInfo(new Empty(), done));
    return {
        name: info.getName(),
        version: info.getVersion(),
        supportsConfig: info.getSupportsconfig(),
        policies: info.getPoliciesList().map((p) => ({
            name: p.getName(),
            enforcementLevel: LEVEL_NAMES[p.getEnforcementlevel()],
            tags: p.getTagsList(),
        })),
    };
}

/** The SDK version the host reports (the CLI reads it as the analyzer plugin's version). */
export async function pluginVersion(client: AnalyzerClient): Promise<string> {
    const { Empty } = pluginRuntime();
    const info = await call<{ getVersion(): string }>((done) => client.getPluginInfo(new Empty(), done));
    return info.getVersion();
}

/** Per-policy config as the CLI sends it after resolving the pack config file: level and properties. */
export interface ResolvedPolicyConfig {
    readonly enforcementLevel: LevelName;
    readonly properties: Record<string, unknown>;
}

export function configure(client: AnalyzerClient, config: Readonly<Record<string, ResolvedPolicyConfig>>): Promise<unknown> {
    const { Struct } = pluginRuntime();
    const request = new rpc.ConfigureAnalyzerRequest();
    for (const [policy, entry] of Object.entries(config)) {
        const message = new rpc.PolicyConfig();
        message.setEnforcementlevel(LEVEL_CODES[entry.enforcementLevel]);
        message.setProperties(Struct.fromJavaScript(entry.properties as Parameters<typeof Struct.fromJavaScript>[0]));
        request.getPolicyconfigMap().set(policy, message);
    }
    return call((done) => client.configure(request, done));
}

export interface Diagnostic {
    readonly policy: string;
    readonly urn: string;
    readonly enforcementLevel: LevelName;
    readonly message: string;
}

function diagnosticsOf(response: rpc.AnalyzeResponse, fallbackUrn: string): Diagnostic[] {
    return response.getDiagnosticsList().map((d) => ({
        policy: d.getPolicyname(),
        urn: d.getUrn() || fallbackUrn,
        enforcementLevel: LEVEL_NAMES[d.getEnforcementlevel()],
        message: d.getMessage(),
    }));
}

function optionsOf(resource: CapturedResource): rpc.AnalyzerResourceOptions {
    const options = new rpc.AnalyzerResourceOptions();
    options.setProtect(resource.protect);
    options.setIgnorechangesList([...resource.ignoreChanges]);
    options.setAdditionalsecretoutputsList([...resource.additionalSecretOutputs]);
    if (resource.deleteBeforeReplace !== undefined) {
        options.setDeletebeforereplacedefined(true);
        options.setDeletebeforereplace(resource.deleteBeforeReplace);
    }
    if (resource.parent) options.setParent(resource.parent);
    return options;
}

function propertiesOf(resource: CapturedResource) {
    const { Struct } = pluginRuntime();
    return Struct.fromJavaScript(resource.props as Parameters<typeof Struct.fromJavaScript>[0]);
}

/** One resource's inputs, as the engine sends them before it creates or updates the resource. */
export async function analyze(client: AnalyzerClient, resource: CapturedResource): Promise<Diagnostic[]> {
    const request = new rpc.AnalyzeRequest();
    request.setUrn(resource.urn);
    request.setType(resource.type);
    request.setName(resource.name);
    request.setProperties(propertiesOf(resource));
    request.setOptions(optionsOf(resource));
    return diagnosticsOf(await call<rpc.AnalyzeResponse>((done) => client.analyze(request, done)), resource.urn);
}

/** Every resource of the stack at once, as the engine sends them at the end of a preview or update. */
export async function analyzeStack(client: AnalyzerClient, resources: readonly CapturedResource[]): Promise<Diagnostic[]> {
    const request = new rpc.AnalyzeStackRequest();
    request.setResourcesList(
        resources.map((resource) => {
            const message = new rpc.AnalyzerResource();
            message.setUrn(resource.urn);
            message.setType(resource.type);
            message.setName(resource.name);
            message.setProperties(propertiesOf(resource));
            message.setOptions(optionsOf(resource));
            if (resource.parent) message.setParent(resource.parent);
            message.setDependenciesList([...resource.dependencies]);
            for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
                const deps = new rpc.AnalyzerPropertyDependencies();
                deps.setUrnsList([...urns]);
                message.getPropertydependenciesMap().set(key, deps);
            }
            return message;
        }),
    );
    return diagnosticsOf(await call<rpc.AnalyzeResponse>((done) => client.analyzeStack(request, done)), "");
}
