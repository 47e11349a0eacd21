import { checks, element, formatTime } from './checks.js';

// One card per event: the newest checked segment's statuses and the open incidents, updated from the live feed.
export class Grid {
  constructor(list, onOpen) {
    this.list = list;
    this.onOpen = onOpen;
    this.cards = new Map();
  }

  show(events) {
    this.list.replaceChildren();
    this.cards.clear();
    for (const event of events) {
      const card = new Card(event, this.onOpen);
      this.cards.set(event.id, card);
      this.list.append(card.node);
    }
  }

  state(events) {
    for (const state of events) {
      const card = this.cards.get(state.eventId);
      if (!card) continue;
      card.incidents = new Map(state.openIncidents.map(i => [i.number, i]));
      const newest = state.segments.at(-1);
      if (newest) card.segment(newest); else card.render();
    }
  }

  update(type, update) {
    const card = this.cards.get(update.eventId);
    if (!card) return;
    if (type === 'segment') card.segment(update);
    else if (type === 'incident') card.incident(update.incident);
  }

  latestSequence(eventId) { return this.cards.get(eventId)?.latest?.sequence ?? null; }
}

class Card {
  constructor(event, onOpen) {
    this.event = event;
    this.latest = null;
    this.incidents = new Map();
    this.chips = new Map();
    this.meta = element('p', { class: 'meta' });
    this.badge = element('span', { class: 'badge' });
    const open = element('button', { type: 'button', class: 'open', text: event.name || event.id });
    open.addEventListener('click', () => onOpen(event, null));
    const chipList = element('ul', { class: 'chips', 'aria-label': 'Checks on the newest segment' });
    for (const [check, name] of checks) {
      // A chip opens the inspector at the segment it describes: a red one leads straight to the failing segment.
      const chip = element('button', { type: 'button', class: 'chip', dataset: { check, status: 'unknown' }, text: name });
      chip.addEventListener('click', () => onOpen(event, chip.dataset.sequence ? Number(chip.dataset.sequence) : null));
      this.chips.set(check, chip);
      chipList.append(element('li', {}, chip));
    }
    this.node = element('li', { class: 'card', dataset: { event: event.id } },
      element('div', { class: 'card-head' }, element('h3', {}, open), this.badge),
      this.meta, chipList);
    this.render();
  }

  segment(update) {
    if (this.latest && update.sequence < this.latest.sequence && update.at <= this.latest.at) return; // a repeat, or older
    this.latest = update;
    for (const result of update.checks) {
      const chip = this.chips.get(result.check);
      if (!chip) continue;
      chip.dataset.status = result.status;
      chip.dataset.sequence = update.sequence;
      chip.title = result.reason;
      chip.setAttribute('aria-label', `${chip.textContent}: ${result.status}. ${result.reason}`);
    }
    this.render();
  }

  incident(incident) {
    if (incident.state === 'open') this.incidents.set(incident.number, incident);
    else this.incidents.delete(incident.number);
    this.render();
  }

  render() {
    const latest = this.latest;
    const program = latest ? (latest.programTitle || 'nothing scheduled') : 'no segment checked yet';
    this.meta.textContent = `${this.event.id} · ${this.event.state} · ${program}${latest ? ` · segment ${latest.sequence} at ${formatTime(latest.at)}` : ''}`;
    const failing = latest?.checks.some(c => c.status === 'fail');
    this.node.dataset.health = latest ? (failing ? 'fail' : 'pass') : 'unknown';
    const open = this.incidents.size;
    this.badge.textContent = open ? `${open} open incident${open > 1 ? 's' : ''}` : '';
  }
}
