import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { cleanUserText } from '../user-text.ts';
import type { ResultView } from './result-view.ts';

export const DOCX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A source as the document names it: its title, and its link when it has one. */
export interface DocxSource {
  title: string;
  url?: string;
}

// Column widths of the answers table in percent: number, question, answer, answered by, effect.
const COLUMNS = [5, 37, 12, 18, 28];

/** People's text (case and display names) on one line, without hidden characters. */
const plain = (text: string) => cleanUserText(text).replace(/\s+/g, ' ').trim();

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, children: [new TextRun(text)] });

const para = (...runs: TextRun[]) => new Paragraph({ children: runs });

const labelled = (label: string, value: string) =>
  para(new TextRun({ text: `${label}: `, bold: true }), new TextRun(value));

function cell(text: string, width: number, bold = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: [para(new TextRun({ text, bold }))],
  });
}

function answersTable(s: ResultView, formatDate: (iso: string) => string): Table {
  const w = s.labels.words;
  const header = [' ', w.columnQuestion, w.columnAnswer, w.columnAnsweredBy, w.columnEffect];
  const rows = s.questions.map((q) => {
    const by = q.by && q.at ? `${plain(q.by.name || q.by.id)}, ${formatDate(q.at)}` : '';
    const effect = q.signalLabel && q.reason ? `${q.signalLabel}: ${q.reason}` : '';
    const question = q.decisive ? `${q.text} (${w.decisive})` : q.text;
    const cells = [String(q.number), question, q.answerLabel ?? w.notAnswered, by, effect];
    return new TableRow({ children: cells.map((text, i) => cell(text, COLUMNS[i] ?? 10)) });
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((text, i) => cell(text, COLUMNS[i] ?? 10, true)) }),
      ...rows,
    ],
  });
}

function sourceParagraph(source: DocxSource): Paragraph {
  if (!source.url) return new Paragraph({ bullet: { level: 0 }, children: [new TextRun(source.title)] });
  return new Paragraph({
    bullet: { level: 0 },
    children: [
      new ExternalHyperlink({ link: source.url, children: [new TextRun({ text: source.title, style: 'Hyperlink' })] }),
    ],
  });
}

/**
 * A run's result as a Word document, for officials who paste assessments into a tjänsteskrivelse: title and
 * case, the recommendation and its reasons first, then every answer in a table, next steps, sources and date.
 * The same view model as the chat reply and the Markdown export; resolves to the .docx bytes.
 */
export async function resultDocx(
  s: ResultView,
  formatDate: (iso: string) => string,
  describeSource: (id: string) => DocxSource = (id) => ({ title: id }),
): Promise<Uint8Array> {
  const w = s.labels.words;
  const title = `${s.checklistTitle}${s.caseName ? `: ${plain(s.caseName)}` : ''}`;
  const status = s.statusLabel.charAt(0).toUpperCase() + s.statusLabel.slice(1);
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
    labelled(w.date, formatDate(s.updatedAt)),
    labelled(w.startedBy, plain(s.startedBy.name || s.startedBy.id)),
    labelled(w.status, status),
    heading(w.recommendation, HeadingLevel.HEADING_1),
    para(new TextRun({ text: s.outcome.title, bold: true })),
  ];
  if (s.provisional) children.push(para(new TextRun({ text: w.provisional, italics: true })));
  children.push(para(new TextRun(s.outcome.explanation)));
  if (s.reasons.length > 0) {
    children.push(heading(w.reasons, HeadingLevel.HEADING_2));
    for (const r of s.reasons) {
      children.push(
        new Paragraph({
          bullet: { level: 0 },
          children: [
            new TextRun(`${r.questionText} `),
            new TextRun({ text: r.answerLabel, bold: true }),
            new TextRun(` – ${r.reason}`),
          ],
        }),
      );
    }
  }
  children.push(heading(w.criteria, HeadingLevel.HEADING_1), answersTable(s, formatDate));
  children.push(heading(w.nextSteps, HeadingLevel.HEADING_1));
  s.outcome.nextSteps.forEach((step, i) => {
    children.push(para(new TextRun(`${i + 1}. ${step}`)));
  });
  if (s.followUps.length > 0) {
    children.push(heading(w.followUps, HeadingLevel.HEADING_1));
    for (const f of s.followUps)
      children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(f.label)] }));
  }
  children.push(heading(w.sources, HeadingLevel.HEADING_1));
  for (const id of s.sources) children.push(sourceParagraph(describeSource(id)));
  if (s.basedOn) children.push(para(new TextRun({ text: `${w.basedOn}: ${s.basedOn}`, italics: true })));
  children.push(
    new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: w.disclaimer, italics: true })] }),
  );
  const document = new Document({
    title,
    creator: 'IOP-assistenten',
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
