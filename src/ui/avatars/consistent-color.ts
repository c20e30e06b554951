// XEP-0392 Consistent Color Generation: the same address gets the same hue in every client that follows it.
// Its angle needs the SHA-1 of the text at render time, where WebCrypto's digest (a promise) would show a
// grey first; a 20-byte digest of an address is a few microseconds here.

/** SHA-1 (RFC 3174) of `bytes`. */
function sha1(bytes: Uint8Array): Uint8Array {
  const length = bytes.length;
  const padded = new Uint8Array((((length + 8) >> 6) + 1) << 6);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 4, length * 8);
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  const words = new Uint32Array(80);
  let [a, b, c, d, e] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  for (let block = 0; block < padded.length; block += 64) {
    for (let index = 0; index < 16; index += 1) words[index] = view.getUint32(block + index * 4);
    for (let index = 16; index < 80; index += 1) {
      const mixed = words[index - 3]! ^ words[index - 8]! ^ words[index - 14]! ^ words[index - 16]!;
      words[index] = (mixed << 1) | (mixed >>> 31);
    }
    let [h0, h1, h2, h3, h4] = [a, b, c, d, e];
    for (let index = 0; index < 80; index += 1) {
      const [f, k] =
        index < 20
          ? [(h1 & h2) | (~h1 & h3), 0x5a827999]
          : index < 40
            ? [h1 ^ h2 ^ h3, 0x6ed9eba1]
            : index < 60
              ? [(h1 & h2) | (h1 & h3) | (h2 & h3), 0x8f1bbcdc]
              : [h1 ^ h2 ^ h3, 0xca62c1d6];
      const next = (((h0 << 5) | (h0 >>> 27)) + f + h4 + k + words[index]!) >>> 0;
      [h4, h3, h2, h1, h0] = [h3, h2, (h1 << 30) | (h1 >>> 2), h0, next];
    }
    [a, b, c, d, e] = [(a + h0) >>> 0, (b + h1) >>> 0, (c + h2) >>> 0, (d + h3) >>> 0, (e + h4) >>> 0];
  }
  const digest = new Uint8Array(20);
  const out = new DataView(digest.buffer);
  [a, b, c, d, e].forEach((word, index) => out.setUint32(index * 4, word));
  return digest;
}

const hues = new Map<string, number>();

/** XEP-0392 §5.1: the hue angle (0–360) of `text`: the first 16 bits of its SHA-1, least significant byte first. */
export function consistentHue(text: string): number {
  let hue = hues.get(text);
  if (hue === undefined) {
    const digest = sha1(new TextEncoder().encode(text));
    hue = ((digest[0]! | (digest[1]! << 8)) / 65536) * 360;
    if (hues.size > 1000) hues.clear();
    hues.set(text, hue);
  }
  return hue;
}
