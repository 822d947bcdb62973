/**
 * JSON text with every character above U+007F written as a `\uXXXX` escape: the same values to
 * JSON.parse, in a file of ASCII only. V8 reads an ASCII file into a one-byte string; a single
 * `ö` in a cache of 100,000 tickets made the whole text two bytes a character, which took twice
 * the memory and about a third longer to read and parse. For the caches in `.opsbook-cache/`.
 */
const NON_ASCII = /[\u0080-\uffff]/g;

export function asciiJson(json: string): string {
  NON_ASCII.lastIndex = 0;
  if (!NON_ASCII.test(json)) return json;
  return json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
