import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { GeoLocation } from '../../core/model.js';
import { formatCoordinates, formatNumber } from '../shared/format.js';
import type { ConvStrings, PageStrings } from '../shared/strings.js';
import { withFirstUseWords } from '../shared/first-use-strings.js';

/** The part of the Geolocation API the composer uses; tests and integrators can hand in their own. */
export type GeolocationSource = Pick<Geolocation, 'getCurrentPosition'>;

export type LocationRequest = { phase: 'locating' } | { phase: 'ready'; location: GeoLocation };

/** GeolocationPositionError.PERMISSION_DENIED; the other codes (unavailable, timeout) read the same to an agent. */
const PERMISSION_DENIED = 1;
/** Five decimals is about a metre: finer than any phone's fix, so nothing real is lost and nothing false is claimed. */
const COORDINATE_DECIMALS = 5;

const roundCoordinate = (value: number) => Math.round(value * 10 ** COORDINATE_DECIMALS) / 10 ** COORDINATE_DECIMALS;

/** Asks the device once for a fresh, precise fix; `found` gets it rounded, `failed` the words for why not. */
function locate(
  geolocation: GeolocationSource,
  text: ConvStrings,
  found: (location: GeoLocation) => void,
  failed: (reason: string) => void,
): void {
  geolocation.getCurrentPosition(
    ({ coords }) =>
      found({
        latitude: roundCoordinate(coords.latitude),
        longitude: roundCoordinate(coords.longitude),
        ...(Number.isFinite(coords.accuracy) ? { accuracy: Math.round(coords.accuracy) } : {}),
      }),
    (failure) => failed(failure.code === PERMISSION_DENIED ? text.locationDenied : text.locationUnavailable),
    { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
  );
}

export interface LocationOptions {
  geolocation(): GeolocationSource | undefined;
  text(): PageStrings;
  /** Why the location could not be found, or undefined as a new request starts. */
  report(problem: string | undefined): void;
}

/** The location the agent is about to share: asked for, found (and shown for confirmation), or dropped. */
export class LocationController {
  request?: LocationRequest;

  readonly #host: ReactiveControllerHost & { renderRoot: ParentNode };
  readonly #options: LocationOptions;

  constructor(host: ReactiveControllerHost & { renderRoot: ParentNode }, options: LocationOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** The location found, waiting for Share location. */
  get ready(): GeoLocation | undefined {
    return this.request?.phase === 'ready' ? this.request.location : undefined;
  }

  /** Asks for the position; once found, Share location takes focus. */
  start(): void {
    const geolocation = this.#options.geolocation();
    const text = withFirstUseWords(this.#options.text());
    this.#options.report(undefined);
    if (!geolocation) return this.#options.report(text.locationUnsupported);
    const request: LocationRequest = { phase: 'locating' };
    this.#show(request);
    const stillWanted = () => this.request === request;
    locate(
      geolocation,
      text,
      async (location) => {
        if (!stillWanted()) return;
        this.#show({ phase: 'ready', location });
        await this.#host.updateComplete;
        this.#host.renderRoot.querySelector<HTMLElement>('.share-location')?.focus();
      },
      (reason) => {
        if (!stillWanted()) return;
        this.#show(undefined);
        this.#options.report(reason);
      },
    );
  }

  /** Drops the request; an answer that still arrives is ignored. */
  clear(): void {
    if (this.request) this.#show(undefined);
  }

  #show(request: LocationRequest | undefined): void {
    this.request = request;
    this.#host.requestUpdate();
  }
}

export interface LocationPanelOptions {
  text: PageStrings;
  canSend: boolean;
  share(): void;
  cancel(): void;
}

/** While locating: a status and Cancel. Once found: the coordinates with their accuracy, Share location and Cancel. */
export function locationPanel(
  request: LocationRequest | undefined,
  { text, canSend, share, cancel }: LocationPanelOptions,
) {
  const t = withFirstUseWords(text);
  if (!request) return nothing;
  if (request.phase === 'locating') {
    return html`<div class="location" part="location">
      <p role="status">${t.locationLocating}</p>
      <button type="button" class="secondary" @click=${cancel}>${t.cancel}</button>
    </div>`;
  }
  const { latitude, longitude, accuracy } = request.location;
  return html`<div class="location" part="location" role="group" aria-label=${t.shareLocation}>
    <p>
      <span>${t.locationPreview(formatCoordinates(latitude, longitude, t.$code))}</span>
      ${accuracy !== undefined ? html`<span class="meta">${t.locationAccuracy(formatNumber(accuracy, t.$code))}</span>` : nothing}
    </p>
    <button type="button" class="primary share-location" ?disabled=${!canSend} @click=${share}>
      ${t.shareLocation}
    </button>
    <button type="button" class="secondary" @click=${cancel}>${t.cancel}</button>
  </div>`;
}
