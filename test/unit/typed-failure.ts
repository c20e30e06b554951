import { expect } from "@open-wc/testing";
import { XmppminiError } from "../../src/errors.js";

/** The typed error `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<XmppminiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(XmppminiError);
    return error as XmppminiError;
  }
  throw new Error("resolved, expected an error");
}
