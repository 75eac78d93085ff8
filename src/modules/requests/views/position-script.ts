import { createHash } from 'node:crypto';

/**
 * The complaint form's only script: a "use my position" button filling latitude and longitude. A static file
 * (the CSP forbids inline scripts); without JavaScript or GPS the fields are typed or left empty.
 */
export const positionScript = `(function () {
  var button = document.getElementById('use-my-position');
  if (!button || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById('latitude').value = position.coords.latitude.toFixed(6);
      document.getElementById('longitude').value = position.coords.longitude.toFixed(6);
    });
  });
})();
`;

const hash = createHash('sha256').update(positionScript).digest('hex').slice(0, 12);
/** Path under /<commune>/, cached for a year: its name changes with its content. */
export const positionScriptPath = `/requests/assets/position.${hash}.js`;
