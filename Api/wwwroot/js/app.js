import { ApiError, authorization, listEvents, session } from './api.js';
import { openFeed } from './feed.js';
import { Grid } from './grid.js';
import { Inspector } from './inspector.js';

const $ = selector => document.querySelector(selector);
const connection = $('#connection');
const grid = new Grid($('#grid'), (event, sequence) => openInspector(event, sequence));
const inspector = new Inspector($('#inspector'));
let feeds = [];
let events = [];

// One feed carries up to 100 events (the server's limit per feed): a browser holds only six connections per origin.
const eventsPerFeed = 100;

function setStatus(state, text) {
  connection.dataset.state = state;
  connection.textContent = text;
}

async function signIn(key) {
  // Any broadcaster call proves the key; the events list is the one the grid needs anyway.
  session.key = key;
  events = await listEvents();
  $('#sign-in').hidden = true;
  $('#events').hidden = false;
  $('#sign-out').hidden = false;
  grid.show(events);
  follow();
}

function follow() {
  feeds.forEach(f => f.close());
  feeds = [];
  if (!events.length) { setStatus('idle', 'No events'); return; }
  for (let i = 0; i < events.length; i += eventsPerFeed) {
    const ids = events.slice(i, i + eventsPerFeed).map(e => e.id).join(',');
    feeds.push(openFeed(`/v1/live?events=${encodeURIComponent(ids)}`, authorization(), {
      onFrame: onFrame,
      onStatus: state => setStatus(state, state === 'live' ? 'Live' : 'Reconnecting…'),
      onUnauthorized: signOut,
    }));
  }
}

function onFrame(type, data) {
  if (type === 'state') grid.state(data.events);
  else if (type === 'segment' || type === 'incident') { grid.update(type, data); inspector.update(type, data); }
  else if (type === 'dropped') follow(); // the server lost updates for us: start over from the state
}

function openInspector(event, sequence) {
  $('#events').hidden = true;
  inspector.open(event, grid.latestSequence(event.id), sequence).catch(error => console.error(error));
  $('#inspector-title').focus?.();
}

function signOut() {
  feeds.forEach(f => f.close());
  feeds = [];
  inspector.close();
  session.key = null;
  $('#events').hidden = true;
  $('#sign-out').hidden = true;
  $('#sign-in').hidden = false;
  setStatus('idle', 'Signed out');
}

$('#sign-in-form').addEventListener('submit', async event => {
  event.preventDefault();
  const error = $('#sign-in-error');
  error.textContent = '';
  try {
    await signIn($('#key').value.trim());
    $('#key').value = '';
  } catch (e) {
    session.key = null;
    error.textContent = e instanceof ApiError && e.status === 401 ? 'This key is not valid or has been revoked.' : `Sign-in failed: ${e.message}`;
  }
});
$('#sign-out').addEventListener('click', signOut);
$('#close-inspector').addEventListener('click', () => { inspector.close(); $('#events').hidden = false; });

if (session.key) signIn(session.key).catch(signOut);
