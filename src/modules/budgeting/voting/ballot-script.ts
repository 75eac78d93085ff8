import { staticScript } from '../../../platform/http/static-script.js';

/**
 * The ballot page's only script: it updates the running total as the voter ticks. A static file with a
 * content hash in its address (the CSP allows scripts from this site only, never inline); the page works
 * fully without it, through the "Compute my total" button.
 */
const source = `(function () {
  var form = document.querySelector('form[data-ballot]');
  var output = document.getElementById('ballot-figures');
  if (!form || !output) return;
  var rule = form.getAttribute('data-ballot');
  var lang = document.documentElement.lang || 'fr';
  var money = new Intl.NumberFormat(lang, { style: 'currency', currency: form.getAttribute('data-currency') || 'XOF', maximumFractionDigits: 0 });
  function update() {
    var total = 0, chosen = 0, points = 0;
    form.querySelectorAll('input[data-cost]').forEach(function (input) {
      var weight = input.type === 'checkbox' ? (input.checked ? 1 : 0) : parseInt(input.value || '0', 10) || 0;
      if (weight > 0) { chosen += 1; points += weight; total += Number(input.getAttribute('data-cost')); }
    });
    var text = rule === 'knapsack'
      ? form.getAttribute('data-template-total').replace('{total}', money.format(total))
      : rule === 'approval'
        ? form.getAttribute('data-template-choices').replace('{chosen}', String(chosen))
        : form.getAttribute('data-template-points').replace('{used}', String(points));
    output.textContent = text;
  }
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
})();
`;

/** Under /<commune>/: the same for every commune. */
export const ballotScript = staticScript('/budgets/assets', 'ballot', source);
