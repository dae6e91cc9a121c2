import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { FileTypePolicy } from '../../core/file-policy.js';
import type { ConversationStore, DraftFile } from '../../core/store.js';
import { loadOnFirstUse, type OnFirstUse } from '../shared/load-on-first-use.js';
import { describeError, type PageStrings } from '../shared/strings.js';
import type { PendingAttachment } from './attachment-tray.js';
import type { GeolocationSource, LocationController } from './location-panel.js';
import type { PendingAttachments } from './pending-attachments.js';

export interface ComposerPartsOptions {
  /** Whose photo preparation makes a chosen photo what is uploaded (conv-kit's store strips metadata). */
  store(): ConversationStore | undefined;
  geolocation(): GeolocationSource | undefined;
  text(): PageStrings;
  /** Why the location could not be found, or undefined as a new request starts. */
  report(problem: string | undefined): void;
}

export interface ComposerPartsRender {
  text: PageStrings;
  canSend: boolean;
  sending: boolean;
  share(): void;
  cancelLocation(): void;
  remove(attachment: PendingAttachment): void;
}

/**
 * The composer's parts no first paint shows: the files waiting to be sent and the location being shared,
 * with their styles. They load (../shared/on-first-use.ts) the first time the agent chooses a file or
 * Location, or a draft brings files back; until then there is nothing of them to send or to show.
 */
export class ComposerParts {
  #loaded?: OnFirstUse;
  #loading?: Promise<OnFirstUse>;
  #attachments?: PendingAttachments;
  #location?: LocationController;

  readonly #host: ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode };
  readonly #options: ComposerPartsOptions;

  constructor(host: ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode }, options: ComposerPartsOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** The load under way, for the host's `updateComplete`. */
  get loading(): Promise<unknown> | undefined {
    return this.#loading;
  }

  /** The attachments waiting to be sent. */
  get pending(): readonly PendingAttachment[] {
    return this.#attachments?.items ?? [];
  }

  /** The location found, waiting for Share location. */
  get location(): LocationController | undefined {
    return this.#location;
  }

  get attachments(): PendingAttachments | undefined {
    return this.#attachments;
  }

  #load(): Promise<OnFirstUse> {
    this.#loading ??= loadOnFirstUse().then(
      (loaded) => {
        loaded.adoptMoreStyles(this.#host, [loaded.composerPartsStyles]);
        this.#loaded = loaded;
        this.#host.requestUpdate();
        return loaded;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  async #pendingAttachments(): Promise<PendingAttachments> {
    const { PendingAttachments } = await this.#load();
    // Without a store, photos go as chosen.
    const preparePhoto = (file: File) =>
      this.#options.store()?.preparePhoto(file) ?? Promise.resolve({ file, reencoded: false });
    return (this.#attachments ??= new PendingAttachments(this.#host, preparePhoto));
  }

  /**
   * Checks every file against the admin's policy first: a refused file never becomes an attachment. Resolves
   * to how many were added and the refusals, undefined when the answer came too late; rejects when the tray
   * cannot load (the network is gone).
   */
  async addFiles(files: readonly File[], policy: FileTypePolicy, stillWanted: () => boolean) {
    return (await this.#pendingAttachments()).add(files, policy, stillWanted, this.#options.text());
  }

  /** Files kept with a draft come back to the tray, unless the agent moved on meanwhile (`stillWanted`). */
  async restoreFiles(files: readonly DraftFile[], stillWanted: () => boolean): Promise<void> {
    const attachments = await this.#pendingAttachments().catch(() => undefined);
    if (attachments && stillWanted() && !attachments.items.length) attachments.restore(files);
  }

  /** Asks for the position; says why not when Location cannot load. */
  async startLocation(): Promise<void> {
    try {
      const { LocationController } = await this.#load();
      (this.#location ??= new LocationController(this.#host, this.#options)).start();
    } catch {
      this.#options.report(describeError(this.#options.text(), 'network'));
    }
  }

  /** The location being shared and the files waiting to be sent, once loaded. */
  render({ text, canSend, sending, share, cancelLocation, remove }: ComposerPartsRender) {
    const loaded = this.#loaded;
    if (!loaded) return nothing;
    const attachments = this.#attachments;
    return html`${loaded.locationPanel(this.#location?.request, { text, canSend, share, cancel: cancelLocation })}
    ${
      attachments
        ? loaded.attachmentTray(attachments.items, {
            strings: text,
            disabled: sending,
            onRemove: remove,
            onPreviewError: (attachment) => attachments.markPreviewFailed(attachment),
          })
        : nothing
    }`;
  }
}
