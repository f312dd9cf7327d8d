/**
 * Encodes text as GB18030 (what Excel on a Chinese Windows writes for CSV), for test fixtures.
 * Node can decode GB18030 but not encode it, so the two-byte table is built once by decoding
 * every two-byte sequence; ASCII stays one byte. Enough for Chinese names and departments.
 */
let table: Map<string, Buffer> | undefined;

function buildTable(): Map<string, Buffer> {
  const map = new Map<string, Buffer>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const bytes = Buffer.from([lead, trail]);
      const ch = decoder.decode(bytes);
      if (ch.length === 1 && ch !== '\uFFFD' && !map.has(ch)) map.set(ch, bytes);
    }
  }
  return map;
}

/** `text` in GB18030; throws on a character outside the two-byte range. */
export function encodeGb18030(text: string): Buffer {
  table ??= buildTable();
  const parts: Buffer[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      parts.push(Buffer.from(ch, 'latin1'));
      continue;
    }
    const bytes = table.get(ch);
    if (!bytes) throw new Error(`encodeGb18030: no two-byte code for ${JSON.stringify(ch)}`);
    parts.push(bytes);
  }
  return Buffer.concat(parts);
}
