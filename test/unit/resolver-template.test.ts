import { expect } from "@open-wc/testing";
import { absoluteTemplate } from "../../src/session/session-dependencies.js";

describe("a resolver template made absolute", () => {
  const page = "https://shop.example/en/checkout";
  for (const [template, expected] of [
    ["/xmppmini/{domain}.txt", "https://shop.example/xmppmini/{domain}.txt"],
    ["/xmppmini-proxy?domain={domain}", "https://shop.example/xmppmini-proxy?domain={domain}"],
    ["lookup/{domain}/xmppmini.txt", "https://shop.example/en/lookup/{domain}/xmppmini.txt"],
    ["https://shop.example/a/{domain}?again={domain}", "https://shop.example/a/{domain}?again={domain}"],
  ]) {
    it(`keeps the placeholder of ${template}`, () => {
      expect(absoluteTemplate(template!, page)).to.equal(expected);
    });
  }

  it("a template without the placeholder stays without it (the resolver refuses it with invalid-config)", () => {
    expect(absoluteTemplate("/xmppmini.txt", page)).to.equal("https://shop.example/xmppmini.txt");
  });
});
