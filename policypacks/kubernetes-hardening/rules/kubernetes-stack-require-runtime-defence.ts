import { controlStackPolicy } from "../../lib/define";
import { hasKubernetes } from "./of-types";
import { releasesOfChart, unpinned } from "./releases";

/** HC-RUN-02: a stack that runs Kubernetes installs Falco (a pinned Helm release). */
export const stackRequireRuntimeDefence = controlStackPolicy({
    name: "kubernetes-stack-require-runtime-defence",
    controlId: "HC-RUN-02",
    description: "A stack with a Kubernetes cluster installs Falco runtime threat detection from a pinned chart.",
    remediationSteps: "Keep hardened-cluster:baseline.runtimeDefence true (the default).",
    validateStack: (args, report) => {
        if (!hasKubernetes(args.resources)) return args.notApplicable("no Kubernetes resources in the stack");
        const releases = releasesOfChart(args.resources, "falco");
        if (releases.length === 0) {
            report(
                "the stack runs Kubernetes without runtime threat detection: no falco Helm release; set hardened-cluster:baseline.runtimeDefence to true",
            );
            return;
        }
        for (const release of releases) {
            const problem = unpinned(release);
            if (problem) report(`${problem}; pin the falco chart version`, release.urn);
        }
    },
});
