export { GkeHardenedCluster } from "./cluster";
export type { GkeHardenedClusterArgs } from "./cluster";
