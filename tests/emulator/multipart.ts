/** A small multipart/form-data reader for the upload APIs (enough for what axios / form-data send). */

/** One part of a multipart body. */
export interface MultipartPart {
  name: string;
  /** The part's `filename`, when it declared one. */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** The boundary of a `multipart/form-data; boundary=…` content type, or undefined. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

function parseHeaders(text: string): { name?: string; filename?: string; contentType?: string } {
  const out: { name?: string; filename?: string; contentType?: string } = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-type') out.contentType = value;
    if (key !== 'content-disposition') continue;
    const name = /\bname="([^"]*)"/i.exec(value);
    const file = /\bfilename="([^"]*)"/i.exec(value);
    const fileStar = /\bfilename\*=UTF-8''([^;]+)/i.exec(value);
    if (name) out.name = name[1];
    if (fileStar?.[1]) out.filename = decodeURIComponent(fileStar[1]);
    else if (file) out.filename = file[1];
  }
  return out;
}

/** Splits a multipart body into its parts; returns undefined when it is not well formed. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) return undefined;
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts;
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') return undefined;
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) return undefined;
    const headers = parseHeaders(body.subarray(pos, headerEnd).toString('utf8'));
    const start = headerEnd + 4;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), start);
    if (next < 0) return undefined;
    if (headers.name === undefined) return undefined;
    parts.push({
      name: headers.name,
      ...(headers.filename !== undefined ? { filename: headers.filename } : {}),
      ...(headers.contentType ? { contentType: headers.contentType } : {}),
      data: Buffer.from(body.subarray(start, next)),
    });
    pos = next + 2;
  }
}
