/**
 * Reads a request's parameters from an untrusted frame: every field is checked for type and size
 * before the service sees it, and anything unexpected is an `invalid` error, never a crash.
 */
import type { LogPosition, ProtocolMethod, ProtocolMethods } from '../../src/adapters/websocket.js';
import type { OutgoingMessage, PageOptions } from '../../src/core/adapter.js';
import { ConvError } from '../../src/core/errors.js';
import type { Attachment } from '../../src/core/model.js';
import { MAX_QUERY_LENGTH } from '../../src/core/search-text.js';
import { isLocation, MAX_TEXT_LENGTH } from './service.js';

export const METHODS: readonly ProtocolMethod[] = [
  'hello',
  'snapshot',
  'resume',
  'pick',
  'accept',
  'reject',
  'sendMessage',
  'listMessages',
  'listPreviousConversations',
  'listNotes',
  'addNote',
  'endChat',
  'markRead',
  'sendTyping',
  'searchConversations',
  'listStandardResponses',
  'getFileTypePolicy',
];

const MAX_ID_LENGTH = 200;
const MAX_ATTACHMENTS = 10;

type Fields = Record<string, unknown>;

const invalid = (message: string, details?: Record<string, unknown>) => new ConvError('invalid', message, details);

function record(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${what} must be an object`);
  return value as Fields;
}

function text(fields: Fields, name: string, max: number): string {
  const value = fields[name];
  if (typeof value !== 'string') throw invalid(`${name} must be a string`);
  if (value.length > max) throw invalid(`${name} is longer than ${max} characters`, { field: name, max });
  return value;
}

const id = (fields: Fields, name: string) => {
  const value = text(fields, name, MAX_ID_LENGTH);
  if (!value) throw invalid(`${name} is empty`);
  return value;
};

function page(fields: Fields): PageOptions {
  const options: PageOptions = {};
  if (fields.cursor !== undefined) options.cursor = text(fields, 'cursor', 1000);
  if (fields.limit !== undefined) {
    if (!Number.isInteger(fields.limit)) throw invalid('limit must be a whole number');
    options.limit = fields.limit as number;
  }
  return options;
}

function outgoing(value: unknown): OutgoingMessage {
  const fields = record(value, 'message');
  const attachments = fields.attachments ?? [];
  if (!Array.isArray(attachments) || attachments.length > MAX_ATTACHMENTS)
    throw invalid(`attachments must be a list of at most ${MAX_ATTACHMENTS}`);
  const message: OutgoingMessage = {
    clientId: id(fields, 'clientId'),
    conversationId: id(fields, 'conversationId'),
    text: text(fields, 'text', MAX_TEXT_LENGTH),
    // Only the upload id counts: the server fills in name, type, size and URL from its own record.
    attachments: attachments.map((attachment) => ({ id: id(record(attachment, 'attachment'), 'id') }) as Attachment),
  };
  if (fields.location !== undefined) {
    if (!isLocation(fields.location))
      throw invalid('location must have a latitude, a longitude and at most a short label');
    const { latitude, longitude, accuracy, label } = fields.location;
    message.location = {
      latitude,
      longitude,
      ...(accuracy !== undefined && { accuracy }),
      ...(label !== undefined && { label }),
    };
  }
  return message;
}

function position(fields: Fields): LogPosition {
  const seq = fields.seq;
  if (!Number.isSafeInteger(seq) || (seq as number) < 0) throw invalid('seq must be a whole number, 0 or more');
  return { logId: text(fields, 'logId', MAX_ID_LENGTH), seq: seq as number };
}

/** The parameters of `method`, checked. */
export function readParams<M extends ProtocolMethod>(method: M, raw: unknown): ProtocolMethods[M]['params'] {
  const fields = raw === undefined ? {} : record(raw, 'params');
  const conversationId = () => ({ conversationId: id(fields, 'conversationId') });
  switch (method as ProtocolMethod) {
    case 'hello':
      if (fields.protocol !== 1) throw invalid('This server speaks protocol 1', { protocol: fields.protocol });
      return (
        fields.token === undefined ? { protocol: 1 } : { protocol: 1, token: text(fields, 'token', 1000) }
      ) as ProtocolMethods[M]['params'];
    case 'snapshot':
    case 'getFileTypePolicy':
    case 'listStandardResponses':
      return {} as ProtocolMethods[M]['params'];
    case 'resume':
      return position(fields) as ProtocolMethods[M]['params'];
    case 'pick':
    case 'accept':
    case 'reject':
    case 'listNotes':
    case 'endChat':
    case 'markRead':
      return conversationId() as ProtocolMethods[M]['params'];
    case 'listMessages':
    case 'listPreviousConversations':
      return { ...conversationId(), ...page(fields) } as ProtocolMethods[M]['params'];
    case 'sendTyping':
      if (typeof fields.typing !== 'boolean') throw invalid('typing must be true or false');
      return { ...conversationId(), typing: fields.typing } as ProtocolMethods[M]['params'];
    case 'searchConversations':
      return { query: text(fields, 'query', MAX_QUERY_LENGTH), ...page(fields) } as ProtocolMethods[M]['params'];
    case 'addNote':
      return {
        clientId: id(fields, 'clientId'),
        ...conversationId(),
        text: text(fields, 'text', MAX_TEXT_LENGTH),
      } as ProtocolMethods[M]['params'];
    case 'sendMessage':
      return { message: outgoing(fields.message) } as ProtocolMethods[M]['params'];
  }
}
