import { expect, test } from "./fixtures.js";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { startStaticServer } from "../../scripts/lib/static-server.mjs";
import { widgetOn } from "./widget.js";

const run = promisify(execFile);
const ROOT = resolve(".");
const installed = (name: string) =>
  (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;

/**
 * The package as a developer gets it: `npm pack` of what the build made, installed into a scratch Vite
 * project (test/package/app) holding a React app and a Vue app, built by the app's own Vite.
 */
test.describe.serial("the npm package", () => {
  let app = "";

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    app = mkdtempSync(join(tmpdir(), "xmppmini-package-"));
    // --ignore-scripts: pack what the suite's build made (prepack would build it again).
    const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", app], {
      cwd: ROOT,
    });
    const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
    cpSync(join(ROOT, "test/package/app"), app, { recursive: true });
    const versions = ["react", "react-dom", "@types/react", "vue", "@vitejs/plugin-vue", "vite"];
    writeFileSync(
      join(app, "package.json"),
      JSON.stringify({
        name: "scratch-app",
        private: true,
        type: "module",
        dependencies: {
          "xmppmini-chat": `file:./${filename}`,
          ...Object.fromEntries(versions.map((name) => [name, installed(name)])),
        },
      }),
    );
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: app });
    await run("npx", ["vite", "build", "--logLevel", "error"], { cwd: app });
  });

  test.afterAll(() => {
    if (app) rmSync(app, { recursive: true, force: true });
  });

  test("the tarball holds the builds, the types and the manifest, and no sources or tests", () => {
    const packed = readdirSync(join(app, "node_modules/xmppmini-chat"), { recursive: true }).map(String);
    for (const file of [
      "dist/xmppmini-chat.js",
      "dist/xmppmini-chat.d.ts",
      "dist/loader.d.ts",
      "dist/react.d.ts",
      "dist/vue.d.ts",
      "dist/custom-elements.json",
      "cdn/xmppmini-chat.js",
      "cdn/xmppmini-loader.js",
      "LICENSE",
      "README.md",
    ])
      expect(packed).toContain(file);
    expect(packed.filter((file) => /^(src|test|scripts|bench)\//.test(file))).toEqual([]);
    const types = ["xmppmini-chat", "loader", "react", "vue"].map((entry) =>
      readFileSync(join(app, `node_modules/xmppmini-chat/dist/${entry}.d.ts`), "utf8"),
    );
    // The types stand alone: nothing of xmpp.js leaks into them.
    for (const text of types) expect(text).not.toMatch(/@xmpp\//);
  });

  test("Node imports every entry without throwing, and defines nothing there", async () => {
    const script = `
      for (const entry of ["xmppmini-chat", "xmppmini-chat/loader", "xmppmini-chat/react"]) await import(entry);
      console.log(JSON.stringify({ defined: Boolean(globalThis.customElements?.get?.("xmppmini-chat")) }));`;
    const { stdout } = await run("node", ["--input-type=module", "-e", script], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({ defined: false });
  });

  test("a TypeScript app type-checks against the packed types; one with mistakes does not", async () => {
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    await run("node", [tsc, "-p", "tsconfig.json"], { cwd: app });
    const failed = await run("node", [tsc, "-p", "tsconfig.error.json"], { cwd: app }).then(
      () => "",
      (error: { stdout: string }) => error.stdout,
    );
    expect(failed).toContain("Property 'nosuch' does not exist");
    expect(failed).toContain("'string' is not assignable to type 'number'");
    expect(failed).toContain('"nosuchevent"');
    expect(failed).toContain('"sideways"');
  });

  for (const framework of ["react", "vue"]) {
    test(`a ${framework} app built with the package signs in, hears a bot and answers it`, async ({
      page,
      server,
      newAccount,
      newBot,
    }) => {
      const site = (await startStaticServer({ mounts: { "/": join(app, "dist") } })) as {
        url: string;
        close(): Promise<void>;
      };
      try {
        const alice = await newAccount("alice");
        const bot = await newBot({ prefix: "bot" });
        const query = new URLSearchParams({ ...alice, service: server.service, peer: bot.bareJid });
        await page.goto(`${site.url}/${framework}.html?${query}`);
        await expect(page.locator("body")).toHaveAttribute("data-status", "online");
        const widget = widgetOn(page);
        await bot.send(alice.jid, `hello from the ${framework} test`);
        await widget.expectMessage(`hello from the ${framework} test`, { direction: "in" });
        await widget.send("hello bot");
        await bot.waitFor((messages) => messages.some((message) => message.body === "hello bot"));
        await expect
          .poll(() => page.evaluate(() => (window as unknown as { heard: string[] }).heard))
          .toEqual([`in: hello from the ${framework} test`, "out: hello bot"]);
      } finally {
        await site.close();
      }
    });
  }
});

/** Every match of `pattern`'s first group in the files under `folder` (TypeScript sources). */
function foundIn(folder: string, pattern: RegExp): Set<string> {
  const found = new Set<string>();
  for (const file of readdirSync(folder, { recursive: true }).map(String))
    if (file.endsWith(".ts"))
      for (const match of readFileSync(join(folder, file), "utf8").matchAll(pattern)) found.add(match[1]!);
  return found;
}

test.describe("the element's description", () => {
  interface Named {
    name: string;
    description?: string;
  }
  const manifest = () =>
    JSON.parse(readFileSync("dist/custom-elements.json", "utf8")) as {
      modules: Array<{
        declarations?: Array<{
          tagName?: string;
          attributes?: Named[];
          events?: Named[];
          cssParts?: Named[];
          cssProperties?: Named[];
          slots?: Named[];
        }>;
      }>;
    };

  test("the manifest lists every attribute, event, part, custom property and slot the source has, each described", () => {
    const element = manifest()
      .modules.flatMap((module) => module.declarations ?? [])
      .find((declaration) => declaration.tagName === "xmppmini-chat")!;
    const names = (list: Named[] = []) => new Set(list.map((item) => item.name));
    // Lit's property table: each property's attribute is its `attribute` option, or its name in lower case.
    const table = readFileSync("src/ui/chat-properties.ts", "utf8");
    const attributes = new Set(
      [...table.matchAll(/^ {4}(\w+): \{([^}]*)\}/gm)].map(
        ([, property, options]) => /attribute: "([^"]+)"/.exec(options!)?.[1] ?? property!.toLowerCase(),
      ),
    );
    attributes.add("lang"); // observed by the element itself (see its observedAttributes)
    expect(names(element.attributes)).toEqual(attributes);
    expect(names(element.events)).toEqual(
      foundIn("src", /(?:widgetEvent(?:<\w+>)?|new CustomEvent)\(\s*"(xmppmini-[a-z-]+)"/g),
    );
    expect(names(element.cssParts)).toEqual(foundIn("src/ui", /part="([a-z-]+)"/g));
    expect(names(element.cssProperties)).toEqual(foundIn("src/ui", /var\((--xmppmini-[a-z-]+)/g));
    expect(names(element.slots)).toEqual(foundIn("src/ui", /<slot name="([a-z-]+)"/g));
    const undescribed = [element.attributes, element.events, element.cssParts, element.cssProperties, element.slots]
      .flatMap((list) => list ?? [])
      .filter((item) => !item.description?.trim())
      .map((item) => item.name);
    expect(undescribed).toEqual([]);
  });

  test("docs/reference.md says what the manifest says", async () => {
    await run("node", ["scripts/reference-doc.mjs"], { cwd: ROOT });
  });
});
