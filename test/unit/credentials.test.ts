import { expect } from "@open-wc/testing";
import { CREDENTIALS_TIMEOUT_MS, fetchCredentials } from "../../src/session/credentials.js";
import type { FetchLike } from "../../src/xmppmini/fetch-text.js";
import { failure } from "./typed-failure.js";

const PAGE = { base: "https://shop.example/account/", origin: "https://shop.example" };
const ACCOUNT = JSON.stringify({ jid: "Alice@Example.org", password: "secret" });

function answer(body: string, finalUrl?: string): Response {
  const response = new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  if (finalUrl !== undefined) {
    Object.defineProperty(response, "redirected", { value: true });
    Object.defineProperty(response, "url", { value: finalUrl });
  }
  return response;
}

/** A backend that never answers (until the request is aborted). */
const hanging: FetchLike = (_input, init) =>
  new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)));

describe("credentials-url", () => {
  it("gives the account the site's own origin answers, sending its cookies", async () => {
    let asked: { url: string; init?: RequestInit } | undefined;
    const fetch: FetchLike = async (url, init) => {
      asked = { url, ...(init && { init }) };
      return answer(ACCOUNT);
    };
    expect(await fetchCredentials("/api/chat-account", { ...PAGE, fetch })).to.deep.equal({
      jid: "alice@example.org",
      password: "secret",
    });
    expect(asked?.url).to.equal("https://shop.example/api/chat-account");
    expect(asked?.init?.credentials).to.equal("same-origin");
  });

  it("a redirect within the site is followed", async () => {
    const fetch: FetchLike = async () => answer(ACCOUNT, "https://shop.example/api/v2/chat-account");
    expect(await fetchCredentials("/api/chat-account", { ...PAGE, fetch })).to.deep.equal({
      jid: "alice@example.org",
      password: "secret",
    });
  });

  it("an answer redirected from another origin is not used", async () => {
    const fetch: FetchLike = async () =>
      answer(JSON.stringify({ jid: "mallory@evil.example", password: "x" }), "https://evil.example/account");
    const error = await failure(fetchCredentials("/api/chat-account", { ...PAGE, fetch }));
    expect(error.code).to.equal("credentials-unavailable");
    expect(error.message).to.equal(
      "The site gave no chat account at /api/chat-account: it redirected to https://evil.example/account, another site, and an account from there is not used.",
    );
  });

  it("a backend that does not answer times out, saying so", async () => {
    expect(CREDENTIALS_TIMEOUT_MS).to.equal(15_000);
    const error = await failure(fetchCredentials("/api/chat-account", { ...PAGE, fetch: hanging, timeoutMs: 50 }));
    expect(error.code).to.equal("timeout");
    expect(error.message).to.include(
      "The site's credentials endpoint /api/chat-account did not answer within 0.05 s; no chat account was given.",
    );
  });

  it("a body that never ends times out too", async () => {
    const fetch: FetchLike = async (_input, init) => {
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"jid": '));
          init?.signal?.addEventListener("abort", () => controller.error(init.signal!.reason));
        },
      });
      return new Response(body, { status: 200 });
    };
    expect((await failure(fetchCredentials("/api/chat-account", { ...PAGE, fetch, timeoutMs: 50 }))).code).to.equal(
      "timeout",
    );
  });
});
