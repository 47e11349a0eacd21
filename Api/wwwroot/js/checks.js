// The checks in the order operators read them, with readable names.
export const checks = [
  ['stationLogo', 'Logo'], ['sport', 'Sport'], ['teams', 'Teams'], ['audio', 'Audio'], ['loudness', 'Loudness'],
  ['black', 'Black'], ['freeze', 'Freeze'], ['transport', 'TS'], ['scte35', 'SCTE-35'], ['captions', 'Captions'],
];

export const checkName = Object.fromEntries(checks);

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.filter(c => c !== null && c !== undefined));
  return node;
}

export function formatTime(value) {
  if (!value) return '';
  const date = new Date(value);
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return date.toDateString() === new Date().toDateString() ? time : `${date.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${time}`;
}
