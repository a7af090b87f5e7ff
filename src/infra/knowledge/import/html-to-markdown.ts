import TurndownService from 'turndown';

type TurndownNode = Parameters<TurndownService.ReplacementFunction>[1];

function cellText(cell: TurndownNode, content: string): string {
  return (
    content
      .replace(/\s*\n\s*/g, ' ')
      .replace(/\|/g, '\\|')
      .trim() || (cell.textContent ?? '').trim()
  );
}

/**
 * HTML (from mammoth or a municipality's web page) as Markdown with `#` headings, `-` lists and pipe tables, so
 * lists and tables survive into the knowledge document as the municipality wrote them.
 */
export function htmlToMarkdown(html: string): string {
  const turndown = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
  });
  // Word's table of contents and page anchors are links to the document itself: keep the words, drop the link.
  turndown.addRule('local-anchors', {
    filter: (node) => node.nodeName === 'A' && /^#/.test(node.getAttribute('href') ?? ''),
    replacement: (content) => content,
  });
  turndown.remove(['head', 'title', 'script', 'style', 'nav']);
  turndown.addRule('images', { filter: 'img', replacement: () => '' });
  turndown.addRule('table-cell', {
    filter: ['th', 'td'],
    replacement: (content, node) => ` ${cellText(node, content)} |`,
  });
  turndown.addRule('table-row', {
    filter: 'tr',
    replacement: (content, node) => {
      const row = `|${content}\n`;
      const parent = node.parentNode as TurndownNode | null;
      const isFirst =
        parent !== null &&
        (parent.nodeName === 'THEAD' || (parent.firstChild === node && parent.previousSibling === null));
      if (!isFirst) return row;
      const cells = (node as unknown as { cells?: ArrayLike<unknown> }).cells?.length ?? content.split('|').length - 1;
      return `${row}|${' --- |'.repeat(cells)}\n`;
    },
  });
  turndown.addRule('table', {
    filter: 'table',
    replacement: (content) => `\n\n${content.replace(/\n+/g, '\n').trim()}\n\n`,
  });
  turndown.addRule('table-section', {
    filter: ['thead', 'tbody', 'tfoot'],
    replacement: (content) => content,
  });
  return (
    turndown
      .turndown(html)
      .replace(/\u00a0/g, ' ')
      // turndown pads list markers to four columns ("-   item"); one space reads as the knowledge files do.
      .replace(/^(\s*)(-|\d+\.)\s+/gm, '$1$2 ')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}
