import { SaxesParser } from 'saxes';
import { fileError, LIMITS, limitError } from './limits';

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
  // No spreadsheet part has a DOCTYPE; one can only declare entities (billion laughs, external files).
  // saxes expands neither, but such a file is refused outright rather than read half-way.
  parser.on('doctype', () => {
    throw fileError('doctype', '文件中含有不允许的 XML 声明（DOCTYPE），可能是被篡改的文件，无法导入。');
  });
  // Deep nesting only grows saxes's tag stack, but no real part nests past a handful of levels.
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (++depth > LIMITS.xmlDepth) throw limitError('xmlDepth', depth);
    if (tag.isSelfClosing) depth--;
    open?.(localName(tag.name), tag.attributes);
  });
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) depth--;
    close?.(localName(tag.name));
  });
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
