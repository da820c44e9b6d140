// Modal dialogs: real <dialog> elements opened with showModal(), so the browser keeps focus inside and Escape
// closes them. Field errors sit next to their field, in a role="alert" element named <field id>-error.

import { $ } from './dom.js';

export function wireCloseButtons() {
  for (const button of document.querySelectorAll('dialog [data-close]')) {
    button.addEventListener('click', () => button.closest('dialog').close());
  }
}

export function openDialog(dialog, focusTarget) {
  dialog.showModal();
  if (focusTarget) {
    focusTarget.focus();
  }
}

export function clearErrors(container) {
  for (const error of container.querySelectorAll('.error')) {
    error.textContent = '';
  }
  for (const field of container.querySelectorAll('[aria-invalid]')) {
    field.removeAttribute('aria-invalid');
  }
}

/** Shows the message next to the field with that id, or at the top of the form when the field is not given. */
export function fieldError(fieldId, message, formErrorId) {
  const slot = fieldId ? $(fieldId + '-error') : null;
  if (!slot) {
    $(formErrorId).textContent = message;
    return;
  }
  slot.textContent = message;
  $(fieldId).setAttribute('aria-invalid', 'true');
  $(fieldId).focus();
}

let pendingAction = null;

/** Asks in an in-page dialog; runs the action on the confirm button, and keeps the dialog open on its error. */
export function confirmAction({ title, message, confirmLabel, action }) {
  const dialog = $('confirm-dialog');
  $('confirm-title').textContent = title;
  $('confirm-message').textContent = message;
  $('confirm-error').textContent = '';
  $('confirm-accept').textContent = confirmLabel;
  pendingAction = action;
  openDialog(dialog, dialog.querySelector('[data-close]'));
}

export function wireConfirmDialog() {
  const accept = $('confirm-accept');
  accept.addEventListener('click', async () => {
    if (!pendingAction) {
      return;
    }
    accept.disabled = true;
    try {
      await pendingAction();
      pendingAction = null;
      $('confirm-dialog').close();
    } catch (e) {
      $('confirm-error').textContent = e.message;
    } finally {
      accept.disabled = false;
    }
  });
  $('confirm-dialog').addEventListener('close', () => {
    pendingAction = null;
  });
}

/** Disables a form's submit button while the promise runs, so a double click does not send twice. */
export async function whileBusy(form, work) {
  const submit = form.querySelector('[type=submit]');
  submit.disabled = true;
  try {
    return await work();
  } finally {
    submit.disabled = false;
  }
}
