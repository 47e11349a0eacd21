import { getJson } from './api.js';
import { checkName, element, formatTime } from './checks.js';
import { Replay } from './replay.js';

// One event in detail: the schedule with the program on air, open incidents, one segment's checks (expected against
// detected, per-frame evidence), its sampled frames' detections, and the stream's replay.
export class Inspector {
  constructor(root) {
    this.root = root;
    this.replay = new Replay(root.querySelector('#video'), root.querySelector('#overlay'), root.querySelector('#player-note'));
    this.number = root.querySelector('#segment-number');
    root.querySelector('#previous-segment').addEventListener('click', () => this.showSegment(Number(this.number.value) - 1));
    root.querySelector('#next-segment').addEventListener('click', () => this.showSegment(Number(this.number.value) + 1));
    root.querySelector('#latest-segment').addEventListener('click', () => this.latest !== null && this.showSegment(this.latest));
    this.number.addEventListener('change', () => this.showSegment(Number(this.number.value)));
  }

  /** Opens at <shown> (a chip's segment) or else at the newest checked segment. */
  async open(event, latestSequence, shown = null) {
    this.event = event;
    this.latest = latestSequence;
    this.root.querySelector('#inspector-title').textContent = event.name || event.id;
    this.root.hidden = false;
    const [detail] = await Promise.all([
      getJson(`/v1/events/${encodeURIComponent(event.id)}`),
      this.refreshSchedule(),
      this.refreshIncidents(),
      (shown ?? latestSequence) !== null ? this.showSegment(shown ?? latestSequence) : this.noSegment(),
    ]);
    this.replay.load(detail?.definition?.source ?? null);
  }

  close() {
    this.replay.stop();
    this.root.hidden = true;
    this.event = null;
  }

  /** A live update for the open event: keeps incidents and the "latest" target current without moving the operator's view. */
  update(type, update) {
    if (!this.event || update.eventId !== this.event.id) return;
    if (type === 'segment') {
      this.latest = Math.max(this.latest ?? update.sequence, update.sequence);
      this.programOnAir(update.programId);
    }
    if (type === 'incident') this.refreshIncidents();
  }

  async refreshSchedule() {
    const list = this.root.querySelector('#schedule');
    let schedule;
    try { schedule = await getJson(`/v1/events/${encodeURIComponent(this.event.id)}/schedule`); } catch { schedule = { programs: [] }; }
    const now = Date.now();
    list.replaceChildren(...(schedule.programs.length ? schedule.programs.map(p =>
      element('li', { dataset: { program: p.id }, 'aria-current': Date.parse(p.start) <= now && now < Date.parse(p.end) ? 'true' : 'false' },
        element('span', { class: 'title', text: p.title }),
        `${p.type} · ${formatTime(p.start)}–${formatTime(p.end)}`,
        p.stationLogo ? element('br') : null, p.stationLogo ? `logo ${p.stationLogo}` : null,
        p.teams?.length ? element('br') : null, p.teams?.length ? p.teams.join(' v ') : null))
      : [element('li', { text: 'No schedule: checks that need one are skipped.' })]));
  }

  programOnAir(programId) {
    for (const item of this.root.querySelectorAll('#schedule li[data-program]')) {
      item.setAttribute('aria-current', item.dataset.program === programId ? 'true' : 'false');
    }
  }

  async refreshIncidents() {
    const list = this.root.querySelector('#incidents');
    const open = await getJson(`/v1/events/${encodeURIComponent(this.event.id)}/incidents?state=open&limit=100`);
    list.replaceChildren(...(open.length ? open.map(i => element('li', { dataset: { check: i.check } },
      element('strong', { text: `#${i.number} ${checkName[i.check] ?? i.check}` }),
      ` since segment ${i.openedAtSequence}${i.openedAt ? ` (${formatTime(i.openedAt)})` : ''}: ${i.reason}`))
      : [element('li', { text: 'None.' })]));
  }

  noSegment() {
    this.root.querySelector('#segment-title').textContent = 'Segment';
    this.root.querySelector('#segment-summary').textContent = 'No segment has been checked yet.';
  }

  async showSegment(sequence) {
    if (!Number.isInteger(sequence) || sequence < 0) return;
    this.number.value = sequence;
    const base = `/v1/events/${encodeURIComponent(this.event.id)}`;
    const summary = this.root.querySelector('#segment-summary');
    let segment;
    try {
      segment = await getJson(`${base}/segments/${sequence}`);
    } catch (error) {
      summary.textContent = `Segment ${sequence}: ${error.message}`;
      this.root.querySelector('#checks tbody').replaceChildren();
      this.root.querySelector('#frames').replaceChildren();
      return;
    }
    this.root.querySelector('#segment-title').textContent = `Segment ${sequence}`;
    const monitoring = segment.monitoring;
    summary.textContent = `${segment.outcome} · ${segment.frames} frames · stream ${seconds(segment.streamStart)}–${seconds(segment.streamEnd)}` +
      (segment.programDateTime ? ` · ${formatTime(segment.programDateTime)}` : '') +
      (monitoring ? ` · program: ${monitoring.programTitle ?? 'nothing scheduled'}` : ' · not checked yet');
    this.renderChecks(monitoring?.checks ?? []);
    if (segment.streamStart !== null && segment.streamEnd !== null) {
      const page = await getJson(`${base}/timeline?from=${segment.streamStart}&to=${segment.streamEnd}&limit=100`);
      this.renderFrames(segment, page.entries.filter(f => f.sequence === sequence));
    }
  }

  renderChecks(results) {
    const rows = results.map(c => {
      const evidence = c.frames?.length ? element('details', {},
        element('summary', { text: `${c.frames.length} frames` }),
        element('ul', {}, ...c.frames.map(f => element('li', {
          text: `frame ${f.index} at ${seconds(f.position)}: ${f.detected ?? 'nothing'}${f.confidence != null ? ` (${percent(f.confidence)})` : ''}, counts ${percent(f.weight)}`,
        })))) : null;
      return element('tr', { dataset: { check: c.check } },
        element('th', { scope: 'row', text: checkName[c.check] ?? c.check }),
        element('td', {}, element('span', { class: 'chip', dataset: { status: c.status }, text: c.status })),
        element('td', { text: c.expected ?? '' }),
        element('td', { text: c.detected ?? '' }),
        element('td', { text: c.share != null ? `${percent(c.share)} / ${percent(c.threshold)}` : c.threshold != null ? `limit ${c.threshold}` : '' }),
        element('td', {}, c.reason, evidence));
    });
    this.root.querySelector('#checks tbody').replaceChildren(...rows);
  }

  renderFrames(segment, frames) {
    const list = this.root.querySelector('#frames');
    list.replaceChildren(...frames.map(frame => {
      const show = element('button', { type: 'button', text: 'Show on video' });
      show.addEventListener('click', () => this.replay.showFrame(segment, frame));
      return element('li', { class: 'frame', dataset: { frame: frame.frame } },
        element('div', { class: 'thumb', role: 'img', 'aria-label': `Frame ${frame.frame}: ${frame.sightings.map(s => s.name).join(', ') || 'nothing detected'}` },
          ...boxes(frame.sightings)),
        element('strong', { text: `Frame ${frame.frame} · ${seconds(frame.position)}` }),
        element('ul', {}, ...frame.sightings.map(s => element('li', { text: `${s.kind}: ${s.name} ${percent(s.confidence)}` }))),
        show);
    }));
    if (!frames.length) list.replaceChildren(element('li', { text: 'No frames recorded for this segment.' }));
  }
}

export function boxes(sightings) {
  // Positioned through the CSSOM: the Content-Security-Policy refuses inline style attributes.
  return sightings.filter(s => s.box).map(s => {
    const box = element('div', { class: 'box' }, element('span', { text: `${s.name} ${percent(s.confidence)}` }));
    Object.assign(box.style, { left: `${s.box.x * 100}%`, top: `${s.box.y * 100}%`, width: `${s.box.width * 100}%`, height: `${s.box.height * 100}%` });
    return box;
  });
}

function seconds(value) { return value == null ? '?' : `${Number(value).toFixed(1)} s`; }
function percent(value) { return value == null ? '' : `${Math.round(value * 100)} %`; }
