/** The rules about what is written: messages, internal notes, earlier conversations and files. */
import { expect } from '@open-wc/testing';
import type { Customer, Message } from '../core/model.js';
import {
  bytesOf,
  DELIVERED,
  expectCode,
  messagesIn,
  pause,
  PNG_1X1,
  rejection,
  type ConformanceKit,
} from './conformance-kit.js';

export function describeMessageRules(kit: ConformanceKit): void {
  const { describe, it, controls, agentDevice, colleagueDevice, waitFor, activeConversation, words } = kit;
  describe('messages', () => {
    it('a message is stored once per clientId, however often and however concurrently it is sent', async () => {
      const device = await agentDevice();
      const id = await activeConversation(device);
      const message = {
        clientId: words('client'),
        conversationId: id,
        text: words('Your refund is on its way'),
        attachments: [],
      };
      const first = await device.adapter.sendMessage(message);
      const repeats = await Promise.all([
        device.adapter.sendMessage(message),
        device.adapter.sendMessage(message),
        device.adapter.sendMessage({ ...message }),
      ]);
      for (const repeat of repeats) expect(repeat.id, 'the stored message').to.equal(first.id);
      const page = await device.adapter.listMessages(id);
      expect(page.items.filter((stored) => stored.clientId === message.clientId)).to.have.length(1);
    });

    it('a new clientId sent twice at the same moment is still stored once', async () => {
      const device = await agentDevice();
      const id = await activeConversation(device);
      const message = {
        clientId: words('client'),
        conversationId: id,
        text: words('Sent from two tabs'),
        attachments: [],
      };
      const [a, b] = await Promise.all([device.adapter.sendMessage(message), device.adapter.sendMessage(message)]);
      expect(a.id).to.equal(b.id);
      const page = await device.adapter.listMessages(id);
      expect(page.items.filter((stored) => stored.clientId === message.clientId)).to.have.length(1);
    });

    it('a sent message comes back stored: sent or later, with its clientId, text and conversation', async () => {
      const device = await agentDevice();
      const id = await activeConversation(device);
      const text = words('Thanks for waiting');
      const stored = await device.adapter.sendMessage({
        clientId: words('client'),
        conversationId: id,
        text,
        attachments: [],
      });
      expect(stored).to.include({ conversationId: id, text, author: 'agent' });
      expect(DELIVERED).to.include(stored.status);
      expect(stored.sentAt).to.be.a('number');
    });

    it("the agent's other device is told about a sent message", async () => {
      const [desktop, phone] = [await agentDevice(), await agentDevice()];
      const id = await activeConversation(desktop);
      const clientId = words('client');
      await desktop.adapter.sendMessage({ clientId, conversationId: id, text: words('On my way'), attachments: [] });
      await waitFor(
        () => messagesIn(phone.events).some((message) => message.clientId === clientId),
        'the phone to hear the message',
      );
    });

    it('a customer message is pushed to the agent handling the conversation', async () => {
      const device = await agentDevice();
      const id = await activeConversation(device);
      const text = words('Is it shipped yet?');
      await controls.customerSays(id, text);
      const pushed = await waitFor(
        () => messagesIn(device.events).find((message) => message.text === text),
        'the customer message',
      );
      expect(pushed).to.include({ conversationId: id, author: 'customer' });
    });

    it('messages come newest page first, each page oldest first, none repeated and none skipped', async () => {
      const device = await agentDevice();
      const id = await activeConversation(device);
      for (let index = 1; index <= 7; index++)
        await device.adapter.sendMessage({
          clientId: words('client'),
          conversationId: id,
          text: `Line ${index}`,
          attachments: [],
        });
      const everything = (await device.adapter.listMessages(id, { limit: 100 })).items;
      const pages: Message[][] = [];
      let cursor: string | undefined;
      do {
        const page = await device.adapter.listMessages(id, cursor === undefined ? { limit: 3 } : { limit: 3, cursor });
        expect(page.items.length, 'page size').to.be.within(1, 3);
        pages.push(page.items);
        cursor = page.nextCursor;
      } while (cursor !== undefined && pages.length < 20);
      const joined = pages.reverse().flat();
      expect(joined.map((message) => message.clientId)).to.deep.equal(everything.map((message) => message.clientId));
      for (let index = 1; index < joined.length; index++)
        expect(joined[index]!.sentAt, 'oldest first').to.be.at.least(joined[index - 1]!.sentAt);
      expect(joined.slice(-7).map((message) => message.text)).to.deep.equal([
        'Line 1',
        'Line 2',
        'Line 3',
        'Line 4',
        'Line 5',
        'Line 6',
        'Line 7',
      ]);
    });

    it('an empty message is refused as invalid', async () => {
      const device = await agentDevice();
      const id = await activeConversation(device);
      await expectCode(
        device.adapter.sendMessage({ clientId: words('client'), conversationId: id, text: '   ', attachments: [] }),
        'invalid',
      );
    });
  });

  describe('notes', () => {
    it('a note is stored and listed, reaches the other device as a note, and never shows as a message', async () => {
      const [desktop, phone] = [await agentDevice(), await agentDevice()];
      const id = await activeConversation(desktop);
      const text = words('Customer prefers a call-back');
      const note = await desktop.adapter.addNote({ clientId: words('note'), conversationId: id, text });
      expect(note).to.include({ conversationId: id, text });
      expect(note.author.id).to.equal(desktop.agent.id);
      expect((await desktop.adapter.listNotes(id)).map((listed) => listed.id)).to.include(note.id);
      await waitFor(
        () => phone.events.some((event) => event.type === 'note' && event.note.id === note.id),
        'the phone to hear the note',
      );
      const messages = (await desktop.adapter.listMessages(id, { limit: 100 })).items;
      expect(
        messages.some((message) => message.text.includes(text)),
        'a message with the note text',
      ).to.equal(false);
      expect(
        [...messagesIn(desktop.events), ...messagesIn(phone.events)].some((message) => message.text.includes(text)),
        'a pushed message with the note text',
      ).to.equal(false);
    });

    it('a colleague may not read or add notes of a conversation another agent handles', async () => {
      const [device, colleague] = [await agentDevice(), await colleagueDevice()];
      const id = await activeConversation(device);
      await device.adapter.addNote({ clientId: words('note'), conversationId: id, text: words('Refund approved') });
      await expectCode(colleague.adapter.listNotes(id), 'forbidden');
      await expectCode(
        colleague.adapter.addNote({ clientId: words('note'), conversationId: id, text: 'Not mine to write' }),
        'forbidden',
      );
    });

    it('a note is stored once per clientId, however often and however concurrently it is sent', async () => {
      const [desktop, phone] = [await agentDevice(), await agentDevice()];
      const id = await activeConversation(desktop);
      const note = { clientId: words('note'), conversationId: id, text: words('Customer prefers email') };
      const first = await desktop.adapter.addNote(note);
      const repeats = await Promise.all([desktop.adapter.addNote(note), desktop.adapter.addNote({ ...note })]);
      for (const repeat of repeats) expect(repeat.id, 'the stored note').to.equal(first.id);
      const fresh = { clientId: words('note'), conversationId: id, text: words('Sent from two tabs') };
      const [a, b] = await Promise.all([desktop.adapter.addNote(fresh), desktop.adapter.addNote(fresh)]);
      expect(a.id, 'a new clientId sent twice at once').to.equal(b.id);
      const listed = await desktop.adapter.listNotes(id);
      expect(listed.filter((stored) => stored.text === note.text)).to.have.length(1);
      expect(listed.filter((stored) => stored.text === fresh.text)).to.have.length(1);
      await waitFor(
        () => phone.events.some((event) => event.type === 'note' && event.note.id === a.id),
        'the phone to hear the note',
      );
      await pause(200);
      const heard = phone.events.flatMap((event) =>
        event.type === 'note' && event.note.text === note.text ? [event.note.id] : [],
      );
      expect(new Set(heard), 'notes the phone heard of').to.deep.equal(new Set([first.id]));
    });

    it("notes are the handling agent's: theirs after the chat ended too, a colleague's never, and nothing of it is pushed", async () => {
      const [device, colleague] = [await agentDevice(), await colleagueDevice()];
      const id = await activeConversation(device);
      await device.adapter.endChat(id);
      const mine = await device.adapter.addNote({
        clientId: words('note'),
        conversationId: id,
        text: words('Wrap-up'),
      });
      expect(mine.author.id).to.equal(device.agent.id);
      const text = words('Not mine to write');
      await expectCode(colleague.adapter.addNote({ clientId: words('note'), conversationId: id, text }), 'forbidden');
      await pause(300);
      expect(
        device.events.some((event) => event.type === 'note' && event.note.text === text),
        'the colleague note pushed to the agent',
      ).to.equal(false);
      expect((await device.adapter.listNotes(id)).some((stored) => stored.text === text)).to.equal(false);

      const queued = await controls.queueConversation();
      await expectCode(
        colleague.adapter.addNote({ clientId: words('note'), conversationId: queued, text: words('Before a pick') }),
        'forbidden',
      );
    });
  });

  describe('earlier conversations', () => {
    it("the same customer's earlier conversations come most recent first, page by page", async () => {
      const device = await agentDevice();
      const customer: Customer = { id: words('customer').replace(/\s/g, '-'), name: 'Rosa Díaz' };
      const earlier: string[] = [];
      for (let index = 0; index < 3; index++) {
        const id = await controls.queueConversation(customer);
        await device.adapter.pick(id);
        await device.adapter.endChat(id);
        earlier.push(id);
      }
      const current = await controls.queueConversation(customer);
      const first = await device.adapter.listPreviousConversations(current, { limit: 2 });
      expect(first.items.map((previous) => previous.conversation.id)).to.deep.equal([earlier[2], earlier[1]]);
      expect(first.nextCursor, 'a cursor to the rest').to.be.a('string');
      const rest = await device.adapter.listPreviousConversations(current, { limit: 2, cursor: first.nextCursor! });
      expect(rest.items.map((previous) => previous.conversation.id)).to.deep.equal([earlier[0]]);
      expect(rest.nextCursor).to.equal(undefined);
      for (const previous of [...first.items, ...rest.items])
        expect(previous.messages.length, 'its messages').to.be.at.least(1);
    });
  });

  if (controls.offerConversation) {
    const offer = controls.offerConversation.bind(controls);
    describe('offers', () => {
      it('an accepted offer becomes active for the agent', async () => {
        const device = await agentDevice();
        const id = await offer(device.agent.id);
        expect(await device.adapter.accept(id)).to.include({ id, status: 'active', assigneeId: device.agent.id });
      });

      it('a rejected offer is no longer offered to the agent', async () => {
        const device = await agentDevice();
        const id = await offer(device.agent.id);
        await device.adapter.reject(id);
        const later = await agentDevice();
        const after = later.snapshot.conversations.find((conversation) => conversation.id === id);
        expect(after?.status === 'offered' && after.assigneeId === device.agent.id, 'still offered').to.equal(false);
      });

      it('an offer to another agent cannot be accepted', async () => {
        const [device, colleague] = [await agentDevice(), await colleagueDevice()];
        const id = await offer(colleague.agent.id);
        await expectCode(device.adapter.accept(id), 'forbidden');
      });
    });
  }

  describe('files', () => {
    it('a real photo uploads, reports progress and is sent as an attachment', async () => {
      const device = await agentDevice();
      const id = await activeConversation(device);
      const clientId = words('client');
      const progress: number[] = [];
      const photo = new Blob([bytesOf(PNG_1X1)], { type: 'image/png' });
      const attachment = await device.adapter.uploadAttachment(photo, 'receipt.png', {
        conversationId: id,
        clientId,
        onProgress: (fraction) => progress.push(fraction),
      });
      expect(attachment).to.include({ name: 'receipt.png', mimeType: 'image/png', size: photo.size });
      expect(attachment.url).to.be.a('string').and.not.empty;
      expect(progress.at(-1), 'progress at the end').to.equal(1);
      const sent = await device.adapter.sendMessage({
        clientId,
        conversationId: id,
        text: '',
        attachments: [attachment],
      });
      expect(sent.attachments.map((file) => file.name)).to.deep.equal(['receipt.png']);
    });

    it('a web page named .png is refused as invalid by the backend', async () => {
      const device = await agentDevice();
      const id = await activeConversation(device);
      const page = new Blob(['<!doctype html><html><body><script>alert(1)</script></body></html>'], {
        type: 'image/png',
      });
      await expectCode(
        device.adapter.uploadAttachment(page, 'photo.png', { conversationId: id, clientId: words('client') }),
        'invalid',
      );
    });

    it('an upload whose signal is already aborted rejects with an AbortError', async () => {
      const device = await agentDevice();
      const id = await activeConversation(device);
      const controller = new AbortController();
      controller.abort();
      const error = await rejection(
        device.adapter.uploadAttachment(new Blob([bytesOf(PNG_1X1)], { type: 'image/png' }), 'late.png', {
          conversationId: id,
          clientId: words('client'),
          signal: controller.signal,
        }),
      );
      expect((error as Error).name).to.equal('AbortError');
    });

    it("a colleague may not upload to another agent's conversation", async () => {
      const [device, colleague] = [await agentDevice(), await colleagueDevice()];
      const id = await activeConversation(device);
      await expectCode(
        colleague.adapter.uploadAttachment(new Blob([bytesOf(PNG_1X1)], { type: 'image/png' }), 'mine.png', {
          conversationId: id,
          clientId: words('client'),
        }),
        'forbidden',
      );
    });
  });
}
