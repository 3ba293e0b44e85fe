// Copy buttons: a <button class="copy" data-copy="TEXT" hidden> beside text the page shows anyway. The buttons
// stay hidden without JavaScript, and the text stays selectable either way.
(function () {
  'use strict';

  function copied(button, label) {
    button.textContent = label;
    window.setTimeout(function () { button.textContent = button.dataset.label; }, 2000);
  }

  // For pages served over plain HTTP to another host, where the Clipboard API is not offered.
  function copyBySelection(text) {
    var field = document.createElement('textarea');
    field.value = text;
    field.setAttribute('readonly', '');
    field.className = 'visually-hidden';
    document.body.appendChild(field);
    field.select();
    var done = document.execCommand('copy');
    document.body.removeChild(field);
    return done;
  }

  function copy(button) {
    var text = button.dataset.copy;
    var fallback = function () { copied(button, copyBySelection(text) ? 'Copied' : 'Select and copy'); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(button, 'Copied'); }, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('button.copy[data-copy]').forEach(function (button) {
      button.dataset.label = button.textContent;
      button.hidden = false;
      button.addEventListener('click', function () { copy(button); });
    });
  });
}());
