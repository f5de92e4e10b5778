import {
    EnforcementLevel,
    PolicyResource,
    ReportViolation,
    ResourceValidation,
    ResourceValidationPolicy,
    StackValidation,
    StackValidationPolicy,
} from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { controlById, Control } from "../controls";
import { evaluationDate } from "./clock";
import { UnknownValueError } from "./sdk-internals";
import {
    carriedEntries,
    checkException,
    ConfigExceptionEntry,
    configExceptionMatches,
    ControlException,
    EXCEPTIONS_CONFIG_SCHEMA,
    ExceptionCheck,
    parseCarried,
} from "./exceptions";

/**
 * Every policy of the blueprint is built here, so that each one names its control, carries the
 * control's severity and themes, and honours reviewed exceptions the same way.
 */
interface ControlPolicyBase {
    /** <cloud>-<service>-<resource>-<verb>-<what>, listed in the control's `policies`. */
    readonly name: string;
    readonly controlId: string;
    /** One sentence: what a compliant resource looks like. */
    readonly description: string;
    /** Defaults to the pack's level (mandatory); pack config per environment may lower it. */
    readonly enforcementLevel?: EnforcementLevel;
    /** The policy's own settings (besides `exceptions`), with defaults. */
    readonly configProperties?: Record<string, PolicyConfigJSONSchema>;
    readonly remediationSteps?: string;
}

export interface ControlResourcePolicySpec extends ControlPolicyBase {
    readonly validateResource: ResourceValidation;
}

export interface ControlStackPolicySpec extends ControlPolicyBase {
    readonly validateStack: StackValidation;
}

/** What a waived violation carries besides the CLI's fields; the in-process evaluator reads it. */
export interface WaiverDetail {
    readonly waiver: ControlException;
}

export function requireControl(id: string): Control {
    const control = controlById(id);
    if (!control) throw new Error(`policy names unknown control ${id}`);
    return control;
}

function metadata(spec: ControlPolicyBase, control: Control) {
    return {
        name: spec.name,
        description: `[${control.id}] ${spec.description}`,
        enforcementLevel: spec.enforcementLevel,
        severity: control.severity,
        tags: [control.id, ...control.themes],
        remediationSteps: spec.remediationSteps,
        configSchema: {
            properties: { exceptions: EXCEPTIONS_CONFIG_SCHEMA, ...spec.configProperties },
        },
    };
}

/** Exceptions that may apply to this resource for this control: carried on it, then in pack config. */
function exceptionChecks(
    control: Control,
    props: Record<string, unknown>,
    urn: string,
    name: string,
    config: Record<string, unknown>,
): ExceptionCheck[] {
    const asOf = evaluationDate();
    const checks: ExceptionCheck[] = [];
    let carried: ReturnType<typeof carriedEntries> = [];
    try {
        carried = carriedEntries(props);
    } catch (e) {
        // Tags or annotations not known yet (preview): no exception can be read, so none applies.
        if (!(e instanceof UnknownValueError)) throw e;
    }
    for (const entry of carried) {
        if (entry.key === control.id) checks.push(parseCarried(control.id, entry.value, entry.source, asOf));
    }
    const configured = Array.isArray(config["exceptions"]) ? (config["exceptions"] as ConfigExceptionEntry[]) : [];
    for (const entry of configured) {
        if (configExceptionMatches(entry, urn, name)) {
            checks.push(checkException({ ...entry, control: control.id, source: `pack config exception for ${entry.resource}` }, asOf));
        }
    }
    return checks;
}

/** Reports a violation, waived (advisory, naming the exception) when a valid exception covers it. */
function reportWithExceptions(report: ReportViolation, control: Control, message: string, checks: ExceptionCheck[], urn?: string): void {
    const valid = checks.find((c): c is Extract<ExceptionCheck, { status: "valid" }> => c.status === "valid");
    if (valid) {
        const e = valid.exception;
        const note = `[${control.id}] waived by exception (${e.source}; approved by ${e.approver}; expires ${e.expires}; reason: ${e.reason}). Finding: ${message}`;
        // @pulumi/policy's reportViolation accepts a diagnostic object whose enforcementLevel overrides the policy's.
        const diagnostic: { message: string; urn?: string; enforcementLevel: EnforcementLevel } & WaiverDetail = {
            message: note,
            urn,
            enforcementLevel: "advisory",
            waiver: e,
        };
        (report as unknown as (d: typeof diagnostic) => void)(diagnostic);
        return;
    }
    const problems = checks.filter((c): c is Exclude<ExceptionCheck, { status: "valid" }> => c.status !== "valid");
    const suffix = problems.length > 0 ? ` (exception not applied: ${problems.map((p) => p.problem).join("; ")})` : "";
    report(`[${control.id}] ${message}${suffix}`, urn);
}

export function controlResourcePolicy(spec: ControlResourcePolicySpec): ResourceValidationPolicy {
    const control = requireControl(spec.controlId);
    const inner = spec.validateResource;
    const wrapped: ResourceValidation = async (args, report) => {
        const findings: string[] = [];
        await inner(args, (message) => findings.push(message));
        if (findings.length === 0) return;
        const checks = exceptionChecks(control, args.props, args.urn, args.name, args.getConfig<Record<string, unknown>>());
        for (const finding of findings) reportWithExceptions(report, control, finding, checks);
    };
    const pulumiType = (inner as { __pulumiType?: string }).__pulumiType;
    if (pulumiType) (wrapped as { __pulumiType?: string }).__pulumiType = pulumiType;
    return { ...metadata(spec, control), validateResource: wrapped };
}

export function controlStackPolicy(spec: ControlStackPolicySpec): StackValidationPolicy {
    const control = requireControl(spec.controlId);
    const inner = spec.validateStack;
    const wrapped: StackValidation = async (args, report) => {
        const findings: { message: string; urn?: string }[] = [];
        await inner(args, (message, urn) => findings.push({ message, urn }));
        if (findings.length === 0) return;
        const config = args.getConfig<Record<string, unknown>>();
        const byUrn = new Map<string, PolicyResource>(args.resources.map((r) => [r.urn, r]));
        for (const finding of findings) {
            const resource = finding.urn ? byUrn.get(finding.urn) : undefined;
            const checks = resource ? exceptionChecks(control, resource.props, resource.urn, resource.name, config) : [];
            reportWithExceptions(report, control, finding.message, checks, finding.urn);
        }
    };
    return { ...metadata(spec, control), validateStack: wrapped };
}
