import { MockCallArgs, MockCallResult, MockResourceArgs, MockResourceResult, Mocks } from "@pulumi/pulumi/runtime/mocks";
import { CloudAnswers, Inputs } from "./answers";
import { AWS_ANSWERS } from "./clouds/aws";
import { AZURE_ANSWERS } from "./clouds/azure";
import { GCP_ANSWERS } from "./clouds/gcp";
import { KUBERNETES_ANSWERS } from "./clouds/kubernetes";

const CLOUDS: readonly CloudAnswers[] = [AWS_ANSWERS, AZURE_ANSWERS, GCP_ANSWERS, KUBERNETES_ANSWERS];

/** A prior run's stack outputs, as a StackReference reads them: plain values and the names of the secret ones. */
export interface ReferencedStackOutputs {
    readonly outputs: Readonly<Record<string, unknown>>;
    readonly secretOutputNames: readonly string[];
}

export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/**
 * Mocks that answer like the three clouds. In apply mode a resource's state is its inputs plus what
 * the cloud computes (ARNs, ids, endpoints); in preview mode only the inputs, so computed outputs stay
 * unknown as in a real preview.
 */
export class BlueprintMocks implements Mocks {
    /** Invokes asked for that no cloud file answers; the engine reports them when the run fails. */
    readonly unanswered: string[] = [];
    /** Stacks a StackReference named that no earlier run answers for; the engine fails the run with them. */
    readonly unreadStacks: string[] = [];

    constructor(
        private readonly options: {
            preview: boolean;
            /**
             * Outputs of earlier mock runs, by the stack name a StackReference gives (`org/project/stack`);
             * a reference to a stack not listed fails the run, as a real one to an undeployed stack would.
             */
            stackOutputs?: Readonly<Record<string, ReferencedStackOutputs>>;
        } = { preview: false },
    ) {}

    newResource(args: MockResourceArgs): MockResourceResult {
        const inputs = (args.inputs ?? {}) as Inputs;
        // A StackReference is a read of another stack; its outputs are known in a preview too.
        if (args.type === STACK_REFERENCE_TYPE) return this.stackReference(args.id ?? String(inputs["name"]));
        // The SDK passes "" (not undefined) as the import id of a new resource; "" would read as unknown.
        const id = args.id || `${args.name}-id`;
        if (this.options.preview || !args.custom) {
            return { id: this.options.preview ? undefined : id, state: inputs };
        }
        const cloud = CLOUDS.find((c) => args.type.startsWith(c.typePrefix));
        const computed = cloud ? { ...cloud.defaultOutputs(args.name, inputs), ...cloud.outputs[args.type]?.(args.name, inputs) } : {};
        // A cloud that computes an id (Azure's ARM ids) gives the resource that id, as the real provider does.
        const cloudId = typeof computed["id"] === "string" && !args.id ? (computed["id"] as string) : id;
        return {
            id: cloudId,
            state: { ...computed, ...inputs, ...mergeNestedComputed(computed, inputs), ...pickComputedOverrides(computed) },
        };
    }

    /**
     * A read of another stack. Unknown stacks read as empty (a throw here would surface as an unhandled
     * rejection inside the SDK) and are reported by the engine after the run.
     */
    private stackReference(name: string): MockResourceResult {
        const found = this.options.stackOutputs?.[name];
        if (!found) this.unreadStacks.push(name);
        return { id: name, state: { name, outputs: found?.outputs ?? {}, secretOutputNames: [...(found?.secretOutputNames ?? [])] } };
    }

    call(args: MockCallArgs): MockCallResult {
        for (const cloud of CLOUDS) {
            const answer = cloud.invokes[args.token];
            if (answer) return answer((args.inputs ?? {}) as Inputs);
        }
        this.unanswered.push(args.token);
        throw new Error(`the mock engine has no answer for invoke ${args.token}; add one in tools/mock/clouds/`);
    }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Nested objects the cloud completes: an input object that the cloud also returns with computed fields
 * (GKE's masterAuth gets clusterCaCertificate beside the given clientCertificateConfig; its DNS endpoint
 * config gets the endpoint beside allowExternalTraffic) keeps both, at any depth; inputs win at the leaves.
 */
function mergeNestedComputed(computed: Record<string, unknown>, inputs: Inputs): Record<string, unknown> {
    const merged: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(computed)) {
        const given = inputs[key];
        if (isObject(value) && isObject(given)) merged[key] = { ...value, ...given, ...mergeNestedComputed(value, given) };
    }
    return merged;
}

/** Outputs whose value the cloud always decides, even when an input of the same name exists. */
function pickComputedOverrides(computed: Record<string, unknown>): Record<string, unknown> {
    const overrides: Record<string, unknown> = {};
    for (const key of ["arn", "id", "selfLink"]) {
        if (key in computed) overrides[key] = computed[key];
    }
    return overrides;
}
