import { expect } from "@open-wc/testing";
import { TaskBatch } from "../../src/task-batch.js";

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("TaskBatch", () => {
  it("hands what one task added over together, in order, in a task of its own", async () => {
    const flushed: number[][] = [];
    const batch = new TaskBatch<number>((items) => flushed.push(items));
    batch.add(1);
    batch.add(2);
    await Promise.resolve();
    batch.add(3); // a later microtask of the same task
    expect(flushed).to.deep.equal([]);
    await nextTask();
    expect(flushed).to.deep.equal([[1, 2, 3]]);
    batch.add(4);
    await nextTask();
    expect(flushed).to.deep.equal([[1, 2, 3], [4]]);
    batch.close();
  });

  it("flushNow hands over at once; close hands over what waits and then stops", async () => {
    const flushed: string[][] = [];
    const batch = new TaskBatch<string>((items) => flushed.push(items));
    batch.add("a");
    batch.flushNow();
    expect(flushed).to.deep.equal([["a"]]);
    await nextTask();
    // Nothing is handed over twice, and nothing empty.
    expect(flushed).to.deep.equal([["a"]]);
    batch.add("b");
    batch.close();
    expect(flushed).to.deep.equal([["a"], ["b"]]);
  });
});
