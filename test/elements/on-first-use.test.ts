/**
 * What no first paint shows loads on first use (src/elements/shared/on-first-use.ts). When the network has
 * gone by then, the agent is told, nothing is half-shown, and the page keeps working; once it is back,
 * the same action works. Runs first in its own page, before anything has loaded that chunk.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { connectedWorkspace } from '../helpers/workspace.js';
import { defaultStrings } from '../../src/elements/shared/strings.js';
import '../../src/elements/conv-composer/conv-composer.js';
import '../../src/elements/end-chat-dialog/end-chat-dialog.js';
import type { ConvComposer, GeolocationSource } from '../../src/elements/conv-composer/conv-composer.js';
import type { EndChatDialog } from '../../src/elements/end-chat-dialog/end-chat-dialog.js';
import { photoFile } from '../fixtures/images.js';

const refuseTheChunk = () => executeServerCommand('network-refuse', { urlPattern: '*on-first-use*' });
const restoreTheNetwork = () => executeServerCommand('network-restore');

const here: GeolocationSource = {
  getCurrentPosition: (found) =>
    found({
      coords: { latitude: 60.1699, longitude: 24.9384, accuracy: 8 },
      timestamp: Date.now(),
    } as unknown as GeolocationPosition),
};

async function composerAndDialog() {
  const { store } = await connectedWorkspace();
  const conversationId = store.list('conversations').find((c) => c.customer.name)!.id;
  const root = await fixture<HTMLDivElement>(html`
    <div>
      <conv-composer .store=${store} conversation-id=${conversationId} .geolocation=${here}></conv-composer>
      <end-chat-dialog .store=${store} conversation-id=${conversationId}></end-chat-dialog>
    </div>
  `);
  const composer = root.querySelector<ConvComposer>('conv-composer')!;
  const dialog = root.querySelector<EndChatDialog>('end-chat-dialog')!;
  await composer.updateComplete;
  return { composer, dialog };
}

const inComposer = <T extends Element = HTMLElement>(el: ConvComposer, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const errorText = (el: ConvComposer) => inComposer(el, '[part~="error"]')!.textContent!.trim();
const shownDialog = (dialog: EndChatDialog) => dialog.shadowRoot!.querySelector<HTMLDialogElement>('dialog');

async function chooseLocation(el: ConvComposer): Promise<void> {
  inComposer(el, '[part~="add"]')!.focus();
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
  await sendKeys({ press: 'End' });
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

describe('what loads on first use, with the network gone and back', () => {
  after(restoreTheNetwork);

  it('tells the agent, shows nothing half-done, keeps the composer usable, and works once the network is back', async () => {
    const { composer, dialog } = await composerAndDialog();
    await refuseTheChunk();

    await chooseLocation(composer);
    await waitUntil(() => errorText(composer) === defaultStrings.errorNetwork, 'the agent was not told');
    expect(inComposer(composer, '[part~="location"]')).to.equal(null);

    const gallery = inComposer<HTMLInputElement>(composer, 'input[type="file"][multiple]')!;
    const files = new DataTransfer();
    files.items.add(await photoFile('IMG_0042.jpg'));
    gallery.files = files.files;
    gallery.dispatchEvent(new Event('change'));
    await waitUntil(() => errorText(composer) === defaultStrings.errorNetwork, 'a chosen photo failed silently');
    expect(inComposer(composer, '[part~="attachment"]')).to.equal(null);

    dialog.open = true;
    await dialog.updateComplete;
    expect(dialog.open, 'a dialog that cannot be shown does not claim to be open').to.equal(false);
    expect(shownDialog(dialog)).to.equal(null);

    // The message box still takes text.
    inComposer<HTMLTextAreaElement>(composer, '[part~="input"]')!.focus();
    await sendKeys({ type: 'Still here' });
    expect(inComposer<HTMLTextAreaElement>(composer, '[part~="input"]')!.value).to.equal('Still here');

    await restoreTheNetwork();
    await chooseLocation(composer);
    await waitUntil(
      () => inComposer(composer, '[part~="location"]'),
      'Location did not work once the network was back',
    );
    expect(errorText(composer)).to.equal('');
    await dialog.show();
    expect(shownDialog(dialog)?.open, 'End chat did not ask once the network was back').to.equal(true);
    await expect(dialog).to.be.accessible();
  });
});
