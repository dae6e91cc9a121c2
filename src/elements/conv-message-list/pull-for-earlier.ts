/** How far a pointer or finger must pull down at the top to ask for earlier history. */
const PULL_DISTANCE_PX = 64;

/**
 * Asks for earlier history when the agent tries to go past the top of the list: the wheel turned up
 * there, or a pointer or finger pulled down from there. Bind its handlers on the scrolling element.
 */
export class PullForEarlier {
  private pull?: { pointerId: number; startY: number };

  constructor(
    private readonly scroller: () => HTMLElement | null,
    private readonly loadEarlier: () => void,
  ) {}

  private get atTop(): boolean {
    return (this.scroller()?.scrollTop ?? 0) <= 0;
  }

  /** At the top, the wheel cannot scroll any further: turning it up still asks for earlier history. */
  readonly wheeled = (event: WheelEvent) => {
    if (event.deltaY < 0 && this.atTop) this.loadEarlier();
  };

  readonly pointerDown = (event: PointerEvent) => {
    // Touch pans the region natively (pointercancel follows); fingers are followed through touch events.
    if (event.pointerType === 'touch' || event.button !== 0 || !this.atTop) return;
    this.pull = { pointerId: event.pointerId, startY: event.clientY };
  };

  readonly pointerMove = (event: PointerEvent) => {
    if (this.pull?.pointerId === event.pointerId) this.pulled(event.clientY);
  };

  readonly touchStart = (event: TouchEvent) => {
    const touch = event.touches[0];
    if (event.touches.length === 1 && touch && this.atTop) this.pull = { pointerId: -1, startY: touch.clientY };
  };

  readonly touchMove = (event: TouchEvent) => {
    const touch = event.touches[0];
    if (this.pull?.pointerId === -1 && touch) this.pulled(touch.clientY);
  };

  readonly ended = () => {
    this.pull = undefined;
  };

  private pulled(y: number): void {
    if (!this.pull || y - this.pull.startY < PULL_DISTANCE_PX) return;
    this.pull = undefined;
    this.loadEarlier();
  }
}
