// The popup: the current page's results, a scan button, settings and key sets; the same app without the page
// section is the options tab (extension/options).
// Wording rule: a match is "consistent with the watermark of key set X (p = …)"; nothing is called human or AI.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PageState, FlaggedSpan, SelectionCheckState } from '../shared/messages';
import { DEFAULT_SETTINGS, loadSettings, onSettingsChanged, saveSettings, siteOf, type Settings } from '../shared/settings';
import { formatP, formatZ, NOT_A_VERDICT_ON_AUTHORSHIP } from '../shared/format';
import { getPageState, isScannableUrl, openManagerTab, popupLosesFileDialogs, scanNow, scrollToSpan, targetTab, type TargetTab } from './api';
import { KeySetManager } from './keysets/KeySetList';
import { SettingsForm } from './SettingsForm';

type PageStatus =
  | { kind: 'loading' }
  | { kind: 'no-tab' }
  | { kind: 'restricted'; url?: string }
  | { kind: 'unreachable' }
  | { kind: 'ready'; state: PageState };

export function sortByStrength(spans: readonly FlaggedSpan[]): FlaggedSpan[] {
  return [...spans].sort((a, b) => a.pValue - b.pValue || b.zScore - a.zScore);
}

function usePageState(tab: TargetTab | null | undefined): [PageStatus, () => void] {
  const [status, setStatus] = useState<PageStatus>({ kind: 'loading' });
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    if (tab === undefined) return;
    if (tab === null) {
      setStatus({ kind: 'no-tab' });
      return;
    }
    if (tab.url !== undefined && !isScannableUrl(tab.url)) {
      setStatus({ kind: 'restricted', url: tab.url });
      return;
    }
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let misses = 0;
    const poll = async () => {
      const state = await getPageState(tab.id);
      if (stop) return;
      if (state) {
        misses = 0;
        setStatus({ kind: 'ready', state });
      } else if (++misses >= 2) {
        setStatus({ kind: 'unreachable' });
      }
      timer = setTimeout(poll, state?.scanning ? 300 : 1000);
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [tab, tick]);
  return [status, refresh];
}

/** `popup`: the toolbar popup, about the current tab. `manage`: settings and key sets in a tab of their own. */
export function App({ view = 'popup' }: { view?: 'popup' | 'manage' }) {
  const inPopup = view === 'popup';
  const [tab, setTab] = useState<TargetTab | null | undefined>(undefined);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [status, refresh] = usePageState(inPopup ? tab : undefined);

  useEffect(() => {
    if (inPopup) targetTab().then(setTab, () => setTab(null));
    loadSettings().then(setSettings, () => setSettings({ ...DEFAULT_SETTINGS, disabledSites: [] }));
    const off = onSettingsChanged((s) => setSettings(s));
    return off;
  }, []);

  const pageUrl = status.kind === 'ready' ? status.state.url : tab?.url;
  const site = siteOf(pageUrl);

  const update = async (patch: Partial<Settings>) => {
    setSettings(await saveSettings(patch));
  };

  const onScan = async () => {
    if (!tab) return;
    setActionError(null);
    try {
      await scanNow(tab.id);
      refresh();
    } catch (e) {
      setActionError(`Could not scan this page: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <main class="popup">
      <header class="top">
        <img src="/icons/icon-32.png" alt="" width={24} height={24} />
        <h1>{inPopup ? 'Watermark Lens' : 'Watermark Lens: settings and key sets'}</h1>
        {inPopup ? (
          <button type="button" class="link open-tab" onClick={() => void openManagerTab()}>
            Open in a tab
          </button>
        ) : null}
      </header>

      {inPopup ? <PageSection status={status} site={site} onScan={onScan} tabId={tab?.id} actionError={actionError} /> : null}

      <section aria-labelledby="settings-h">
        <h2 id="settings-h">Settings</h2>
        {settings === null ? (
          <p class="muted" role="status">Loading settings…</p>
        ) : (
          <SettingsForm settings={settings} site={site} pageUrl={pageUrl} update={update} />
        )}
      </section>

      <KeySetManager pickFilesInTab={inPopup && popupLosesFileDialogs()} />

      <footer class="note">{NOT_A_VERDICT_ON_AUTHORSHIP}</footer>
    </main>
  );
}

function PageSection(props: {
  status: PageStatus;
  site: string | null;
  tabId?: number;
  onScan: () => void;
  actionError: string | null;
}) {
  const { status } = props;
  return (
    <section aria-labelledby="page-h" class="page">
      <div class="row">
        <h2 id="page-h">This page{props.site ? <span class="site"> · {props.site}</span> : null}</h2>
        {status.kind === 'ready' || status.kind === 'unreachable' ? (
          <button type="button" class="primary" onClick={props.onScan} disabled={status.kind === 'ready' && status.state.scanning}>
            Scan this page
          </button>
        ) : null}
      </div>
      {props.actionError ? (
        <p class="error" role="alert">
          {props.actionError}
        </p>
      ) : null}
      {status.kind === 'loading' ? (
        <p class="muted" role="status">
          Asking the page…
        </p>
      ) : status.kind === 'no-tab' ? (
        <p class="muted">No page to check.</p>
      ) : status.kind === 'restricted' ? (
        <p class="muted" data-testid="page-restricted">
          Pages like this one (browser pages, the extension store, local files) can’t be scanned. Select text on a
          web page and use “Check selection for watermarks” instead.
        </p>
      ) : status.kind === 'unreachable' ? (
        <p class="muted" data-testid="page-unreachable">
          This page has not been scanned. It may have been open before Watermark Lens was installed: press “Scan this
          page” or reload it.
        </p>
      ) : (
        <PageResults state={status.state} tabId={props.tabId} />
      )}
    </section>
  );
}

function PageResults({ state, tabId }: { state: PageState; tabId?: number }) {
  const spans = useMemo(() => sortByStrength(state.flaggedSpans), [state.flaggedSpans]);
  const listRef = useRef<HTMLOListElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const items = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.span') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : e.key === 'ArrowDown' ? Math.min(items.length - 1, i + 1) : Math.max(0, i - 1);
    items[next]?.focus();
    e.preventDefault();
  };
  const progress = state.blocksFound > 0 ? state.blocksScored / state.blocksFound : 0;
  return (
    <div>
      {state.error ? (
        <p class="error" role="alert">
          {state.error}
        </p>
      ) : null}
      {state.scanning ? (
        <div class="progress" role="status" aria-live="polite">
          <progress max={1} value={progress} aria-label="Scan progress" />
          <span>
            Scanning… {state.blocksScored} of {state.blocksFound} paragraphs
          </span>
        </div>
      ) : null}
      <dl class="summary" data-testid="summary">
        <div>
          <dt>Scanned</dt>
          <dd data-testid="blocks-scanned">{state.blocksScored}</dd>
        </div>
        <div>
          <dt>Flagged</dt>
          <dd data-testid="blocks-flagged">{state.blocksFlagged}</dd>
        </div>
        <div>
          <dt>Too short to tell</dt>
          <dd data-testid="blocks-too-short">{state.blocksTooShort}</dd>
        </div>
      </dl>
      {!state.autoScanEnabled && state.blocksScored === 0 && !state.scanning ? (
        <p class="muted">Automatic scanning is off for this page.</p>
      ) : null}
      {spans.length === 0 ? (
        state.scanning ? null : (
          <p class="muted" data-testid="no-flags">
            No text on this page matched an enabled key set’s watermark. That does not tell who wrote it.
          </p>
        )
      ) : (
        <ol class="spans" ref={listRef} onKeyDown={onKeyDown} aria-label="Flagged passages, strongest first">
          {spans.map((s) => (
            <li key={s.spanId}>
              <button
                type="button"
                class="span"
                data-span-id={s.spanId}
                onClick={() => tabId !== undefined && void scrollToSpan(tabId, s.spanId)}
                aria-label={`Show on page: consistent with the watermark of ${s.keySetName}, p = ${formatP(s.pValue)}`}
              >
                <span class="excerpt">“{s.excerpt}”</span>
                <span class="score">
                  consistent with the watermark of <strong>{s.keySetName}</strong> (p = <span data-testid="span-p">{formatP(s.pValue)}</span>, z ={' '}
                  {formatZ(s.zScore)}; key {s.kid})
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {state.lastSelectionCheck ? <SelectionResult check={state.lastSelectionCheck} /> : null}
      {state.blocksTruncated ? (
        <p class="muted small">
          {state.blocksTruncated} very long paragraph{state.blocksTruncated === 1 ? ' was' : 's were'} checked on their first part only.
        </p>
      ) : null}
      {state.testsRun > 0 ? (
        <p class="muted small">
          {state.testsRun} tests ran on this page (paragraphs × keys).
          {state.pageCorrection ? (
            <span data-testid="page-correction"> Flags are corrected for all of them (Holm), so α holds for the whole page.</span>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

function SelectionResult({ check }: { check: SelectionCheckState }) {
  const matches = check.detections.filter((d) => d.verdict === 'watermarked').sort((a, b) => a.pValue - b.pValue);
  const best = matches[0] ?? [...check.detections].sort((a, b) => a.pValue - b.pValue)[0];
  return (
    <div class="selection" data-testid="selection-check" aria-label="Last selection check">
      <h3>Selection check</h3>
      <p class="excerpt">“{check.excerpt}”</p>
      {check.error && check.verdict === null ? (
        <p class="error small">{check.error}</p>
      ) : check.verdict === 'watermarked' && best ? (
        <p class="score">
          consistent with the watermark of <strong>{best.keySetName}</strong> (p = {formatP(best.pValue)}, z = {formatZ(best.zScore)}
          {best.scheme === 'synthid' && best.meanScore !== null ? `, mean g-value ${best.meanScore.toFixed(3)}` : ''}; key {best.kid})
        </p>
      ) : check.verdict === 'too-short' ? (
        <p class="score">Too short to tell.</p>
      ) : (
        <p class="score">
          No enabled key set’s watermark found{best ? ` (best p = ${formatP(best.pValue)})` : ''}. That does not tell who wrote it.
        </p>
      )}
    </div>
  );
}
