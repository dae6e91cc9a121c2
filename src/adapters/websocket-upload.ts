/**
 * Files go over HTTP beside the socket: XMLHttpRequest, for upload progress, cancellable with an
 * AbortSignal; the file URLs the server answers with are made whole.
 */
import type { UploadOptions } from '../core/adapter.js';
import { ConvError } from '../core/errors.js';
import type { Attachment, Message } from '../core/model.js';
import { abortError, httpError, isRecord, parseJson } from './websocket-protocol.js';

/** The server may return file URLs relative to its upload endpoint; the store wants them whole. */
export function fileUrlsFrom(uploadUrl: URL) {
  const resolveUrl = (url: string) => {
    try {
      return new URL(url, uploadUrl).href;
    } catch {
      return url;
    }
  };
  const withResolvedUrls = (attachment: Attachment): Attachment => ({
    ...attachment,
    url: resolveUrl(attachment.url),
    ...(attachment.thumbnailUrl !== undefined && { thumbnailUrl: resolveUrl(attachment.thumbnailUrl) }),
  });
  const withFileUrls = (message: Message): Message =>
    message.attachments.length ? { ...message, attachments: message.attachments.map(withResolvedUrls) } : message;
  return { withResolvedUrls, withFileUrls };
}

export interface UploadTarget {
  url: URL;
  /** The agent's token for this upload. */
  token: () => Promise<string | undefined>;
  timeoutMs: number;
  /** The server may answer with URLs relative to its upload endpoint. */
  withResolvedUrls: (attachment: Attachment) => Attachment;
}

export async function uploadOverHttp(
  { url: uploadUrl, token, timeoutMs, withResolvedUrls }: UploadTarget,
  file: Blob,
  name: string,
  { conversationId, clientId, signal, onProgress }: UploadOptions,
): Promise<Attachment> {
  const credential = await token();
  if (signal?.aborted) throw abortError();
  return new Promise<Attachment>((resolve, reject) => {
    const target = new URL(uploadUrl);
    target.searchParams.set('conversationId', conversationId);
    target.searchParams.set('clientId', clientId);
    target.searchParams.set('name', name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', target);
    if (credential !== undefined) xhr.setRequestHeader('Authorization', `Bearer ${credential}`);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.timeout = Math.max(timeoutMs, 60_000);
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal?.removeEventListener('abort', onAbort);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      settle();
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && isRecord(body)) {
        onProgress?.(1);
        resolve(withResolvedUrls(body as unknown as Attachment));
      } else {
        reject(httpError(xhr.status, body));
      }
    };
    xhr.onerror = () => (settle(), reject(new ConvError('network', 'The upload could not reach the server')));
    xhr.ontimeout = () => (settle(), reject(new ConvError('network', 'The upload took too long')));
    xhr.onabort = () => (settle(), reject(abortError()));
    xhr.send(file);
  });
}
