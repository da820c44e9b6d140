// Vault Settings -> Access credentials: create (the password shown once), list, delete.

import * as api from './api.js';
import { $, el, formatTime, emptyRow } from './dom.js';
import { openDialog, clearErrors, confirmAction, whileBusy } from './dialogs.js';

function attachedCount(state, credential) {
  return state.certificates.filter((c) => c.credentialId === credential.id).length;
}

function row(state, credential) {
  return el('tr', {},
    el('td', { class: 'mono' }, credential.username),
    el('td', {}, credential.description || ''),
    el('td', {}, formatTime(credential.createdAt)),
    el('td', {}, String(attachedCount(state, credential))),
    el('td', { class: 'actions-cell' }, el('button', {
      type: 'button',
      class: 'icon',
      'aria-label': 'Delete access credential ' + credential.username,
      title: 'Delete access credential',
      onclick: () => askDeletion(state, credential),
    }, '×')));
}

export function render(state) {
  const tbody = $('credentials-table').tBodies[0];
  if (state.credentials.length === 0) {
    emptyRow(tbody, 5, 'No access credentials in this vault yet.');
    return;
  }
  tbody.replaceChildren(...state.credentials.map((c) => row(state, c)));
}

function askDeletion(state, credential) {
  confirmAction({
    title: 'Delete access credential?',
    message: 'Delete "' + credential.username + '"? Clients that use it will be refused by the outbound proxy. '
      + 'A credential that still has certificates cannot be deleted: remove them first.',
    confirmLabel: 'Delete Access Credential',
    action: async () => {
      await api.credentials.remove(state.vaultId, credential.id);
      await state.refresh();
    },
  });
}

function showCreated(credential) {
  $('credential-form').hidden = true;
  $('credential-created').hidden = false;
  $('created-username').value = credential.username;
  $('created-password').value = credential.password;
  $('copy-status').textContent = '';
  $('copy-password').focus();
}

async function copyPassword() {
  const field = $('created-password');
  try {
    await navigator.clipboard.writeText(field.value);
    $('copy-status').textContent = 'Password copied to the clipboard.';
  } catch (e) {
    field.select();
    $('copy-status').textContent = 'Copying is not allowed here; the password is selected, press Ctrl+C.';
  }
}

export function init(state) {
  const form = $('credential-form');
  const dialog = $('credential-dialog');
  $('create-credential').addEventListener('click', () => {
    form.reset();
    clearErrors(form);
    form.hidden = false;
    $('credential-created').hidden = true;
    openDialog(dialog, $('credential-description'));
  });
  // The password leaves the page as soon as the dialog closes.
  dialog.addEventListener('close', () => {
    $('created-password').value = '';
    $('created-username').value = '';
  });
  $('copy-password').addEventListener('click', copyPassword);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const description = $('credential-description').value.trim();
    try {
      const created = await whileBusy(form, () =>
        api.credentials.create(state.vaultId, description ? { description } : {}));
      showCreated(created);
      await state.refresh();
    } catch (e) {
      $('credential-form-error').textContent = e.message;
    }
  });
}
