import { staticScript } from '../../../platform/http/static-script.js';

/**
 * Upload progress for the resource forms: sends the same form with XMLHttpRequest, moves the
 * `<progress>` bar, then shows the page the server answered with (after its redirect, so the flash message
 * is seen once) at the address it came from.
 * Without it the form posts normally and the browser shows its own progress.
 */
const source = `(function () {
  document.querySelectorAll('form[data-upload-progress]').forEach(function (form) {
    var bar = form.querySelector('progress');
    form.addEventListener('submit', function (event) {
      if (!window.FormData || !bar) return;
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      bar.hidden = false;
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) { bar.max = e.total; bar.value = e.loaded; } };
      xhr.onload = function () {
        document.open(); document.write(xhr.responseText); document.close();
        if (xhr.responseURL) history.replaceState(null, '', xhr.responseURL);
      };
      xhr.onerror = function () { form.submit(); };
      xhr.send(new FormData(form));
    });
  });
})();
`;

/** Public (as every script file), under /<commune>/: the same for every commune. */
export const progressScript = staticScript('/data/assets', 'upload-progress', source);
