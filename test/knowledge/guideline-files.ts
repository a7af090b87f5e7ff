// Real .docx and tagged .pdf files built in the test, with the kind of content a municipality's IOP guideline has.
import { strToU8, zipSync } from 'fflate';
import { PDFDocument, PDFName, PDFNumber, PDFOperator, PDFOperatorNames, type PDFRef, StandardFonts } from 'pdf-lib';

/** A block of the guideline: a heading (level 1–3), a paragraph, a bulleted list or a table. */
export type GuidelineBlock =
  | { heading: string; level: 1 | 2 | 3 }
  | { paragraph: string }
  | { list: string[] }
  | { table: string[][] };

/** Lerum's (made-up) IOP guideline: decision rules, amounts, deadlines and a notice period. */
export const LERUM_GUIDELINE: GuidelineBlock[] = [
  { heading: 'Riktlinjer för idéburet offentligt partnerskap i Lerums kommun', level: 1 },
  {
    paragraph: 'Riktlinjerna antogs av kommunfullmäktige den 14 mars 2024 och gäller till och med 31 december 2027.',
  },
  { heading: '1. Beslut och delegation', level: 2 },
  {
    paragraph:
      'Beslut om att ingå en IOP fattas av kultur- och fritidsnämnden. Överenskommelser under 300 000 kronor per år beslutas av förvaltningschefen på delegation.',
  },
  { heading: '2. Ekonomisk ersättning', level: 2 },
  {
    paragraph:
      'Kommunens ersättning till en idéburen organisation i ett partnerskap är högst 750 000 kronor per år. Organisationen ska bidra med egna resurser.',
  },
  {
    table: [
      ['Årlig ersättning', 'Beslutas av'],
      ['under 300 000 kronor', 'förvaltningschefen'],
      ['300 000–750 000 kronor', 'kultur- och fritidsnämnden'],
    ],
  },
  { heading: '3. Ansökan och tidsfrister', level: 2 },
  {
    paragraph:
      'En idéburen organisation som vill ingå partnerskap lämnar sin ansökan senast den 31 oktober året före det år partnerskapet ska börja.',
  },
  { list: ['beskrivning av verksamheten', 'budget', 'senaste årsredovisning'] },
  { heading: '4. Uppsägning av överenskommelsen', level: 2 },
  {
    paragraph:
      'Båda parter kan säga upp överenskommelsen. Uppsägningstiden är sex månader och uppsägningen ska vara skriftlig.',
  },
];

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function run(text: string): string {
  return `<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

function docxBody(blocks: GuidelineBlock[]): string {
  return blocks
    .map((b) => {
      if ('heading' in b) return `<w:p><w:pPr><w:pStyle w:val="Heading${b.level}"/></w:pPr>${run(b.heading)}</w:p>`;
      if ('paragraph' in b) return `<w:p>${run(b.paragraph)}</w:p>`;
      if ('list' in b) {
        return b.list
          .map(
            (item) =>
              `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${run(item)}</w:p>`,
          )
          .join('');
      }
      const rows = b.table.map((r) => `<w:tr>${r.map((c) => `<w:tc><w:p>${run(c)}</w:p></w:tc>`).join('')}</w:tr>`);
      return `<w:tbl>${rows.join('')}</w:tbl>`;
    })
    .join('');
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A minimal but real .docx (Office Open XML zip) with Word's heading styles and a bulleted list. */
export function buildDocx(blocks: GuidelineBlock[]): Uint8Array {
  const headingStyles = [1, 2, 3]
    .map(
      (n) =>
        `<w:style w:type="paragraph" w:styleId="Heading${n}"><w:name w:val="heading ${n}"/><w:basedOn w:val="Normal"/></w:style>`,
    )
    .join('');
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/_rels/document.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>',
    ),
    'word/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>${headingStyles}</w:styles>`,
    ),
    'word/numbering.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${docxBody(blocks)}</w:body></w:document>`,
    ),
  });
}

/** Words wrapped to lines of at most `width` characters. */
function wrap(text: string, width = 85): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A tagged PDF (a structure tree with H1/H2, P, L/LI and Table/TR/TD elements over marked content), as a word
 * processor's "export as accessible PDF" writes it. Every heading is set in the same size as the body text, so
 * only the tags tell headings apart.
 */
export async function buildTaggedPdf(blocks: GuidelineBlock[], options: { title?: string } = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  if (options.title) pdf.setTitle(options.title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  const { context } = pdf;
  const pageRef = page.ref;
  const rootRef = context.nextRef();
  const documentRef = context.nextRef();
  const marked: PDFRef[] = [];
  const children: PDFRef[] = [];
  let y = 800;

  const markedText = (parent: PDFRef, role: string, text: string): PDFRef => {
    const mcid = marked.length;
    const ref = context.register(context.obj({ Type: 'StructElem', S: role, P: parent, Pg: pageRef, K: mcid }));
    marked.push(ref);
    page.pushOperators(
      PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [
        PDFName.of(role),
        context.obj({ MCID: mcid }) as unknown as PDFName,
      ]),
    );
    for (const line of wrap(text)) {
      page.drawText(line, { x: 50, y, size: 10, font });
      y -= 14;
    }
    page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
    y -= 6;
    return ref;
  };
  const element = (parent: PDFRef, role: string, fill: (self: PDFRef) => PDFRef[]): PDFRef => {
    const ref = context.nextRef();
    const kids = fill(ref);
    context.assign(ref, context.obj({ Type: 'StructElem', S: role, P: parent, Pg: pageRef, K: kids }));
    return ref;
  };

  for (const block of blocks) {
    if ('heading' in block) children.push(markedText(documentRef, `H${block.level}`, block.heading));
    else if ('paragraph' in block) children.push(markedText(documentRef, 'P', block.paragraph));
    else if ('list' in block) {
      children.push(
        element(documentRef, 'L', (list) =>
          block.list.map((item) => element(list, 'LI', (li) => [markedText(li, 'LBody', `• ${item}`)])),
        ),
      );
    } else {
      children.push(
        element(documentRef, 'Table', (table) =>
          block.table.map((row, r) =>
            element(table, 'TR', (tr) =>
              row.map((cell) => element(tr, r === 0 ? 'TH' : 'TD', (td) => [markedText(td, 'P', cell)])),
            ),
          ),
        ),
      );
    }
  }
  const parentTree = context.register(context.obj({ Nums: [0, marked] }));
  context.assign(documentRef, context.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: children }));
  context.assign(rootRef, context.obj({ Type: 'StructTreeRoot', K: [documentRef], ParentTree: parentTree }));
  page.node.set(PDFName.of('StructParents'), PDFNumber.of(0));
  pdf.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  pdf.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  return pdf.save({ useObjectStreams: false });
}

/** The guideline as a municipality's web page: headings, paragraphs, a list and a table in HTML. */
export function buildHtml(blocks: GuidelineBlock[]): Uint8Array {
  const body = blocks
    .map((b) => {
      if ('heading' in b) return `<h${b.level}>${esc(b.heading)}</h${b.level}>`;
      if ('paragraph' in b) return `<p>${esc(b.paragraph)}</p>`;
      if ('list' in b) return `<ul>${b.list.map((item) => `<li>${esc(item)}</li>`).join('')}</ul>`;
      const [head, ...rows] = b.table;
      const cells = (row: string[] | undefined, tag: string) =>
        (row ?? []).map((c) => `<${tag}>${esc(c)}</${tag}>`).join('');
      return `<table><thead><tr>${cells(head, 'th')}</tr></thead><tbody>${rows.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('')}</tbody></table>`;
    })
    .join('\n');
  return strToU8(
    `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>IOP i Lerum</title></head><body><nav><a href="/">Start</a></nav><main>${body}</main></body></html>`,
  );
}
