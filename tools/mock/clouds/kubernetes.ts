import { CloudAnswers } from "../answers";

export const KUBERNETES_ANSWERS: CloudAnswers = {
    typePrefix: "kubernetes:",
    invokes: {},
    defaultOutputs: () => ({}),
    outputs: {},
};
