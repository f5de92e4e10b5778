import { runStack } from "./harness";
import { listStacks } from "../tools/mock/stack-files";

test("every shipped stack runs under mocks", async () => {
    for (const stack of listStacks()) {
        const { resources } = await runStack(stack);
        expect(resources.length).toBeGreaterThan(1);
    }
});
