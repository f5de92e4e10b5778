/**
 * What a cloud would answer, for the mock engine. Each cloud file contributes invoke answers (keyed
 * by function token) and computed outputs (keyed by resource type). An invoke with no answer fails
 * the run: a silently empty answer would hide a missing mock.
 */
export type Inputs = Record<string, unknown>;
export type InvokeAnswer = (inputs: Inputs) => Record<string, unknown>;
/** Outputs the cloud computes on create (ids, ARNs, endpoints), added to the echoed inputs. */
export type ComputedOutputs = (name: string, inputs: Inputs) => Record<string, unknown>;

export interface CloudAnswers {
    readonly invokes: Readonly<Record<string, InvokeAnswer>>;
    readonly outputs: Readonly<Record<string, ComputedOutputs>>;
    /** Fallback for every type of the cloud's package prefix (e.g. "aws:"), applied before the specific one. */
    readonly typePrefix: string;
    readonly defaultOutputs: ComputedOutputs;
}

/** Fixed identities used across the mocks and the shipped example stacks. */
export const MOCK_IDENTITY = {
    awsAccountId: "123456789012",
    azureSubscriptionId: "00000000-0000-0000-0000-000000000001",
    azureTenantId: "00000000-0000-0000-0000-000000000002",
    azureClientObjectId: "00000000-0000-0000-0000-000000000003",
    gcpProjectNumber: "123456789012",
} as const;
