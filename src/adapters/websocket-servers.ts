/**
 * The server addresses a WebSocket adapter may use, one at a time: several processes sharing one
 * database are all the same backend, so a connection that fails or drops moves on to the next.
 */
import { ConvError } from '../core/errors.js';
import { pageUrl, toHttpUrl, toSocketUrl, type WebSocketAdapterOptions } from './websocket-protocol.js';
import { fileUrlsFrom } from './websocket-upload.js';

export type ServerAddresses = ReturnType<typeof serverAddresses>;

export function serverAddresses({ url, uploadUrl }: Pick<WebSocketAdapterOptions, 'url' | 'uploadUrl'>) {
  const socketUrls = (typeof url === 'string' ? [url] : url).map(toSocketUrl);
  if (socketUrls.length === 0) throw new ConvError('invalid', 'The WebSocket adapter needs a server address');
  let index = 0;
  /** Files go to the process in use, unless the integrator names one place for them. */
  const uploadUrlNow = () =>
    uploadUrl ? new URL(uploadUrl, pageUrl()) : new URL('uploads', toHttpUrl(socketUrls[index]!));
  return {
    count: socketUrls.length,
    socketUrl: () => socketUrls[index]!,
    next: () => void (index = (index + 1) % socketUrls.length),
    uploadUrl: uploadUrlNow,
    fileUrls: () => fileUrlsFrom(uploadUrlNow()),
  };
}

/** Opens on each address in turn until one answers; a refused token is refused everywhere, so it is not tried again. */
export async function openOnAny<T>(servers: ServerAddresses, open: () => Promise<T>, failed: () => void): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await open();
    } catch (error) {
      failed();
      if ((error instanceof ConvError && error.code === 'forbidden') || tried >= servers.count) throw error;
      servers.next();
    }
  }
}
