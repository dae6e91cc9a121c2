import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import '../../src/elements/conv-workspace/conv-workspace.js';
import { defaultStrings, loadLocale, registerLocale } from '../../src/index.js';
import type { ConvList } from '../../src/elements/conv-list/conv-list.js';
import type { ConvProvider } from '../../src/elements/conv-provider/conv-provider.js';
import type { ConvWorkspace } from '../../src/elements/conv-workspace/conv-workspace.js';
import { connectedWorkspace } from '../helpers/workspace.js';
import { shownText } from './helpers.js';

const tabNames = (list: ConvList) =>
  [...list.shadowRoot!.querySelectorAll('[part~="tab"] .tab-name')].map((tab) => tab.textContent!.trim());
const untilTabs = (list: ConvList, names: string[]) =>
  waitUntil(
    () => tabNames(list).join() === names.join(),
    `the tabs read ${tabNames(list).join(', ')}, not ${names.join(', ')}`,
    { timeout: 5000 },
  );
const ENGLISH = ['Conversations', 'Picklist', 'History'];
const GERMAN = ['Unterhaltungen', 'Warteschlange', 'Verlauf'];
const FRENCH = ['Conversations', 'File d’attente', 'Historique'];
const SWEDISH = ['Konversationer', 'Kö', 'Historik'];
const localeRequests = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => /\/src\/locales\/[^/]+$/.test(new URL(name).pathname))
    .map((name) => new URL(name).pathname.split('/').pop());

async function listIn(lang?: string): Promise<ConvList> {
  const { store } = await connectedWorkspace();
  return fixture<ConvList>(html`<conv-list tabs lang=${lang ?? ''} .store=${store}></conv-list>`);
}

afterEach(() => {
  document.documentElement.lang = 'en';
});

describe('the locale of an element', () => {
  it('is English, and loads no catalog, on a page in English', async () => {
    const list = await listIn();
    await untilTabs(list, ENGLISH);
    expect(localeRequests()).to.deep.equal([]);
  });

  it('follows <html lang>, and loads that catalog on first use only', async () => {
    document.documentElement.lang = 'sv';
    const list = await listIn();
    await untilTabs(list, SWEDISH);
    expect(localeRequests()).to.include.members(['index.ts', 'sv.ts']);
    expect(localeRequests()).to.not.include('de.ts');
  });

  it('takes its own lang over its ancestors’, and the nearest ancestor’s over <html>', async () => {
    document.documentElement.lang = 'sv';
    const { store } = await connectedWorkspace();
    const root = await fixture<HTMLElement>(html`
      <div lang="fr">
        <section><conv-list tabs .store=${store}></conv-list></section>
        <conv-list tabs lang="de" .store=${store}></conv-list>
      </div>
    `);
    const [nearest, own] = root.querySelectorAll('conv-list');
    await untilTabs(nearest!, FRENCH);
    await untilTabs(own!, GERMAN);
  });

  it('re-renders in the new language when lang changes at run time, without a reload', async () => {
    const { store } = await connectedWorkspace();
    const root = await fixture<HTMLElement>(html`<div><conv-list tabs .store=${store}></conv-list></div>`);
    const list = root.querySelector('conv-list')!;
    await untilTabs(list, ENGLISH);
    document.documentElement.lang = 'de';
    await untilTabs(list, GERMAN);
    root.setAttribute('lang', 'fr');
    await untilTabs(list, FRENCH);
    list.lang = 'sv';
    await untilTabs(list, SWEDISH);
    list.removeAttribute('lang');
    root.removeAttribute('lang');
    await untilTabs(list, GERMAN);
    document.documentElement.lang = 'en';
    await untilTabs(list, ENGLISH);
  });

  it('reaches the elements inside <conv-workspace> through its shadow root, and follows its lang there', async () => {
    const { store } = await connectedWorkspace();
    const workspace = await fixture<ConvWorkspace>(html`<conv-workspace lang="de" .store=${store}></conv-workspace>`);
    const list = workspace.shadowRoot!.querySelector('conv-list')!;
    await untilTabs(list, GERMAN);
    expect(shownText(workspace)).to.include('Wählen Sie eine Unterhaltung.');
    workspace.lang = 'fr';
    await untilTabs(list, FRENCH);
    await waitUntil(() => shownText(workspace).includes('Sélectionnez une conversation.'));
  });

  it('is set once for a whole workspace by <conv-provider lang>, with strings overriding single words on top', async () => {
    const { store } = await connectedWorkspace();
    const provider = await fixture<ConvProvider>(html`
      <conv-provider lang="de" .store=${store} .strings=${{ history: 'Archiv' }}>
        <conv-list tabs></conv-list>
        <conv-list tabs .strings=${{ picklist: 'Wartende' }}></conv-list>
      </conv-provider>
    `);
    const [shared, own] = provider.querySelectorAll('conv-list');
    await untilTabs(shared!, ['Unterhaltungen', 'Warteschlange', 'Archiv']);
    await untilTabs(own!, ['Unterhaltungen', 'Wartende', 'Archiv']);
    provider.strings = { conversations: 'Meine Chats' };
    await untilTabs(shared!, ['Meine Chats', 'Warteschlange', 'Verlauf']);
    await untilTabs(own!, ['Meine Chats', 'Wartende', 'Verlauf']);
  });

  it('uses the catalog of the language for a regional tag, and English for a language without one', async () => {
    const austrian = await listIn('de-AT');
    await untilTabs(austrian, GERMAN);
    const brazilian = await listIn('pt-BR');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await untilTabs(brazilian, ENGLISH);
  });

  it('survives a lang that is no language at all', async () => {
    const list = await listIn('xx_YY!');
    await untilTabs(list, ENGLISH);
    expect(shownText(list)).to.match(/\d{2}:\d{2}/);
  });

  it('formats times for the region of the tag: 24 hours in en-GB, AM and PM in en-US', async () => {
    const british = await listIn('en-GB');
    const american = await listIn('en-US');
    await waitUntil(() => /\d{2}:\d{2}/.test(shownText(british)) && /\d{2}:\d{2}/.test(shownText(american)));
    expect(shownText(british)).to.not.match(/\b(AM|PM)\b/);
    expect(shownText(american)).to.match(/\b(AM|PM)\b/);
  });

  it('shows a preloaded catalog from the first render on, and a catalog the integrator registers', async () => {
    await loadLocale('fi');
    const finnish = await listIn('fi');
    expect(tabNames(finnish)).to.deep.equal(['Keskustelut', 'Jono', 'Historia']);
    // Made from the page's English words, as an integrator would: what loads on first use then stays in English.
    const portuguese = {
      ...defaultStrings,
      $code: 'pt',
      conversations: 'Conversas',
      picklist: 'Fila',
      history: 'Histórico',
    };
    const list = await listIn('pt-BR');
    await untilTabs(list, ENGLISH);
    registerLocale('pt', portuguese);
    await untilTabs(list, ['Conversas', 'Fila', 'Histórico']);
    // The search field loads on first use; the catalog has none of its words, so they are English, not missing.
    list.shadowRoot!.querySelector<HTMLElement>('.search-open')!.click();
    const searchField = () => list.shadowRoot!.querySelector<HTMLInputElement>('[part~="search-input"]');
    await waitUntil(searchField, 'the search field did not open');
    expect(searchField()!.placeholder).to.equal('Search by name, phone or message');
    expect(tabNames(list)).to.deep.equal(['Conversas', 'Fila', 'Histórico']);
  });
});
