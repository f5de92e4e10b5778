import * as k8s from "@pulumi/kubernetes";
import { ResourceValidation } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { isKindOf, KINDS, KindRef, list, objectsOf, record } from "./objects";
import { chartReferenceIs } from "./releases";

const WEBHOOK_KINDS: readonly KindRef[] = [KINDS.validatingWebhookConfiguration, KINDS.mutatingWebhookConfiguration];

/**
 * Charts whose admission webhook's failurePolicy is a chart value. Checked against the chart's templates
 * and values.schema.json (sigstore/helm-charts, policy-controller 0.7.x through the versions published
 * since, including the pinned 0.10.6): `webhook.failurePolicy` (default Fail) is templated into both the
 * ValidatingWebhookConfiguration and the MutatingWebhookConfiguration that verify image signatures.
 */
export const CHART_WEBHOOK_FAILURE_POLICIES: readonly { readonly chart: string; readonly path: readonly string[] }[] = [
    { chart: "policy-controller", path: ["webhook", "failurePolicy"] },
];

function valueAt(values: unknown, path: readonly string[]): unknown {
    let current = values;
    for (const key of path) current = record(current)?.[key];
    return current;
}

const checkRelease: ResourceValidation = (args, report) => {
    const props = args.props as Record<string, unknown>;
    const chart = props["chart"];
    for (const known of CHART_WEBHOOK_FAILURE_POLICIES) {
        if (!chartReferenceIs(chart, known.chart)) continue;
        const value = valueAt(props["values"], known.path);
        if (value !== undefined && value !== null && value !== "Fail") {
            report(
                `Release ${args.name} (chart ${known.chart}) sets values.${known.path.join(".")} to ${JSON.stringify(value)}, so its admission webhooks admit every request when the webhook is down; set it to "Fail" or leave it unset`,
            );
        }
    }
};

/**
 * HC-ADM-01: admission webhooks fail closed. Every webhook of a ValidatingWebhookConfiguration or
 * MutatingWebhookConfiguration has failurePolicy Fail: unset is Fail in admissionregistration.k8s.io/v1 but
 * Ignore in v1beta1, so an unset one is refused there; a server-side-apply patch is judged on what it sets.
 * Webhooks a Helm v3 Release installs are invisible as objects, so the known charts' failurePolicy value is
 * checked on the Release (the Sigstore policy-controller's `webhook.failurePolicy`; values given through
 * valueYamlFiles are files this policy cannot read). Charts rendered by
 * helm.v4.Chart or yaml.v2 register their webhook objects and are checked as objects.
 */
export const webhookRequireFailClosed = controlResourcePolicy({
    name: "kubernetes-webhook-require-fail-closed",
    controlId: "HC-ADM-01",
    description: "Validating and mutating admission webhooks (including those a Helm release configures) have failurePolicy Fail.",
    remediationSteps:
        'Set failurePolicy: Fail on every webhook (and the chart value, e.g. policy-controller webhook.failurePolicy: "Fail").',
    validateResource: (args, report) => {
        if (args.isType(k8s.helm.v3.Release)) return checkRelease(args, report);
        if (!isKindOf(args.type, WEBHOOK_KINDS)) return args.notApplicable("not an admission webhook configuration or Helm release");
        for (const configuration of objectsOf(args.type, args.props as Record<string, unknown>, args.name, WEBHOOK_KINDS)) {
            const defaultPolicy = configuration.version === "v1beta1" ? "Ignore" : "Fail";
            list<Record<string, unknown>>(configuration.body["webhooks"]).forEach((webhook, i) => {
                const given = webhook["failurePolicy"];
                if (configuration.variant === "patch" && (given === undefined || given === null)) return;
                const effective = given === undefined || given === null ? defaultPolicy : String(given);
                if (effective === "Fail") return;
                const name = typeof webhook["name"] === "string" ? webhook["name"] : `#${i + 1}`;
                report(
                    `${configuration.label} webhook ${name} has failurePolicy ${effective}${given === undefined || given === null ? ` (unset: the ${configuration.version} default)` : ""}, so it admits every request when the webhook is down; set failurePolicy to Fail`,
                );
            });
        }
    },
});
