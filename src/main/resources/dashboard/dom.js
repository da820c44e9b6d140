// Small helpers for building the page. Text from the API only ever enters the page as text nodes or attribute
// values, never as HTML.

export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

export const $ = (id) => document.getElementById(id);

export function formatTime(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return date.getUTCFullYear() + '-' + pad(date.getUTCMonth() + 1) + '-' + pad(date.getUTCDate()) + ' '
    + pad(date.getUTCHours()) + ':' + pad(date.getUTCMinutes()) + ' UTC';
}

export function formatDate(iso) {
  return iso ? formatTime(iso).slice(0, 10) : '';
}

export function showError(id, message) {
  const target = $(id);
  target.textContent = message || '';
}

export function emptyRow(tbody, columns, message) {
  tbody.replaceChildren(el('tr', {}, el('td', { colspan: columns, class: 'empty' }, message)));
}
