/**
 * The agent's messages on their way: checked against the file-type policy, saved in the outbox,
 * uploaded and sent by whichever tab of the agent holds the lock, and shown the same in every tab.
 */
import { ConvError } from '../errors.js';
import type { Attachment, Message } from '../model.js';
import { createOutbox, type Outbox, type OutboxEntry, type OutboxFile } from '../outbox.js';
import { createLocalLock, randomId, type ExclusiveLock, type KeyValueStorage, type TabChannel } from '../ports.js';
import type { StoreContext } from './context.js';
import type { Drafts } from './drafts.js';
import type { Lists } from './lists.js';
import type { Messages } from './messages.js';
import type { PendingMessage, SendMessageInput } from './types.js';

/** What tabs of the same agent tell each other about the outbox. */
type TabMessage =
  | { type: 'outbox-entry'; entry: OutboxEntry }
  | { type: 'outbox-delivered'; entry: OutboxEntry; message: Message }
  | { type: 'outbox-removed'; conversationId: string; clientId: string };

export type Sending = ReturnType<typeof createSending>;

export function createSending(context: StoreContext, lists: Lists, messages: Messages, drafts: Drafts) {
  const { options, adapter, uploadProgress } = context;
  const createClientId = options.createClientId ?? randomId;
  let channel: TabChannel | undefined;
  let stopListeningToTabs: (() => void) | undefined;
  const tell = (message: TabMessage) => channel?.post(message);

  const deliver = async (
    entry: OutboxEntry,
    delivery: Parameters<Parameters<typeof createOutbox>[0]['deliver']>[1],
  ) => {
    const attachments: Attachment[] = [];
    for (const [index, file] of entry.files.entries()) {
      if (file.uploaded) {
        attachments.push(file.uploaded);
        continue;
      }
      const answer = await context.call(
        adapter.uploadAttachment(file.blob, file.name, {
          conversationId: entry.conversationId,
          clientId: entry.clientId,
          signal: delivery.signal,
          onProgress: (fraction) => {
            uploadProgress.set(entry.clientId, (index + fraction) / entry.files.length);
            context.emit(`messages:${entry.conversationId}`);
          },
        }),
      );
      const uploaded = context.check('attachment', answer, 'sendMessage', entry.conversationId);
      if (!uploaded) throw new ConvError('invalid', 'The backend sent no valid file');
      const attachment = { ...uploaded, width: uploaded.width ?? file.width, height: uploaded.height ?? file.height };
      await delivery.fileUploaded(index, attachment);
      attachments.push(attachment);
    }
    const { clientId, conversationId, text, location } = entry;
    const sent = await context.call(adapter.sendMessage({ clientId, conversationId, text, attachments, location }));
    // The backend has the message; where its answer is wrong, the agent's own copy shows as sent.
    return (
      context.check('message', sent, 'sendMessage', conversationId) ?? {
        clientId,
        conversationId,
        text,
        attachments,
        location,
        author: 'agent',
        sentAt: entry.createdAt,
        status: 'sent',
      }
    );
  };

  const outboxOn = (storage: KeyValueStorage, lock: ExclusiveLock): Outbox =>
    createOutbox({
      storage,
      lock,
      now: context.now,
      retryBaseMs: options.retryBaseMs,
      retryMaxMs: options.retryMaxMs,
      deliver,
      onChange: (entry) => {
        messages.showOutboxEntry(entry);
        tell({ type: 'outbox-entry', entry: { ...entry, files: entry.files.map((file) => ({ ...file })) } });
      },
      onDelivered: (entry, message) => {
        uploadProgress.delete(entry.clientId);
        messages.receive({ ...message, clientId: entry.clientId }, true);
        tell({ type: 'outbox-delivered', entry, message });
      },
    });

  let outbox = outboxOn(context.storage, createLocalLock());

  /** Another tab of this agent changed its outbox: show the same state, and be ready to take over its sending. */
  const hearFromTab = (raw: unknown) => {
    const message = raw as TabMessage;
    switch (message?.type) {
      case 'outbox-entry':
        outbox.adopt(message.entry);
        messages.showOutboxEntry(message.entry);
        break;
      case 'outbox-delivered':
        outbox.forget(message.entry.clientId);
        messages.receive({ ...message.message, clientId: message.entry.clientId }, false);
        break;
      case 'outbox-removed':
        outbox.forget(message.clientId);
        messages.dropLocal(message.conversationId, message.clientId);
        break;
    }
  };

  /** Checks the chosen files against the admin's policy; a refused one stops the whole message. */
  const checkedFiles = async (input: SendMessageInput): Promise<OutboxFile[]> => {
    const files: OutboxFile[] = [];
    for (const file of input.files ?? []) {
      const named = {
        name: file.name,
        type: file.mimeType ?? file.blob.type,
        size: file.blob.size,
        slice: (start?: number, end?: number) => file.blob.slice(start, end),
      };
      const verdict = options.fileTypePolicy ? await options.fileTypePolicy.check(named) : undefined;
      if (verdict && !verdict.ok)
        throw new ConvError('invalid', verdict.message, { reason: verdict.reason, fileName: file.name });
      const known = verdict?.ok ? verdict : undefined;
      files.push({
        name: file.name,
        mimeType: known?.mimeType || file.mimeType || file.blob.type,
        size: file.blob.size,
        blob: file.blob,
        width: file.width ?? known?.width,
        height: file.height ?? known?.height,
      });
    }
    return files;
  };

  return {
    /** Moves the outbox onto the agent's persistence; resolves with what a previous page left waiting. */
    async attach(storage: KeyValueStorage, lock: ExclusiveLock, tabs: TabChannel | undefined): Promise<OutboxEntry[]> {
      outbox.dispose();
      stopListeningToTabs?.();
      channel?.close();
      outbox = outboxOn(storage, lock);
      outbox.setOnline(context.connection === 'online');
      channel = tabs;
      stopListeningToTabs = channel?.subscribe(hearFromTab);
      const waiting = await outbox.restore();
      for (const entry of waiting) messages.showOutboxEntry(entry);
      return waiting;
    },

    setOnline: (online: boolean) => outbox.setOnline(online),

    detach() {
      outbox.dispose();
      stopListeningToTabs?.();
      channel?.close();
      channel = undefined;
    },

    async send(conversationId: string, input: SendMessageInput): Promise<string> {
      try {
        const conversation = lists.require(conversationId);
        if (conversation.status !== 'active' || conversation.assigneeId !== context.agent?.id) {
          throw new ConvError('forbidden', 'This conversation is not yours to write in');
        }
        const text = (input.text ?? '').trim();
        if (!text && !input.files?.length && !input.location) throw new ConvError('invalid', 'Nothing to send');
        const files = await checkedFiles(input);
        const clientId = createClientId();
        const entry = { clientId, conversationId, text, files, location: input.location, createdAt: context.now() };
        messages.showOutboxEntry({ ...entry, attempts: 0, state: 'waiting' });
        const queued = await outbox.add(entry);
        if (queued.createdAt !== entry.createdAt && queued.state === 'waiting') messages.showOutboxEntry(queued);
        drafts.clearSent(conversationId);
        return clientId;
      } catch (raw) {
        throw context.fail('sendMessage', raw, conversationId);
      }
    },

    retry: (clientId: string) => outbox.retry(clientId),

    async remove(conversationId: string, clientId: string): Promise<void> {
      await outbox.remove(clientId);
      uploadProgress.delete(clientId);
      messages.dropLocal(conversationId, clientId);
      tell({ type: 'outbox-removed', conversationId, clientId });
    },

    pending: (): PendingMessage[] =>
      outbox
        .entries()
        .map((entry) => ({ clientId: entry.clientId, conversationId: entry.conversationId, state: entry.state })),
  };
}
