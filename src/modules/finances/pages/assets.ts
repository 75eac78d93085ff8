import { moduleStylesheet } from '../../../platform/views/stylesheet.js';

const style = moduleStylesheet(new URL('./finances.css', import.meta.url), '/finances/assets', 'finances');

/** Path of the finances stylesheet under the commune (screen layout of the figures, and the one-page print). */
export const financesStylePath = style.path;
export const registerFinancesStyle = style.register;
