import { execFile } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/**
 * A throw-away certificate for `name`, made with openssl in a temp dir (removed again), valid for a day.
 * `spki` is the base64 SHA-256 of its public key (SubjectPublicKeyInfo), the form Chromium's
 * --ignore-certificate-errors-spki-list takes: the browser trusts this one key and nothing else.
 */
export async function selfSignedCertificate(name: string): Promise<{ key: string; cert: string; spki: string }> {
  const dir = await mkdtemp(join(tmpdir(), "xmppmini-cert-"));
  try {
    const [keyPath, certPath] = [join(dir, "key.pem"), join(dir, "cert.pem")];
    await promisify(execFile)("openssl", [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      `/CN=${name}`,
      "-addext",
      `subjectAltName=DNS:${name}`,
      "-keyout",
      keyPath,
      "-out",
      certPath,
    ]);
    const [key, cert] = await Promise.all([readFile(keyPath, "utf8"), readFile(certPath, "utf8")]);
    const spkiDer = new X509Certificate(cert).publicKey.export({ type: "spki", format: "der" });
    return { key, cert, spki: createHash("sha256").update(spkiDer).digest("base64") };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
