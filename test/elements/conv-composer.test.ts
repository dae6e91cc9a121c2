import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createMemoryAdapter, type MemoryBackend } from '../../src/adapters/memory.js';
import { seededBackend } from '../helpers/seed.js';
import { connectedWorkspace } from '../helpers/workspace.js';
import { createFileTypePolicy } from '../../src/core/file-policy.js';
import { createMemoryStorage, type KeyValueStorage } from '../../src/core/ports.js';
import { createConversationStore, type ConversationStore } from '../../src/core/store.js';
import '../../src/elements/conv-composer/conv-composer.js';
import {
  MAX_MESSAGE_LENGTH,
  type ConvComposer,
  type GeolocationSource,
} from '../../src/elements/conv-composer/conv-composer.js';
import { htmlRenamedAsPng, pdfFile, photoFile } from '../fixtures/images.js';
import { clickCenter, focused } from '../helpers/input.js';

/** The emoji data as the test server serves it straight from the package. */
const EMOJI_DATA_URL = '/node_modules/emoji-picker-element-data/en/emojibase/data.json';

/** Chromium encodes canvas images in idle time, waiting up to a second for it: photo sends get room for that. */
const PHOTO_ENCODING = { timeout: 5000 };

interface Workspace {
  backend: MemoryBackend;
  store: ConversationStore;
  conversationId: string;
}

async function workspace(
  storage?: KeyValueStorage,
  backend: MemoryBackend = seededBackend({ replyDelayMs: false }),
): Promise<Workspace> {
  const { store } = await connectedWorkspace({
    backend,
    fileTypePolicy: createFileTypePolicy(),
    ...(storage ? { persistence: () => ({ storage }) } : {}),
  });
  const conversationId = store.list('conversations')[0]!.id;
  return { backend, store, conversationId };
}

async function renderComposer(store: ConversationStore, conversationId: string): Promise<ConvComposer> {
  const el = await fixture<ConvComposer>(
    html`<conv-composer
      .store=${store}
      conversation-id=${conversationId}
      emoji-data-url=${EMOJI_DATA_URL}
    ></conv-composer>`,
  );
  await el.updateComplete;
  return el;
}

const part = <T extends Element = HTMLElement>(el: ConvComposer, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`)!;
const input = (el: ConvComposer) => part<HTMLTextAreaElement>(el, 'input');
const attachments = (el: ConvComposer) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="attachment"]')];
const errorText = (el: ConvComposer) => part(el, 'error').textContent!.trim();
const galleryInput = (el: ConvComposer) =>
  el.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"][multiple]')!;
const cameraInput = (el: ConvComposer) =>
  el.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"][capture]')!;

async function newLine(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ up: 'Shift' });
}

async function typeInto(el: ConvComposer, text: string): Promise<void> {
  input(el).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

/** What the operating system's file chooser (or camera) hands to the page. */
async function choose(el: ConvComposer, fileInput: HTMLInputElement, ...files: File[]): Promise<void> {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  fileInput.files = transfer.files;
  fileInput.dispatchEvent(new Event('change', { bubbles: true }));
  await waitUntil(
    () => attachments(el).length > 0 || errorText(el) !== '',
    'the chosen file was neither attached nor refused',
  );
  await el.updateComplete;
}

function paste(el: ConvComposer, fill: (data: DataTransfer) => void): void {
  const data = new DataTransfer();
  fill(data);
  input(el).focus();
  input(el).dispatchEvent(
    new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }),
  );
}

async function openAddMenuWithKeyboard(el: ConvComposer): Promise<void> {
  part(el, 'add').focus();
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

const position = (latitude: number, longitude: number, accuracy: number) =>
  ({
    coords: { latitude, longitude, accuracy, altitude: null, altitudeAccuracy: null, heading: null, speed: null },
    timestamp: Date.now(),
  }) as unknown as GeolocationPosition;

const geolocationThatAnswers = (answer: GeolocationPosition): GeolocationSource => ({
  getCurrentPosition: (success) => success(answer),
});
const geolocationThatFails = (code: number): GeolocationSource => ({
  getCurrentPosition: (_success, failure) =>
    failure?.({
      code,
      message: 'refused',
      PERMISSION_DENIED: 1,
      POSITION_UNAVAILABLE: 2,
      TIMEOUT: 3,
    } as GeolocationPositionError),
});

describe('<conv-composer>', () => {
  it('loads nothing of the emoji picker until the agent first opens it', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    const pickerCodeLoaded = () =>
      performance
        .getEntriesByType('resource')
        .some((entry) => new URL(entry.name).pathname.endsWith('/emoji-picker-view.ts'));
    expect(pickerCodeLoaded()).to.equal(false);
    expect(el.shadowRoot!.querySelector('conv-emoji-picker')).to.equal(null);

    part(el, 'emoji').click();
    await waitUntil(pickerCodeLoaded, 'the picker did not load on first open');
    expect(el.shadowRoot!.querySelector<HTMLElement>('[role="dialog"]')!.hidden).to.equal(false);
  });

  it('sends the typed text with an emoji chosen from the picker by keyboard when Enter is pressed', async () => {
    const { backend, store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    await typeInto(el, 'Thanks ');

    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(part(el, 'emoji'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused()?.matches('input[type="search"]'), 'the picker search field did not get focus', {
      timeout: 10_000,
    });
    await sendKeys({ type: 'thumbs up' });
    const picker = el.shadowRoot!.querySelector('conv-emoji-picker')!;
    const firstResult = () => picker.shadowRoot!.querySelector('[role="grid"] button');
    await waitUntil(
      () => /thumbs up/i.test(firstResult()?.getAttribute('aria-label') ?? ''),
      'the search found no thumbs up',
      { timeout: 10_000 },
    );
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()).to.equal(firstResult());
    const chosen = firstResult()!.textContent!.trim();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => input(el).value === `Thanks ${chosen}`, 'the emoji was not inserted at the caret', {
      timeout: 5000,
    });
    expect(focused()).to.equal(input(el));

    await sendKeys({ type: ' for waiting' });
    const sent = oneEvent(el, 'conv-message-send');
    await sendKeys({ press: 'Enter' });
    const event = await sent;

    await waitUntil(() => backend.sentMessages().length === 1, 'the backend did not receive the message');
    expect(backend.sentMessages()[0]!.text).to.equal(`Thanks ${chosen} for waiting`);
    expect(event.detail.conversationId).to.equal(conversationId);
    expect(store.messages(conversationId).items.some((message) => message.clientId === event.detail.clientId)).to.equal(
      true,
    );
    expect(input(el).value).to.equal('');
    expect(focused()).to.equal(input(el));
  });

  it('closes the emoji picker with Escape and puts focus back on the emoji button', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    part(el, 'emoji').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused()?.matches('input[type="search"]'), 'the picker search field did not get focus', {
      timeout: 10_000,
    });

    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector<HTMLElement>('[role="dialog"]')!.hidden).to.equal(true);
    expect(part(el, 'emoji').getAttribute('aria-expanded')).to.equal('false');
    expect(focused()).to.equal(part(el, 'emoji'));
  });

  it('makes a new line with Shift+Enter without sending', async () => {
    const { backend, store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    await typeInto(el, 'First line');
    await newLine();
    await sendKeys({ type: 'Second line' });
    await el.updateComplete;

    expect(input(el).value).to.equal('First line\nSecond line');
    expect(
      store
        .messages(conversationId)
        .items.filter((message) => message.author === 'agent' && message.status === 'pending'),
    ).to.have.length(0);
    expect(backend.sentMessages()).to.have.length(0);
  });

  it('never sends on an Enter that confirms an input-method composition', async () => {
    const { backend, store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    await typeInto(el, 'こんにちは');
    input(el).dispatchEvent(
      new KeyboardEvent('keydown', {
        key: 'Enter',
        isComposing: true,
        bubbles: true,
        cancelable: true,
        composed: true,
      }),
    );
    await el.updateComplete;

    expect(input(el).value).to.equal('こんにちは');
    expect(backend.sentMessages()).to.have.length(0);
  });

  it('enables Send only when there is something to send', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    expect(part<HTMLButtonElement>(el, 'send').disabled).to.equal(true);
    await typeInto(el, '   ');
    expect(part<HTMLButtonElement>(el, 'send').disabled).to.equal(true);
    await typeInto(el, 'ok');
    expect(part<HTMLButtonElement>(el, 'send').disabled).to.equal(false);
    expect(part(el, 'send').getAttribute('aria-label')).to.equal('Send');
  });

  it('sends with the Send button and keeps the caret in the emptied box', async () => {
    const { backend, store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    await typeInto(el, 'On its way');
    await clickCenter(part(el, 'send'));

    await waitUntil(() => backend.sentMessages().length === 1, 'the backend did not receive the message');
    await el.updateComplete;
    expect(backend.sentMessages()[0]!.text).to.equal('On its way');
    expect(input(el).value).to.equal('');
    expect(focused()).to.equal(input(el));
  });

  it('grows with the text up to six lines and then scrolls', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    const heightWith = async (lines: number) => {
      input(el).select();
      await sendKeys({ type: 'line' });
      for (let line = 1; line < lines; line++) {
        await newLine();
        await sendKeys({ type: 'line' });
      }
      await el.updateComplete;
      return input(el).getBoundingClientRect().height;
    };

    const one = await heightWith(1);
    const three = await heightWith(3);
    const six = await heightWith(6);
    const ten = await heightWith(10);
    expect(three).to.be.greaterThan(one);
    expect(six).to.be.greaterThan(three);
    expect(ten).to.equal(six);
    expect(input(el).scrollHeight).to.be.greaterThan(input(el).clientHeight);
  });

  it('keeps pasted text plain', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    await typeInto(el, 'Your code: ');
    paste(el, (data) => {
      data.setData('text/plain', 'ABC-123 <b>now</b>');
      data.setData('text/html', '<b style="color:red">ABC-123</b><img src=x onerror=alert(1)>');
    });
    await el.updateComplete;

    expect(input(el).value).to.equal('Your code: ABC-123 <b>now</b>');
    expect(el.shadowRoot!.querySelector('b, img:not([part~="thumbnail"])')).to.equal(null);
    expect(store.draft(conversationId).text).to.equal('Your code: ABC-123 <b>now</b>');
  });

  it('cuts a multi-megabyte paste to the message limit and says so', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    await typeInto(el, 'Log: ');
    paste(el, (data) => data.setData('text/plain', 'x'.repeat(3 * 1024 * 1024)));
    await el.updateComplete;

    expect(input(el).value).to.have.length(MAX_MESSAGE_LENGTH);
    expect(input(el).value.startsWith('Log: xxx')).to.equal(true);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain(
      'The pasted text was cut to 10,000 characters.',
    );
  });

  it('turns a pasted image into an attachment without inserting its file name', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    const screenshot = await photoFile('screenshot.png');
    paste(el, (data) => {
      data.items.add(screenshot);
      data.setData('text/plain', 'screenshot.png');
    });
    await waitUntil(() => attachments(el).length === 1, 'the pasted image did not become an attachment');

    expect(input(el).value).to.equal('');
    expect(attachments(el)[0]!.textContent).to.contain('screenshot.png');
    expect(part<HTMLButtonElement>(el, 'send').disabled).to.equal(false);
  });

  it('shows a gallery photo’s details above the input, removes it, and sends the photo chosen again', async () => {
    const { backend, store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    const first = await photoFile('first.png');
    await choose(el, galleryInput(el), first);

    const shown = attachments(el)[0]!;
    expect(shown.textContent).to.contain('first.png');
    expect(shown.textContent).to.contain('PNG');
    expect(shown.textContent).to.match(first.size < 1024 ? new RegExp(`${first.size} bytes`) : /\d kB/);
    const thumbnail = shown.querySelector<HTMLElement>('[part~="thumbnail"]')!;
    await waitUntil(
      () => (thumbnail.shadowRoot?.querySelector('canvas')?.width ?? 0) >= 48,
      'the thumbnail did not show the photo',
    );

    const remove = shown.querySelector<HTMLButtonElement>('[part~="remove"]')!;
    expect(remove.getAttribute('aria-label')).to.equal('Remove \u2068first.png\u2069');
    await clickCenter(remove);
    await el.updateComplete;
    expect(attachments(el)).to.have.length(0);
    expect(part<HTMLButtonElement>(el, 'send').disabled).to.equal(true);

    await choose(el, galleryInput(el), await photoFile('second.jpg', { type: 'image/jpeg' }));
    await typeInto(el, 'Here is the label');
    await sendKeys({ press: 'Enter' });

    await waitUntil(
      () => backend.sentMessages().length === 1,
      'the backend did not receive the message',
      PHOTO_ENCODING,
    );
    const message = backend.sentMessages()[0]!;
    expect(message.text).to.equal('Here is the label');
    expect(message.attachments).to.have.length(1);
    expect(message.attachments[0]!.name).to.equal('second.jpg');
    expect(message.attachments[0]!.mimeType).to.equal('image/jpeg');
    await el.updateComplete;
    expect(attachments(el)).to.have.length(0);
  });

  it('draws thumbnails from the chosen file itself, so a strict CSP (no blob: or data: images) still shows them', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    await choose(el, galleryInput(el), await photoFile('receipt.png'));
    const thumbnail = attachments(el)[0]!.querySelector<HTMLElement>('[part~="thumbnail"]')!;
    await waitUntil(() => (thumbnail.shadowRoot?.querySelector('canvas')?.width ?? 0) >= 48, 'the thumbnail is drawn');
    const canvas = thumbnail.shadowRoot!.querySelector('canvas')!;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    expect(
      pixels.some((value, index) => index % 4 === 3 && value > 0),
      'the photo’s pixels are on the canvas',
    ).to.equal(true);
    expect(attachments(el)[0]!.querySelectorAll('img')).to.have.length(0);
  });

  it('sends each photo as the store’s photo preparation makes it', async () => {
    const backend = seededBackend({ replyDelayMs: false });
    const prepared: string[] = [];
    let smaller: File | undefined;
    const store = createConversationStore({
      adapter: createMemoryAdapter({ backend, latencyMs: 0 }),
      fileTypePolicy: createFileTypePolicy(),
      preparePhoto: async (file) => {
        prepared.push(file.name);
        // What a re-encoder hands back: a new file, smaller, without the original's bytes.
        smaller = await photoFile(file.name, { type: 'image/jpeg', width: 12, height: 8 });
        return { file: smaller, reencoded: true, width: 12, height: 8 };
      },
    });
    await store.connect();
    const conversationId = store.list('conversations')[0]!.id;
    const el = await renderComposer(store, conversationId);
    await choose(
      el,
      galleryInput(el),
      await photoFile('IMG_2041.jpg', { type: 'image/jpeg', width: 640, height: 480 }),
    );
    input(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => backend.sentMessages().length === 1, 'the backend did not receive the photo', PHOTO_ENCODING);
    expect(prepared).to.deep.equal(['IMG_2041.jpg']);
    expect(backend.sentMessages()[0]!.attachments[0]).to.include({
      name: 'IMG_2041.jpg',
      mimeType: 'image/jpeg',
      size: smaller!.size,
      width: 12,
      height: 8,
    });
  });

  it('limits the gallery to the file types the admin allows', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    expect(galleryInput(el).accept).to.equal(createFileTypePolicy().accept);
    expect(galleryInput(el).accept).to.contain('.heic');
    let opened = false;
    galleryInput(el).click = () => (opened = true);

    await openAddMenuWithKeyboard(el);
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()!.textContent).to.contain('Gallery');
    await sendKeys({ press: 'Enter' });
    expect(opened).to.equal(true);
  });

  it('refuses a web page renamed .png with the reason and sends nothing', async () => {
    const { backend, store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    await choose(el, galleryInput(el), htmlRenamedAsPng('invoice.png'));

    expect(attachments(el)).to.have.length(0);
    expect(part(el, 'error').getAttribute('role')).to.equal('alert');
    expect(errorText(el)).to.contain('invoice.png');
    expect(errorText(el)).to.contain('is not a PNG image');
    expect(part<HTMLButtonElement>(el, 'send').disabled).to.equal(true);
    expect(backend.sentMessages()).to.have.length(0);
    expect(backend.uploads()).to.have.length(0);
  });

  it('refuses a PDF with the allowed file types and sends nothing', async () => {
    const { backend, store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    await choose(el, galleryInput(el), pdfFile('terms.pdf'));

    expect(attachments(el)).to.have.length(0);
    expect(errorText(el)).to.contain('terms.pdf');
    expect(errorText(el)).to.contain('GIF, HEIC, JPEG, JPG and PNG');
    expect(backend.sentMessages()).to.have.length(0);
  });

  it('adds a photo taken with the camera as an attachment', async () => {
    const { backend, store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    expect(cameraInput(el).getAttribute('capture')).to.equal('environment');
    expect(cameraInput(el).accept).to.equal('image/*');

    await choose(el, cameraInput(el), await photoFile('IMG_0042.jpg', { type: 'image/jpeg', width: 120, height: 90 }));
    expect(attachments(el)).to.have.length(1);
    expect(attachments(el)[0]!.textContent).to.contain('IMG_0042.jpg');

    await clickCenter(part(el, 'send'));
    await waitUntil(() => backend.sentMessages().length === 1, 'the backend did not receive the photo', PHOTO_ENCODING);
    expect(backend.sentMessages()[0]!.attachments[0]!.name).to.equal('IMG_0042.jpg');
  });

  it('shows the position the browser found and sends it as a location message on Share location', async () => {
    const { backend, store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    el.geolocation = geolocationThatAnswers(position(52.5200081234, 13.4049543, 12.4));

    await openAddMenuWithKeyboard(el);
    await sendKeys({ press: 'End' });
    expect(focused()!.textContent).to.contain('Location');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;

    const preview = part(el, 'location');
    expect(preview.textContent).to.contain('Your location: 52.52001, 13.40495');
    expect(preview.textContent).to.contain('Accurate to about 12 m');
    await waitUntil(() => focused()?.textContent?.trim() === 'Share location', 'Share location did not get focus');
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => backend.sentMessages().length === 1, 'the backend did not receive the location');
    expect(backend.sentMessages()[0]!.location).to.deep.equal({
      latitude: 52.52001,
      longitude: 13.40495,
      accuracy: 12,
    });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="location"]')).to.equal(null);
  });

  it('says location is blocked when the agent denied permission, and sends nothing', async () => {
    const { backend, store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    el.geolocation = geolocationThatFails(1);

    await openAddMenuWithKeyboard(el);
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;

    expect(errorText(el)).to.equal(
      'Location is blocked for this page. Allow it in the browser’s site settings to share it.',
    );
    expect(el.shadowRoot!.querySelector('[part~="location"]')).to.equal(null);
    expect(backend.sentMessages()).to.have.length(0);
  });

  it('says the location could not be found when the device cannot tell', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    el.geolocation = geolocationThatFails(3);

    await openAddMenuWithKeyboard(el);
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;

    expect(errorText(el)).to.equal('Your location could not be found. Try again in a moment.');
  });

  it('opens the plus menu with the keyboard, moves through Camera, Gallery and Location, and closes with Escape', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    await openAddMenuWithKeyboard(el);

    expect(part(el, 'add').getAttribute('aria-expanded')).to.equal('true');
    expect(part(el, 'menu').hidden).to.equal(false);
    const items = [...part(el, 'menu').querySelectorAll('[role="menuitem"]')].map((item) => item.textContent!.trim());
    expect(items).to.deep.equal(['Camera', 'Gallery', 'Location']);
    expect(focused()!.textContent).to.contain('Camera');
    await sendKeys({ press: 'ArrowUp' });
    expect(focused()!.textContent).to.contain('Location');
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()!.textContent).to.contain('Camera');
    await sendKeys({ press: 'g' });
    expect(focused()!.textContent).to.contain('Gallery');

    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(part(el, 'menu').hidden).to.equal(true);
    expect(part(el, 'add').getAttribute('aria-expanded')).to.equal('false');
    expect(focused()).to.equal(part(el, 'add'));
  });

  it('keeps the draft when the composer is created again', async () => {
    const { store, conversationId } = await workspace();
    const first = await renderComposer(store, conversationId);
    await typeInto(first, 'Half-written reply');
    first.remove();

    const second = await renderComposer(store, conversationId);
    expect(input(second).value).to.equal('Half-written reply');
  });

  it('brings the draft back after a reload', async () => {
    const storage = createMemoryStorage();
    let draftSaved = false;
    const watched: KeyValueStorage = {
      ...storage,
      set: (key, value) => storage.set(key, value).then(() => void (draftSaved ||= key.startsWith('draft:'))),
    };
    const before = await workspace(watched);
    const el = await renderComposer(before.store, before.conversationId);
    await typeInto(el, 'Unsent reply');
    await waitUntil(() => draftSaved, 'the draft was not saved');
    el.remove();
    before.store.disconnect();

    // A new page: a new store on the same storage, with the composer already on screen while it connects.
    const store = createConversationStore({
      adapter: createMemoryAdapter({ backend: before.backend, latencyMs: 0 }),
      persistence: () => ({ storage: watched }),
    });
    const after = await renderComposer(store, before.conversationId);
    await store.connect();
    await waitUntil(() => input(after).value === 'Unsent reply', 'the draft did not come back');
  });

  it('brings chosen photos back with the draft after a reload', async () => {
    const storage = createMemoryStorage();
    let filesSaved = false;
    const watched: KeyValueStorage = {
      ...storage,
      set: (key, value) =>
        storage
          .set(key, value)
          .then(
            () => void (filesSaved ||= key.startsWith('draft:') && !!(value as { files?: unknown[] }).files?.length),
          ),
    };
    const before = await workspace(watched);
    const el = await renderComposer(before.store, before.conversationId);
    await choose(el, galleryInput(el), await photoFile('damaged-box.png'));
    await typeInto(el, 'See the photo');
    await waitUntil(() => filesSaved, 'the chosen photo was not saved with the draft');
    el.remove();
    before.store.disconnect();

    const store = createConversationStore({
      adapter: createMemoryAdapter({ backend: before.backend, latencyMs: 0 }),
      persistence: () => ({ storage: watched }),
    });
    const after = await renderComposer(store, before.conversationId);
    await store.connect();
    await waitUntil(() => attachments(after).length === 1, 'the photo did not come back');
    expect(attachments(after)[0]!.textContent).to.contain('damaged-box.png');
    expect(input(after).value).to.equal('See the photo');
    input(after).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => before.backend.sentMessages().length === 1,
      'the restored photo was not sent',
      PHOTO_ENCODING,
    );
    expect(before.backend.sentMessages()[0]!.attachments.map((a) => a.name)).to.deep.equal(['damaged-box.png']);
  });

  it('keeps each conversation’s draft to itself when the conversation changes', async () => {
    const { store, conversationId } = await workspace();
    const other = store.list('conversations')[1]!.id;
    const el = await renderComposer(store, conversationId);
    await typeInto(el, 'For the first customer');

    el.conversationId = other;
    await el.updateComplete;
    expect(input(el).value).to.equal('');
    el.conversationId = conversationId;
    await el.updateComplete;
    expect(input(el).value).to.equal('For the first customer');
  });

  it('is disabled with a hint when the chat has ended', async () => {
    const { store } = await workspace();
    const ended = store.list('history')[0]!.id;
    const el = await renderComposer(store, ended);

    expect(input(el).disabled).to.equal(true);
    expect(part<HTMLButtonElement>(el, 'add').disabled).to.equal(true);
    expect(part<HTMLButtonElement>(el, 'send').disabled).to.equal(true);
    expect(part(el, 'hint').textContent).to.equal('This chat has ended.');
    expect(input(el).getAttribute('aria-describedby')).to.equal(part(el, 'hint').id);
  });

  it('is disabled with a hint when the conversation is not the agent’s', async () => {
    const { store } = await workspace();
    const queued = store.list('picklist')[0]!.id;
    const el = await renderComposer(store, queued);

    expect(input(el).disabled).to.equal(true);
    expect(part(el, 'hint').textContent).to.equal('Pick or accept this conversation to write.');
  });

  it('puts the plus button at the start of the line and Send at the end, mirrored right-to-left', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    const left = (name: string) => part(el, name).getBoundingClientRect().left;
    expect(left('add')).to.be.lessThan(left('input'));
    expect(left('send')).to.be.greaterThan(left('input'));

    el.dir = 'rtl';
    await el.updateComplete;
    expect(left('add')).to.be.greaterThan(left('input'));
    expect(left('send')).to.be.lessThan(left('input'));
  });

  it('gives every button a touch target of at least 44 pixels', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    for (const name of ['add', 'emoji', 'send']) {
      const box = part(el, name).getBoundingClientRect();
      expect(box.width, name).to.be.at.least(44);
      expect(box.height, name).to.be.at.least(44);
    }
  });

  it('passes an accessibility audit when empty', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    await expect(el).to.be.accessible();
  });

  it('passes an accessibility audit with attachments', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    await choose(el, galleryInput(el), await photoFile('a.png'), await photoFile('b.jpg', { type: 'image/jpeg' }));
    await expect(el).to.be.accessible();
  });

  it('passes an accessibility audit with the plus menu open', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    await openAddMenuWithKeyboard(el);
    await expect(el).to.be.accessible();
  });

  it('passes an accessibility audit while showing an error', async () => {
    const { store, conversationId } = await workspace();
    const el = await renderComposer(store, conversationId);
    await choose(el, galleryInput(el), pdfFile());
    expect(errorText(el)).not.to.equal('');
    await expect(el).to.be.accessible();
  });
});
