import { staticScript } from '../../../platform/http/static-script.js';

/**
 * The complaint form's only script: a "use my position" button filling latitude and longitude. A static file
 * (the CSP forbids inline scripts); without JavaScript or GPS the fields are typed or left empty.
 */
const source = `(function () {
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

/** Under /<commune>/: the same for every commune. */
export const positionScript = staticScript('/requests/assets', 'position', source);
