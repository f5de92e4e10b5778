import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childOpts } from "../options";
import { AdmissionPolicyPlan, TENANT_NAMESPACE_SELECTOR } from "./plan";

export interface AdmissionControlArgs {
    /** The policies to register, from `planAdmission`. */
    readonly policies: readonly AdmissionPolicyPlan[];
}

/**
 * Built-in ValidatingAdmissionPolicies (GA since 1.30, no webhook or controller to keep alive) that hold
 * the pod, image and Service rules for everything created in tenant namespaces, also outside Pulumi.
 */
export class AdmissionControl extends pulumi.ComponentResource {
    constructor(name: string, args: AdmissionControlArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:kubernetes:AdmissionControl", name, {}, opts);
        for (const plan of args.policies) {
            const policy = new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(
                `${name}-${plan.key}`,
                {
                    metadata: { name: plan.policyName },
                    spec: {
                        // HC-ADM-01: an expression error or missing variable rejects the request (fail closed).
                        failurePolicy: "Fail",
                        matchConstraints: { resourceRules: plan.resourceRules },
                        variables: plan.variables.map((v) => ({ name: v.name, expression: v.expression })),
                        validations: plan.validations.map((v) => ({
                            expression: v.expression,
                            message: `[${v.controlId}] ${v.message}`,
                            reason: "Forbidden",
                        })),
                    },
                },
                childOpts(this, opts),
            );
            new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(
                `${name}-${plan.key}`,
                {
                    metadata: { name: `${plan.policyName}-binding` },
                    spec: {
                        policyName: policy.metadata.name,
                        validationActions: [...plan.validationActions],
                        matchResources: { namespaceSelector: TENANT_NAMESPACE_SELECTOR },
                    },
                },
                childOpts(this, opts),
            );
        }
        this.registerOutputs({});
    }
}
