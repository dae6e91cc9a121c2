/**
 * The standard responses the memory backend and the reference server offer when given none: a few
 * answers agents give every day, with the placeholders the composer fills in.
 */
import type { StandardResponse } from '../core/model.js';

export const EXAMPLE_STANDARD_RESPONSES: readonly StandardResponse[] = [
  { id: 'greeting', title: 'Greeting', text: 'Hello {customerName}, this is {agentName}. How can I help you today?' },
  {
    id: 'one-moment',
    title: 'One moment',
    text: 'Thank you, {customerName}. One moment please while I check that for you.',
  },
  { id: 'order-number', title: 'Order number', text: 'Could you tell me your order number, please?' },
  { id: 'anything-else', title: 'Anything else', text: 'Is there anything else I can do for you, {customerName}?' },
  {
    id: 'goodbye',
    title: 'Goodbye',
    text: 'Thank you for contacting us, {customerName}. Have a nice day! {agentName}',
  },
];
