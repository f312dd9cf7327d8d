/**
 * A streaming XML reader over saxes for the parts of an XLSX: bytes in, element names without
 * their namespace prefix out. No DTD or entity expansion (saxes refuses undefined entities).
 */
import { SaxesParser } from 'saxes';
import { UnreadableTableError } from './unreadable-table-error.js';

/** What a part reader does with the elements and text of its XML. */
export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

/** Streams bytes of one XML document into `handlers`; a handler may throw to stop. */
export interface XmlStream {
  write(chunk: Buffer): void;
  end(): void;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Creates an {@link XmlStream}; malformed XML throws {@link UnreadableTableError}. */
export function createXmlStream(part: string, handlers: XmlHandlers): XmlStream {
  const parser = new SaxesParser({ position: false });
  const decoder = new TextDecoder('utf-8');
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), tag.attributes as Record<string, string>));
  parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
  parser.on('text', (text) => handlers.text(text));
  parser.on('cdata', (text) => handlers.text(text));
  parser.on('error', (error) => {
    throw new UnreadableTableError(`XLSX ${part}: ${error.message}`, { cause: error });
  });
  return {
    write(chunk) {
      parser.write(decoder.decode(chunk, { stream: true }));
    },
    end() {
      parser.write(decoder.decode());
      parser.close();
    },
  };
}

/** The value of an attribute whatever its prefix (`r:id`, `d3p1:id`). */
export function prefixedAttribute(attributes: Record<string, string>, local: string): string | undefined {
  for (const [name, value] of Object.entries(attributes)) {
    if (name.includes(':') && localName(name) === local) return value;
  }
  return undefined;
}
