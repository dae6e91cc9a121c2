/** The focused element, looking inside shadow roots (focus may sit deep inside another component). */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Whether focus is on or inside `host`, or nowhere in particular (the page itself): then `host` may move it. */
export function focusIsInsideOrLost(host: HTMLElement): boolean {
  const active = deepActiveElement();
  return !active || active === document.body || active === host || !!host.shadowRoot?.contains(active);
}
