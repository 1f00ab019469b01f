import { SaxesParser } from 'saxes';

export interface XmlHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  text?(text: string): void;
  close?(name: string): void;
}

/** Some writers spell the SpreadsheetML namespace with a prefix (`<x:c>`); only the local name matters. */
const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

type Options = { xmlns: false; position: false };

function xmlParser({ open, text, close }: XmlHandlers): SaxesParser<Options> {
  // Positions only serve error messages, which nobody reads here; not tracking them is faster.
  const parser = new SaxesParser<Options>({ xmlns: false, position: false });
  if (open) parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  return parser;
}

/** Parses a whole small part (workbook, relationships, styles, shared strings). */
export function parseXml(bytes: Uint8Array, handlers: XmlHandlers): void {
  xmlParser(handlers).write(new TextDecoder().decode(bytes)).close();
}

/** Parses a part chunk by chunk as it is inflated; a character split across two chunks is kept whole. */
export async function parseXmlChunks(
  chunks: AsyncIterable<Uint8Array>,
  handlers: XmlHandlers,
): Promise<void> {
  const parser = xmlParser(handlers);
  const decoder = new TextDecoder();
  for await (const chunk of chunks) parser.write(decoder.decode(chunk, { stream: true }));
  parser.write(decoder.decode()).close();
}
