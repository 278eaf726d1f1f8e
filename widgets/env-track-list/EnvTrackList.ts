import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { panelStyles } from '../../styles/index.js';
import { EnvWidgetElement } from '../base/EnvWidgetElement.js';
import { Collapsible } from '../base/collapsible.js';
import { styleProps } from '../base/style-props.js';
import type { MapHandle } from '../base/context.js';
import type { EnvGeofenceDetail } from '../base/events.js';
import type { EnvTracks, TrackRow } from '../env-tracks/EnvTracks.js';
import { vehicleDetail } from '../env-tracks/pick.js';
import { trackListStyles } from './styles.js';

/**
 * The patrol vehicles of the map's `<env-tracks>` (the one named by `source`, else every one in
 * the map): kind, name, status (online, offline after the tracks' `stale-after` seconds, low
 * battery, outside its patrol area, or a recorded track), speed, altitude, battery and mission,
 * the most urgent first. Clicking a vehicle (or Enter on its name) makes the map follow it;
 * again stops following. A vehicle leaving its area is announced to screen readers.
 *
 * @tag env-track-list
 * @summary Drone and boat list with status; click to follow.
 *
 * @fires {CustomEvent<EnvTrackSelectDetail>} env-track-select - A vehicle was chosen in the list.
 * @csspart panel - The panel.
 * @cssprop --env-track-list-height - Height before the list scrolls.
 * @cssprop --env-track-alert - Background of the outside and low-battery statuses.
 */
export class EnvTrackList extends Collapsible(EnvWidgetElement) {
  static override styles = [EnvWidgetElement.tokenStyles, panelStyles, trackListStyles];

  /** Id of the `<env-tracks>` whose vehicles are listed; default every one in the map. */
  @property() source: string | null = null;
  /** At most this many vehicles are shown. */
  @property({ type: Number }) limit = 100;
  override collapsePriority = 60;

  @state() private revision = 0;
  @state() private announcement = '';
  private watched: EnvTracks[] = [];
  private unwatch: Array<() => void> = [];
  private stopMap: (() => void) | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  protected override mapChanged(handle: MapHandle | undefined): void {
    this.stopMap?.();
    this.stopMap = undefined;
    clearInterval(this.timer);
    this.timer = undefined;
    if (!handle) {
      this.watch([]);
      return;
    }
    const onGeofence = (e: Event) => this.announce((e as CustomEvent<EnvGeofenceDetail>).detail);
    handle.element.addEventListener('env-geofence', onGeofence);
    this.stopMap = () => handle.element.removeEventListener('env-geofence', onGeofence);
    // Tracks elements added later are found within a second; statuses age with the clock.
    this.timer = setInterval(() => {
      this.watch(this.findTracks());
      this.revision++;
    }, 1000);
    this.watch(this.findTracks());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopMap?.();
    this.stopMap = undefined;
    clearInterval(this.timer);
    this.timer = undefined;
    this.watch([]);
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('source')) this.watch(this.findTracks());
  }

  /** The vehicles as listed, most urgent first. */
  rows(): TrackRow[] {
    const now = Date.now();
    const rows = this.watched.flatMap((t) => t.getRows(now));
    return rows.slice(0, Math.max(1, Math.floor(this.limit) || 100));
  }

  private findTracks(): EnvTracks[] {
    if (this.source) {
      const el = document.getElementById(this.source);
      return el?.localName === 'env-tracks' ? [el as EnvTracks] : [];
    }
    return [...(this.handle?.element.querySelectorAll('env-tracks') ?? [])];
  }

  private watch(list: EnvTracks[]): void {
    if (list.length === this.watched.length && list.every((t, i) => t === this.watched[i])) return;
    for (const stop of this.unwatch) stop();
    this.watched = list;
    this.unwatch = list.map((t) => t.subscribe(() => this.revision++));
    this.revision++;
  }

  private owner(id: string): EnvTracks | undefined {
    return this.watched.find((t) => t.vehicles.has(id));
  }

  private announce(detail: EnvGeofenceDetail): void {
    this.announcement = this.locale.t('tracks.announce.outside', {
      name: detail.name ?? detail.vehicleId,
    });
  }

  /** Follows the vehicle (or stops following it) and tells the page which one was chosen. */
  private choose(row: TrackRow): void {
    const owner = this.owner(row.id);
    if (!owner) return;
    const following = owner.follow === row.id;
    for (const t of this.watched) if (t !== owner && t.follow) t.follow = null;
    owner.follow = following ? null : row.id;
    const detail = following ? undefined : vehicleDetail(row, row.file);
    if (detail) this.emit('env-track-select', detail);
    this.revision++;
  }

  override render() {
    void this.revision;
    const t = this.locale.t.bind(this.locale);
    const rows = this.rows();
    const total = this.watched.reduce((n, el) => n + el.vehicles.size, 0);
    return html`<section class="panel" part="panel" aria-labelledby="title">
      <h2 id="title">
        ${this.collapseToggle(
          html`${t('tracks.title')} <span class="muted">${t('tracks.count', { n: total })}</span>`,
        )}
      </h2>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${
        rows.length === 0
          ? html`<p class="muted">${t('tracks.empty')}</p>`
          : html`<div class="scroll">
              <table aria-labelledby="title">
                <thead>
                  <tr>
                    <th scope="col">${t('tracks.kind')}</th>
                    <th scope="col">${t('tracks.name')}</th>
                    <th scope="col">${t('tracks.status')}</th>
                    <th scope="col">${t('tracks.speed')} m/s</th>
                    <th scope="col">${t('tracks.altitude')} m</th>
                    <th scope="col">${t('tracks.battery')}</th>
                    <th scope="col">${t('tracks.mission')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map((r) => this.row(r))}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }

  private row(r: TrackRow) {
    const t = this.locale.t.bind(this.locale);
    const following = this.owner(r.id)?.follow === r.id;
    const fixed = (v: number | undefined, digits: number) =>
      v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
    return html`<tr
      data-id=${r.id}
      data-status=${r.status}
      ?data-following=${following}
      @click=${(e: Event) => {
        if ((e.target as HTMLElement).closest('button')) return;
        this.choose(r);
      }}
    >
      <td>
        <span class="swatch" ${styleProps({ background: r.color })} aria-hidden="true"></span
        >${t(`tracks.kind.${r.kind}`)}
      </td>
      <td>
        <button
          type="button"
          aria-pressed=${following ? 'true' : 'false'}
          title=${following ? t('tracks.following') : t('tracks.follow')}
          @click=${() => this.choose(r)}
        >
          ${r.name ?? r.id}</button
        >${r.simulated ? html` <span class="muted">(${t('tracks.simulated')})</span>` : nothing}
      </td>
      <td><span class="status ${r.status}">${t(`tracks.status.${r.status}`)}</span></td>
      <td class="num">${fixed(r.speedMs, 1)}</td>
      <td class="num">${fixed(r.alt, 0)}</td>
      <td class="num">${r.batteryPct === undefined ? '–' : `${Math.round(r.batteryPct)}%`}</td>
      <td>${r.missionName ?? r.missionId ?? '–'}</td>
    </tr>`;
  }
}
