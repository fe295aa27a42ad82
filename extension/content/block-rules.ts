// Which elements hold readable prose, decided from plain facts about an element (tag, role, attributes,
// computed display/visibility) so the rules are unit-tested without a DOM.

export type ElementKind =
  /** Not readable prose, and nothing inside it is either. */
  | 'skip'
  | 'br'
  /** Flows with the surrounding text (also display:contents, whose children belong to the parent). */
  | 'inline'
  /** A block box: a paragraph if it holds only text, a post body if it holds paragraphs. */
  | 'block'
  /** Lists and quotes: groups of paragraphs that stay part of the post around them. */
  | 'prose'
  /** Table structure: its cells are read one by one, never glued into one text. */
  | 'grid';

export interface ElementFacts {
  /** Lower-case local name. */
  tag: string;
  role: string | null;
  /** Computed `display`. */
  display: string;
  /** Computed `visibility`. */
  visibility: string;
  hidden: boolean;
  ariaHidden: boolean;
  editable: boolean;
  /** Clips its content to (almost) nothing: a zero-height overflow:hidden box, a screen-reader-only label. */
  clipped: boolean;
  /** One of the extension's own UI hosts. */
  ours: boolean;
}

const SKIP_TAGS = new Set([
  // not text
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'base',
  'img', 'picture', 'svg', 'math', 'canvas', 'video', 'audio', 'iframe', 'frame', 'frameset', 'object', 'embed', 'map',
  // code and machine text: its tokens say nothing about prose watermarks
  'pre', 'code', 'kbd', 'samp', 'listing', 'xmp', 'plaintext',
  // user input and controls
  'input', 'textarea', 'select', 'option', 'optgroup', 'datalist', 'button', 'meter', 'progress', 'output',
  // page chrome: menus, site header/footer, sidebars
  'nav', 'header', 'footer', 'aside', 'menu',
  // ruby annotations read as a gloss, not as part of the sentence
  'rt', 'rp',
]);

const SKIP_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'menu', 'menubar', 'toolbar', 'search',
  'tablist', 'tree', 'listbox', 'combobox', 'textbox', 'searchbox', 'button', 'code', 'img',
]);

const PROSE_TAGS = new Set(['ul', 'ol', 'dl', 'li', 'dd', 'dt', 'blockquote', 'figure', 'figcaption', 'details', 'summary']);

const GRID_DISPLAYS = new Set([
  'table', 'inline-table', 'table-row-group', 'table-header-group', 'table-footer-group', 'table-row',
  'table-column-group', 'table-column',
]);

/** The facts that need no computed style (what the page's markup says). */
export type MarkupFacts = Pick<ElementFacts, 'tag' | 'role' | 'hidden' | 'ariaHidden' | 'ours'>;

/**
 * Skipped whatever its style says. Checked before the computed style is read: a thread's post headers,
 * footers and buttons then cost no style lookup at all.
 */
export function skippedByMarkup(f: MarkupFacts): boolean {
  if (f.ours || f.hidden || f.ariaHidden) return true;
  if (SKIP_TAGS.has(f.tag)) return true;
  return f.role !== null && SKIP_ROLES.has(f.role.trim().toLowerCase().split(/\s+/)[0] ?? '');
}

export function classifyElement(f: ElementFacts): ElementKind {
  if (f.editable || f.clipped || skippedByMarkup(f)) return 'skip';
  const display = f.display.trim().toLowerCase();
  if (display === 'none') return 'skip';
  // visibility:hidden children may opt back in with visibility:visible, but that is rare enough that
  // reading the whole subtree for it is not worth it.
  if (f.visibility === 'hidden' || f.visibility === 'collapse') return 'skip';
  if (f.tag === 'br') return 'br';
  if (display === 'contents') return 'inline';
  if (GRID_DISPLAYS.has(display)) return 'grid';
  // inline-block/inline-flex boxes sit inside a line of text (links styled as chips, emphasis).
  if (display.startsWith('inline') || display === 'ruby' || display === 'ruby-text') return 'inline';
  if (PROSE_TAGS.has(f.tag)) return 'prose';
  return 'block';
}

/** Newlines after a paragraph, as innerText puts them (two after <p>, one after other blocks). */
export function paragraphGap(tag: string): 1 | 2 {
  return tag === 'p' ? 2 : 1;
}

/** Blocks shorter than this (after trimming) are not sent: too few tokens to say anything. */
export const MIN_BLOCK_CHARS = 40;
/**
 * A post body longer than this is read paragraph by paragraph instead of as one block, so an article
 * page does not become one giant block with one verdict.
 */
export const MAX_GROUP_CHARS = 12_000;
/** Text past this is not scored (a 2 MB paragraph is scored on its first part; the card says so). */
export const MAX_BLOCK_CHARS = 20_000;
