// Calls the public API with the signed-in broadcaster key, exactly as any other client does.
const storageKey = 'glance.broadcasterKey';

export const session = {
  get key() { return sessionStorage.getItem(storageKey); },
  set key(value) { value ? sessionStorage.setItem(storageKey, value) : sessionStorage.removeItem(storageKey); },
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
  }
}

export function authorization(key = session.key) {
  return { Authorization: `Bearer ${key}` };
}

export async function getJson(path, { key = session.key, signal } = {}) {
  const response = await fetch(path, { headers: { ...authorization(key), Accept: 'application/json' }, signal, cache: 'no-store' });
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not a problem document */ }
    throw new ApiError(response.status, problem);
  }
  return response.status === 204 ? null : response.json();
}

/** Every event of the tenant, following `next` (bounded: a grid beyond this many is not readable at a glance). */
export async function listEvents(maxEvents = 500) {
  const events = [];
  let after = null;
  do {
    const page = await getJson(`/v1/events?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    events.push(...page.items);
    after = page.next;
  } while (after && events.length < maxEvents);
  return events;
}
