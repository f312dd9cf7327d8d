/**
 * Decodes a text file whose encoding nobody told us: UTF-8 with or without a BOM, UTF-16 with a
 * BOM (Excel's "Unicode text"), or GB18030 — what Excel on a Chinese Windows writes for "CSV".
 */

/** The encodings {@link decodeText} recognises. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** The text and the encoding it was read as. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/**
 * Reads `bytes` as text. A BOM decides; otherwise strict UTF-8 is tried first (GB18030 text
 * with Chinese characters is almost never valid UTF-8), then GB18030, a superset of GBK and
 * GB2312. The BOM is not part of the text.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
