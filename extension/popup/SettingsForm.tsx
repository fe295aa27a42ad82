// The settings form of the popup and the options tab: automatic scanning (everywhere and per site), the
// false-alarm level α, the page-level correction and the highlight style. Every change is saved at once.
import type { ComponentChildren } from 'preact';
import { formatP, oddsInWords } from '../shared/format';
import { ALPHA_CHOICES, isSiteEnabled, withSiteEnabled, type Settings } from '../shared/settings';

export function alphaLabel(a: number): string {
  const odds = oddsInWords(a).replace(/^about /, '');
  return `${formatP(a)} (${odds})`;
}

/** A labelled checkbox of the settings form. */
function Check(props: { name: string; checked: boolean; onChange: (checked: boolean) => void; children: ComponentChildren }) {
  return (
    <label class="check">
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      {props.children}
    </label>
  );
}

export function SettingsForm(props: {
  settings: Settings;
  site: string | null;
  pageUrl?: string;
  update: (patch: Partial<Settings>) => Promise<void>;
}) {
  const { settings, site, pageUrl, update } = props;
  const siteOn = pageUrl ? isSiteEnabled(settings, pageUrl) : true;
  return (
    <form class="settings" onSubmit={(e) => e.preventDefault()}>
      <Check name="autoScan" checked={settings.autoScan} onChange={(on) => void update({ autoScan: on })}>
        Scan pages automatically
      </Check>
      {site && pageUrl ? (
        <Check
          name="siteEnabled"
          checked={siteOn}
          onChange={(on) => void update({ disabledSites: withSiteEnabled(settings, pageUrl, on).disabledSites })}
        >
          Scan pages on {site}
        </Check>
      ) : null}
      <label class="field">
        <span>False-alarm level (α) {settings.pageCorrection ? 'for the whole page' : 'per paragraph'}</span>
        <select
          name="alpha"
          value={String(settings.alpha)}
          onChange={(e) => void update({ alpha: Number((e.currentTarget as HTMLSelectElement).value) })}
        >
          {(ALPHA_CHOICES.includes(settings.alpha) ? ALPHA_CHOICES : [...ALPHA_CHOICES, settings.alpha]).map((a) => (
            <option value={String(a)} key={a}>
              {alphaLabel(a)}
            </option>
          ))}
        </select>
      </label>
      <Check name="pageCorrection" checked={settings.pageCorrection} onChange={(on) => void update({ pageCorrection: on })}>
        Apply α to the whole page (Holm correction; long pages need stronger evidence)
      </Check>
      <label class="field">
        <span>Highlight style</span>
        <select
          name="highlightStyle"
          value={settings.highlightStyle}
          onChange={(e) =>
            void update({ highlightStyle: (e.currentTarget as HTMLSelectElement).value as Settings['highlightStyle'] })
          }
        >
          <option value="underline">Underline</option>
          <option value="background">Background</option>
        </select>
      </label>
    </form>
  );
}
