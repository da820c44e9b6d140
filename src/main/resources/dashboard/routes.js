// Vault Settings -> Routes: create, edit (the whole route is replaced), delete.

import * as api from './api.js';
import { $, el, emptyRow } from './dom.js';
import { openDialog, clearErrors, confirmAction, fieldError, whileBusy } from './dialogs.js';

let editing = null;

function attachedCount(state, route) {
  return state.certificates.filter((c) => c.routeId === route.id).length;
}

function row(state, route) {
  return el('tr', {},
    el('td', { class: 'mono' }, route.pathPrefix),
    el('td', { class: 'mono' }, route.upstream),
    el('td', {}, route.description || ''),
    el('td', {}, route.hasUpstreamCa ? 'Yes' : 'No'),
    el('td', {}, String(attachedCount(state, route))),
    el('td', { class: 'actions-cell' },
      el('button', {
        type: 'button',
        class: 'quiet',
        'aria-label': 'Edit route ' + route.pathPrefix,
        onclick: () => openEditor(route),
      }, 'Edit'),
      el('button', {
        type: 'button',
        class: 'icon',
        'aria-label': 'Delete route ' + route.pathPrefix,
        title: 'Delete route',
        onclick: () => askDeletion(state, route),
      }, '×')));
}

export function render(state) {
  const tbody = $('routes-table').tBodies[0];
  if (state.routes.length === 0) {
    emptyRow(tbody, 6, 'No routes in this vault yet.');
    return;
  }
  const sorted = [...state.routes].sort((a, b) => a.pathPrefix.localeCompare(b.pathPrefix));
  tbody.replaceChildren(...sorted.map((r) => row(state, r)));
}

function askDeletion(state, route) {
  confirmAction({
    title: 'Delete route?',
    message: 'Delete the route ' + route.pathPrefix + ' → ' + route.upstream + '? Inbound requests for it will '
      + 'no longer be forwarded. A route that still has certificates cannot be deleted: remove them first.',
    confirmLabel: 'Delete Route',
    action: async () => {
      await api.routes.remove(state.vaultId, route.id);
      await state.refresh();
    },
  });
}

function openEditor(route) {
  const form = $('route-form');
  form.reset();
  clearErrors(form);
  editing = route;
  $('route-dialog-title').textContent = route ? 'Edit route' : 'Create route';
  if (route) {
    $('route-path-prefix').value = route.pathPrefix;
    $('route-upstream').value = route.upstream;
    $('route-description').value = route.description || '';
  }
  $('route-ca-hint').textContent = route && route.hasUpstreamCa
    ? 'This route has its own CA certificates. Saving replaces the route whole: paste them again to keep them.'
    : 'Optional PEM certificates the upstream\'s server certificate may also chain to.';
  openDialog($('route-dialog'), $('route-path-prefix'));
}

function routeBody() {
  const body = {
    pathPrefix: $('route-path-prefix').value.trim() || '/',
    upstream: $('route-upstream').value.trim(),
  };
  const description = $('route-description').value.trim();
  const ca = $('route-ca').value.trim();
  if (description) {
    body.description = description;
  }
  if (ca) {
    body.upstreamCaPem = ca;
  }
  return body;
}

export function init(state) {
  const form = $('route-form');
  $('create-route').addEventListener('click', () => openEditor(null));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    try {
      await whileBusy(form, () => (editing
        ? api.routes.update(state.vaultId, editing.id, routeBody())
        : api.routes.create(state.vaultId, routeBody())));
      $('route-dialog').close();
      await state.refresh();
    } catch (e) {
      fieldError(e.code === 'INVALID_UPSTREAM_CA' ? 'route-ca' : null, e.message, 'route-form-error');
    }
  });
}
