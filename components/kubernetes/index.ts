export { KubernetesBaseline } from "./baseline";
export type { KubernetesBaselineArgs } from "./baseline";
