import { expect } from "@open-wc/testing";
import { minifyCssText } from "../../build/minify-css-templates.js";

describe("minifyCssText (build)", () => {
  it("drops comments and spacing, and keeps what selectors, values and strings mean", () => {
    const text = `
      /* a comment */
      :host {
        --font: system-ui, "Segoe UI",   sans-serif;
      }
      li.day::after { content: ""; width: calc(100% - 2rem); }
      div :hover , a > b { color: red }
      @media (max-width: 30rem) and (prefers-color-scheme: dark) { p { margin: 0 } }
    `;
    expect(minifyCssText(text)).to.equal(
      ':host{--font: system-ui, "Segoe UI", sans-serif;}li.day::after{content: "";width: calc(100% - 2rem);}' +
        "div :hover , a > b{color: red}@media (max-width: 30rem) and (prefers-color-scheme: dark){p{margin: 0}}",
    );
  });
});
