/**
 * What every part of the adapter conformance suite shares: the devices it connects, waiting for
 * pushes, and the small checks its rules are written with.
 */
import { expect } from '@open-wc/testing';
import type { AdapterEvent, ConnectResult, ConversationAdapter } from '../core/adapter.js';
import { isConvError, type ConvErrorCode } from '../core/errors.js';
import type { Agent, Conversation, Message } from '../core/model.js';
import type { AdapterConformanceControls } from './conformance.js';

/** mocha's globals, looked up when the suite is declared, so this module has no test-runner types in its API. */
export interface MochaGlobals {
  describe(title: string, body: () => void): void;
  it(title: string, body: () => Promise<void>): void;
  afterEach(body: () => void | Promise<void>): void;
}

export interface Device {
  adapter: ConversationAdapter;
  agent: Agent;
  snapshot: ConnectResult;
  events: AdapterEvent[];
}

/** What each group of rules is declared with. */
export interface ConformanceKit extends MochaGlobals {
  controls: AdapterConformanceControls;
  /** A new, unconnected adapter of the agent under test. */
  makeAdapter(): Promise<ConversationAdapter>;
  agentDevice(): Promise<Device>;
  colleagueDevice(): Promise<Device>;
  waitFor<T>(find: () => T | undefined | false, what: string): Promise<T>;
  /** A queued conversation the device's agent has picked: theirs to write in. */
  activeConversation(device: Device): Promise<string>;
  /** Text no other test wrote. */
  words(what: string): string;
}

/** A 1×1 PNG: a file every file-type policy that allows images accepts. */
export const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGPwqVrxHwAE8gJuD9kWgAAAAABJRU5ErkJggg==';
export const STATUSES: readonly Conversation['status'][] = ['offered', 'queued', 'active', 'ended'];
export const DELIVERED: readonly Message['status'][] = ['sent', 'delivered', 'read'];

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const conversationsIn = (events: AdapterEvent[]) =>
  events.flatMap((event) => (event.type === 'conversation' ? [event.conversation] : []));
export const messagesIn = (events: AdapterEvent[]) =>
  events.flatMap((event) => (event.type === 'message' ? [event.message] : []));

export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to be refused');
}

export function codeOf(error: unknown): string {
  if (!isConvError(error)) throw new Error(`Expected a ConvError, got ${String(error)}`);
  return error.code;
}

export async function expectCode(promise: Promise<unknown>, code: ConvErrorCode): Promise<void> {
  expect(codeOf(await rejection(promise))).to.equal(code);
}
